#pragma once
// Hyperparameter sweeps: one optimizer SPEC run on a grid of parameter values (`signlab sweep`), every
// grid point a fresh run from the same start on the same problem, with the same oracle seed, so the
// points differ only in the swept values. Points are spread over worker threads; the results do not
// depend on how many threads there are or in which order points finish.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/run.hpp"

namespace signlab {

// One swept parameter: `count` values from lo to hi, evenly spaced (Lin) or evenly spaced in log (Log).
struct SweepAxis {
  enum class Spacing { Lin, Log };
  std::string param;
  double lo = 0, hi = 0;
  Spacing spacing = Spacing::Lin;
  int count = 1;
  // The values, lo first and hi exactly last (count = 1: just lo).
  std::vector<double> values() const;
};

inline constexpr int kSweepMaxCount = 10'000;            // values per axis
inline constexpr std::int64_t kSweepMaxPoints = 1'000'000;  // grid points in all

// Parses "lr=1e-4:1e-1:log:16" (name=lo:hi:lin|log:count); throws SpecError naming the bad part.
SweepAxis parse_sweep_axis(std::string_view text);

struct SweepConfig {
  std::string problem;                // problem SPEC
  std::string optimizer;              // optimizer SPEC: the values of everything not swept
  std::vector<SweepAxis> axes;        // the first axis varies slowest
  std::int64_t steps = 0;             // updates per point
  RunOracleSetup oracle;              // the same noise and seed for every point
  std::vector<double> start;          // empty: the problem's default start
  unsigned threads = 0;               // 0: one per hardware thread
};

// Where one grid point ended.
struct SweepPoint {
  std::vector<double> values;   // the swept values, in axis order
  std::int64_t steps = 0;       // updates taken (fewer than asked when it diverged)
  std::int64_t evals = 0;       // oracle calls (gradients, function values or comparisons)
  RunMetrics final;             // loss and gradient norms at the last point
  std::int64_t diverged_at = -1;  // the step it blew up at, or −1
};

struct SweepResult {
  std::vector<std::string> params;  // the swept parameter names, in axis order
  std::vector<SweepPoint> points;   // row-major over the axes (the last axis varies fastest)
  bool cancelled = false;           // stopped early: points then holds only the points that finished
  unsigned threads = 0;             // threads that ran points (the caller's included)
  unsigned threads_asked = 0;       // what was asked (fewer ran when the system refused some)
};

// Called after each finished point with the point, its flat index in the grid, and how many of `total`
// are done; serialised (never two at once), from the worker threads.
using SweepProgress =
    std::function<void(const SweepPoint& point, std::int64_t index, std::int64_t done, std::int64_t total)>;

// Validates everything before any run starts (problem and optimizer SPECs, parameter names, every grid
// value against the parameter's range, the optimizer running on the problem, the grid size) and throws
// SpecError or std::invalid_argument with one clear line. `progress` is called after each finished point. When `cancel` becomes true the sweep stops as
// soon as the running points finish their current chunk, and the result is marked cancelled (its points
// are then the ones that finished, still in grid order, with unfinished ones removed).
// `setup_progress(done, m)` reports a finite sum's set-up (m·d draws, done once before the first point).
SweepResult run_sweep(const SweepConfig& config, const SweepProgress& progress = {},
                      const std::atomic<bool>* cancel = nullptr,
                      const std::function<void(std::int64_t done, std::int64_t total)>& setup_progress = {});

// The values of grid point `index` (row-major: the last axis varies fastest), one per axis.
std::vector<double> sweep_point_values(const std::vector<std::vector<double>>& axis_values, std::int64_t index);

// The grid values of every axis (what run_sweep checks and runs), e.g. for showing a grid before its
// points arrive. Rounds whole-number parameters like run_sweep; does not validate.
std::vector<std::vector<double>> sweep_axis_values(const SweepConfig& config);

}  // namespace signlab
