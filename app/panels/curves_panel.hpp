#pragma once
// The "Curves" window: loss and gradient norm against step, one line per run in its colour.
#include <imgui.h>

#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// A row choosing the x axis (UiState::curves_x: step, oracle evaluations, or the seconds the engine
// spent in the run's steps), then two line plots side by side filling the rest of `size` (<= 0: the
// available space): loss against that axis (log y;
// linear when some loss is negative, as on the saddle; exact zeros and values more than 12 decades
// below the top drawn at the bottom edge, with a note saying so) and ‖g‖₂ (log y). Data come from RunView::trace plus the current point; the
// arrays live in UiState's scratch vectors.
void curves_panel(const Snapshot& snapshot, UiState& ui, CommandSink& sink, ImVec2 size);

}  // namespace signlab::ui
