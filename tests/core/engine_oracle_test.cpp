// cmd::SetOracle: the engine's runs take the noise SPEC and seed (the same samples as an Experiment set up
// the same way), the snapshot reports them, and a bad SPEC is refused with nothing changed.
#include <gtest/gtest.h>

#include "core/engine/engine.hpp"
#include "core/engine/experiment.hpp"
#include "core/problems/noise_spec.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

TEST(EngineOracle, RunsTakeTheNoiseAndTheSnapshotSaysSo) {
  EngineConfig cfg;
  cfg.optimizer_specs = {"signsgd:lr=0.01"};
  Engine e(cfg);
  e.send(cmd::SetOracle{"student:sigma=2,nu=1.5", 7});
  e.send(cmd::StepN{200});
  const auto s = e.sync();
  EXPECT_EQ(s->noise_spec, "student:sigma=2,nu=1.5");
  EXPECT_EQ(s->seed, 7u);
  ASSERT_EQ(s->runs.size(), 1u);

  Experiment ref("rosenbrock");
  ref.set_oracle({parse_noise_spec("student:sigma=2,nu=1.5"), 7});
  ref.add_run("signsgd:lr=0.01");
  ref.step_all(200);
  EXPECT_EQ(s->runs[0].x, ref.runs()[0]->x());  // the same samples, bit for bit

  Experiment exact("rosenbrock");
  exact.add_run("signsgd:lr=0.01");
  exact.step_all(200);
  EXPECT_NE(s->runs[0].x, exact.runs()[0]->x());  // the noise really changed the path

  e.send(cmd::SetOracle{"cauchy", 1});
  const auto bad = e.sync();
  EXPECT_TRUE(test::contains(bad->last_error, "unknown noise 'cauchy'")) << bad->last_error;
  EXPECT_EQ(bad->noise_spec, "student:sigma=2,nu=1.5");  // unchanged
  EXPECT_EQ(bad->seed, 7u);
}

}  // namespace
}  // namespace signlab
