#include "core/engine/trace.hpp"

#include <algorithm>

namespace signlab {

DecimatedTrace::DecimatedTrace(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 4)) {
  points_.reserve(capacity_);
}

void DecimatedTrace::push(const TracePoint& p) {
  if (points_.size() == capacity_) {
    // Keep the points on the doubled stride; all kept steps stay multiples of it.
    stride_ *= 2;
    std::size_t kept = 0;
    for (const auto& q : points_)
      if (q.step % stride_ == 0) points_[kept++] = q;
    points_.resize(kept);
    if (p.step % stride_ != 0) return;
  }
  points_.push_back(p);
}

void DecimatedTrace::clear() {
  points_.clear();
  stride_ = 1;
}

}  // namespace signlab
