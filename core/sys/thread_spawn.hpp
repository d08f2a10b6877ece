#pragma once
// Starting a thread without betting the process on it. std::thread's constructor throws std::system_error
// when the system refuses a thread (EAGAIN under `ulimit -u`, no memory for its stack); left uncaught, or
// thrown while other std::threads are still joinable, that ends in std::terminate (SIGABRT). Callers whose
// results do not depend on how many threads run (the sweep's shared counter, the kernel pool's claimed
// parts) ask with try_spawn_thread and go on with the threads they got, the calling thread included.
#include <new>
#include <system_error>
#include <thread>
#include <utility>

namespace signlab::sys {

namespace detail {
bool spawn_permitted();  // false once the test limit below is used up
}

// A running thread, or a non-joinable std::thread when the system refused one.
template <class F>
std::thread try_spawn_thread(F&& f) {
  if (!detail::spawn_permitted()) return {};
  try {
    return std::thread(std::forward<F>(f));
  } catch (const std::system_error&) {
    return {};
  } catch (const std::bad_alloc&) {
    return {};
  }
}

// Test seam: the next `n` spawns succeed and every later one fails, as if the system refused it
// (n < 0: no limit, the default). Process-wide; also set from the environment variable
// SIGNLAB_TEST_THREAD_LIMIT at the first spawn, so CLI tests can run the binary short of threads.
void set_thread_limit_for_testing(int n);

}  // namespace signlab::sys
