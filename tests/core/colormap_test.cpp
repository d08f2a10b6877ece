#include "core/landscape/colormap.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace signlab {
namespace {

TEST(Colormap, EndpointsAreTheViridisAnchors) {
  const Rgb8 lo = colormap_rgb(0.0), hi = colormap_rgb(1.0);
  EXPECT_EQ(lo.r, 0x44);
  EXPECT_EQ(lo.g, 0x01);
  EXPECT_EQ(lo.b, 0x54);
  EXPECT_EQ(hi.r, 0xfd);
  EXPECT_EQ(hi.g, 0xe7);
  EXPECT_EQ(hi.b, 0x25);
  // An interior anchor (t = 5/9) is hit exactly too.
  const Rgb8 mid = colormap_rgb(5.0 / 9.0);
  EXPECT_EQ(mid.r, 0x1f);
  EXPECT_EQ(mid.g, 0x9e);
  EXPECT_EQ(mid.b, 0x89);
}

TEST(Colormap, ClampsOutOfRangeAndNaN) {
  const Rgb8 lo = colormap_rgb(0.0), hi = colormap_rgb(1.0);
  const Rgb8 below = colormap_rgb(-3.0), above = colormap_rgb(7.0);
  const Rgb8 nan = colormap_rgb(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(below.r, lo.r);
  EXPECT_EQ(below.b, lo.b);
  EXPECT_EQ(above.g, hi.g);
  EXPECT_EQ(above.b, hi.b);
  EXPECT_EQ(nan.r, lo.r);
}

TEST(Colormap, TableMatchesEndpointsAndBrightensMonotonically) {
  const int n = 256;
  const std::vector<float> table = colormap_table(n);
  ASSERT_EQ(table.size(), static_cast<std::size_t>(3 * n));
  EXPECT_NEAR(table[0], 0x44 / 255.0, 1e-6);
  EXPECT_NEAR(table[1], 0x01 / 255.0, 1e-6);
  EXPECT_NEAR(table[2], 0x54 / 255.0, 1e-6);
  EXPECT_NEAR(table[3 * (n - 1) + 0], 0xfd / 255.0, 1e-6);
  EXPECT_NEAR(table[3 * (n - 1) + 1], 0xe7 / 255.0, 1e-6);
  EXPECT_NEAR(table[3 * (n - 1) + 2], 0x25 / 255.0, 1e-6);
  float prev = -1.0f;
  for (int i = 0; i < n; ++i) {
    for (int c = 0; c < 3; ++c) {
      EXPECT_GE(table[3 * i + c], 0.0f);
      EXPECT_LE(table[3 * i + c], 1.0f);
    }
    const float sum = table[3 * i] + table[3 * i + 1] + table[3 * i + 2];
    EXPECT_GT(sum, prev) << "at entry " << i;
    prev = sum;
  }
  EXPECT_EQ(colormap_table(1).size(), 6u);  // at least two entries
}

TEST(LossScale, FollowsTheDocumentedFormula) {
  const LossScale s = make_loss_scale(2.0, 1002.0);
  EXPECT_DOUBLE_EQ(s.fmin, 2.0);
  EXPECT_DOUBLE_EQ(s.delta, 1e-5 * 1000.0);
  EXPECT_DOUBLE_EQ(s.log_lo, std::log10(1e-2));
  EXPECT_DOUBLE_EQ(s.log_hi, std::log10(1000.0 + 1e-2));
  const double f = 12.0;
  const double expect = (std::log10(f - 2.0 + 1e-2) - s.log_lo) / (s.log_hi - s.log_lo);
  EXPECT_NEAR(s.t(f), expect, 1e-14);
}

TEST(LossScale, EndpointsMapToZeroAndOne) {
  for (const auto& [lo, hi] : {std::pair{0.0, 2509.0}, std::pair{-4.0, 4.0}, std::pair{1e-8, 3e-8},
                               std::pair{1e6, 1e6 + 5.0}, std::pair{-1e3, -2.0}}) {
    const LossScale s = make_loss_scale(lo, hi);
    EXPECT_DOUBLE_EQ(s.t(lo), 0.0) << lo << " " << hi;
    EXPECT_DOUBLE_EQ(s.t(hi), 1.0) << lo << " " << hi;
    EXPECT_DOUBLE_EQ(s.value_at(0.0), lo);
    EXPECT_NEAR(s.value_at(1.0), hi, 1e-12 * std::max(1.0, std::abs(hi)));
    // Below / above the grid and NaN clamp.
    EXPECT_DOUBLE_EQ(s.t(lo - 1.0), 0.0);
    EXPECT_DOUBLE_EQ(s.t(hi + 1e3 * (hi - lo) + 1.0), 1.0);
    EXPECT_DOUBLE_EQ(s.t(std::numeric_limits<double>::quiet_NaN()), 0.0);
  }
}

TEST(LossScale, ValueAtInvertsT) {
  for (const auto& [lo, hi] : {std::pair{0.0, 2509.0}, std::pair{-4.0, 4.0}, std::pair{3.0, 3.5}}) {
    const LossScale s = make_loss_scale(lo, hi);
    double prev = -std::numeric_limits<double>::infinity();
    for (int i = 0; i <= 100; ++i) {
      const double u = i / 100.0;
      const double v = s.value_at(u);
      EXPECT_GE(v, prev);
      prev = v;
      EXPECT_NEAR(s.t(v), u, 1e-9) << "lo=" << lo << " hi=" << hi << " u=" << u;
    }
  }
}

TEST(LossScale, NegativeLossesAndFlatGridsStillMap) {
  const LossScale saddle = make_loss_scale(-4.0, 4.0);  // x² − y² on [-2, 2]²
  const double t0 = saddle.t(0.0);
  EXPECT_GT(t0, 0.0);
  EXPECT_LT(t0, 1.0);
  EXPECT_TRUE(std::isfinite(saddle.log_lo));
  EXPECT_TRUE(std::isfinite(saddle.log_hi));

  const LossScale flat = make_loss_scale(3.0, 3.0);
  EXPECT_GT(flat.log_hi, flat.log_lo);
  EXPECT_DOUBLE_EQ(flat.t(3.0), 0.0);
  EXPECT_TRUE(std::isfinite(flat.value_at(0.5)));

  const LossScale bad = make_loss_scale(std::numeric_limits<double>::infinity(), 1.0);
  EXPECT_TRUE(std::isfinite(bad.log_lo));
  EXPECT_GT(bad.log_hi, bad.log_lo);
}

}  // namespace
}  // namespace signlab
