// The engine's float32 path (core/engine/float_run.hpp) against its double path on one shared problem,
// the separable quadratic in d = 1000: the same rule, the same start, the same oracle charges. Every elementwise
// optimizer runs 60 steps both ways; the start (all ones) and the small steps keep every coordinate positive,
// so no sign is ambiguous and the float run must follow the double one within float rounding:
// |x_float − x_double| ≤ 2e-5 per coordinate (one ulp at 1 is 1.2e-7; rounding accumulates over the steps),
// with exact gradients and with a stochastic oracle.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/experiment.hpp"
#include "core/engine/run.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

constexpr int kSteps = 60;

std::unique_ptr<Run> make_run(const std::string& spec, const Problem& p, NumericPath path,
                              Run::OracleSetup oracle = {}) {
  auto r = std::make_unique<Run>(1, 0, resolve_optimizer(spec), p, p.default_start(), 4096, oracle);
  r->set_numeric_path(path);
  r->reset(p, p.default_start());
  return r;
}

void compare_paths(const std::string& spec, Run::OracleSetup oracle = {}) {
  SCOPED_TRACE(spec);
  const auto p = make_problem("separable:d=1000,cond=100");
  auto f = make_run(spec, *p, NumericPath::Auto, oracle);  // d = 1000: the float path
  auto d = make_run(spec, *p, NumericPath::Double, oracle);
  ASSERT_TRUE(f->float_path());
  ASSERT_FALSE(d->float_path());
  for (int t = 1; t <= kSteps; ++t) {
    ASSERT_EQ(f->advance(1), 1);
    ASSERT_EQ(d->advance(1), 1);
    const std::vector<double>& xf = f->x();
    const std::vector<double>& xd = d->x();
    ASSERT_EQ(xf.size(), xd.size());
    double worst = 0;
    for (std::size_t i = 0; i < xf.size(); ++i) worst = std::max(worst, std::abs(xf[i] - xd[i]));
    ASSERT_LE(worst, 2e-5) << "step " << t;
  }
  EXPECT_EQ(f->evals(), d->evals());
  EXPECT_EQ(f->step(), kSteps);
  const RunMetrics mf = f->metrics(), md = d->metrics();
  EXPECT_NEAR(mf.loss, md.loss, 1e-4 * md.loss);
  EXPECT_NEAR(mf.grad_l2, md.grad_l2, 1e-4 * md.grad_l2);
  EXPECT_NEAR(mf.grad_l1, md.grad_l1, 1e-4 * md.grad_l1);
  // The traces record the same steps with the same first two coordinates and losses.
  const auto& tf = f->trace().points();
  const auto& td = d->trace().points();
  ASSERT_EQ(tf.size(), td.size());
  for (std::size_t i = 0; i < tf.size(); ++i) {
    EXPECT_EQ(tf[i].step, td[i].step);
    EXPECT_EQ(tf[i].evals, td[i].evals);
    EXPECT_NEAR(tf[i].x0, td[i].x0, 2e-5);
    EXPECT_NEAR(tf[i].loss, td[i].loss, 1e-4 * td[i].loss);
  }
  // The last step Δx is the same update.
  const auto sf = f->last_step(), sd = d->last_step();
  ASSERT_EQ(sf.size(), sd.size());
  for (std::size_t i = 0; i < sf.size(); i += 97) EXPECT_NEAR(sf[i], sd[i], 2e-5) << i;
}

TEST(FloatRun, SgdMatchesTheDoublePath) { compare_paths("sgd:lr=0.5"); }
TEST(FloatRun, MomentumMatchesTheDoublePath) { compare_paths("momentum:lr=0.05,mu=0.9"); }
TEST(FloatRun, NesterovMatchesTheDoublePath) { compare_paths("momentum:lr=0.05,mu=0.9,nesterov=1"); }
TEST(FloatRun, AdamMatchesTheDoublePath) { compare_paths("adam:lr=0.003,wd=0.01"); }
TEST(FloatRun, AdamWMatchesTheDoublePath) { compare_paths("adamw:lr=0.003,wd=0.1"); }
TEST(FloatRun, SignSgdMatchesTheDoublePath) { compare_paths("signsgd:lr=0.003"); }
TEST(FloatRun, SignumMatchesTheDoublePath) { compare_paths("signum:lr=0.003,beta=0.9,wd=0.1"); }
TEST(FloatRun, LionMatchesTheDoublePath) { compare_paths("lion:lr=0.003,beta1=0.9,beta2=0.99,wd=0.1"); }
TEST(FloatRun, SsvrMatchesTheDoublePathAndChargesTwoGradientsAStep) {
  compare_paths("ssvr:lr=0.003,beta=0.5");
  const auto p = make_problem("separable:d=1000");
  auto r = make_run("ssvr:lr=0.003", *p, NumericPath::Auto);
  r->advance(10);
  EXPECT_EQ(r->evals(), 1 + 2 * 9);
}

TEST(FloatRun, AutoChoosesFloatForLargeDAndKernelRules) {
  const auto big = make_problem("separable:d=1000");
  const auto small = make_problem("separable:d=999");
  EXPECT_TRUE(make_run("lion", *big, NumericPath::Auto)->float_path());
  EXPECT_FALSE(make_run("lion", *small, NumericPath::Auto)->float_path());
  EXPECT_TRUE(make_run("lion", *small, NumericPath::Float)->float_path());
  EXPECT_FALSE(make_run("steepest-linf", *big, NumericPath::Auto)->float_path());  // no fused kernel
  Run::OracleSetup noisy;
  noisy.noise = NoiseModel::gauss(0.1);
  EXPECT_TRUE(make_run("lion", *big, NumericPath::Auto, noisy)->float_path());  // stochastic oracles too
}

// A stochastic oracle: both paths draw the same samples in the same order and add the same noise, so
// they still agree within float rounding (σ = 0.01 is large against the smallest gradients, 0.01·x_i, so
// signs do flip from step to step; the seed fixes which, and no noisy gradient lands within rounding of 0).
Run::OracleSetup gauss_noise() {
  Run::OracleSetup o;
  o.noise = NoiseModel::gauss(0.01);
  o.seed = 11;
  return o;
}
TEST(FloatRun, NoisySignSgdMatchesTheDoublePath) { compare_paths("signsgd:lr=0.003", gauss_noise()); }
TEST(FloatRun, NoisyLionMatchesTheDoublePath) { compare_paths("lion:lr=0.003", gauss_noise()); }
TEST(FloatRun, NoisyAdamMatchesTheDoublePath) { compare_paths("adam:lr=0.003", gauss_noise()); }
TEST(FloatRun, NoisySsvrMatchesTheDoublePathOnOneSampleAStep) {
  compare_paths("ssvr:lr=0.003,beta=0.5", gauss_noise());
}
TEST(FloatRun, TheNoiseReallyMovesTheFloatPath) {
  const auto p = make_problem("separable:d=1000,cond=100");
  auto exact = make_run("signsgd:lr=0.003", *p, NumericPath::Auto);
  auto noisy = make_run("signsgd:lr=0.003", *p, NumericPath::Auto, gauss_noise());
  exact->advance(60);
  noisy->advance(60);
  int moved = 0;
  for (std::size_t i = 0; i < 1000; ++i) moved += exact->x()[i] != noisy->x()[i];
  EXPECT_GT(moved, 100);  // the small-curvature coordinates see noise larger than their gradient
}

TEST(FloatRun, DivergenceStopsAtTheSameStepAsTheDoublePath) {
  const auto p = make_problem("separable:d=2000,cond=10");
  auto f = make_run("sgd:lr=9", *p, NumericPath::Auto);  // |1 − 9λ_0| = 8: x_0 grows 8× a step
  auto d = make_run("sgd:lr=9", *p, NumericPath::Double);
  EXPECT_LT(f->advance(100), 100);
  EXPECT_LT(d->advance(100), 100);
  EXPECT_EQ(f->state(), RunState::Diverged);
  EXPECT_EQ(f->diverged_at(), d->diverged_at());
  EXPECT_EQ(f->advance(5), 0);  // stays stopped
}

TEST(FloatRun, ParameterChangesApplyToTheNextStepAndResetRestarts) {
  const auto p = make_problem("separable:d=1000");
  auto r = make_run("signsgd:lr=0.01", *p, NumericPath::Auto);
  r->advance(1);
  EXPECT_NEAR(r->head(1)[0], 0.99, 1e-6);
  r->set_param("lr", 0.1);
  r->advance(1);
  EXPECT_NEAR(r->head(1)[0], 0.89, 1e-6);
  EXPECT_EQ(r->head(5).size(), 5u);
  EXPECT_EQ(r->head(5000).size(), 1000u);
  r->reset(*p, p->default_start());
  EXPECT_EQ(r->step(), 0);
  EXPECT_EQ(r->head(1)[0], 1.0);
  EXPECT_TRUE(r->last_step().empty());
}

TEST(FloatRun, ExperimentRunsLargeProblemsOnTheFloatPathWithBoundedSnapshotsOfX) {
  Experiment e("separable:d=100000,cond=1000");
  e.add_run("lion:lr=1e-3");
  e.add_run("adam:lr=1e-3");
  e.step_all(20);
  for (const auto& r : e.runs()) {
    EXPECT_TRUE(r->float_path()) << r->info().name;
    EXPECT_EQ(r->step(), 20);
    EXPECT_EQ(r->evals(), 20);
    EXPECT_LT(r->metrics().loss, e.problem()->value(e.start()));
  }
  ASSERT_EQ(e.minimizers_xy().size(), 1u);
  EXPECT_EQ(e.minimizers_xy()[0][0], 0.0);
  e.set_start_xy(0.5, -0.25);  // the landscape's Ctrl+click: two coordinates move, the rest stay
  EXPECT_EQ(e.start()[0], 0.5);
  EXPECT_EQ(e.start()[1], -0.25);
  EXPECT_EQ(e.start()[2], 1.0);
  EXPECT_EQ(e.start().size(), 100000u);
  EXPECT_EQ(e.runs()[0]->step(), 0);
  EXPECT_EQ(e.runs()[0]->head(3), (std::vector<double>{0.5, -0.25, 1.0}));
}

}  // namespace
}  // namespace signlab
