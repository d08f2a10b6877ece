#pragma once
// One line at the bottom of the screen: engine speed, UI frame rate, run count, problem, last error.
#include "app/ui/ui_state.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Draws into the current window: "engine 12.3 M steps/s · UI 60 fps · 4 runs · rosenbrock", then the
// engine's last refused command in red when there is one.
void status_bar(const Snapshot& snapshot, const UiState& ui);

}  // namespace signlab::ui
