#pragma once
// Ctrl+C for the long CLI commands: while an InterruptGuard lives, SIGINT sets a flag that the work reads
// (between steps, sweep chunks, finite-sum components) instead of killing the process, so what finished
// is still written and the command exits with 130. The previous handler comes back when it ends.
#include <atomic>

namespace signlab::cli {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  const std::atomic<bool>& flag() const;
  bool interrupted() const { return flag().load(); }

 private:
  void (*previous_)(int) = nullptr;
};

}  // namespace signlab::cli
