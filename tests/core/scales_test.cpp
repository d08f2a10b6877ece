// Scales that plots map to pixels: the log-axis range, the diverging colour scale of a matrix, the
// half-width of the unit-ball view.
#include "core/scales/diverging_scale.hpp"
#include "core/scales/log_axis_range.hpp"

#include <cmath>
#include <initializer_list>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace signlab {
namespace {

LogAxisRange range_of(std::initializer_list<double> values, double max_decades = kLogAxisMaxDecades) {
  LogAxisRangeBuilder b;
  for (double v : values) b.add(v);
  return b.finish(max_decades);
}

TEST(LogAxisRange, WholeDecadesAroundThePositiveData) {
  const LogAxisRange r = range_of({3.0, 0.02, 150.0});
  EXPECT_FALSE(r.empty);
  EXPECT_DOUBLE_EQ(r.lo, 0.01);
  EXPECT_DOUBLE_EQ(r.hi, 1000.0);
  EXPECT_FALSE(r.clamped_low);
  EXPECT_FALSE(r.clamped_high);
  EXPECT_FALSE(r.has_zero);
  EXPECT_EQ(r.skipped, 0u);
}

TEST(LogAxisRange, ZerosAndNonFiniteValuesDoNotDecideTheRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const LogAxisRange r = range_of({5.0, 0.5, 0.0, nan, inf, -inf, -2.0});
  EXPECT_TRUE(r.has_zero);
  EXPECT_EQ(r.skipped, 4u);
  // One decade below the smallest positive value for the zeros, not 1e-300.
  EXPECT_DOUBLE_EQ(r.lo, 0.01);
  EXPECT_DOUBLE_EQ(r.hi, 10.0);
  EXPECT_DOUBLE_EQ(r.floor, r.lo);
  EXPECT_FALSE(r.clamped_low);
}

TEST(LogAxisRange, ARunReachingZeroThroughTinyValuesIsCutAtMaxDecades) {
  // steepest-linf on the linf-steepest demo: losses from ~100 down to 1e-301, then exactly 0.
  const LogAxisRange r = range_of({109.5, 2.5e-3, 7.7e-45, 2.3e-301, 0.0});
  EXPECT_DOUBLE_EQ(r.hi, 1000.0);
  EXPECT_NEAR(std::log10(r.lo), 3.0 - kLogAxisMaxDecades, 1e-12);
  EXPECT_TRUE(r.clamped_low);
  EXPECT_FALSE(r.clamped_high);
  EXPECT_TRUE(r.has_zero);
  EXPECT_LE(std::log10(r.hi / r.lo), kLogAxisMaxDecades + 1e-9);
  // A narrower limit is honoured too.
  const LogAxisRange r4 = range_of({109.5, 1e-30}, 4.0);
  EXPECT_DOUBLE_EQ(r4.hi, 1000.0);
  EXPECT_NEAR(std::log10(r4.lo), -1.0, 1e-12);
  EXPECT_TRUE(r4.clamped_low);
}

TEST(LogAxisRange, TheCutIsNotFlaggedWhenOnlyTheZeroDecadeIsCut) {
  // Data span exactly max_decades; the extra decade for zeros is what gets cut: no positive value
  // lies below the axis, only zeros (which are drawn at the floor either way).
  const LogAxisRange r = range_of({1e3, 1e-9, 0.0});
  EXPECT_DOUBLE_EQ(r.hi, 1e3);
  EXPECT_NEAR(std::log10(r.lo), -9.0, 1e-12);
  EXPECT_FALSE(r.clamped_low);
  EXPECT_FALSE(r.clamped_high);
  EXPECT_TRUE(r.has_zero);
}

TEST(LogAxisRange, ValuesThatDoNotSetTheTopAreClampedToIt) {
  // Converging runs between 1e-3 and 1; a run that blew up (added with sets_top = false) up to 1e99.
  LogAxisRangeBuilder b;
  for (int i = 0; i < 100; ++i) b.add(std::pow(10.0, -3.0 * i / 99.0) * 0.9);
  for (double v : {0.9, 1e15, 3e30, 1e99}) b.add(v, false);
  const LogAxisRange r = b.finish();
  EXPECT_DOUBLE_EQ(r.hi, 1.0);
  EXPECT_DOUBLE_EQ(r.lo, 1e-4);
  EXPECT_TRUE(r.clamped_high);
  EXPECT_FALSE(r.clamped_low);
  EXPECT_DOUBLE_EQ(r.ceiling, r.hi);
  // Without values that set it, the top is the data's.
  LogAxisRangeBuilder only;
  for (double v : {0.5, 1e15}) only.add(v, false);
  EXPECT_DOUBLE_EQ(only.finish().hi, 1e15);
  EXPECT_FALSE(only.finish().clamped_high);
}

TEST(LogAxisRange, DegenerateAndEmptyData) {
  const LogAxisRange one = range_of({100.0});  // an exact power of ten: half a decade either side
  EXPECT_NEAR(std::log10(one.lo), 1.5, 1e-12);
  EXPECT_NEAR(std::log10(one.hi), 2.5, 1e-12);
  const LogAxisRange flat = range_of({3.0, 3.0});
  EXPECT_DOUBLE_EQ(flat.lo, 1.0);
  EXPECT_DOUBLE_EQ(flat.hi, 10.0);
  const LogAxisRange zeros = range_of({0.0, 0.0});
  EXPECT_TRUE(zeros.empty);
  EXPECT_TRUE(zeros.has_zero);
  EXPECT_DOUBLE_EQ(zeros.lo, 1.0);
  EXPECT_DOUBLE_EQ(zeros.hi, 10.0);
  EXPECT_TRUE(range_of({}).empty);
}

TEST(DivergingScale, OneLargeEntryDoesNotWashOutTheRest) {
  // A 50 × 50 diagonal matrix with one eigenvalue of 20 and the rest between 0.5 and 1.5, and a few
  // small off-diagonal couplings: scaled by max|H| (20) almost everything would be near white.
  const int d = 50;
  std::vector<double> h(d * d, 0.0);
  for (int i = 0; i < d; ++i) h[i + i * d] = 0.5 + static_cast<double>(i) / (d - 1);
  h[0] = 20.0;
  for (int i = 0; i + 1 < d; ++i) h[i + (i + 1) * d] = h[(i + 1) + i * d] = 0.2;
  const DivergingScale s = diverging_scale(h.data(), d, d, d);
  EXPECT_FALSE(s.all_zero);
  EXPECT_DOUBLE_EQ(s.max_abs, 20.0);
  EXPECT_LT(s.scale, 2.0) << "the structure below 1.5 uses most of the colour range";
  EXPECT_GE(s.scale, 1.4);
  EXPECT_GT(s.saturated_share, 0.0);
  EXPECT_LT(s.saturated_share, 0.01);
}

TEST(DivergingScale, ZerosNonFiniteAndStridedStorage) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // 2 × 2 block of a 3-row column-major array (ld = 3); the third row is not part of the matrix.
  const double m[] = {1.0, -4.0, 1e9, nan, 2.0, 1e9};
  const DivergingScale s = diverging_scale(m, 2, 2, 3, 1.0);
  EXPECT_DOUBLE_EQ(s.max_abs, 4.0);
  EXPECT_DOUBLE_EQ(s.scale, 4.0);  // the 100 % quantile is the largest
  EXPECT_DOUBLE_EQ(s.saturated_share, 0.0);
  const double zeros[] = {0.0, 0.0, 0.0, 0.0};
  const DivergingScale z = diverging_scale(zeros, 2, 2, 2);
  EXPECT_TRUE(z.all_zero);
  EXPECT_DOUBLE_EQ(z.scale, 1.0);
  // One outlier among zeros: the non-negligible entries decide, so the outlier gets the full colour.
  const double one[] = {0.0, 0.0, 0.0, 3.0};
  EXPECT_DOUBLE_EQ(diverging_scale(one, 2, 2, 2).scale, 3.0);
}

TEST(ViewHalfWidth, RoundsUpToOneTwoOrFive) {
  EXPECT_DOUBLE_EQ(view_half_width(0.01), 0.02);   // 0.011 → 0.02
  EXPECT_DOUBLE_EQ(view_half_width(0.04), 0.05);
  EXPECT_DOUBLE_EQ(view_half_width(0.9), 1.0);
  EXPECT_DOUBLE_EQ(view_half_width(3e-7), 5e-7);
  EXPECT_DOUBLE_EQ(view_half_width(120.0), 200.0);
  EXPECT_EQ(view_half_width(0.0), 0.0);
  EXPECT_EQ(view_half_width(std::numeric_limits<double>::infinity()), 0.0);
  for (double v : {1e-12, 0.003, 0.7, 42.0, 9e5}) {
    EXPECT_GE(view_half_width(v), 1.1 * v * (1 - 1e-12));
    EXPECT_LE(view_half_width(v), 2.5 * 1.1 * v);
  }
}

}  // namespace
}  // namespace signlab
