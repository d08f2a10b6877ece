#pragma once
// The range of a log10 plot axis from the values it shows. Exact zeros and non-finite values have no
// place on a log axis and must not decide its range: one run that reaches a loss of exactly 0 (or
// 1e-300 on its way there) would otherwise stretch the axis over hundreds of decades and flatten
// every other curve into a strip. Pure numerics (no drawing): the plots map its result to pixels.
#include <cstddef>

namespace signlab {

// At most this many decades below the top of the data (a double's relative precision is ~1e-16, so a
// loss more than ~12 decades below where it started is already at rounding level).
inline constexpr double kLogAxisMaxDecades = 12.0;

struct LogAxisRange {
  double lo = 1.0, hi = 10.0;  // 0 < lo < hi, whole decades unless the data span less than one
  // Values are drawn clamped to [floor, ceiling] = [lo, hi]: finite values ≥ 0 below lo (exact zeros
  // included) at the bottom edge, values above hi (only those added with sets_top = false can be)
  // at the top edge.
  double floor = 1.0, ceiling = 10.0;
  bool clamped_low = false;   // some finite positive value lies below lo (cut at max_decades)
  bool clamped_high = false;  // some finite value lies above hi
  bool has_zero = false;      // some value is exactly 0
  bool empty = true;          // no finite positive value at all (the range is then [1, 10])
  std::size_t skipped = 0;    // values left out: non-finite or negative
};

// Accumulates values, then gives the axis range.
class LogAxisRangeBuilder {
 public:
  // sets_top = false: the value does not raise the top (a run that blew up must not push the others
  // to the bottom edge), unless no value sets it.
  void add(double v, bool sets_top = true);
  // Whole decades from the smallest finite positive value to the top, one more decade below when
  // there are zeros (so they sit visibly under the data), cut at `max_decades` below the top.
  LogAxisRange finish(double max_decades = kLogAxisMaxDecades) const;

 private:
  double min_pos_ = 0.0, max_top_ = 0.0, max_all_ = 0.0;
  bool any_pos_ = false, any_top_ = false, any_zero_ = false;
  std::size_t skipped_ = 0;
};

}  // namespace signlab
