// A finite sum's set-up (the mean of m raw noise vectors: m·d draws) is done once per experiment or sweep
// and shared, immutable, by every run however often they reset; it reports progress and can be cancelled.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "core/engine/experiment.hpp"
#include "core/engine/sweep.hpp"
#include "core/problems/noise.hpp"
#include "core/problems/noise_spec.hpp"

namespace signlab {
namespace {

TEST(NoiseSetup, OncePerExperimentForEveryRunAndReset) {
  const std::int64_t before = NoiseField::setups_computed();
  Experiment e("quadratic:d=20,theta=0.3");
  e.set_oracle({parse_noise_spec("gauss:sigma=0.5,components=300,curvature=0.1"), 4});
  for (const char* spec : {"sgd:lr=0.01", "ssvr:lr=0.01", "signsgd:lr=0.01", "adam"}) e.add_run(spec);
  e.step_all(30);
  e.reset();
  e.set_start(std::vector<double>(20, 0.5));
  e.step_all(30);
  EXPECT_EQ(NoiseField::setups_computed() - before, 1);
  // A new problem of another dimension needs the means for that dimension: once more, not once per run.
  e.set_problem("quadratic:d=30");
  e.step_all(5);
  EXPECT_EQ(NoiseField::setups_computed() - before, 2);
}

TEST(NoiseSetup, SharedNoiseGivesTheSameSamplesAsARunOfItsOwn) {
  Experiment e("quadratic:d=20,theta=0.3");
  e.set_oracle({parse_noise_spec("student:sigma=0.5,nu=2.5,components=50,curvature=0.2"), 9});
  e.add_run("ssvr:lr=0.01");
  e.step_all(40);
  const signlab::Run& shared = *e.runs()[0];
  // A Run given only the model builds its own field: the trajectory must be the same to the last bit.
  signlab::Run alone(1, 0, resolve_optimizer("ssvr:lr=0.01"), *e.problem(), e.start(), 64,
            {parse_noise_spec("student:sigma=0.5,nu=2.5,components=50,curvature=0.2"), 9});
  alone.advance(40);
  EXPECT_EQ(alone.x(), shared.x());
  EXPECT_EQ(alone.evals(), shared.evals());
}

TEST(NoiseSetup, OncePerSweepForEveryPoint) {
  const std::int64_t before = NoiseField::setups_computed();
  SweepConfig c;
  c.problem = "quadratic:d=10";
  c.optimizer = "sgd";
  c.axes = {parse_sweep_axis("lr=1e-3:1e-2:log:6")};
  c.steps = 10;
  c.oracle = {parse_noise_spec("gauss:sigma=0.3,components=100"), 2};
  c.threads = 3;
  EXPECT_EQ(run_sweep(c).points.size(), 6u);
  EXPECT_EQ(NoiseField::setups_computed() - before, 1);
}

TEST(NoiseSetup, ReportsProgressAndCanBeCancelled) {
  const NoiseModel model = parse_noise_spec("gauss:sigma=1,components=5000");
  std::vector<std::int64_t> done;
  NoiseSetupControl control;
  control.progress = [&](std::int64_t k, std::int64_t total) {
    EXPECT_EQ(total, 5000);
    done.push_back(k);
  };
  const NoiseField field(model, 1, 1000, &control);  // 1000 components per report
  EXPECT_EQ(done, (std::vector<std::int64_t>{1048, 2096, 3144, 4192, 5000}));

  // Cancelled from the progress callback (as Ctrl+C would between two reports): the constructor throws
  // at the next component, and an experiment's oracle stays as it was.
  std::atomic<bool> cancel{false};
  NoiseSetupControl stop{&cancel, [&](std::int64_t k, std::int64_t) {
                           if (k >= 2000) cancel = true;
                         }};
  EXPECT_THROW(NoiseField(model, 1, 1000, &stop), NoiseSetupCancelled);
  Experiment e("quadratic:d=1000");
  cancel = false;
  NoiseSetupControl stop_now{&cancel, [&](std::int64_t, std::int64_t) { cancel = true; }};
  EXPECT_THROW(e.set_oracle({model, 1}, &stop_now), NoiseSetupCancelled);
  EXPECT_EQ(e.oracle_setup().noise, NoiseModel::none());
}

// A new problem of another d rebuilds the shared noise before anything changes: cancelled, the old problem,
// its start and its runs stay whole (never a problem of one d with noise built for another).
TEST(NoiseSetup, ACancelledRebuildForANewProblemLeavesTheOldOne) {
  Experiment e("quadratic:d=20");
  e.set_oracle({parse_noise_spec("gauss:sigma=1,components=50"), 2});
  e.add_run("sgd:lr=0.01");
  e.step_all(3);
  std::atomic<bool> cancel{true};
  const NoiseSetupControl stop{&cancel, {}};
  EXPECT_THROW(e.set_problem("separable:d=3000", &stop), NoiseSetupCancelled);
  EXPECT_EQ(e.problem_spec(), "quadratic:d=20");
  EXPECT_EQ(e.problem()->dim(), 20);
  EXPECT_EQ(e.start().size(), 20u);
  ASSERT_NE(e.oracle_setup().field, nullptr);
  EXPECT_EQ(e.oracle_setup().field->dim(), 20);
  EXPECT_EQ(e.runs()[0]->step(), 3);  // not reset
  EXPECT_EQ(e.step_all(2), 2);        // and still stepping

  cancel = false;
  e.set_problem("separable:d=3000", &stop);
  EXPECT_EQ(e.oracle_setup().field->dim(), 3000);
  EXPECT_EQ(e.runs()[0]->step(), 0);
}

}  // namespace
}  // namespace signlab
