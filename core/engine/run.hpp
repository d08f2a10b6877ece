#pragma once
// One optimizer racing on the experiment's problem: its parameters, state, position and history.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/engine/float_run.hpp"
#include "core/engine/step_constant_note.hpp"
#include "core/engine/trace.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/noise.hpp"

namespace signlab {

// Failed: the optimizer cannot run on this problem (e.g. muon on a problem without matrix
// parameters); error() says why. Like Diverged, it does not step; a reset on another problem retries.
enum class RunState { Running, Paused, Diverged, Failed };

// Parameters or loss beyond these are treated as a blow-up: the run stops, the others go on.
inline constexpr double kDivergedParam = 1e10;
inline constexpr double kDivergedLoss = 1e100;

struct RunMetrics {
  double loss = 0, grad_l2 = 0, grad_l1 = 0;
};

// The oracle's noise and seed are the experiment's: every run sees the same problem and samples.
// `field`, when set, is the noise already built for (noise, seed) and the problem's dimension: every run
// of an experiment shares it (a finite sum's set-up costs m·d draws). Without it, a run builds its own once.
struct RunOracleSetup {
  NoiseModel noise;
  std::uint64_t seed = 0;
  std::shared_ptr<const NoiseField> field{};
};

// The noise field for `setup` on a problem of dimension d: the shared one when it fits, else a new one
// (validating the model; `control` may cancel it). Never the m·d draws twice for the same setup.
std::shared_ptr<const NoiseField> prepare_noise(const RunOracleSetup& setup, int d,
                                                const NoiseSetupControl* control = nullptr);

// Which arithmetic a run steps in. Auto: the float32 kernel path (core/engine/float_run.hpp) when the
// problem has d ≥ kFloatPathMinDim and the optimizer has a fused kernel; else double.
enum class NumericPath { Auto, Double, Float };

// Δx of the latest step is kept up to this d (the unit-ball view, GeometryTracker::kMaxDim); above, keeping
// x_{t−1} would cost a d-sized copy per run for a view that is not drawn.
inline constexpr int kLastStepMaxDim = 2000;

class Run {
 public:
  using OracleSetup = RunOracleSetup;
  // `start` is read, not kept (the float path holds its own float32 copy; no d-sized double copy per run).
  Run(int id, int color, ResolvedOptimizer opt, const Problem& problem, std::span<const double> start,
      std::size_t trace_capacity, OracleSetup oracle = {});

  // Advances up to n steps (fewer if the run diverges); returns the steps taken.
  std::int64_t advance(std::int64_t n);
  // Back to `start` with zeroed optimizer state and an empty history. `start` must not view this run's own
  // x() (its storage is released first).
  void reset(const Problem& problem, std::span<const double> start);
  void set_oracle(OracleSetup setup) { setup_ = std::move(setup); }
  // Takes effect at the next reset. Float is honoured only where a float rule exists (else double).
  void set_numeric_path(NumericPath path) { path_ = path; }
  bool float_path() const { return float_ != nullptr; }
  // Singular values of the latest orthogonalised update (matrix methods; empty otherwise).
  std::vector<double> last_singular_values() const {
    return optimizer_ ? optimizer_->last_singular_values() : std::vector<double>{};
  }
  // Applies between two steps; the optimizer keeps its state.
  void set_param(const std::string& name, double value);
  void set_paused(bool paused);

  int id() const { return id_; }
  int color() const { return color_; }
  const OptimizerInfo& info() const { return *opt_.info; }
  const ParamValues& params() const { return opt_.values; }
  RunState state() const { return state_; }
  std::int64_t step() const { return step_; }
  std::int64_t evals() const { return oracle_.evals(); }
  // Seconds spent in this run's steps since its start (the engine's steady clock around advance(),
  // without the time its recording takes): the cost axis "wall time" of the Curves. Runs share the
  // engine thread and may be paused or paced, so time since the start would charge them alike.
  double seconds() const { return seconds_; }
  std::int64_t diverged_at() const { return diverged_at_; }
  const std::string& error() const { return error_; }
  // The whole current point (on the float path widened on demand: O(d) time and memory; prefer head()).
  const std::vector<double>& x() const;
  // The first min(k, d) coordinates of the current point.
  std::vector<double> head(std::size_t k) const;
  const DecimatedTrace& trace() const { return trace_; }
  // The latest update Δx = x_t − x_{t−1} (empty before the first step, and above d = kLastStepMaxDim):
  // what the unit-ball view draws.
  std::vector<double> last_step() const;
  // Loss and gradient norms at the current point (instrumentation: not counted as oracle calls).
  RunMetrics metrics() const;
  // One line for the UI: the optimizer's own note (an estimated constant and its cost), else what a fixed
  // step constant means against the exact geometry at the start (gd-l2, steepest-linf; d ≤ kStepNoteMaxDim).
  StepNote note() const;

 private:
  void record();
  double seconds_now() const;
  std::int64_t advance_steps(std::int64_t n);
  bool blown_up() const;
  std::int64_t advance_float(std::int64_t n);
  bool stopped_after_step(bool bad);
  double coord(std::size_t i) const;
  bool keeps_last_step() const { return problem_->dim() <= kLastStepMaxDim; }

  int id_;
  int color_;
  ResolvedOptimizer opt_;
  std::unique_ptr<Optimizer> optimizer_;
  const Problem* problem_;
  Oracle oracle_;
  OracleSetup setup_;
  NumericPath path_ = NumericPath::Auto;
  std::unique_ptr<FloatRun> float_;  // set when this run steps on the float path; then x_ is only a cache
  mutable std::vector<double> x_;
  std::vector<double> before_last_;  // x before the latest step (saved once per advance, not per step)
  std::vector<float> before_last_f_;  // the same on the float path
  mutable std::vector<double> grad_;  // scratch for metrics
  std::int64_t step_ = 0;
  double seconds_ = 0;  // time in steps before the current advance()
  bool advancing_ = false;
  std::chrono::steady_clock::time_point advance_start_;
  double recording_s_ = 0;  // time the current advance() spent recording (not stepping)
  std::int64_t diverged_at_ = -1;
  RunState state_ = RunState::Running;
  std::string error_;
  DecimatedTrace trace_;
  std::optional<StepGeometry> step_geometry_;  // at the start, for note() (only for has_step_constant)
};

}  // namespace signlab
