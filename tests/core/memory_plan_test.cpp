// The memory a race needs at least, known before building: each run's vectors at its path's precision
// (the state counts held equal to what FloatOptimizer allocates), the problem's data, the start, the noise.
#include <gtest/gtest.h>

#include "core/engine/memory_plan.hpp"
#include "core/optim/float_path.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

TEST(MemoryPlan, RunsCountTheVectorsTheirRuleAllocates) {
  const int d = 4096;
  for (const char* name : {"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion", "ssvr"}) {
    const ResolvedOptimizer opt = resolve_optimizer(name);
    FloatOptimizer f(*float_rule_from_name(name), static_cast<std::size_t>(d), opt.values);
    f.reset(static_cast<std::size_t>(d));
    const double state = static_cast<double>(f.first_state().size() + f.second_state().size());
    // x and the gradient, plus the state, in float32 at this d.
    EXPECT_EQ(run_bytes_lower_bound(opt, d, false), 4.0 * (2.0 * d + state)) << name;
    // Below the float path's threshold the same rule steps in double.
    EXPECT_EQ(run_bytes_lower_bound(opt, 500, false), 8.0 * (2.0 + state / d) * 500) << name;
  }
  // Noisy ssvr also keeps x_{t-1} and the gradient there.
  EXPECT_EQ(run_bytes_lower_bound(resolve_optimizer("ssvr"), d, true), 4.0 * 5 * d);
}

TEST(MemoryPlan, AddsTheProblemTheStartTheRunsAndTheNoise) {
  const ProblemShape shape = describe_problem("separable:d=100000000");
  const std::vector<ResolvedOptimizer> opts = {resolve_optimizer("adam"), resolve_optimizer("sgd"), resolve_optimizer("lion")};
  const MemoryPlan race = plan_memory(shape, opts, parse_noise_spec("gauss:sigma=1,components=10,curvature=1"));
  EXPECT_EQ(race.problem, 4e8);  // λ in float
  EXPECT_EQ(race.start, 8e8);
  EXPECT_EQ(race.runs, 4e8 * (4 + 2 + 3));
  EXPECT_EQ(race.noise, 16e8);  // the shift and curvature means, in double
  EXPECT_EQ(race.total(), 4e8 + 8e8 + 36e8 + 16e8);
  // A sweep holds one run per thread: the largest ones count.
  EXPECT_EQ(plan_memory(shape, {resolve_optimizer("adam")}, NoiseModel::none(), 8).runs, 8 * 16e8);
  EXPECT_EQ(plan_memory(describe_problem("quadratic:d=2000"), {}, NoiseModel::none()).problem, 8.0 * 2000 * 2000);
}

}  // namespace
}  // namespace signlab
