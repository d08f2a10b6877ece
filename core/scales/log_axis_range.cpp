#include "core/scales/log_axis_range.hpp"

#include <algorithm>
#include <cmath>

namespace signlab {

void LogAxisRangeBuilder::add(double v, bool sets_top) {
  if (!std::isfinite(v) || v < 0.0) {
    ++skipped_;
    return;
  }
  if (v == 0.0) {
    any_zero_ = true;
    return;
  }
  min_pos_ = any_pos_ ? std::min(min_pos_, v) : v;
  max_all_ = any_pos_ ? std::max(max_all_, v) : v;
  any_pos_ = true;
  if (sets_top) {
    max_top_ = any_top_ ? std::max(max_top_, v) : v;
    any_top_ = true;
  }
}

LogAxisRange LogAxisRangeBuilder::finish(double max_decades) const {
  LogAxisRange r;
  r.has_zero = any_zero_;
  r.skipped = skipped_;
  if (!any_pos_) return r;  // [1, 10]: zeros alone are drawn at its bottom edge
  r.empty = false;
  const double width = std::max(1.0, std::floor(std::isfinite(max_decades) ? max_decades : 1.0));
  const double top = any_top_ ? max_top_ : max_all_;
  const double bottom = std::min(min_pos_, top);
  // The 1e-9 slack keeps an exact power of ten (rounded a hair off by log10) on its own decade.
  double b = std::ceil(std::log10(top) - 1e-9);
  double a = std::floor(std::log10(bottom) + 1e-9);
  if (any_zero_) a -= 1.0;
  if (b - a < 1e-9) {  // one value, an exact power of ten: half a decade either side
    a -= 0.5;
    b += 0.5;
  }
  a = std::max(a, b - width);
  r.lo = std::pow(10.0, a);
  r.hi = std::pow(10.0, b);
  r.floor = r.lo;
  r.ceiling = r.hi;
  r.clamped_low = std::log10(min_pos_) < a - 1e-9;
  r.clamped_high = std::log10(max_all_) > b + 1e-9;
  return r;
}

}  // namespace signlab
