#include "app/plot/ticks.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace signlab::plot {
namespace {

bool is_125(double step) {
  const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  return std::abs(m - 1.0) < 1e-9 || std::abs(m - 2.0) < 1e-9 || std::abs(m - 5.0) < 1e-9;
}

TEST(Ticks, NiceStepIsOneTwoFive) {
  EXPECT_DOUBLE_EQ(nice_step(1.0, 6), 0.2);
  EXPECT_DOUBLE_EQ(nice_step(10.0, 11), 1.0);
  EXPECT_DOUBLE_EQ(nice_step(7.3, 5), 2.0);
  EXPECT_DOUBLE_EQ(nice_step(0.003, 4), 0.001);
  EXPECT_DOUBLE_EQ(nice_step(0.0, 5), 0.0);
  for (double span : {0.37, 1.0, 3.3, 48.0, 1234.5, 7e-6, 9.9e9}) {
    for (int n : {3, 5, 8, 10}) {
      const double step = nice_step(span, n);
      EXPECT_TRUE(is_125(step)) << span << " " << n << " -> " << step;
      EXPECT_LE(span / step, n - 1 + 1e-9);
    }
  }
}

TEST(Ticks, LinearTicksCoverTheRangeWithRoundValues) {
  const auto ticks = linear_ticks(-0.13, 1.07, 8);
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_LE(ticks.size(), 8u);
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    EXPECT_GE(ticks[i].value, -0.13);
    EXPECT_LE(ticks[i].value, 1.07);
    EXPECT_TRUE(ticks[i].major);
    if (i > 0) {
      EXPECT_GT(ticks[i].value, ticks[i - 1].value);
    }
  }
  // 0.2 steps: 0, 0.2, ..., 1.
  EXPECT_EQ(ticks.front().label, "0");
  EXPECT_EQ(ticks[1].label, "0.2");
  EXPECT_EQ(ticks.back().label, "1");
}

// A short axis allows two ticks; the rounded-up step must not leave only one of them inside.
TEST(Ticks, ShortAxesStillGetTwoTicks) {
  const auto t = linear_ticks(0.0, 2792.0, 2);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].label, "0");
  EXPECT_EQ(t[1].label, "2000");
  for (double hi : {1.01, 1.7, 3.3, 7.9, 123.0, 0.0042}) {
    SCOPED_TRACE(hi);
    const auto u = linear_ticks(0.0, hi, 2);
    EXPECT_GE(u.size(), 2u);
    EXPECT_LE(u.size(), 3u);
  }
  EXPECT_GE(linear_ticks(-0.3, 0.4, 2).size(), 2u);
}

TEST(Ticks, LinearTicksHandleReversedDegenerateAndBadRanges) {
  EXPECT_EQ(linear_ticks(5.0, -5.0, 5).size(), linear_ticks(-5.0, 5.0, 5).size());
  const auto one = linear_ticks(3.0, 3.0, 5);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].label, "3");
  EXPECT_TRUE(linear_ticks(0.0, std::numeric_limits<double>::infinity(), 5).empty());
  EXPECT_TRUE(linear_ticks(std::numeric_limits<double>::quiet_NaN(), 1.0, 5).empty());
}

TEST(Ticks, LabelsAreCompact) {
  EXPECT_EQ(format_number(1e-3), "1e-3");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(100.0), "100");
  EXPECT_EQ(format_number(0.01), "0.01");
  EXPECT_EQ(format_number(2.5e-5), "2.5e-5");
  EXPECT_EQ(format_number(1e6), "1e6");
  EXPECT_EQ(format_number(-4.0), "-4");
  EXPECT_EQ(format_number(0.0), "0");
  EXPECT_EQ(format_number(9.996, 3), "10");
  EXPECT_EQ(format_number(2509.0, 4), "2509");
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "nan");

  EXPECT_EQ(format_tick(0.5, 0.5, 2.0), "0.5");
  EXPECT_EQ(format_tick(1.0, 0.5, 2.0), "1");
  EXPECT_EQ(format_tick(250.0, 50.0, 300.0), "250");
  EXPECT_EQ(format_tick(2e5, 1e5, 5e5), "2e5");
  EXPECT_EQ(format_tick(1.5e6, 5e5, 2e6), "1.5e6");
  EXPECT_EQ(format_tick(4e-4, 2e-4, 1e-3), "4e-4");
  EXPECT_EQ(format_tick(1.0001, 1e-4, 1.001), "1.0001");
  EXPECT_EQ(format_tick(1e-12, 0.1, 1.0), "0");
}

TEST(Ticks, LogTicksAreDecadesWithSubTicksWhenFew) {
  // Many decades: only decades, labelled, at most max_major labels.
  const auto many = log_ticks(1e-8, 1e4, 6);
  int labelled = 0;
  for (const Tick& t : many) {
    const double e = std::log10(t.value);
    EXPECT_NEAR(e, std::round(e), 1e-9) << t.value;
    if (!t.label.empty()) ++labelled;
  }
  EXPECT_EQ(many.size(), 13u);
  EXPECT_LE(labelled, 6);
  EXPECT_GE(labelled, 3);

  // Three decades: 2 and 5 sub-ticks, unlabelled; decades labelled like 1e-3, 0.01, 0.1, 1.
  const auto few = log_ticks(1e-3, 1.0, 8);
  std::vector<double> values;
  for (const Tick& t : few) values.push_back(t.value);
  ASSERT_EQ(few.size(), 4u + 3u * 2u);
  EXPECT_EQ(few.front().label, "1e-3");
  EXPECT_DOUBLE_EQ(few[1].value, 2e-3);
  EXPECT_FALSE(few[1].major);
  EXPECT_TRUE(few[1].label.empty());
  EXPECT_DOUBLE_EQ(few[2].value, 5e-3);
  EXPECT_EQ(few[3].label, "0.01");
  EXPECT_EQ(few.back().label, "1");

  // Under two decades: sub-ticks are labelled too.
  const auto two = log_ticks(0.3, 20.0, 8);
  bool has_half = false, has_five = false;
  for (const Tick& t : two) {
    if (t.label == "0.5") has_half = true;
    if (t.label == "5") has_five = true;
    EXPECT_GE(t.value, 0.3 * (1 - 1e-9));
    EXPECT_LE(t.value, 20.0 * (1 + 1e-9));
  }
  EXPECT_TRUE(has_half);
  EXPECT_TRUE(has_five);
}

TEST(Ticks, LogTicksWithinOneDecadeFallBackToLinear) {
  const auto ticks = log_ticks(2.0, 7.0, 6);
  ASSERT_GE(ticks.size(), 2u);
  for (const Tick& t : ticks) {
    EXPECT_GE(t.value, 2.0);
    EXPECT_LE(t.value, 7.0);
    EXPECT_FALSE(t.label.empty());
  }
  EXPECT_TRUE(log_ticks(0.0, 10.0, 6).empty());
  EXPECT_TRUE(log_ticks(-1.0, 10.0, 6).empty());
}

}  // namespace
}  // namespace signlab::plot
