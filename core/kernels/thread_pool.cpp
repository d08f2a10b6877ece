#include "core/kernels/thread_pool.hpp"
#include "core/sys/thread_spawn.hpp"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace signlab::kernels {

namespace {

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

// How long a waiting thread spins before it sleeps: a few tens of microseconds, long enough to catch
// the next step of a tight optimizer loop, short enough not to burn a shared core.
constexpr int kSpinIterations = 1 << 13;

}  // namespace

ThreadPool::ThreadPool(unsigned threads) {
  const unsigned n = std::max(1u, threads);
  workers_.reserve(n - 1);
  // Fewer workers when the system refuses threads: parts are claimed, not assigned, and the caller takes
  // its share, so every call still completes with the same results (even with no worker at all).
  for (unsigned i = 1; i < n; ++i) {
    std::thread t = sys::try_spawn_thread([this, i] { worker_loop(i); });
    if (!t.joinable()) break;
    workers_.push_back(std::move(t));
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(sleep_mutex_);
    stop_.store(true);
    claim_.fetch_add(std::uint64_t{1} << 32);  // a new generation wakes every worker
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

ThreadPool& ThreadPool::global() {
  static ThreadPool pool(std::max(1u, std::thread::hardware_concurrency()));
  return pool;
}

bool ThreadPool::run_one(std::uint32_t gen) {
  std::uint64_t c = claim_.load(std::memory_order_acquire);
  for (;;) {
    const auto g = static_cast<std::uint32_t>(c >> 32);
    const auto parts = static_cast<unsigned>((c >> 16) & 0xFFFF);
    const auto next = static_cast<unsigned>(c & 0xFFFF);
    if (g != gen || next >= parts) return false;
    if (claim_.compare_exchange_weak(c, c + 1, std::memory_order_acq_rel, std::memory_order_acquire)) {
      const std::size_t begin = items_ * next / parts;
      const std::size_t end = items_ * (next + 1) / parts;
      if (begin < end) task_(ctx_, begin, end);
      if (done_.fetch_add(1) + 1 == parts && caller_sleeping_.load()) {
        std::lock_guard<std::mutex> lock(sleep_mutex_);
        finished_.notify_one();
      }
      return true;
    }
  }
}

void ThreadPool::run(std::size_t items, unsigned parts, Task task, void* ctx) {
  parts = std::min({parts, size(), 0xFFFFu});
  if (parts <= 1 || items < 2) {
    task(ctx, 0, items);
    return;
  }
  std::unique_lock<std::mutex> owner(call_mutex_, std::try_to_lock);
  if (!owner.owns_lock()) {  // busy: do every part here, in order
    task(ctx, 0, items);
    return;
  }
  task_ = task;
  ctx_ = ctx;
  items_ = items;
  done_.store(0);
  const auto gen = static_cast<std::uint32_t>((claim_.load() >> 32) + 1);
  claim_.store((std::uint64_t{gen} << 32) | (std::uint64_t{parts} << 16));  // seq_cst: pairs with sleepers_
  if (sleepers_.load() > 0) {
    { std::lock_guard<std::mutex> lock(sleep_mutex_); }
    wake_.notify_all();
  }

  while (run_one(gen)) {
  }
  // Every part is claimed; wait for the ones workers are still running.
  for (int spin = 0; done_.load(std::memory_order_acquire) != parts; ++spin) {
    if (spin < kSpinIterations) {
      cpu_relax();
      continue;
    }
    std::unique_lock<std::mutex> lock(sleep_mutex_);
    caller_sleeping_.store(true);
    finished_.wait(lock, [&] { return done_.load() == parts; });
    caller_sleeping_.store(false);
    break;
  }
}

void ThreadPool::worker_loop(unsigned /*index*/) {
  std::uint32_t seen = 0;
  auto generation = [this] { return static_cast<std::uint32_t>(claim_.load(std::memory_order_acquire) >> 32); };
  for (;;) {
    // Wait for a new generation: spin, then sleep.
    std::uint32_t gen = generation();
    for (int spin = 0; gen == seen && spin < kSpinIterations; ++spin) {
      cpu_relax();
      gen = generation();
    }
    if (gen == seen) {
      std::unique_lock<std::mutex> lock(sleep_mutex_);
      sleepers_.fetch_add(1);  // seq_cst, then the predicate reads claim_ (seq_cst)
      wake_.wait(lock, [&] { return static_cast<std::uint32_t>(claim_.load() >> 32) != seen; });
      sleepers_.fetch_sub(1);
      gen = generation();
    }
    seen = gen;
    if (stop_.load()) return;
    while (run_one(gen)) {
    }
  }
}

}  // namespace signlab::kernels
