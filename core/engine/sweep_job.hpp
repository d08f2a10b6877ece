#pragma once
// A hyperparameter sweep (core/engine/sweep.hpp) for the GUI: it runs on its own threads so the engine
// keeps stepping the race, and its points appear as they finish. The engine owns the job; snapshots carry
// an immutable SweepView of it.
//
// The job's thread is detached, not joined, and everything it touches lives in a shared state: a newer
// sweep cancels the old one without the engine thread waiting for it to reach a chunk boundary. Whoever
// ends the process waits (wait()) for jobs still stopping: the engine does so in its destructor.
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/sweep.hpp"

namespace signlab {

// The GUI's grids stay small enough to draw cell by cell and to copy into snapshots.
inline constexpr std::int64_t kSweepViewMaxPoints = 4096;

struct SweepView {
  std::uint64_t id = 0;              // which sweep (the engine counts them)
  std::string problem_spec;          // what it ran on: a later problem change does not change these numbers
  std::string optimizer_spec;        // the values of everything not swept
  std::vector<std::string> params;   // the swept names, in axis order (1 or 2 in the GUI)
  std::vector<std::vector<double>> axis_values;
  std::vector<bool> log_axis;
  std::int64_t steps = 0;            // per point
  // Per grid point, row-major (the last axis fastest); NaN and -1 until the point finishes.
  std::vector<double> loss;
  std::vector<std::int64_t> diverged_at;
  std::int64_t done = 0, total = 0;
  bool running = false;
  bool cancelled = false;
  std::string error;                 // why it did not run (bad values, optimizer not applicable ...)
  double seconds = 0;                // wall time so far
  std::int64_t best = -1;            // the finished, non-diverged point with the lowest loss, or -1

  // Point k finished without diverging, at a finite loss: it has a colour and can be the best.
  bool finished_ok(std::size_t k) const { return diverged_at[k] < 0 && std::isfinite(loss[k]); }
};

class SweepJob {
 public:
  // Starts at once; errors (invalid grid, optimizer not applicable) end the job with view().error set.
  SweepJob(std::uint64_t id, SweepConfig config);
  ~SweepJob();  // cancels
  SweepJob(const SweepJob&) = delete;
  SweepJob& operator=(const SweepJob&) = delete;

  void cancel();
  // Increases whenever the view changes (a point finished, the job ended).
  std::uint64_t version() const;
  // The current state, rebuilt only when version() moved since the last call.
  std::shared_ptr<const SweepView> view();
  // Blocks until the job has ended (tests, headless callers, and the engine on exit: a sweep thread
  // still running while the process tears down its statics would read destroyed registries).
  void wait() const;
  bool ended() const;

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
  std::shared_ptr<const SweepView> cached_;
  std::uint64_t cached_version_ = std::numeric_limits<std::uint64_t>::max();
};

}  // namespace signlab
