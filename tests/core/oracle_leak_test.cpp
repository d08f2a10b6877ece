// No optimizer sees more of the objective than it pays for (ALGORITHMS.md: "no method may see the exact
// gradient for free"). Every registered optimizer, and every float32 rule, steps on a problem wrapped in a
// spy that counts the exact evaluations made of it: on a noisy oracle they never outnumber what the oracle
// charged, no rule reads the Hessian, and the path differs from the one the exact oracle gives.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/engine/experiment.hpp"
#include "core/engine/float_run.hpp"
#include "core/engine/run.hpp"
#include "core/engine/sweep.hpp"
#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

// Forwards to `inner`, counting the exact evaluations made (mutable: Problem's interface is const).
class SpyProblem final : public Problem {
 public:
  explicit SpyProblem(std::shared_ptr<const Problem> inner) : inner_(std::move(inner)) {}
  int dim() const override { return inner_->dim(); }
  double value(std::span<const double> x) const override {
    ++values;
    return inner_->value(x);
  }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    ++gradients;
    inner_->gradient(x, g);
  }
  void hessian(std::span<const double> x, std::span<double> H) const override {
    ++hessians;
    inner_->hessian(x, H);
  }
  bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const override {
    ++hessians;
    return inner_->hvp(x, v, out);
  }
  double value_f(std::span<const float> x) const override {
    ++values;
    return inner_->value_f(x);
  }
  void gradient_f(std::span<const float> x, std::span<float> g) const override {
    ++gradients;
    inner_->gradient_f(x, g);
  }
  double value_and_gradient_f(std::span<const float> x, std::span<float> g) const override {
    ++values;
    ++gradients;
    return inner_->value_and_gradient_f(x, g);
  }
  std::vector<double> default_start() const override { return inner_->default_start(); }
  Box default_view() const override { return inner_->default_view(); }
  std::pair<int, int> matrix_shape() const override { return inner_->matrix_shape(); }

  void clear() const { values = gradients = hessians = 0; }
  mutable std::int64_t values = 0, gradients = 0, hessians = 0;

 private:
  std::shared_ptr<const Problem> inner_;
};

// Gaussian shifts and per-sample curvature, so not even same-sample differences cancel the noise.
NoiseModel noise_for(const OptimizerInfo& info) {
  return NoiseModel::gauss(1.0, info.needs_finite_sum ? 10 : 0, 2.0);
}

std::vector<double> run_steps(const ResolvedOptimizer& r, const SpyProblem& p, const NoiseModel& noise, int steps,
                              Oracle* out = nullptr) {
  auto opt = make_optimizer(r, p);
  Oracle oracle(p);
  oracle.set_noise(noise);
  oracle.set_seed(7);
  std::vector<double> x = p.default_start();
  for (double& v : x) v *= 1e-3;  // near the minimum, where the noise decides the signs
  p.clear();
  for (int t = 0; t < steps; ++t) opt->step(x, oracle);
  if (out) *out = oracle;
  return x;
}

TEST(OracleLeak, EveryOptimizerPaysForEveryExactEvaluationAndFeelsTheNoise) {
  auto vec = std::make_shared<SpyProblem>(make_problem("quadratic:d=6,ratio=4,theta=0.5,seed=1"));
  auto mat = std::make_shared<SpyProblem>(make_problem("matrix-lsq:m=4,n=3"));
  const int steps = 30;
  for (const OptimizerInfo& info : optimizer_registry()) {
    const ResolvedOptimizer r = resolve_optimizer(info.name);
    bool vector_ok = true;  // matrix methods need a matrix parameter
    try {
      make_optimizer(r, *vec);
    } catch (const std::invalid_argument&) {
      vector_ok = false;
    }
    const SpyProblem& p = vector_ok ? *vec : *mat;
    const NoiseModel noise = noise_for(info);
    ASSERT_NO_THROW(require_runs_on(r, p, noise)) << info.name;
    Oracle noisy(p);
    const std::vector<double> x_noisy = run_steps(r, p, noise, steps, &noisy);
    const std::int64_t exact_gradients = p.gradients, exact_values = p.values, hessians = p.hessians;
    EXPECT_EQ(hessians, 0) << info.name << " read the Hessian directly";
    EXPECT_GE(noisy.evals(), steps) << info.name << " did not charge its oracle calls";
    EXPECT_LE(exact_gradients, noisy.grads()) << info.name << " evaluated gradients the oracle did not charge";
    EXPECT_LE(exact_values, noisy.values() + 2 * noisy.comparisons())
        << info.name << " evaluated f more often than the oracle charged";
    const std::vector<double> x_exact = run_steps(r, p, NoiseModel::none(), steps);
    EXPECT_NE(x_noisy, x_exact) << info.name << " stepped on the noisy oracle exactly as on the exact one";
  }
}

TEST(OracleLeak, FloatRulesPayForEveryExactGradientAndFeelTheNoise) {
  // d = 1000: the size at which runs take the float32 path.
  const SpyProblem p(make_problem("separable:d=1000"));
  const std::vector<double> start = p.default_start();
  for (const char* name : {"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion", "ssvr"}) {
    const ResolvedOptimizer r = resolve_optimizer(name);
    auto run = [&](const NoiseModel& noise, Oracle& oracle) {
      oracle.set_noise(noise);
      oracle.set_seed(3);
      FloatRun f(*float_rule_from_name(name), r.values, start);
      p.clear();
      for (int t = 0; t < 20; ++t) f.step(p, oracle);
      return std::vector<float>(f.x().begin(), f.x().end());
    };
    Oracle noisy(p), exact(p);
    const std::vector<float> x_noisy = run(NoiseModel::gauss(1.0, 0, 0.5), noisy);
    EXPECT_EQ(p.hessians, 0) << name;
    EXPECT_LE(p.gradients, noisy.grads()) << name << ": float gradients the oracle did not charge";
    EXPECT_GE(noisy.grads(), 20) << name;
    EXPECT_NE(x_noisy, run(NoiseModel::none(), exact)) << name << ": the float path ignored the noise";
  }
}

// ---- ssvr-fs needs a finite sum -------------------------------------------------------------------

TEST(OracleLeak, AFullPassExistsOnlyOnAFiniteSumOrAnExactOracle) {
  const auto p = make_problem("quadratic:d=6,ratio=4,theta=0.5,seed=1");
  std::vector<double> x = p->default_start(), g(x.size());
  Oracle noisy(*p);
  noisy.set_noise(NoiseModel::gauss(5.0));
  EXPECT_FALSE(noisy.has_full_pass());
  EXPECT_THROW(noisy.full_gradient(x, g), std::logic_error);
  EXPECT_EQ(noisy.evals(), 0);
  Oracle exact(*p);  // an exact oracle is a finite sum of one: the full pass is the gradient, 1 evaluation
  exact.full_gradient(x, g);
  EXPECT_EQ(exact.grads(), 1);
  Oracle sum(*p);
  sum.set_noise(NoiseModel::gauss(5.0, 12));
  sum.full_gradient(x, g);
  EXPECT_EQ(sum.grads(), 12);
}

TEST(OracleLeak, SsvrFsIsRefusedOnNoiseWithoutComponentsEverywhere) {
  const ResolvedOptimizer r = resolve_optimizer("ssvr-fs:lr=0.002");
  const auto p = make_problem("quadratic:d=50,ratio=10,theta=0.5");
  try {
    require_runs_on(r, *p, NoiseModel::gauss(5.0));
    ADD_FAILURE() << "ssvr-fs accepted noise without a finite sum";
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("components=M"), std::string::npos) << m;
    EXPECT_NE(m.find("--noise gauss:sigma=5,components=100"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
  EXPECT_NO_THROW(require_runs_on(r, *p, NoiseModel::gauss(5.0, 100)));
  EXPECT_NO_THROW(require_runs_on(r, *p, NoiseModel::none()));

  // The experiment (CLI and GUI) refuses to add it; a run whose oracle turns noisy under it fails and says why.
  Experiment e("quadratic:d=50,ratio=10,theta=0.5");
  const int id = e.add_run("ssvr-fs:lr=0.002");
  e.set_oracle({NoiseModel::gauss(5.0), 1});
  const signlab::Run* run = e.find_run(id);
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->state(), RunState::Failed);
  EXPECT_NE(run->error().find("components=M"), std::string::npos) << run->error();
  EXPECT_EQ(e.step_all(5), 0);
  EXPECT_THROW(e.add_run("ssvr-fs"), std::invalid_argument);
  e.set_oracle({NoiseModel::gauss(5.0, 100), 1});
  EXPECT_EQ(e.find_run(id)->state(), RunState::Running);
  EXPECT_EQ(e.step_all(5), 5);

  // Sweeps refuse it before the first point, with the same words.
  SweepConfig sweep;
  sweep.problem = "quadratic:d=50,ratio=10,theta=0.5";
  sweep.optimizer = "ssvr-fs";
  sweep.axes = {parse_sweep_axis("lr=1e-3:1e-2:log:2")};
  sweep.steps = 5;
  sweep.oracle = {NoiseModel::gauss(5.0), 1};
  try {
    run_sweep(sweep);
    ADD_FAILURE() << "the sweep ran ssvr-fs without a finite sum";
  } catch (const std::invalid_argument& ex) {
    EXPECT_NE(std::string(ex.what()).find("components=M"), std::string::npos) << ex.what();
  }
  sweep.oracle.noise.components = 100;
  EXPECT_EQ(run_sweep(sweep).points.size(), 2u);
}

}  // namespace
}  // namespace signlab
