#include "core/engine/rate_meter.hpp"

namespace signlab {

void RateMeter::restart(Clock::time_point now) {
  events_.clear();
  events_.push_back({now, 0});
}

void RateMeter::add(Clock::time_point now, std::int64_t steps) {
  if (events_.empty()) events_.push_back({now, 0});  // no start marker: this chunk's start is unknown
  else if (steps > 0) events_.push_back({now, steps});
}

std::optional<double> RateMeter::rate(Clock::time_point now) {
  // The window starts at an event (a chunk boundary), so it holds whole chunks only: the newest start
  // that leaves at least window_s seconds and min_events chunks after it.
  std::int64_t steps = 0;
  int events = 0;
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    const double span = std::chrono::duration<double>(now - it->at).count();
    if (events >= min_events_ && span >= window_s_) {
      events_.erase(events_.begin(), it.base() - 1);  // older history is no longer needed
      return static_cast<double>(steps) / span;
    }
    steps += it->steps;
    ++events;
  }
  return std::nullopt;
}

}  // namespace signlab
