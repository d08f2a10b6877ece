// The float32 path (core/optim/float_path.hpp, over the SIMD kernels) against the double path
// (core/optim/*.cpp through the registry) on one shared problem: a quadratic in d = 1000,
//   f(x) = ½·Σ h_i (x_i − c_i)² + (κ/2d)·(Σ (x_i − c_i))²,  h_i ∈ [1, 10],  κ = 0.5,
// 50 steps of every elementwise optimizer from the same start, compared after every step.
// The start is 1–2 away from c in every coordinate and 50 steps move no coordinate past its minimum, so no
// gradient (or momentum) sign is ever ambiguous: the float path must follow the double trajectory within
// float rounding. Tolerance: |x_float − x_double| ≤ 2e-5 per coordinate (x is O(1); one float ulp is
// 1.2e-7 at 1, rounding accumulates over 50 steps).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "core/optim/float_path.hpp"
#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/problem.hpp"

namespace signlab {
namespace {

constexpr int kD = 1000;
constexpr int kSteps = 50;
constexpr double kKappa = 0.5;

class CoupledQuadratic final : public Problem {
 public:
  CoupledQuadratic() : h_(kD), c_(kD), start_(kD) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> hdist(1.0, 10.0), cdist(-1.0, 1.0), off(1.0, 2.0);
    std::bernoulli_distribution side(0.5);
    for (int i = 0; i < kD; ++i) {
      h_[i] = hdist(rng);
      c_[i] = cdist(rng);
      start_[i] = c_[i] + (side(rng) ? off(rng) : -off(rng));
    }
  }
  int dim() const override { return kD; }
  double value(std::span<const double> x) const override {
    double s = 0.0, sum = 0.0;
    for (int i = 0; i < kD; ++i) {
      const double r = x[i] - c_[i];
      s += 0.5 * h_[i] * r * r;
      sum += r;
    }
    return s + 0.5 * kKappa / kD * sum * sum;
  }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    double sum = 0.0;
    for (int i = 0; i < kD; ++i) sum += x[i] - c_[i];
    for (int i = 0; i < kD; ++i) g[i] = h_[i] * (x[i] - c_[i]) + kKappa / kD * sum;
  }
  // The same gradient computed in float from float parameters (what a float problem would do).
  void gradient(std::span<const float> x, std::span<float> g) const {
    float sum = 0.0f;
    for (int i = 0; i < kD; ++i) sum += x[i] - static_cast<float>(c_[i]);
    const float coupling = static_cast<float>(kKappa / kD) * sum;
    for (int i = 0; i < kD; ++i) g[i] = static_cast<float>(h_[i]) * (x[i] - static_cast<float>(c_[i])) + coupling;
  }
  void hessian(std::span<const double>, std::span<double> H) const override {
    for (int i = 0; i < kD; ++i) {
      for (int j = 0; j < kD; ++j) H[i * kD + j] = (i == j ? h_[i] : 0.0) + kKappa / kD;
    }
  }
  std::vector<double> default_start() const override { return start_; }
  Box default_view() const override { return {}; }

 private:
  std::vector<double> h_, c_, start_;
};

// Runs `spec` on both paths and compares the trajectories step by step.
void compare_paths(const std::string& spec, double tol = 2e-5) {
  SCOPED_TRACE(spec);
  const CoupledQuadratic problem;
  const ResolvedOptimizer r = resolve_optimizer(spec);
  ASSERT_NE(r.info, nullptr);
  const auto rule = float_rule_from_name(r.info->name);
  ASSERT_TRUE(rule.has_value());

  std::unique_ptr<Optimizer> dbl = make_optimizer(r, kD);
  Oracle oracle(problem);
  std::vector<double> xd = problem.default_start();

  FloatOptimizer flt(*rule, kD, r.values);
  std::vector<float> xf(xd.begin(), xd.end()), gf(kD);

  double max_move = 0.0;
  for (int t = 1; t <= kSteps; ++t) {
    dbl->step(xd, oracle);
    problem.gradient(std::span<const float>(xf), std::span<float>(gf));
    flt.step(xf, gf);
    double worst = 0.0;
    for (int i = 0; i < kD; ++i) {
      worst = std::max(worst, std::abs(static_cast<double>(xf[i]) - xd[i]));
      max_move = std::max(max_move, std::abs(xd[i] - problem.default_start()[i]));
    }
    ASSERT_LE(worst, tol) << "step " << t;
  }
  EXPECT_EQ(flt.steps(), kSteps);
  EXPECT_GT(max_move, 1e-2) << "the optimizer should actually move";
}

TEST(FloatPath, SgdMatchesDoublePath) { compare_paths("sgd:lr=0.02"); }
TEST(FloatPath, MomentumMatchesDoublePath) { compare_paths("momentum:lr=0.005,mu=0.9"); }
TEST(FloatPath, NesterovMatchesDoublePath) { compare_paths("momentum:lr=0.005,mu=0.9,nesterov=1"); }
TEST(FloatPath, AdamMatchesDoublePath) { compare_paths("adam:lr=0.01,wd=0.05"); }
TEST(FloatPath, AdamWMatchesDoublePath) { compare_paths("adamw:lr=0.01,wd=0.1"); }
TEST(FloatPath, SignSgdMatchesDoublePath) { compare_paths("signsgd:lr=0.01"); }
TEST(FloatPath, SignumMatchesDoublePath) { compare_paths("signum:lr=0.01,beta=0.9,wd=0.1"); }
TEST(FloatPath, LionMatchesDoublePath) { compare_paths("lion:lr=0.01,beta1=0.9,beta2=0.99,wd=0.2"); }

// ssvr: the double-path estimator written out here (exact gradients: both "samples" are the same),
// v_1 = g(x_1); v_t = g(x_t) + (1−β)(v_{t−1} − g(x_{t−1})); x ← x − η·sign(v_t).
TEST(FloatPath, SsvrMatchesDoubleEstimator) {
  const CoupledQuadratic problem;
  const double eta = 0.01, beta = 0.3;
  std::vector<double> xd = problem.default_start(), xprev(kD), v(kD), g(kD), gp(kD);
  std::vector<float> xf(xd.begin(), xd.end()), xfprev(kD), gf(kD), gfp(kD);
  FloatOptimizer flt(FloatRule::Ssvr, kD, ParamValues{{"lr", eta}, {"beta", beta}});
  for (int t = 1; t <= kSteps; ++t) {
    problem.gradient(xd, g);
    if (t == 1) {
      v = g;
    } else {
      problem.gradient(xprev, gp);
      for (int i = 0; i < kD; ++i) v[i] = g[i] + (1.0 - beta) * (v[i] - gp[i]);
    }
    xprev = xd;
    for (int i = 0; i < kD; ++i) xd[i] -= eta * sign0(v[i]);

    problem.gradient(std::span<const float>(xf), std::span<float>(gf));
    problem.gradient(std::span<const float>(xfprev), std::span<float>(gfp));
    xfprev = xf;
    flt.step(xf, gf, gfp);
    for (int i = 0; i < kD; ++i) ASSERT_NEAR(xf[i], xd[i], 2e-5) << "step " << t << " i " << i;
  }
}

TEST(FloatPath, NamesAndState) {
  for (const char* name : {"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion", "ssvr"}) {
    const auto rule = float_rule_from_name(name);
    ASSERT_TRUE(rule.has_value()) << name;
    EXPECT_STREQ(float_rule_name(*rule), name);
  }
  EXPECT_FALSE(float_rule_from_name("muon").has_value());

  const ResolvedOptimizer r = resolve_optimizer("adam");
  FloatOptimizer adam(FloatRule::Adam, 5, r.values);
  EXPECT_EQ(adam.first_state().size(), 5u);
  EXPECT_EQ(adam.second_state().size(), 5u);
  std::vector<float> x(5, 1.0f), g = {1.0f, -2.0f, 0.0f, 4.0f, -0.5f};
  adam.step(x, g);
  // Step 1 of Adam moves every coordinate with a nonzero gradient by lr·(1 − tiny) against its sign.
  for (int i = 0; i < 5; ++i) {
    const double expect = g[i] == 0.0f ? 1.0 : 1.0 - 1e-3 * sign0(g[i]);
    EXPECT_NEAR(x[i], expect, 1e-6) << i;
  }
  adam.reset(3);
  EXPECT_EQ(adam.steps(), 0);
  EXPECT_EQ(adam.first_state().size(), 3u);
  std::vector<float> wrong(4);
  EXPECT_THROW(adam.step(wrong, wrong), std::invalid_argument);
  EXPECT_THROW(FloatOptimizer(FloatRule::Lion, 3, ParamValues{{"lr", 1.0}}), std::invalid_argument);
}

}  // namespace
}  // namespace signlab
