#include "core/engine/geometry_worker.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "core/sys/thread_spawn.hpp"

namespace signlab {

struct GeometryWorker::Shared {
  mutable std::mutex mutex;
  mutable std::condition_variable cv;
  std::optional<GeometryJob> pending;
  bool running = false;
  bool stop = false;
  std::optional<GeometryResult> done;
  bool no_thread = false;  // the system refused the worker's thread: every job is answered with kNoGeometryThread
};

GeometryWorker::GeometryWorker() : shared_(std::make_shared<Shared>()) {
  std::thread t = sys::try_spawn_thread([s = shared_] { work(s); });
  if (t.joinable()) t.detach();
  else shared_->no_thread = true;  // the Geometry window says why instead of a report
}

GeometryWorker::~GeometryWorker() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->stop = true;
    shared_->pending.reset();
  }
  shared_->cv.notify_all();
}

void GeometryWorker::post(GeometryJob job) {
  {
    std::lock_guard lock(shared_->mutex);
    if (shared_->no_thread) {
      shared_->done = GeometryResult{std::move(job), nullptr, kNoGeometryThread};
      shared_->cv.notify_all();
      return;
    }
    shared_->pending = std::move(job);
  }
  shared_->cv.notify_all();
}

bool GeometryWorker::busy() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->pending.has_value() || shared_->running;
}

bool GeometryWorker::has_result() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->done.has_value();
}

std::optional<GeometryResult> GeometryWorker::take() {
  std::lock_guard lock(shared_->mutex);
  std::optional<GeometryResult> r = std::move(shared_->done);
  shared_->done.reset();
  return r;
}

void GeometryWorker::wait_idle() const {
  std::unique_lock lock(shared_->mutex);
  shared_->cv.wait(lock, [&] { return !shared_->pending && !shared_->running; });
}

void GeometryWorker::work(const std::shared_ptr<Shared>& s) {
  std::unique_lock lock(s->mutex);
  while (true) {
    s->cv.wait(lock, [&] { return s->stop || s->pending.has_value(); });
    if (s->stop) return;
    GeometryResult r;
    r.job = std::move(*s->pending);
    s->pending.reset();
    s->running = true;
    lock.unlock();
    try {
      r.report = std::make_shared<const geometry::GeometryReport>(geometry::compute_geometry(*r.job.problem, r.job.x));
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    lock.lock();
    s->running = false;
    s->done = std::move(r);
    s->cv.notify_all();
  }
}

}  // namespace signlab
