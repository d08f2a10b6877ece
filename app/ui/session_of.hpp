#pragma once
// What the GUI autosaves: the session as the snapshot and the window's own choices show it, as a Scenario
// that reopens it (`signlab --scenario last`).
#include "app/ui/ui_state.hpp"
#include "core/engine/snapshot.hpp"
#include "core/io/scenario.hpp"

namespace signlab::ui {

// The problem, runs, start (small problems), speed, oracle and steps reached of `s`, and the Curves' x axis
// of `ui`, so a reopened session comes back on the same axis.
Scenario session_of(const Snapshot& s, const UiState& ui);

}  // namespace signlab::ui
