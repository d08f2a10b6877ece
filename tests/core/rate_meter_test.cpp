// The engine's rate: measured over at least 2 s and 2 step chunks, so a problem whose step takes
// seconds reads its true rate instead of "0 steps/s", and nothing is reported before it is measured.
#include <gtest/gtest.h>

#include <chrono>

#include "core/engine/rate_meter.hpp"

namespace signlab {
namespace {

using Clock = RateMeter::Clock;

Clock::time_point at(double s) {
  return Clock::time_point{} + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

TEST(RateMeter, ASlowProblemReadsItsTrueRate) {
  RateMeter m;
  m.restart(at(0));
  // 4 runs, one step each every 3 s (12 steps a chunk).
  EXPECT_FALSE(m.rate(at(1.0)));
  m.add(at(3.0), 4);
  EXPECT_FALSE(m.rate(at(3.5))) << "one chunk is not a measurement";
  m.add(at(6.0), 4);
  ASSERT_TRUE(m.rate(at(6.0)));
  EXPECT_DOUBLE_EQ(*m.rate(at(6.0)), 8.0 / 6.0);
  // Between chunks the rate falls only as the window grows: never 0 while the runs are stepping.
  ASSERT_TRUE(m.rate(at(8.9)));
  EXPECT_NEAR(*m.rate(at(8.9)), 8.0 / 8.9, 1e-12);
  m.add(at(9.0), 4);
  m.add(at(12.0), 4);
  EXPECT_NEAR(*m.rate(at(12.0)), 8.0 / 6.0, 1e-12);  // the newest window: the last two chunks
}

TEST(RateMeter, AFastProblemUsesTheLastTwoSeconds) {
  RateMeter m;
  m.restart(at(0));
  for (int k = 1; k <= 500; ++k) m.add(at(0.01 * k), k <= 250 ? 100 : 300);  // 10 k/s, then 30 k/s
  ASSERT_TRUE(m.rate(at(5.0)));
  EXPECT_NEAR(*m.rate(at(5.0)), 30000.0, 1.0);  // the chunks of the last 2 s, all at 30 k/s
}

TEST(RateMeter, RestartForgetsUntilMeasuredAgain) {
  RateMeter m;
  m.restart(at(0));
  m.add(at(1.0), 10);
  m.add(at(2.0), 10);
  EXPECT_TRUE(m.rate(at(2.0)));
  m.restart(at(2.5));
  EXPECT_FALSE(m.rate(at(10.0)));
  m.add(at(11.0), 10);
  m.add(at(12.0), 10);
  EXPECT_NEAR(*m.rate(at(12.0)), 20.0 / 9.5, 1e-12);
}

}  // namespace
}  // namespace signlab
