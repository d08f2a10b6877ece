#include "core/engine/grid_worker.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "core/sys/thread_spawn.hpp"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace signlab {

struct GridWorker::Shared {
  mutable std::mutex mutex;
  mutable std::condition_variable cv;
  std::optional<GridJob> pending;
  bool running = false;
  bool stop = false;
  std::optional<GridResult> done;
  std::uint64_t stopped = 0;
  // Read by the job between rows without the mutex (set under it).
  std::atomic<bool> cancel{false};
  std::atomic<double> progress{0.0};
  bool no_thread = false;  // the system refused the worker's thread: every job is answered with kNoGridThread
};

GridWorker::GridWorker() : shared_(std::make_shared<Shared>()) {
  std::thread t = sys::try_spawn_thread([s = shared_] { work(s); });
  if (t.joinable()) t.detach();
  else shared_->no_thread = true;  // the app goes on without a heat map, and says why
}

GridWorker::~GridWorker() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->stop = true;
    shared_->pending.reset();
    shared_->cancel = true;
  }
  shared_->cv.notify_all();
}

void GridWorker::post(GridJob job) {
  {
    std::lock_guard lock(shared_->mutex);
    if (shared_->no_thread) {
      shared_->done = GridResult{std::move(job), nullptr, kNoGridThread};
      shared_->cv.notify_all();
      return;
    }
    shared_->pending = std::move(job);
    if (shared_->running) shared_->cancel = true;
  }
  shared_->cv.notify_all();
}

bool GridWorker::busy() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->pending.has_value() || shared_->running;
}

double GridWorker::progress() const {
  std::lock_guard lock(shared_->mutex);
  if (shared_->pending) return 0.0;
  return shared_->running ? shared_->progress.load() : 1.0;
}

std::optional<GridResult> GridWorker::take() {
  std::lock_guard lock(shared_->mutex);
  std::optional<GridResult> r = std::move(shared_->done);
  shared_->done.reset();
  return r;
}

bool GridWorker::wait_for(std::uint64_t generation, std::chrono::duration<double> timeout) const {
  std::unique_lock lock(shared_->mutex);
  return shared_->cv.wait_for(lock, timeout, [&] { return shared_->done && shared_->done->job.generation == generation; });
}

void GridWorker::wait_idle() const {
  std::unique_lock lock(shared_->mutex);
  shared_->cv.wait(lock, [&] { return !shared_->pending && !shared_->running; });
}

std::uint64_t GridWorker::stopped() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->stopped;
}

void GridWorker::work(const std::shared_ptr<Shared>& s) {
#ifdef __linux__
  // A background picture: on a machine with few cores the runs and the UI come first (Linux nice is per
  // thread). Failure (a sandbox forbidding it) only leaves the default priority.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
  std::unique_lock lock(s->mutex);
  while (true) {
    s->cv.wait(lock, [&] { return s->stop || s->pending.has_value(); });
    if (s->stop) return;
    GridResult r;
    r.job = std::move(*s->pending);
    s->pending.reset();
    s->running = true;
    s->cancel = false;
    s->progress = 0.0;
    lock.unlock();
    bool finished = true;
    const std::vector<double> origin;
    const std::vector<double>& base = r.job.base ? *r.job.base : origin;
    try {
      const Problem& p = *r.job.problem;
      const bool preview = p.dim() > 2 && r.job.n > kPreviewResolution;
      // One progress bar over both: the preview's share of the samples, then the rest.
      const double preview_share =
          preview ? 1.0 / (1.0 + static_cast<double>(r.job.n) * r.job.n / (kPreviewResolution * kPreviewResolution)) : 0.0;
      auto report = [&](double from, double span) {
        return [&s, from, span](double done) {
          s->progress.store(from + span * done, std::memory_order_relaxed);
          return !s->cancel.load(std::memory_order_relaxed);
        };
      };
      if (preview) {
        auto g = compute_grid_cancellable(p, r.job.box, kPreviewResolution, kPreviewResolution, base,
                                          report(0.0, preview_share));
        if (g) {
          GridResult first;
          first.job = r.job;
          first.grid = std::make_shared<const LandscapeGrid>(std::move(*g));
          first.preview = true;
          std::lock_guard guard(s->mutex);
          s->done = std::move(first);
          s->cv.notify_all();
        } else {
          finished = false;
        }
      }
      if (finished) {
        auto g = compute_grid_cancellable(p, r.job.box, r.job.n, r.job.n, base, report(preview_share, 1.0 - preview_share));
        if (g) r.grid = std::make_shared<const LandscapeGrid>(std::move(*g));
        else finished = false;
      }
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    lock.lock();
    s->running = false;
    if (finished) s->done = std::move(r);
    else ++s->stopped;
    s->cv.notify_all();
  }
}

}  // namespace signlab
