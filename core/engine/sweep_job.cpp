#include "core/engine/sweep_job.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "core/sys/thread_spawn.hpp"

namespace signlab {

struct SweepJob::Shared {
  std::atomic<bool> cancel{false};
  mutable std::mutex mutex;
  mutable std::condition_variable ended_cv;
  SweepView view;  // guarded by mutex; copied out by view()
  std::uint64_t version = 0;
  bool ended = false;
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();

  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
};

SweepJob::SweepJob(std::uint64_t id, SweepConfig config) : shared_(std::make_shared<Shared>()) {
  SweepView& v = shared_->view;
  v.id = id;
  v.problem_spec = config.problem;
  v.optimizer_spec = config.optimizer;
  v.steps = config.steps;
  v.running = true;
  for (const SweepAxis& a : config.axes) {
    v.params.push_back(a.param);
    v.log_axis.push_back(a.spacing == SweepAxis::Spacing::Log);
  }
  try {
    v.axis_values = sweep_axis_values(config);
  } catch (const std::exception&) {
    // An unknown optimizer: run_sweep reports it below with the full message.
  }
  std::int64_t total = 1;
  for (const auto& values : v.axis_values) total *= static_cast<std::int64_t>(values.size());
  if (v.axis_values.empty() || v.axis_values.size() != config.axes.size()) total = 0;
  if (total > kSweepViewMaxPoints) {
    v.running = false;
    v.error = "sweep: " + std::to_string(total) + " points; the window shows at most " +
              std::to_string(kSweepViewMaxPoints) + " (use `signlab sweep` for larger grids)";
    shared_->ended = true;
    return;
  }
  v.total = total;
  v.loss.assign(static_cast<std::size_t>(total), std::nan(""));
  v.diverged_at.assign(static_cast<std::size_t>(total), -1);

  std::thread worker = sys::try_spawn_thread([s = shared_, config = std::move(config)] {
    std::string error;
    bool cancelled = false;
    try {
      const SweepResult r = run_sweep(
          config,
          [&](const SweepPoint& p, std::int64_t k, std::int64_t done, std::int64_t) {
            std::lock_guard lock(s->mutex);
            SweepView& view = s->view;
            const auto i = static_cast<std::size_t>(k);
            if (i >= view.loss.size()) return;
            view.loss[i] = p.final.loss;
            view.diverged_at[i] = p.diverged_at;
            view.done = done;
            if (view.finished_ok(i) && (view.best < 0 || p.final.loss < view.loss[static_cast<std::size_t>(view.best)]))
              view.best = k;
            view.seconds = s->elapsed();
            ++s->version;
          },
          &s->cancel);
      cancelled = r.cancelled;
    } catch (const std::exception& e) {
      error = e.what();
    }
    {
      std::lock_guard lock(s->mutex);
      s->view.running = false;
      s->view.cancelled = cancelled;
      s->view.error = error;
      s->view.seconds = s->elapsed();
      s->ended = true;
      ++s->version;
    }
    s->ended_cv.notify_all();
  });
  if (worker.joinable()) {
    worker.detach();
    return;
  }
  // Refused (out of threads or memory): the sweep ends at once and says why; the app goes on.
  v.running = false;
  v.error = "sweep: the system refused a thread for it (out of threads or memory)";
  shared_->ended = true;
  ++shared_->version;
  shared_->ended_cv.notify_all();
}

SweepJob::~SweepJob() { cancel(); }

void SweepJob::cancel() { shared_->cancel = true; }

std::uint64_t SweepJob::version() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->version;
}

std::shared_ptr<const SweepView> SweepJob::view() {
  std::lock_guard lock(shared_->mutex);
  if (!cached_ || cached_version_ != shared_->version) {
    cached_ = std::make_shared<const SweepView>(shared_->view);
    cached_version_ = shared_->version;
  }
  return cached_;
}

bool SweepJob::ended() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->ended;
}

void SweepJob::wait() const {
  std::unique_lock lock(shared_->mutex);
  shared_->ended_cv.wait(lock, [&] { return shared_->ended; });
}

}  // namespace signlab
