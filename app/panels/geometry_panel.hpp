#pragma once
// The "Geometry" window (issue 4): when does sign descent (steepest ℓ∞) beat gradient descent (steepest
// ℓ2)? For the selected run at its current point: the Hessian as a heat map with the numbers that
// decide it (ρ_diag, spectrum, L∞, L₂, gradient density, the progress ratio R), their history along the
// run, the unit-ball view, and for the quadratic family a rotation slider that re-runs the race live.
#include <imgui.h>

#include <optional>
#include <string>

#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Fills `size` (<= 0: the available space). Top row: the run selector (combo over snapshot.runs in
// run colour, sending cmd::SelectRun; remembered in UiState::geometry_run; the first run is selected
// once when none is), the step and the verdict line; for the quadratic family the rotation slider
// (cmd::SetProblem{spec, keep_progress = true}) and its caption. Below, three columns: Hessian heat map
// + colour bar + numbers (each with a tooltip) | time series along the run | unit_ball_view().
// Recorded items (UiState::note_item): "geo_run_combo", "geo_run_item:<id>", "geo_verdict",
// "geo_rotation", "geo_heatmap", "geo_series:<k>", "geo_series_plot", plus unit_ball_view()'s.
void geometry_panel(const Snapshot& snapshot, UiState& ui, CommandSink& sink, ImVec2 size);

// Which method the progress ratio R favours at this point.
struct GeometryVerdict {
  int winner = 0;        // +1: sign (steepest ℓ∞) descent, −1: gradient descent, 0: undecided (R = 1 or NaN)
  bool certain = true;   // false when the certified bracket of R straddles 1
  std::string text;      // e.g. "R = 2.41 > 1: sign wins here"
};
GeometryVerdict geometry_verdict(const geometry::GeometryReport& report);

// The rotation parameter of the quadratic family, when the problem has one: `theta` (radians,
// d-dimensional family quadratic:d=..,ratio=..,theta=..,seed=..) or `angle` (degrees, the 2-D family).
// Absent keys take their defaults; none for other problems or quadratic:hessian=FILE.
struct RotationControl {
  std::string key;
  double value = 0.0, min = 0.0, max = 1.0;
  bool degrees = false;
};
std::optional<RotationControl> rotation_control(const std::string& problem_name, const std::string& problem_spec);

// `spec` with `key` set to `value` (replaced where it is, else appended), e.g.
// spec_with_value("quadratic:d=10,theta=0,seed=2", "theta", 0.5) == "quadratic:d=10,theta=0.5,seed=2".
std::string spec_with_value(const std::string& spec, const std::string& key, double value);

}  // namespace signlab::ui
