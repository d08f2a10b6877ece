#pragma once
// The kernels' thread pool: persistent workers (hardware threads − 1 of them; the calling thread is the
// first participant), woken per call without any allocation. A call hands out a plain function pointer and
// a context pointer and splits [0, items) into contiguous parts. Parts are claimed, not assigned: the caller
// and the workers take the next unclaimed part until none is left, so a worker that the OS has not
// scheduled yet (a loaded, shared machine) costs nothing: the caller does its part too, and the call is
// never slower than running alone by more than a wake-up. Workers spin briefly after a job (consecutive
// optimizer steps come back within microseconds) and then sleep on a condition variable.
//
// Concurrent callers: one call owns the pool at a time; a call that finds it busy (another thread's kernel,
// or a kernel called from inside a task) runs all its parts on its own thread instead of waiting, so the
// pool can never deadlock and results do not change (parts write disjoint ranges).
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace signlab::kernels {

class ThreadPool {
 public:
  // task(ctx, begin, end): process items [begin, end).
  using Task = void (*)(void* ctx, std::size_t begin, std::size_t end);

  // `threads` participants in total, the caller included (at least 1); fewer when the system refuses
  // threads (size() tells how many there are).
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // The process-wide pool used by the kernels: std::thread::hardware_concurrency() participants.
  static ThreadPool& global();

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  // Runs task over [0, items) in min(parts, size()) contiguous parts: part i covers
  // [items·i/parts, items·(i+1)/parts). Returns when every part is done.
  void run(std::size_t items, unsigned parts, Task task, void* ctx);

 private:
  void worker_loop(unsigned index);

  std::vector<std::thread> workers_;
  std::mutex call_mutex_;  // held by the caller that owns the pool for one run()

  // Claims the next part of job `gen` (parts as published with it) and runs it; false when none is left.
  bool run_one(std::uint32_t gen);

  // The current job's task, written by the owning caller before the job is published in claim_; read only
  // by whoever has claimed a part of it (the job cannot finish, so they cannot change, before that part).
  Task task_ = nullptr;
  void* ctx_ = nullptr;
  std::size_t items_ = 0;

  // The job word: generation (bits 32..63) | parts (bits 16..31) | next unclaimed part (bits 0..15).
  // One atomic, so a claim (compare-exchange) can never take a part of a newer job.
  std::atomic<std::uint64_t> claim_{0};
  std::atomic<unsigned> done_{0};      // parts finished in the current job
  std::atomic<unsigned> sleepers_{0};  // workers blocked on wake_ (the caller notifies only then)
  std::atomic<bool> caller_sleeping_{false};
  std::atomic<bool> stop_{false};
  std::mutex sleep_mutex_;
  std::condition_variable wake_;  // workers: a new job or stop
  std::condition_variable finished_;  // caller: every part of the job is done
};

}  // namespace signlab::kernels
