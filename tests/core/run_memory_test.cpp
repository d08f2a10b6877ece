// A high-dimensional run holds what its rule needs and no more (README, "High-dimensional runs"): at
// d = 10⁸ every byte per coordinate is 100 MB. Measured with glibc's allocator statistics (heap bytes in
// use, mmap'd blocks included), so the numbers are exact and the test takes no time.
#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdint>
#include <memory>

#include "core/engine/experiment.hpp"
#include "core/engine/run.hpp"
#include "core/optim/optimizer.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

std::int64_t heap_in_use() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<std::int64_t>(m.uordblks + m.hblkhd);
}

constexpr int kD = 1'000'000;

// Sanitizers (ASan, TSan) replace glibc's allocator, whose statistics then read 0: the test is meaningful
// only where a 4 MB block shows in them.
bool heap_is_measurable() {
  const std::int64_t before = heap_in_use();
  auto block = std::make_unique<char[]>(4 << 20);
  block[0] = 1;
  return heap_in_use() - before >= (4 << 20);
}

TEST(RunMemory, AnOracleAllocatesNothingOfSizeD) {
  if (!heap_is_measurable()) GTEST_SKIP() << "allocator statistics unavailable (sanitizer build)";
  const auto p = make_problem("separable:d=1000000");
  const std::int64_t before = heap_in_use();
  Oracle o(*p);
  o.set_seed(3);
  Oracle copy = o;
  copy = Oracle(*p);
  EXPECT_LT(heap_in_use() - before, 4096);  // was 2·d doubles each: 16 bytes per coordinate per oracle
}

TEST(RunMemory, AnAdamRunOnTheFloatPathHoldsItsFourVectors) {
  if (!heap_is_measurable()) GTEST_SKIP() << "allocator statistics unavailable (sanitizer build)";
  const auto p = make_problem("separable:d=1000000");  // its own data: λ in float32, 4 bytes per coordinate
  const std::vector<double> start = p->default_start();
  const std::int64_t before = heap_in_use();
  {
    signlab::Run run(0, 0, resolve_optimizer("adam"), *p, start, 64);
    ASSERT_TRUE(run.float_path());
    run.advance(3);
    // x, g, m, v in float32: 16 bytes per coordinate, plus the trace and small change.
    const double per_coord = static_cast<double>(heap_in_use() - before) / kD;
    EXPECT_LT(per_coord, 16.1) << "bytes per coordinate";
    EXPECT_GT(per_coord, 15.9) << "bytes per coordinate";
  }
  // The experiment adds the runs' common start (8 bytes per coordinate, shared by all runs) and nothing per run.
  const std::int64_t base = heap_in_use();
  Experiment e("separable:d=1000000");
  const std::int64_t with_problem = heap_in_use();
  for (int k = 0; k < 4; ++k) e.add_run("adam");
  e.step_all(2);
  // Four runs' vectors, plus their traces (a fixed number of points each, whatever d).
  const std::int64_t runs = heap_in_use() - with_problem;
  EXPECT_LT(runs, 4 * 16 * std::int64_t{kD} + 2'000'000) << "four adam runs";
  EXPECT_LT(static_cast<double>(with_problem - base) / kD, 4.0 + 8.0 + 0.1) << "the problem and the start";
}

}  // namespace
}  // namespace signlab
