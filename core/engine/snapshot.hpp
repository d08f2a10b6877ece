#pragma once
// An immutable picture of the experiment, published by the engine thread. The UI keeps the latest one
// it got and reads it without any lock while drawing.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/run.hpp"
#include "core/engine/sweep_job.hpp"
#include "core/geometry/geometry.hpp"
#include "core/landscape/grid.hpp"

namespace signlab {

// A snapshot copies at most this many coordinates of a run's point (the UI shows two; large-d runs would
// otherwise copy megabytes per publish).
inline constexpr std::size_t kRunViewCoords = 4096;

struct RunView {
  int id = 0;
  int color = 0;  // colour slot, stable for the run's life
  std::string optimizer;  // canonical name
  bool float_path = false;  // steps on the float32 kernel path (large d) rather than in double
  std::string spec;       // name:non-default params
  ParamValues params;
  RunState state = RunState::Running;
  std::int64_t step = 0;
  std::int64_t evals = 0;
  double seconds = 0;     // time spent in its steps (Run::seconds)
  std::int64_t diverged_at = -1;
  std::string error;      // why a Failed run cannot run
  std::string note;       // Run::note(): an estimated step constant, or what a fixed one means here
  bool note_warns = false;  // the fixed constant is too small for the descent guarantee
  std::vector<double> singular_values;  // of the latest orthogonalised update (matrix methods)
  std::vector<double> x;  // current point: its first kRunViewCoords coordinates (all of them when d is small)
  RunMetrics now;         // at x
  std::vector<TracePoint> trace;  // decimated history, ends at or before `step`
};

// Geometry at one point of the selected run's path (ALGORITHMS.md, "Geometry").
struct GeometrySample {
  std::int64_t step = 0;
  double rho_diag = 0;                  // Σ|H_ii| / Σ|H_ij|
  double linf_lower = 0, linf_upper = 0;  // certified bracket of L∞ (equal when exact)
  double l2_smooth = 0;                 // L₂
  double progress_ratio = 0;            // R = φ(g)·d·L₂/L∞ (R > 1: sign descent is guaranteed more)
  double l1_l2_ratio = 0;               // ‖g‖₁/‖g‖₂ (compare with √d)
  double local_linf = 0, local_l2 = 0;  // ‖Δg‖₁/‖Δx‖∞ and ‖Δg‖₂/‖Δx‖₂ from the previous sample (NaN first)
};

// A run's most recent update Δx = x_t − x_{t−1} (empty before its first step).
struct RunStepView {
  int run_id = 0;
  int color = 0;
  std::vector<double> dx;
};

// What the Geometry window shows: the selected run at its current point, and along its path.
struct GeometryView {
  int run_id = -1;                                    // -1: no run selected (or none left)
  std::int64_t step = 0;
  std::vector<double> x;                              // the point the report is about
  std::shared_ptr<const geometry::GeometryReport> report;  // H (dense, d ≤ 2000), spectrum, L∞, g, R
  std::vector<GeometrySample> series;                 // along the run's decimated trace
  std::vector<RunStepView> last_steps;                // every run's latest step, for the unit-ball view
  double lr = 0;                                      // the selected run's lr (scales the unit balls)
  int axis_i = 0, axis_j = 1;                         // the two coordinates the unit-ball view shows
  std::string error;                                  // why there is no report (e.g. d too large)
};

// Costly set-up inside a command (a finite sum's m·d draws, on SetOracle or SetProblem): what it is and how
// far it has come, in `unit`s. Published while it runs; `what` is empty when nothing is being set up.
struct SetupProgress {
  std::string what;
  std::int64_t done = 0, total = 0;
  std::string unit;
  bool active() const { return !what.empty(); }
};

struct Snapshot {
  std::uint64_t seq = 0;
  std::uint64_t applied_ticket = 0;
  std::string problem_spec;
  std::string problem_name;
  std::shared_ptr<const Problem> problem;  // immutable: safe to evaluate from the UI thread
  int dim = 0;
  std::shared_ptr<const std::vector<double>> start;  // the runs' common start (shared with the engine)
  const std::vector<double>& start_point() const {
    static const std::vector<double> kNone;
    return start ? *start : kNone;
  }
  std::vector<std::array<double, 2>> minimizers_xy;  // the problem's known minimisers, first two coordinates
  Box view;                                      // the landscape region last requested
  // The newest finished grid of this problem, sampled over its own grid->box: while a newer one is
  // computed (grid_computing) it may be of an older view, or null (a new problem, nothing finished yet).
  std::shared_ptr<const LandscapeGrid> grid;
  bool grid_computing = false;  // a grid for the current view is on its way
  std::string grid_error;       // why the newest grid request has no picture (empty: none failed)
  double grid_progress = 1.0;   // its share done, 0..1
  // d > 2: the plane `grid` shows goes through grid_centre (null: the start), which is the start
  // (grid_plane_run -1) or run grid_plane_run's point at step grid_plane_step.
  std::shared_ptr<const std::vector<double>> grid_centre;
  int grid_plane_run = -1;
  std::int64_t grid_plane_step = 0;
  int slice_run = -1;  // the plane asked for with cmd::SetSlicePlane (-1: through the start)
  std::vector<RunView> runs;
  bool playing = false;
  bool flat_out = false;
  double steps_per_s = 0;          // requested speed per run
  // Measured, all runs together, over at least 2 s and 2 step chunks (RateMeter); nullopt until then.
  std::optional<double> engine_steps_per_s;
  std::int64_t total_steps = 0;
  // A saved session being replayed (cmd::Replay): steps per run still to take, of replay_total.
  std::int64_t replay_left = 0, replay_total = 0;
  std::string last_error;          // the last command the engine refused, and why
  SetupProgress setup;             // the set-up the engine is busy with (it stops when a newer command comes)
  GeometryView geometry;
  std::shared_ptr<const SweepView> sweep;  // the latest sweep (null before the first)
  std::string noise_spec = "none";         // the runs' oracle (format_noise_spec) and its seed
  std::uint64_t seed = 0;
};

}  // namespace signlab
