#include "app/cli/progress.hpp"

#include <cstdio>

#include "core/sys/thread_spawn.hpp"

namespace signlab::cli {

ProgressTicker::ProgressTicker(std::string command)
    : command_(std::move(command)), t0_(std::chrono::steady_clock::now()) {
  thread_ = sys::try_spawn_thread([this] { loop(); });
}

ProgressTicker::~ProgressTicker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressTicker::set(const std::string& phase, std::int64_t done, std::int64_t total, const char* unit) {
  std::lock_guard lock(mutex_);
  phase_ = phase;
  total_ = total;
  unit_ = unit;
  done_.store(done);
}

void ProgressTicker::update(std::int64_t done) { done_.store(done, std::memory_order_relaxed); }

void ProgressTicker::quiet() { set(""); }

void ProgressTicker::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_; })) return;
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    if (phase_.empty()) continue;
    if (total_ > 0)
      std::fprintf(stderr, "%s: %s: %lld/%lld %s, %.1f s\n", command_.c_str(), phase_.c_str(),
                   static_cast<long long>(done_.load()), static_cast<long long>(total_), unit_, t);
    else
      std::fprintf(stderr, "%s: %s, %.1f s\n", command_.c_str(), phase_.c_str(), t);
  }
}

}  // namespace signlab::cli
