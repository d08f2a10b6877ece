#pragma once
// Computes landscape grids away from the engine thread, one at a time. A 256² grid costs 65 536
// evaluations of f: about a millisecond for an analytic 2-D problem, tens of seconds where one f costs
// milliseconds (a dense d = 2000 quadratic, a data set). Computed on the engine thread such a grid
// froze every command and run behind it.
//
// Only the newest request matters (the user has zoomed or panned on since): posting one replaces a
// request still waiting and stops the one in progress at its next row. Requests carry the engine's
// generation so the engine can drop an answer to a question it no longer asks.
//
// Like the GeometryWorker, the thread is detached on destruction rather than joined: a row of an
// expensive problem can take a second, and closing the app must not wait for it. The job owns what it
// reads (problem and plane centre by shared_ptr, immutable), the result goes to a shared state that
// outlives both, and the job in progress is told to stop at its next row.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/landscape/grid.hpp"
#include "core/problems/problem.hpp"

namespace signlab {

struct GridJob {
  std::shared_ptr<const Problem> problem;
  Box box;
  int n = 0;  // n × n samples
  // For d > 2: the point whose (x0, x1) plane is sampled (its other coordinates are kept); null: zeros.
  std::shared_ptr<const std::vector<double>> base;
  std::uint64_t generation = 0;
  // What `base` is, for the picture's caption: the start (-1) or run plane_run's point at plane_step.
  int plane_run = -1;
  std::int64_t plane_step = 0;
};

struct GridResult {
  GridJob job;
  std::shared_ptr<const LandscapeGrid> grid;  // null when it failed
  std::string error;
  // A coarse first picture (kPreviewResolution² over the same box) of a job still in progress: shown at
  // once, replaced by the full grid when it comes.
  bool preview = false;
};

// Planes of d > 2 problems cost a data set pass or a dense product per point (seconds for 256²): those are
// first computed at this resolution (1/16 of the work of 256²), so a picture of the view arrives quickly.
inline constexpr int kPreviewResolution = 64;

// The answer to every job when the system refused the worker's thread (out of threads or memory).
inline constexpr const char* kNoGridThread =
    "no heat map: the system refused a thread for the landscape (out of threads or memory)";

class GridWorker {
 public:
  // Never throws for want of a thread: without one, every job is answered at once with kNoGridThread.
  GridWorker();
  ~GridWorker();
  GridWorker(const GridWorker&) = delete;
  GridWorker& operator=(const GridWorker&) = delete;

  // Queues `job`, replacing one that has not started and stopping the one in progress at its next row.
  void post(GridJob job);
  // A job waiting or in progress.
  bool busy() const;
  // The share done of the newest job: 0 while it waits, 1 once finished.
  double progress() const;
  // The newest finished result, once (older unread ones are dropped): a job's preview, then its full grid.
  std::optional<GridResult> take();
  // Waits at most `timeout` for a result of `generation` (a preview counts); true when it is there to take.
  bool wait_for(std::uint64_t generation, std::chrono::duration<double> timeout) const;
  // Blocks until idle (tests).
  void wait_idle() const;
  // Jobs stopped part-way because a newer one arrived (tests).
  std::uint64_t stopped() const;

 private:
  struct Shared;
  static void work(const std::shared_ptr<Shared>& s);
  std::shared_ptr<Shared> shared_;
};

}  // namespace signlab
