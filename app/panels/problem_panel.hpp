#pragma once
// The "Problem" window: which objective the runs race on, and its parameters.
#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// A combo over the problem registry (name and formula; picking another problem applies it at once),
// one slider per parameter, and "Apply (resets runs)" sending cmd::SetProblem with the edited SPEC.
void problem_panel(const Snapshot& snapshot, UiState& ui, CommandSink& sink);

}  // namespace signlab::ui
