// Hyperparameter sweeps (core/engine/sweep): the axis syntax, every point equal to the same run done
// alone, independence from the thread count, cancellation, and one-line errors before any work.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <string>
#include <vector>

#include "core/engine/sweep.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"
#include "core/sys/thread_spawn.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

using test::contains;

std::string error_of(const SweepConfig& c) {
  try {
    run_sweep(c);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

std::string axis_error(const std::string& text) {
  try {
    parse_sweep_axis(text);
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

TEST(SweepAxis, ParsesLinAndLogWithExactEnds) {
  const SweepAxis a = parse_sweep_axis("lr=1e-4:1e-1:log:4");
  EXPECT_EQ(a.param, "lr");
  EXPECT_EQ(a.spacing, SweepAxis::Spacing::Log);
  const auto v = a.values();
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v.front(), 1e-4);
  EXPECT_EQ(v.back(), 1e-1);
  EXPECT_NEAR(v[1], 1e-3, 1e-18);
  EXPECT_NEAR(v[2], 1e-2, 1e-17);

  const auto w = parse_sweep_axis("beta1=0.5:0.9:lin:5").values();
  ASSERT_EQ(w.size(), 5u);
  for (int k = 0; k < 5; ++k) EXPECT_NEAR(w[k], 0.5 + 0.1 * k, 1e-15);
  EXPECT_EQ(w.back(), 0.9);

  const auto one = parse_sweep_axis("lr=0.3:7:lin:1").values();
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0], 0.3);
}

TEST(SweepAxis, BadAxesNameTheProblem) {
  EXPECT_TRUE(contains(axis_error("lr"), "name=lo:hi:lin|log:count")) << axis_error("lr");
  EXPECT_TRUE(contains(axis_error("=1:2:lin:3"), "name=lo:hi"));
  EXPECT_TRUE(contains(axis_error("lr=1:2:3"), "four parts"));
  EXPECT_TRUE(contains(axis_error("lr=1:2:cubic:3"), "spacing 'cubic' must be lin or log"));
  EXPECT_TRUE(contains(axis_error("lr=1:2:lin:0"), "count 0 must be a whole number"));
  EXPECT_TRUE(contains(axis_error("lr=1:2:lin:2.5"), "count 2.5 must be a whole number"));
  EXPECT_TRUE(contains(axis_error("lr=0:1:log:3"), "log axis needs lo > 0"));
  EXPECT_TRUE(contains(axis_error("lr=abc:1:lin:3"), "not a number"));
}

// Each grid point is exactly the run one would start by hand with those values: same problem, start,
// noise and seed (here a noisy oracle, so the samples must match too).
TEST(Sweep, EveryPointEqualsTheSameRunAlone) {
  SweepConfig c;
  c.problem = "rosenbrock";
  c.optimizer = "signum:wd=0.01";
  c.axes = {parse_sweep_axis("lr=1e-3:1e-2:log:3"), parse_sweep_axis("beta=0.5:0.9:lin:2")};
  c.steps = 300;
  c.oracle = {NoiseModel::gauss(0.5), 7};
  const SweepResult r = run_sweep(c);
  ASSERT_EQ(r.params, (std::vector<std::string>{"lr", "beta"}));
  ASSERT_EQ(r.points.size(), 6u);
  EXPECT_FALSE(r.cancelled);
  const auto problem = make_problem(c.problem);
  for (std::size_t k = 0; k < r.points.size(); ++k) {
    const SweepPoint& p = r.points[k];
    // Row-major: the last axis varies fastest.
    EXPECT_EQ(p.values[0], c.axes[0].values()[k / 2]);
    EXPECT_EQ(p.values[1], c.axes[1].values()[k % 2]);
    ResolvedOptimizer opt = resolve_optimizer(c.optimizer);
    opt.values["lr"] = p.values[0];
    opt.values["beta"] = p.values[1];
    EXPECT_EQ(opt.values["wd"], 0.01);  // the SPEC's own values stay
    signlab::Run alone(0, 0, opt, *problem, problem->default_start(), 64, c.oracle);
    alone.advance(c.steps);
    EXPECT_EQ(p.steps, alone.step());
    EXPECT_EQ(p.evals, alone.evals());
    EXPECT_EQ(p.final.loss, alone.metrics().loss) << "point " << k;
    EXPECT_EQ(p.final.grad_l2, alone.metrics().grad_l2);
    EXPECT_EQ(p.diverged_at, -1);
  }
  // The values matter: not every point ends in the same place.
  EXPECT_NE(r.points.front().final.loss, r.points.back().final.loss);
}

TEST(Sweep, ResultsDoNotDependOnTheThreadCount) {
  SweepConfig c;
  c.problem = "separable:d=1200,cond=50";  // the float32 kernel path
  c.optimizer = "lion";
  c.axes = {parse_sweep_axis("lr=1e-4:1e-2:log:5")};
  c.steps = 40;
  c.oracle = {NoiseModel::gauss(0.1), 3};
  c.threads = 1;
  const SweepResult one = run_sweep(c);
  c.threads = 2;
  const SweepResult two = run_sweep(c);
  ASSERT_EQ(one.points.size(), 5u);
  ASSERT_EQ(two.points.size(), 5u);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(one.points[k].values, two.points[k].values);
    EXPECT_EQ(one.points[k].final.loss, two.points[k].final.loss);
    EXPECT_EQ(one.points[k].evals, two.points[k].evals);
  }
}

// When the system refuses threads (ulimit -u), the sweep goes on with the ones it got, down to the
// calling thread alone, and says so; the points are the same as with every thread.
TEST(Sweep, RefusedThreadsAreDoneWithoutAndChangeNoResult) {
  SweepConfig c;
  c.problem = "rosenbrock";
  c.optimizer = "signum";
  c.axes = {parse_sweep_axis("lr=1e-4:1e-2:log:9")};
  c.steps = 50;
  c.oracle = {NoiseModel::gauss(0.1), 3};
  c.threads = 4;
  const SweepResult all = run_sweep(c);
  EXPECT_EQ(all.threads, 4u);
  for (const int limit : {0, 1}) {
    sys::set_thread_limit_for_testing(limit);
    const SweepResult few = run_sweep(c);
    sys::set_thread_limit_for_testing(-1);
    EXPECT_EQ(few.threads, static_cast<unsigned>(limit) + 1);
    EXPECT_EQ(few.threads_asked, 4u);
    ASSERT_EQ(few.points.size(), all.points.size());
    for (std::size_t k = 0; k < all.points.size(); ++k) {
      EXPECT_EQ(few.points[k].values, all.points[k].values);
      EXPECT_EQ(few.points[k].final.loss, all.points[k].final.loss);
      EXPECT_EQ(few.points[k].evals, all.points[k].evals);
    }
  }
}

TEST(Sweep, DivergedPointsSayWhenAndStop) {
  SweepConfig c;
  c.problem = "rosenbrock";
  c.optimizer = "sgd";
  c.axes = {parse_sweep_axis("lr=1e-4:0.5:log:2")};
  c.steps = 500;
  const SweepResult r = run_sweep(c);
  ASSERT_EQ(r.points.size(), 2u);
  EXPECT_EQ(r.points[0].diverged_at, -1);
  EXPECT_EQ(r.points[0].steps, 500);
  EXPECT_GT(r.points[1].diverged_at, 0);
  EXPECT_LT(r.points[1].steps, 500);
}

TEST(Sweep, WholeNumberParametersAreRoundedOnALogAxis) {
  SweepConfig c;
  c.problem = "rosenbrock";
  c.optimizer = "minibatch-signsgd";
  c.axes = {parse_sweep_axis("batch=1:64:log:7")};
  c.steps = 3;
  c.oracle = {NoiseModel::gauss(1.0), 1};
  const SweepResult r = run_sweep(c);
  ASSERT_EQ(r.points.size(), 7u);
  for (std::size_t k = 0; k < 7; ++k) {
    EXPECT_EQ(r.points[k].values[0], std::ldexp(1.0, static_cast<int>(k)));
    EXPECT_EQ(r.points[k].evals, 3 * static_cast<std::int64_t>(r.points[k].values[0]));  // B gradients a step
  }
}

TEST(Sweep, CancelKeepsTheFinishedPointsInGridOrder) {
  SweepConfig c;
  c.problem = "rosenbrock";
  c.optimizer = "adam";
  c.axes = {parse_sweep_axis("lr=1e-4:1e-1:log:40")};
  c.steps = 20000;
  c.threads = 1;
  std::atomic<bool> cancel{false};
  std::int64_t seen_total = 0;
  const SweepResult r = run_sweep(
      c,
      [&](const SweepPoint&, std::int64_t, std::int64_t done, std::int64_t total) {
        seen_total = total;
        if (done == 3) cancel = true;
      },
      &cancel);
  EXPECT_EQ(seen_total, 40);
  EXPECT_TRUE(r.cancelled);
  ASSERT_EQ(r.points.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(r.points[k].values[0], c.axes[0].values()[k]);
    EXPECT_EQ(r.points[k].steps, 20000);
  }
}

TEST(Sweep, BadConfigurationsFailBeforeAnyWork) {
  SweepConfig c;
  c.problem = "rosenbrock";
  c.optimizer = "lion";
  c.steps = 10;
  EXPECT_TRUE(contains(error_of(c), "nothing to vary"));
  c.axes = {parse_sweep_axis("alpha=0.1:0.2:lin:2")};
  const std::string unknown = error_of(c);
  EXPECT_TRUE(contains(unknown, "lion has no parameter 'alpha'")) << unknown;
  EXPECT_TRUE(contains(unknown, "beta1")) << unknown;
  c.axes = {parse_sweep_axis("beta1=0.5:1.5:lin:3")};
  EXPECT_TRUE(contains(error_of(c), "beta1=1 out of range")) << error_of(c);
  c.axes = {parse_sweep_axis("lr=1e-3:1e-2:log:2"), parse_sweep_axis("lr=1e-3:1e-2:log:2")};
  EXPECT_TRUE(contains(error_of(c), "'lr' is varied twice"));
  c.axes = {parse_sweep_axis("lr=1e-3:1e-2:log:2")};
  c.start = {1.0, 2.0, 3.0};
  EXPECT_TRUE(contains(error_of(c), "--start has 3 numbers")) << error_of(c);
  c.start.clear();
  c.optimizer = "muon";
  EXPECT_FALSE(error_of(c).empty());  // muon needs matrix parameters: refused before the grid runs
  c.optimizer = "lion";
  c.axes = {parse_sweep_axis("lr=1e-3:1e-2:log:2000"), parse_sweep_axis("beta1=0.1:0.9:lin:1000")};
  EXPECT_TRUE(contains(error_of(c), "grid points")) << error_of(c);
}

}  // namespace
}  // namespace signlab
