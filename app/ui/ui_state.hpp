#pragma once
// What the front end remembers between frames (never experiment state: that lives in the engine).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/plot/layers.hpp"
#include "app/plot/line_plot.hpp"
#include "core/engine/sweep.hpp"
#include "core/problems/problem.hpp"
#include "core/spec/param_spec.hpp"
#include <imgui.h>

namespace signlab::ui {

// A run's path on screen: polylines points[from, to) for each (from, to) in pieces; ages[k] is piece
// k's age class (0: the newest quarter of the run's steps … 3: the oldest), drawn fainter with age;
// length is the drawn length in pixels.
struct ScreenPath {
  std::vector<ImVec2> points;
  std::vector<std::pair<int, int>> pieces;
  std::vector<int> ages;
  float length = 0;
};

struct UiState {
  // Landscape view: what the user is looking at. It may run ahead of the engine's sampled grid while
  // zooming; the panel stretches the old texture until the new grid arrives.
  Box view;
  bool view_initialised = false;
  std::string view_problem;    // the problem spec `view` belongs to (reset on problem change)
  double view_changed_at = -1; // ImGui time of the last zoom/pan not yet sent to the engine
  bool view_send_now = false;  // a view change to send without waiting (reset, fit to the plot's shape)
  bool view_fit_contain = true; // next fit to the plot's shape shows all of `view` (new view) or keeps its scale
  std::vector<Box> views_in_flight;  // boxes sent with cmd::SetView that no snapshot has shown yet
  Box view_seen;               // snapshot.view in the last frame: a change we did not send is adopted
  double grid_computing_since = -1;  // ImGui time the snapshot first said a grid is on its way (-1: it is not)
  std::vector<ImVec2> path_scratch, path_simple;  // trajectory polylines, reused from frame to frame
  std::vector<ScreenPath> paths;                   // each run's path on screen in the last frame
  ImVec2 legend_min{0, 0}, legend_max{0, 0};  // where the landscape legend was drawn (empty: none)
  int legend_corner = -1;      // landscape legend: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right
  // Pixel rectangle of the landscape plot area in the last frame (for tests and screenshots).
  ImVec2 landscape_min{0, 0}, landscape_max{0, 0};

  int selected_run = -1;       // run id whose details are shown
  int add_optimizer = 0;       // index in the optimizer registry for the "Add run" combo

  // Problem panel: edits collected here, applied with "Apply" (it resets the runs).
  int problem_index = -1;
  ParamValues problem_params;
  // False when the engine's SPEC uses keys the sliders do not cover (the d-dimensional quadratic,
  // hessian=FILE.csv): the panel then offers only the SPEC text.
  bool problem_spec_readable = true;
  std::string problem_spec_text;       // the SPEC field's contents
  std::string problem_spec_text_seen;  // the engine SPEC it was last filled from
  std::string problem_seen_spec;    // snapshot.problem_spec the edits were last loaded from
  ParamValues problem_seen_params;  // its resolved values (to tell whether there are edits to apply)

  // Speed control mirror (so the slider does not jump while the engine catches up).
  float steps_per_s = 200;
  bool flat_out = false;

  double ui_fps = 0;
  // Why the last autosave failed (the status line shows it until a save succeeds); empty when it worked.
  std::string session_error;

  // Set by the GL front end: a draw callback that turns blending off for opaque images (null in
  // headless tests, where nothing is rasterised).
  ImDrawCallback opaque_begin = nullptr;
  // Set by the GL front end: cached layers (plots redrawn at a lower rate, the heat map copied in
  // instead of drawn). Null in headless tests: everything is drawn directly every frame.
  plot::LayerHost* layers = nullptr;

  // The Curves' x axis: 0 step, 1 oracle evaluations, 2 time in the run's steps (kCurvesAxes).
  int curves_x = 0;
  // Curves panel scratch, one entry per run, reused from frame to frame (no allocation once warm).
  std::vector<std::vector<double>> curve_step, curve_loss, curve_grad;
  std::vector<std::string> curve_labels;
  plot::PlotAxesReport curves_loss_axes, curves_grad_axes;  // what the two plots showed last (tests)

  // Bottom-left area: a tab bar with 0 "Curves", 1 "Geometry" and 2 "Sweep". Set bottom_tab to switch tabs from
  // code (screenshots, tests); a click on a tab updates it. bottom_tab_applied: the tab last seen open.
  int bottom_tab = 0;
  int bottom_tab_applied = -1;

  // Geometry window.
  int geometry_run = -1;        // run id picked in its run selector (-1: none yet)
  int geometry_series = 0;      // the time series shown when only one fits: 0 ρ_diag, 1 L∞/L₂, 2 R, 3 ‖g‖₁/‖g‖₂
  float geometry_rotation = 0;  // θ (or the 2-D angle) slider mirror, so it does not jump while the engine catches up
  std::string geometry_rotation_spec;  // the problem SPEC the mirror was loaded from
  std::string geometry_rotation_sent;  // the last SPEC the slider sent (until a snapshot shows it)
  double geometry_rotation_sent_at = -1;  // ImGui time of that send
  int geometry_axes[2] = {0, 1};          // unit-ball coordinates mirror
  double unit_ball_half_width = 0;        // the unit-ball view's ±E in the last frame (0: nothing to scale by)
  double geometry_axes_sent_at = -1;      // ImGui time of the last cmd::SetGeometryAxes
  std::vector<std::vector<double>> geometry_scratch;  // time-series arrays, reused from frame to frame

  // The teaching demo last loaded (Problem window's picker) and the problem it set up.
  std::string demo_name;
  std::string demo_problem;

  // Oracle controls (Problem window): the edits, loaded from the engine's oracle when that changes.
  int noise_kind = 0;  // 0 exact, 1 Gaussian, 2 Student-t
  ParamValues noise_params;
  int noise_seed = 0;
  std::string noise_seen;  // snapshot noise SPEC + seed the edits were last loaded from

  // Sweep tab: the form of the next sweep (the result lives in the snapshot).
  std::string sweep_optimizer;  // registry name; empty until first drawn (then the selected run's)
  SweepAxis sweep_axes[2];      // sweep_axes[1].param empty: one axis
  int sweep_steps = 1000;

  // Test hook: when `record_items` is set, panels store the screen rectangle of their key widgets
  // under stable names ("play", "step", "reset_view", "problem_combo", "problem_item:beale", ...).
  bool record_items = false;
  std::map<std::string, std::pair<ImVec2, ImVec2>> item_rects;
  // Records the last ImGui item under `name` (no-op unless record_items).
  void note_item(const std::string& name) {
    if (record_items) item_rects[name] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  }
};

}  // namespace signlab::ui
