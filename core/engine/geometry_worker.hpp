#pragma once
// Computes geometry reports away from the engine thread, one at a time. A report of a d = 2000 problem
// takes seconds (the certified L∞ bracket); computed on the engine thread it would hold up every command
// and snapshot behind it. The engine posts the latest request — a newer one replaces a request still
// waiting — and collects finished results without ever blocking.
//
// The worker thread is detached on destruction rather than joined: a report cannot be interrupted, and an
// app closing must not wait seconds for one nobody will read. The job owns everything it reads (the
// problem by shared_ptr, the point by value), and the result goes to a shared state that outlives both.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/geometry.hpp"
#include "core/problems/problem.hpp"

namespace signlab {

struct GeometryJob {
  std::shared_ptr<const Problem> problem;
  std::vector<double> x;
  std::int64_t step = 0;
  std::uint64_t generation = 0;  // the tracker's epoch: results of an older epoch are dropped
};

struct GeometryResult {
  GeometryJob job;
  std::shared_ptr<const geometry::GeometryReport> report;  // null when it failed
  std::string error;
};

// The answer to every job when the system refused the worker's thread (out of threads or memory).
inline constexpr const char* kNoGeometryThread =
    "no geometry report: the system refused a thread for it (out of threads or memory)";

class GeometryWorker {
 public:
  // Never throws for want of a thread: without one, every job is answered at once with kNoGeometryThread.
  GeometryWorker();
  ~GeometryWorker();
  GeometryWorker(const GeometryWorker&) = delete;
  GeometryWorker& operator=(const GeometryWorker&) = delete;

  // Queues `job`, replacing one that has not started.
  void post(GeometryJob job);
  // A job waiting or in progress.
  bool busy() const;
  // A finished result waits to be taken.
  bool has_result() const;
  // The newest finished result, once (older unread ones are dropped).
  std::optional<GeometryResult> take();
  // Blocks until idle (tests and the synchronous CLI paths).
  void wait_idle() const;

 private:
  struct Shared;
  static void work(const std::shared_ptr<Shared>& s);
  std::shared_ptr<Shared> shared_;
};

}  // namespace signlab
