#pragma once
// The "Landscape" window: the loss heat map of the first two coordinates with every run's path on it.
#include <imgui.h>

#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Grid resolution asked for with cmd::SetView.
inline constexpr int kLandscapeResolution = 256;
// Seconds the view must stay still before the engine is asked to resample it.
inline constexpr double kViewSettleSeconds = 0.15;
// Seconds a grid must have been on its way before "computing landscape… NN %" is shown: a cheap grid
// that missed the engine's short wait (a busy machine) arrives a frame or two later, and a note
// flashing for one frame would read as flicker.
inline constexpr double kGridNoteDelaySeconds = 0.25;

// Draws into the current window, using `size` pixels from the cursor: a "Reset view" row, the heat
// map `heatmap` (a texture covering snapshot.grid->box, lowest y in its first row as GL
// renders it; null: none) with
// axes, colour bar, legend, paths, start, current points and minimisers, and a hint line below.
// Interaction: wheel zooms about the cursor, left-drag pans (cmd::SetView once the view settles),
// Ctrl+click sets the start of all runs (cmd::SetStart), hovering shows x, f(x) and ∇f(x).
// The view keeps one world unit equally long on both axes (sign steps then look diagonal).
void landscape_panel(const Snapshot& snapshot, UiState& ui, CommandSink& sink, ImTextureID heatmap, ImVec2 size);

}  // namespace signlab::ui
