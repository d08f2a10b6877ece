#include "core/sys/thread_spawn.hpp"

#include <atomic>
#include <cstdlib>

namespace signlab::sys {
namespace {

std::atomic<long long>& remaining() {
  static std::atomic<long long> left = [] {
    const char* env = std::getenv("SIGNLAB_TEST_THREAD_LIMIT");
    return env && *env ? std::atoll(env) : -1LL;
  }();
  return left;
}

}  // namespace

namespace detail {
bool spawn_permitted() {
  auto& left = remaining();
  long long n = left.load();
  while (n >= 0) {
    if (n == 0) return false;
    if (left.compare_exchange_weak(n, n - 1)) return true;
  }
  return true;
}
}  // namespace detail

void set_thread_limit_for_testing(int n) { remaining().store(n); }

}  // namespace signlab::sys
