#pragma once
// The "demo" picker at the top of the Problem window: loads a built-in teaching demo (core/io/demos.cpp)
// into the running app — its problem, runs, oracle and start — and shows what to watch for.
#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"
#include "core/io/scenario.hpp"

namespace signlab::ui {

// Recorded items: "demo_combo", "demo_item:<name>".
void demo_picker(const Snapshot& snapshot, UiState& ui, CommandSink& sink);

// The commands that turn the current experiment into `demo`: the problem, the runs (the old ones
// removed), the oracle, the start, then play.
std::vector<Command> demo_commands(const Snapshot& snapshot, const Scenario& demo);

}  // namespace signlab::ui
