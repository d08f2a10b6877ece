#pragma once
// The engine's steps per second, measured over a window a slow problem fills: at least `window_s`
// seconds and at least `min_events` completed step chunks, whichever is longer. A 10⁸-dimensional step
// can take seconds, so a fixed half-second window would often hold no step and read "0 steps/s" while
// playing; this one reports nothing until it has measured (the UI shows "—").
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>

namespace signlab {

class RateMeter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateMeter(double window_s = 2.0, int min_events = 2) : window_s_(window_s), min_events_(min_events) {}

  // Not stepping (paused, idle): forget the history; the next measurement starts at `now`.
  void restart(Clock::time_point now);
  // `steps` steps finished at `now` (all runs together).
  void add(Clock::time_point now, std::int64_t steps);
  // Steps per second over the newest window that is long enough, or nullopt while none is.
  std::optional<double> rate(Clock::time_point now);

 private:
  struct Event {
    Clock::time_point at;
    std::int64_t steps;  // finished at `at`; the first event is the start marker (0 steps)
  };
  double window_s_;
  int min_events_;
  std::deque<Event> events_;
};

}  // namespace signlab
