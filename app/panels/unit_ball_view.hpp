#pragma once
// The Geometry window's unit-ball view: at the selected run's current point, in two coordinates
// (i, j), the ℓ2 disc, ℓ∞ square and ℓ1 diamond of radius lr, the gradient direction, the GD step
// −lr·g, the sign step −lr·sign(g), the ℓ∞ and ℓ2 steepest-descent steps −(‖g‖₁/L∞)·sign(g) and −g/L₂,
// every run's last actual step, and level sets of the local quadratic model m(Δ) = gᵀΔ + ½ΔᵀHΔ
// restricted to the (i, j) plane. Everything shares one world→screen scale, stated in a caption.
#include <imgui.h>

#include <vector>

#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Draws into `size` (<= 0: the available space): for d > 2 a row with two coordinate sliders (sending
// cmd::SetGeometryAxes, mirrored in UiState::geometry_axes), then the square view with its legend
// (each entry's formula and value in a tooltip) to the right. Recorded items: "ball_axis_i",
// "ball_axis_j", "unit_ball".
void unit_ball_view(const Snapshot& snapshot, UiState& ui, CommandSink& sink, ImVec2 size);

// The level set {v = level} of values sampled on an nx × ny grid (values[ix + iy·nx]) by marching
// squares (saddle cells split by the cell's mean), appended to `out` as segment end-point pairs in
// grid coordinates (x ∈ [0, nx − 1], y ∈ [0, ny − 1]). Cells with a non-finite corner are skipped.
void contour_segments(const std::vector<double>& values, int nx, int ny, double level, std::vector<ImVec2>& out);

}  // namespace signlab::ui
