// The sign-optimizer family and the matrix methods (ALGORITHMS.md, "Sign methods" and "Matrix methods"),
// checked against arithmetic written out here, independently of core/optim.
//
// Vector methods run on f(x) = ½xᵀHx with H = [[3, 1], [1, 2]] from x = (1, −2):
//   g1 = 3·x1 + x2,   g2 = x1 + 2·x2,   f = ½(3·x1² + 2·x1·x2 + 2·x2²).
// Matrix methods run on f(W) = ½‖W − C‖²_F (gradient W − C) with W of shape 2×3, 3×2 or 2×2.
// Where a rule is stochastic, the noise values are inputs to the hand arithmetic: they are read from a
// NoiseField with the run's seed (sample ids are 0, 1, 2, … in draw order for an infinite model), and
// the optimizer's own draws (coordinates, directions) from a twin Oracle with the same seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "core/optim/matrix_methods.hpp"
#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/optim/stochastic_sign.hpp"
#include "core/problems/matrix_lsq.hpp"
#include "core/problems/noise.hpp"
#include "core/spec/spec_parse.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

// ---- fixtures -----------------------------------------------------------------------------------

using test::DenseQuadratic;

// f(W) = ½‖W − C‖²_F, W rows×cols row-major.
class MatrixTarget final : public Problem {
 public:
  MatrixTarget(int rows, int cols, std::vector<double> c) : rows_(rows), cols_(cols), c_(std::move(c)) {}
  int dim() const override { return rows_ * cols_; }
  double value(std::span<const double> x) const override {
    double s = 0.0;
    for (std::size_t i = 0; i < c_.size(); ++i) s += 0.5 * (x[i] - c_[i]) * (x[i] - c_[i]);
    return s;
  }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    for (std::size_t i = 0; i < c_.size(); ++i) g[i] = x[i] - c_[i];
  }
  void hessian(std::span<const double>, std::span<double> h) const override {
    std::fill(h.begin(), h.end(), 0.0);
    for (int i = 0; i < dim(); ++i) h[static_cast<std::size_t>(i * dim() + i)] = 1.0;
  }
  std::vector<double> default_start() const override { return std::vector<double>(c_.size(), 0.0); }
  Box default_view() const override { return {}; }
  std::pair<int, int> matrix_shape() const override { return {rows_, cols_}; }

 private:
  int rows_, cols_;
  std::vector<double> c_;
};

double f_h2(double a, double b) { return 0.5 * (3.0 * a * a + 2.0 * a * b + 2.0 * b * b); }
double g1_h2(double a, double b) { return 3.0 * a + b; }
double g2_h2(double a, double b) { return a + 2.0 * b; }
double hand_sign(double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); }

void expect_rel(double actual, double expected, const std::string& what, double rel = 1e-12) {
  EXPECT_NEAR(actual, expected, rel * std::max(1.0, std::abs(expected))) << what;
}

std::unique_ptr<Optimizer> make_opt(const std::string& spec, const Problem& p) {
  return make_optimizer(resolve_optimizer(spec), p);
}

Oracle noisy_oracle(const Problem& p, const NoiseModel& model, std::uint64_t seed) {
  Oracle o(p);
  o.set_noise(model);
  o.set_seed(seed);
  return o;
}

// ---- the oracle ---------------------------------------------------------------------------------

TEST(OracleNoise, NoNoiseIsExactAndCountsSeparately) {
  DenseQuadratic p = DenseQuadratic::h2();
  Oracle o(p);
  EXPECT_FALSE(o.stochastic());
  std::vector<double> x{1.0, -2.0}, g(2), gs(2);
  o.gradient(x, g);
  o.gradient(x, gs, 12345);
  EXPECT_EQ(g, (std::vector<double>{1.0, -3.0}));
  EXPECT_EQ(gs, g);
  EXPECT_EQ(o.value(x), f_h2(1.0, -2.0));
  EXPECT_EQ(o.value(x, 7), f_h2(1.0, -2.0));
  const std::vector<double> e{1.0, 0.0};
  EXPECT_EQ(o.compare(x, e, 0.1, 0), 1);  // g1 = 1 > 0
  EXPECT_EQ(o.grads(), 2);
  EXPECT_EQ(o.values(), 2);
  EXPECT_EQ(o.comparisons(), 1);
  EXPECT_EQ(o.evals(), 5);
}

TEST(OracleNoise, GradientValueAndComparisonShareOneSample) {
  // f(x; ξ) = f(x) + ⟨z, x⟩ + ½Σ c_i x_i², ∇f(x; ξ) = ∇f(x) + z + c ⊙ x, with z, c from the field.
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::gauss(0.7, 0, 0.3);
  const NoiseField field(model, 99, 2);
  Oracle o = noisy_oracle(p, model, 99);
  const std::vector<double> x{0.4, -1.3};
  std::vector<double> g(2);
  o.gradient(x, g, 5);
  const double z0 = field.shift(5, 0), z1 = field.shift(5, 1), c0 = field.curv(5, 0), c1 = field.curv(5, 1);
  EXPECT_NE(z0, 0.0);
  EXPECT_NE(c1, 0.0);
  expect_rel(g[0], g1_h2(0.4, -1.3) + z0 + c0 * 0.4, "g0");
  expect_rel(g[1], g2_h2(0.4, -1.3) + z1 + c1 * -1.3, "g1");
  const double f = f_h2(0.4, -1.3) + z0 * 0.4 + z1 * -1.3 + 0.5 * (c0 * 0.16 + c1 * 1.69);
  expect_rel(o.value(x, 5), f, "value");
  // The comparison along e equals the sign of the difference of two sample values.
  const std::vector<double> e{0.6, -0.8};
  const double tau = 0.05;
  const std::vector<double> xp{0.4 + tau * 0.6, -1.3 - tau * 0.8}, xm{0.4 - tau * 0.6, -1.3 + tau * 0.8};
  EXPECT_EQ(o.compare(x, e, tau, 5), static_cast<int>(hand_sign(o.value(xp, 5) - o.value(xm, 5))));
}

TEST(OracleNoise, GaussianAndStudentMomentsAreAsModelled) {
  const int n = 200000;
  const NoiseField gauss(NoiseModel::gauss(2.0), 1, 1);
  const NoiseField t3(NoiseModel::student_t(1.0, 3.0), 1, 1);
  double s = 0, s2 = 0, ts = 0, tabs_big = 0;
  for (int k = 0; k < n; ++k) {
    const double z = gauss.shift(static_cast<std::uint64_t>(k), 0);
    s += z;
    s2 += z * z;
    const double t = t3.shift(static_cast<std::uint64_t>(k), 0);
    ts += t;
    if (std::abs(t) > 5.0) tabs_big += 1.0;
  }
  EXPECT_NEAR(s / n, 0.0, 0.03);
  EXPECT_NEAR(s2 / n, 4.0, 0.08);
  EXPECT_NEAR(ts / n, 0.0, 0.03);
  // P(|T_3| > 5) = 0.01539 (t table); a Gaussian of the same variance 3 would give 0.0039.
  EXPECT_NEAR(tabs_big / n, 0.01539, 0.0015);
}

TEST(OracleNoise, FiniteSumComponentsAverageToTheGradient) {
  DenseQuadratic p = DenseQuadratic::h2();
  const int m = 7;
  Oracle o = noisy_oracle(p, NoiseModel::gauss(1.5, m, 0.4), 21);
  EXPECT_EQ(o.components(), m);
  const std::vector<double> x{0.3, -0.9};
  std::vector<double> g(2), sum(2, 0.0);
  double fsum = 0.0;
  for (int i = 0; i < m; ++i) {
    o.gradient(x, g, static_cast<std::uint64_t>(i));
    sum[0] += g[0] / m;
    sum[1] += g[1] / m;
    fsum += o.value(x, static_cast<std::uint64_t>(i)) / m;
  }
  EXPECT_NEAR(sum[0], g1_h2(0.3, -0.9), 1e-12);
  EXPECT_NEAR(sum[1], g2_h2(0.3, -0.9), 1e-12);
  EXPECT_NEAR(fsum, f_h2(0.3, -0.9), 1e-12);
  for (int k = 0; k < 100; ++k) EXPECT_LT(o.draw_sample(), static_cast<std::uint64_t>(m));
  // A full pass counts m gradients.
  const std::int64_t before = o.grads();
  o.full_gradient(x, g);
  EXPECT_EQ(o.grads() - before, m);
  EXPECT_EQ(g[0], g1_h2(0.3, -0.9));
}

TEST(OracleNoise, SeedFixesEveryDrawAndSetSeedRewinds) {
  DenseQuadratic p = DenseQuadratic::h2();
  Oracle a = noisy_oracle(p, NoiseModel::gauss(1.0), 5);
  Oracle b = noisy_oracle(p, NoiseModel::gauss(1.0), 5);
  Oracle c = noisy_oracle(p, NoiseModel::gauss(1.0), 6);
  std::vector<double> x{1.0, 1.0}, ga(2), gb(2), gc(2);
  a.gradient(x, ga);
  b.gradient(x, gb);
  c.gradient(x, gc);
  EXPECT_EQ(ga, gb);
  EXPECT_NE(ga, gc);
  EXPECT_EQ(a.normal(3), b.normal(3));
  EXPECT_NE(a.normal(3), c.normal(3));
  a.set_seed(5);
  std::vector<double> again(2);
  a.gradient(x, again);
  EXPECT_EQ(again, ga);
  EXPECT_THROW(a.set_noise(NoiseModel::gauss(-1.0)), std::invalid_argument);
  EXPECT_THROW(a.set_noise(NoiseModel::student_t(1.0, 0.0)), std::invalid_argument);
}

// ---- variance-reduced sign methods -------------------------------------------------------------

TEST(OptimFamilyHand, SsvrFirstThreeStepsOnOneSamplePerStep) {
  // σ = 2 with curvature noise 0.5, so the two gradients of a step (same ξ, two points) differ in noise
  // too; ξ_t = t − 1. v_1 = ĝ(x_1; 0); v_t = ĝ(x_t; ξ) + (1−β)(v_{t−1} − ĝ(x_{t−1}; ξ)).
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::gauss(2.0, 0, 0.5);
  const std::uint64_t seed = 7;
  const NoiseField z(model, seed, 2);
  const double lr = 0.1, beta = 0.25;
  auto opt = make_opt("ssvr:lr=0.1,beta=0.25", p);
  Oracle o = noisy_oracle(p, model, seed);
  std::vector<double> x{0.2, -0.3};  // g = (0.3, −0.4): small against σ
  auto ghat = [&](double a, double b, std::uint64_t xi, int i) {
    return (i == 0 ? g1_h2(a, b) + z.shift(xi, 0) + z.curv(xi, 0) * a
                   : g2_h2(a, b) + z.shift(xi, 1) + z.curv(xi, 1) * b);
  };
  double x1 = 0.2, x2 = -0.3, p1 = 0.0, p2 = 0.0, v1 = 0.0, v2 = 0.0;
  bool noise_flipped_a_sign = false;
  for (int t = 1; t <= 3; ++t) {
    const auto xi = static_cast<std::uint64_t>(t - 1);
    if (t == 1) {
      v1 = ghat(x1, x2, xi, 0);
      v2 = ghat(x1, x2, xi, 1);
    } else {
      v1 = ghat(x1, x2, xi, 0) + (1.0 - beta) * (v1 - ghat(p1, p2, xi, 0));
      v2 = ghat(x1, x2, xi, 1) + (1.0 - beta) * (v2 - ghat(p1, p2, xi, 1));
    }
    noise_flipped_a_sign |= hand_sign(v1) != hand_sign(g1_h2(x1, x2)) || hand_sign(v2) != hand_sign(g2_h2(x1, x2));
    p1 = x1;
    p2 = x2;
    x1 -= lr * hand_sign(v1);
    x2 -= lr * hand_sign(v2);
    opt->step(x, o);
    expect_rel(x[0], x1, "x1 after step " + std::to_string(t));
    expect_rel(x[1], x2, "x2 after step " + std::to_string(t));
    EXPECT_EQ(o.grads(), 2 * t - 1) << "1 gradient at step 1, then 2 per step";
  }
  EXPECT_TRUE(noise_flipped_a_sign) << "choose a seed where the noise matters";
}

TEST(OptimFamilyHand, SsvrNoiseFreeFollowsTheExactGradientSigns) {
  // Without noise the estimator telescopes to the exact gradient: the path is signSGD's.
  DenseQuadratic p = DenseQuadratic::h2();
  auto opt = make_opt("ssvr:lr=0.1,beta=0.3", p);
  Oracle o(p);
  std::vector<double> x{1.0, -2.0};
  opt->step(x, o);  // g = (1, −3)
  expect_rel(x[0], 0.9, "x1");
  expect_rel(x[1], -1.9, "x2");
  opt->step(x, o);  // g = (0.8, −2.9)
  expect_rel(x[0], 0.8, "x1");
  expect_rel(x[1], -1.8, "x2");
  EXPECT_EQ(o.evals(), 3);
}

TEST(OptimFamilyHand, SsvrFsFullPassEveryMStepsThenSarahUpdates) {
  // Finite sum of m = 3 components with curvature noise; q = 0 means q = m = 3: full passes at steps 1
  // and 4, SARAH corrections z ← z + ∇f_i(x_t) − ∇f_i(x_{t−1}) at steps 2 and 3, i from the oracle.
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::gauss(1.0, 3, 0.8);
  const std::uint64_t seed = 3;
  const NoiseField z(model, seed, 2);
  Oracle twin = noisy_oracle(p, model, seed);
  Oracle o = noisy_oracle(p, model, seed);
  auto opt = make_opt("ssvr-fs:lr=0.1", p);
  std::vector<double> x{1.0, -2.0};
  auto gi = [&](double a, double b, std::uint64_t i, int k) {
    return k == 0 ? g1_h2(a, b) + z.shift(i, 0) + z.curv(i, 0) * a : g2_h2(a, b) + z.shift(i, 1) + z.curv(i, 1) * b;
  };
  double x1 = 1.0, x2 = -2.0, p1 = 0, p2 = 0, z1 = 0, z2 = 0;
  const std::int64_t expected_grads[] = {3, 5, 7, 10};
  for (int t = 1; t <= 4; ++t) {
    if (t == 1 || t == 4) {
      z1 = g1_h2(x1, x2);
      z2 = g2_h2(x1, x2);
    } else {
      const std::uint64_t i = twin.draw_sample();
      z1 += gi(x1, x2, i, 0) - gi(p1, p2, i, 0);
      z2 += gi(x1, x2, i, 1) - gi(p1, p2, i, 1);
    }
    p1 = x1;
    p2 = x2;
    x1 -= 0.1 * hand_sign(z1);
    x2 -= 0.1 * hand_sign(z2);
    opt->step(x, o);
    expect_rel(x[0], x1, "x1 after step " + std::to_string(t));
    expect_rel(x[1], x2, "x2 after step " + std::to_string(t));
    EXPECT_EQ(o.grads(), expected_grads[t - 1]) << "step " << t;
  }
}

// ---- sample-hungry sign methods -----------------------------------------------------------------

TEST(OptimFamilyHand, MinibatchSignSgdAveragesThenSigns) {
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::gauss(3.0);
  const NoiseField z(model, 11, 2);
  Oracle o = noisy_oracle(p, model, 11);
  auto opt = make_opt("minibatch-signsgd:lr=0.1,batch=3", p);
  std::vector<double> x{1.0, -2.0};
  double x1 = 1.0, x2 = -2.0;
  std::uint64_t xi = 0;
  for (int t = 1; t <= 3; ++t) {
    double m1 = 0, m2 = 0;
    for (int j = 0; j < 3; ++j, ++xi) {
      m1 += (g1_h2(x1, x2) + z.shift(xi, 0)) / 3.0;
      m2 += (g2_h2(x1, x2) + z.shift(xi, 1)) / 3.0;
    }
    x1 -= 0.1 * hand_sign(m1);
    x2 -= 0.1 * hand_sign(m2);
    opt->step(x, o);
    expect_rel(x[0], x1, "x1 after step " + std::to_string(t));
    expect_rel(x[1], x2, "x2 after step " + std::to_string(t));
  }
  EXPECT_EQ(o.grads(), 9);
}

TEST(OptimFamilyHand, SingleWorkerMajorityVote) {
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::student_t(2.0, 2.5);
  const NoiseField z(model, 5, 2);
  Oracle o = noisy_oracle(p, model, 5);
  auto opt = make_opt("mv-signsgd-1:lr=0.1,samples=4", p);  // even M: ties can give 0
  std::vector<double> x{1.0, -2.0};
  double x1 = 1.0, x2 = -2.0;
  std::uint64_t xi = 0;
  for (int t = 1; t <= 4; ++t) {
    double v1 = 0, v2 = 0;
    for (int j = 0; j < 4; ++j, ++xi) {
      v1 += hand_sign(g1_h2(x1, x2) + z.shift(xi, 0));
      v2 += hand_sign(g2_h2(x1, x2) + z.shift(xi, 1));
    }
    x1 -= 0.1 * hand_sign(v1);
    x2 -= 0.1 * hand_sign(v2);
    opt->step(x, o);
    expect_rel(x[0], x1, "x1 after step " + std::to_string(t));
    expect_rel(x[1], x2, "x2 after step " + std::to_string(t));
  }
  EXPECT_EQ(o.grads(), 16);
}

// ---- zero-order ---------------------------------------------------------------------------------

TEST(OptimFamilyHand, CompsSgdMovesAlongTheVotedRandomDirection) {
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::gauss(4.0);
  const NoiseField z(model, 9, 2);
  Oracle twin = noisy_oracle(p, model, 9);
  Oracle o = noisy_oracle(p, model, 9);
  const double lr = 0.1, tau = 0.01;
  auto opt = make_opt("comps-sgd:lr=0.1,tau=0.01,samples=3", p);
  std::vector<double> x{1.0, -2.0};
  double x1 = 1.0, x2 = -2.0;
  std::uint64_t xi = 0;
  for (int t = 1; t <= 3; ++t) {
    double e1 = twin.normal(2 * (t - 1)), e2 = twin.normal(2 * (t - 1) + 1);
    const double n = std::sqrt(e1 * e1 + e2 * e2);
    e1 /= n;
    e2 /= n;
    int psi = 0;
    for (int j = 0; j < 3; ++j, ++xi) {
      // f(x ± τe; ξ) = f(x ± τe) + ⟨z, x ± τe⟩: the difference is f(x+τe) − f(x−τe) + 2τ⟨z, e⟩.
      const double diff = f_h2(x1 + tau * e1, x2 + tau * e2) - f_h2(x1 - tau * e1, x2 - tau * e2) +
                          2.0 * tau * (z.shift(xi, 0) * e1 + z.shift(xi, 1) * e2);
      psi += static_cast<int>(hand_sign(diff));
    }
    x1 -= lr * hand_sign(psi) * e1;
    x2 -= lr * hand_sign(psi) * e2;
    opt->step(x, o);
    expect_rel(x[0], x1, "x1 after step " + std::to_string(t));
    expect_rel(x[1], x2, "x2 after step " + std::to_string(t));
    EXPECT_EQ(o.comparisons(), 3 * t);
  }
  EXPECT_EQ(o.grads() + o.values(), 0);
}

TEST(OptimFamilyHand, JaguarRefreshesOneCoordinateFromTwoValues) {
  DenseQuadratic p = DenseQuadratic::h2();
  const NoiseModel model = NoiseModel::gauss(0.5);
  const NoiseField z(model, 4, 2);
  Oracle twin = noisy_oracle(p, model, 4);
  Oracle o = noisy_oracle(p, model, 4);
  const double lr = 0.1, beta = 0.6, tau = 1e-3;
  auto opt = make_opt("jaguar-signsgd:lr=0.1,beta=0.6,tau=0.001", p);
  std::vector<double> x{1.0, -2.0};
  double xs[2] = {1.0, -2.0}, m[2] = {0.0, 0.0};
  for (int t = 1; t <= 4; ++t) {
    const int i = twin.random_index(static_cast<std::uint64_t>(t - 1), 2);
    const auto xi = static_cast<std::uint64_t>(t - 1);
    double up[2] = {xs[0], xs[1]}, dn[2] = {xs[0], xs[1]};
    up[i] += tau;
    dn[i] -= tau;
    const double fp = f_h2(up[0], up[1]) + z.shift(xi, 0) * up[0] + z.shift(xi, 1) * up[1];
    const double fm = f_h2(dn[0], dn[1]) + z.shift(xi, 0) * dn[0] + z.shift(xi, 1) * dn[1];
    m[i] = beta * m[i] + (1.0 - beta) * (fp - fm) / (2.0 * tau);
    const double before_other = xs[1 - i];
    xs[0] -= lr * hand_sign(m[0]);
    xs[1] -= lr * hand_sign(m[1]);
    opt->step(x, o);
    if (t == 1) {
      EXPECT_EQ(x[1 - i], before_other) << "m of the other coordinate is still 0";
    }
    expect_rel(x[0], xs[0], "x1 after step " + std::to_string(t));
    expect_rel(x[1], xs[1], "x2 after step " + std::to_string(t));
    EXPECT_EQ(o.values(), 2 * t);
  }
  EXPECT_EQ(o.grads() + o.comparisons(), 0);
}

// ---- auto-lr and the steepest-descent references ------------------------------------------------

void check_auto_lr(int base) {
  DenseQuadratic p = DenseQuadratic::h2();
  const double lr0 = 0.05, lo = 0.03, hi = 0.06, mu = 0.5;
  auto opt = make_opt("auto-lr:base=" + std::to_string(base) + ",lr=0.05,lr_min=0.03,lr_max=0.06,mu=0.5", p);
  Oracle o(p);
  std::vector<double> x{1.0, -2.0};
  double x1 = 1.0, x2 = -2.0, b1 = 0, b2 = 0, lr = 0, prev = 0;
  for (int t = 1; t <= 4; ++t) {
    const double g1 = g1_h2(x1, x2), g2 = g2_h2(x1, x2);
    const double n = std::sqrt(g1 * g1 + g2 * g2);
    lr = t == 1 ? lr0 : std::min(hi, std::max(lo, lr * prev / n));
    prev = n;
    if (base == 0) {
      x1 -= lr * g1;
      x2 -= lr * g2;
    } else if (base == 1) {
      b1 = mu * b1 + g1;
      b2 = mu * b2 + g2;
      x1 -= lr * b1;
      x2 -= lr * b2;
    } else {
      x1 -= lr * hand_sign(g1);
      x2 -= lr * hand_sign(g2);
    }
    opt->step(x, o);
    expect_rel(x[0], x1, "base " + std::to_string(base) + " x1 after step " + std::to_string(t));
    expect_rel(x[1], x2, "base " + std::to_string(base) + " x2 after step " + std::to_string(t));
    EXPECT_DOUBLE_EQ(static_cast<AutoLr&>(*opt).current_lr(), lr);
  }
}

TEST(OptimFamilyHand, AutoLrOnSgdMomentumAndSignSgd) {
  check_auto_lr(0);
  check_auto_lr(1);
  check_auto_lr(2);
}

TEST(OptimFamilyHand, AutoLrSgdLiteral) {
  // Step 1: g = (1, −3), ‖g‖ = √10, lr = 0.05 → x = (0.95, −1.85).
  // Step 2: g = (2.85 − 1.85, 0.95 − 3.7) = (1, −2.75), ‖g‖ = √8.5625 = 2.92617…;
  //         lr = 0.05·√10/√8.5625 = 0.054034… ∈ [0.03, 0.06] → x = (0.95 − lr, −1.85 + 2.75·lr).
  DenseQuadratic p = DenseQuadratic::h2();
  auto opt = make_opt("auto-lr:base=0,lr=0.05,lr_min=0.03,lr_max=0.06", p);
  Oracle o(p);
  std::vector<double> x{1.0, -2.0};
  opt->step(x, o);
  expect_rel(x[0], 0.95, "x1");
  expect_rel(x[1], -1.85, "x2");
  opt->step(x, o);
  const double lr2 = 0.05 * std::sqrt(10.0 / 8.5625);
  expect_rel(x[0], 0.95 - lr2, "x1");
  expect_rel(x[1], -1.85 + 2.75 * lr2, "x2");
}

TEST(OptimFamilyHand, SteepestLinfAndGdL2Literal) {
  DenseQuadratic p = DenseQuadratic::h2();
  Oracle o(p);
  // g = (1, −3): ‖g‖₁ = 4; L∞ = 8 → step 0.5 per coordinate: x = (0.5, −1.5).
  auto linf = make_opt("steepest-linf:linf=8", p);
  std::vector<double> x{1.0, -2.0};
  linf->step(x, o);
  expect_rel(x[0], 0.5, "linf x1");
  expect_rel(x[1], -1.5, "linf x2");
  // Next: g = (1.5 − 1.5, 0.5 − 3) = (0, −2.5): ‖g‖₁ = 2.5 → only x2 moves by 2.5/8.
  linf->step(x, o);
  expect_rel(x[0], 0.5, "linf x1 (sign 0)");
  expect_rel(x[1], -1.5 + 0.3125, "linf x2");
  // GD with L₂ = 4: x = (1 − 0.25, −2 + 0.75) = (0.75, −1.25).
  auto gd = make_opt("gd-l2:l2=4", p);
  std::vector<double> y{1.0, -2.0};
  gd->step(y, o);
  expect_rel(y[0], 0.75, "gd x1");
  expect_rel(y[1], -1.25, "gd x2");
  EXPECT_EQ(o.evals(), 3);
}

// ---- matrix methods: hand linear algebra --------------------------------------------------------

struct Mat {
  int r = 0, c = 0;
  std::vector<double> a;
  Mat(int rows, int cols) : r(rows), c(cols), a(static_cast<std::size_t>(rows * cols), 0.0) {}
  Mat(int rows, int cols, std::vector<double> v) : r(rows), c(cols), a(std::move(v)) {}
  double& operator()(int i, int j) { return a[static_cast<std::size_t>(i * c + j)]; }
  double operator()(int i, int j) const { return a[static_cast<std::size_t>(i * c + j)]; }
};

Mat mul(const Mat& x, const Mat& y) {
  Mat z(x.r, y.c);
  for (int i = 0; i < x.r; ++i)
    for (int j = 0; j < y.c; ++j) {
      double s = 0;
      for (int k = 0; k < x.c; ++k) s += x(i, k) * y(k, j);
      z(i, j) = s;
    }
  return z;
}
Mat tr(const Mat& x) {
  Mat z(x.c, x.r);
  for (int i = 0; i < x.r; ++i)
    for (int j = 0; j < x.c; ++j) z(j, i) = x(i, j);
  return z;
}
Mat lin(double s, const Mat& x, double t, const Mat& y) {
  Mat z(x.r, x.c);
  for (std::size_t k = 0; k < z.a.size(); ++k) z.a[k] = s * x.a[k] + t * y.a[k];
  return z;
}
double fro(const Mat& x) {
  double s = 0;
  for (double v : x.a) s += v * v;
  return std::sqrt(s);
}

// NS5 written out: X = U or Uᵀ (wide), X/(‖X‖_F + 1e-7), then X ← aX + (bA + cA²)X with A = XXᵀ.
Mat ns5_by_hand(const Mat& u, int steps) {
  const double a = 3.4445, b = -4.7750, c = 2.0315;
  const bool t = u.r > u.c;
  Mat x = t ? tr(u) : u;
  const double n = fro(x) + 1e-7;
  for (double& v : x.a) v /= n;
  for (int s = 0; s < steps; ++s) {
    const Mat A = mul(x, tr(x));
    const Mat B = lin(b, A, c, mul(A, A));
    x = lin(a, x, 1.0, mul(B, x));
  }
  return t ? tr(x) : x;
}

// The orthogonal polar factor of a 2×2 M = [[p, q], [r, s]]: a rotation (det > 0) or reflection (det < 0).
Mat polar2(const Mat& m) {
  const double p = m(0, 0), q = m(0, 1), r = m(1, 0), s = m(1, 1);
  if (p * s - q * r > 0) {
    const double n = std::hypot(p + s, q - r);
    return Mat(2, 2, {(p + s) / n, (q - r) / n, (r - q) / n, (p + s) / n});
  }
  const double n = std::hypot(p - s, q + r);
  return Mat(2, 2, {(p - s) / n, (q + r) / n, (q + r) / n, (s - p) / n});
}

// u₁v₁ᵀ for a 2×2 M: v₁ the top eigenvector of MᵀM = [[α, β], [β, γ]], u₁v₁ᵀ = M·v₁v₁ᵀ/σ₁.
Mat top_pair2(const Mat& m) {
  const Mat s = mul(tr(m), m);
  const double al = s(0, 0), be = s(0, 1), ga = s(1, 1);
  const double lam = 0.5 * (al + ga) + std::sqrt(0.25 * (al - ga) * (al - ga) + be * be);
  double v0 = be, v1 = lam - al;
  const double nv = std::hypot(v0, v1);
  v0 /= nv;
  v1 /= nv;
  const Mat vvt(2, 2, {v0 * v0, v0 * v1, v1 * v0, v1 * v1});
  Mat out = mul(m, vvt);
  for (double& v : out.a) v /= std::sqrt(lam);
  return out;
}

// Two steps of the muon frame from W = 0 on ½‖W − C‖², with `rule` giving O from M.
template <class Rule>
void check_matrix_frame(const std::string& spec, int rows, int cols, const std::vector<double>& cvals,
                        double lr, double beta, bool nesterov, double wd, Rule rule) {
  MatrixTarget p(rows, cols, cvals);
  auto opt = make_opt(spec, p);
  Oracle o(p);
  std::vector<double> x(cvals.size(), 0.0);
  Mat w(rows, cols), b(rows, cols);
  const Mat c(rows, cols, cvals);
  const double scale = std::sqrt(std::max(1.0, static_cast<double>(rows) / cols));
  for (int t = 1; t <= 2; ++t) {
    const Mat g = lin(1.0, w, -1.0, c);
    b = lin(beta, b, 1.0 - beta, g);
    const Mat m = nesterov ? lin(1.0 - beta, g, beta, b) : b;
    const Mat oo = rule(m);
    w = lin(1.0 - lr * wd, w, -lr * scale, oo);
    opt->step(x, o);
    for (std::size_t k = 0; k < x.size(); ++k)
      expect_rel(x[k], w.a[k], spec + " entry " + std::to_string(k) + " after step " + std::to_string(t), 1e-10);
  }
}

TEST(OptimMatrixHand, MuonNs5OnWideAndTallMatrices) {
  const std::vector<double> c6{1.0, -2.0, 0.5, 3.0, 1.5, -1.0};
  auto ns = [](const Mat& m) { return ns5_by_hand(m, 5); };
  check_matrix_frame("muon", 2, 3, c6, 0.02, 0.95, true, 0.0, ns);  // defaults
  check_matrix_frame("muon:lr=0.1,beta=0.8,nesterov=0,wd=0.3", 2, 3, c6, 0.1, 0.8, false, 0.3, ns);
  // 3×2: NS5 works on the transpose and the step is scaled by sqrt(3/2).
  check_matrix_frame("muon:lr=0.1,beta=0.5,wd=0.1", 3, 2, c6, 0.1, 0.5, true, 0.1, ns);
  auto ns3 = [](const Mat& m) { return ns5_by_hand(m, 3); };
  check_matrix_frame("muon:lr=0.1,steps=3", 2, 3, c6, 0.1, 0.95, true, 0.0, ns3);
}

TEST(OptimMatrixHand, MuonFirstStepLiteral) {
  // W = 0, C = [[3, 0], [0, 4]] (2×2): G = −C; B = 0.05·G; M = 0.05·G + 0.95·0.05·G = 0.0975·G.
  // X = M/(‖M‖ + 1e-7) ≈ −diag(0.6, 0.8); NS5 acts on each diagonal entry s by s ← a·s + b·s³ + c·s⁵.
  MatrixTarget p(2, 2, {3.0, 0.0, 0.0, 4.0});
  auto opt = make_opt("muon", p);
  Oracle o(p);
  std::vector<double> x(4, 0.0);
  opt->step(x, o);
  const double n = 0.0975 * 5.0 + 1e-7;
  double s1 = -0.0975 * 3.0 / n, s2 = -0.0975 * 4.0 / n;
  for (int k = 0; k < 5; ++k) {
    s1 = 3.4445 * s1 - 4.7750 * s1 * s1 * s1 + 2.0315 * std::pow(s1, 5);
    s2 = 3.4445 * s2 - 4.7750 * s2 * s2 * s2 + 2.0315 * std::pow(s2, 5);
  }
  expect_rel(x[0], -0.02 * s1, "W00");
  EXPECT_EQ(x[1], 0.0);
  EXPECT_EQ(x[2], 0.0);
  expect_rel(x[3], -0.02 * s2, "W11");
  // The NS5 values are not 1: the documented [0.5, 1.5]-ish band.
  const std::vector<double> sv = opt->last_singular_values();
  ASSERT_EQ(sv.size(), 2u);
  EXPECT_NEAR(sv[0], std::max(std::abs(s1), std::abs(s2)), 1e-12);
  EXPECT_NEAR(sv[1], std::min(std::abs(s1), std::abs(s2)), 1e-12);
}

TEST(OptimMatrixHand, MuonExactFMuonSMuonFanion) {
  const std::vector<double> c4{2.0, -1.0, 0.5, 1.5};   // det > 0
  const std::vector<double> r4{1.0, 2.0, 3.0, -0.5};   // det < 0
  for (const auto& cv : {c4, r4}) {
    check_matrix_frame("muon-exact:lr=0.1,beta=0.9", 2, 2, cv, 0.1, 0.9, true, 0.0, polar2);
    check_matrix_frame("f-muon:lr=0.1,beta=0.9,alpha=0.3", 2, 2, cv, 0.1, 0.9, true, 0.0, [](const Mat& m) {
      const double n = fro(m);
      Mat q = polar2(m);
      for (std::size_t k = 0; k < q.a.size(); ++k) q.a[k] = 0.3 * q.a[k] + 0.7 * m.a[k] / n;
      return q;
    });
    check_matrix_frame("s-muon:lr=0.1,beta=0.9", 2, 2, cv, 0.1, 0.9, true, 0.0, [](const Mat& m) {
      Mat q = polar2(m);  // α = 0.5 by default
      for (std::size_t k = 0; k < q.a.size(); ++k) q.a[k] = 0.5 * q.a[k] + 0.5 * hand_sign(m.a[k]);
      return q;
    });
    check_matrix_frame("fanion-k:lr=0.1,beta=0.9,k=1", 2, 2, cv, 0.1, 0.9, true, 0.0, top_pair2);
    check_matrix_frame("fanion-k:lr=0.1,beta=0.9,k=2", 2, 2, cv, 0.1, 0.9, true, 0.0, polar2);
  }
}

TEST(OptimMatrixHand, FanionTopPairLiteral) {
  // C = diag(3, 1), W = 0: M ∝ −C, top pair (e₁, −e₁): O = [[−1, 0], [0, 0]] → W = [[lr, 0], [0, 0]].
  MatrixTarget p(2, 2, {3.0, 0.0, 0.0, 1.0});
  auto opt = make_opt("fanion-k:lr=0.1", p);
  Oracle o(p);
  std::vector<double> x(4, 0.0);
  opt->step(x, o);
  expect_rel(x[0], 0.1, "W00");
  EXPECT_NEAR(x[1], 0.0, 1e-15);
  EXPECT_NEAR(x[2], 0.0, 1e-15);
  EXPECT_NEAR(x[3], 0.0, 1e-15);
}

// Singular values of the first update O from W = 0 on ½‖W − C‖² (so M ∝ C), for muon and muon-exact.
void check_update_singular_values(int r, int c, const std::vector<double>& cv, double lo, const std::string& what) {
  MatrixTarget p(r, c, cv);
  for (const char* name : {"muon", "muon-exact"}) {
    auto opt = make_opt(name, p);
    Oracle o(p);
    std::vector<double> x(cv.size(), 0.0);
    EXPECT_TRUE(opt->last_singular_values().empty());
    opt->step(x, o);
    const std::vector<double> sv = opt->last_singular_values();
    ASSERT_EQ(static_cast<int>(sv.size()), std::min(r, c));
    for (double s : sv) {
      if (std::string(name) == "muon") {
        EXPECT_GE(s, lo) << name << " " << what;
        EXPECT_LE(s, 1.6) << name << " " << what;
      } else {
        EXPECT_NEAR(s, 1.0, 1e-12) << name << " " << what;
      }
    }
  }
}

TEST(OptimMatrix, Ns5SingularValuesInBandAndExactAreOne) {
  // Rectangular Gaussian matrices (their smallest singular value stays away from 0) and square ones with
  // singular values log-spaced from 1 to 1/100 (A of matrix-lsq): NS5's output lies in [0.3, 1.6].
  std::mt19937_64 rng(2024);
  std::normal_distribution<double> nd;
  const std::pair<int, int> shapes[] = {{2, 3}, {3, 2}, {4, 8}, {8, 4}, {10, 20}, {32, 12}};
  for (const auto& [r, c] : shapes) {
    for (int rep = 0; rep < 4; ++rep) {
      std::vector<double> cv(static_cast<std::size_t>(r * c));
      for (double& v : cv) v = nd(rng);
      check_update_singular_values(r, c, cv, 0.3, std::to_string(r) + "x" + std::to_string(c) + " rep " + std::to_string(rep));
    }
  }
  for (int n : {4, 16}) {
    const MatrixLsq lsq(n, n, 1, 100.0, static_cast<std::uint64_t>(n));
    std::vector<double> cv(static_cast<std::size_t>(n * n));
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) cv[static_cast<std::size_t>(i * n + j)] = lsq.a()(i, j);
    check_update_singular_values(n, n, cv, 0.3, "cond-100 square " + std::to_string(n));
  }
  // A square Gaussian matrix can have a singular value near 0, which five NS5 steps cannot lift to the
  // band (this is NS5, not a bug): only the upper bound is guaranteed there.
  for (int rep = 0; rep < 4; ++rep) {
    std::vector<double> cv(256);
    for (double& v : cv) v = nd(rng);
    check_update_singular_values(16, 16, cv, 0.0, "gaussian 16x16 rep " + std::to_string(rep));
  }
}

TEST(OptimMatrix, NewtonSchulzMatchesHandFormula) {
  const Mat u(2, 3, {0.3, -1.2, 2.0, 0.7, 0.1, -0.4});
  const Mat h = ns5_by_hand(u, 5);
  RowMatrix e(2, 3);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) e(i, j) = u(i, j);
  const RowMatrix o = newton_schulz5(e, 5);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(o(i, j), h(i, j), 1e-12);
}

TEST(OptimMatrix, MatrixMethodsRefuseProblemsWithoutAMatrix) {
  DenseQuadratic p = DenseQuadratic::h2();
  for (const char* name : {"muon", "muon-exact", "f-muon", "s-muon", "fanion-k"}) {
    try {
      make_opt(name, p);
      ADD_FAILURE() << name << " accepted a problem without matrix_shape()";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("matrix"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
    // The dimension-only factory cannot know the shape: it refuses too, with the same kind of error.
    EXPECT_THROW(make_optimizer(resolve_optimizer(name), 4), std::invalid_argument) << name;
  }
}

// ---- counting, determinism, registry ------------------------------------------------------------

TEST(OptimFamily, EvalsCountWhatEachMethodUses) {
  DenseQuadratic p = DenseQuadratic::h2();
  struct Case {
    std::string spec;
    std::int64_t grads, values, comparisons;  // after 4 steps
    int components = 0;                       // of the noise: a finite sum when > 0
  };
  const Case cases[] = {
      {"ssvr", 7, 0, 0},                      // 1 + 2 + 2 + 2
      {"ssvr-fs:q=2", 3 + 2 + 3 + 2, 0, 0, 3},  // a full pass of a finite sum of 3 counts 3
      {"minibatch-signsgd:batch=3", 12, 0, 0},
      {"mv-signsgd-1:samples=5", 20, 0, 0},
      {"comps-sgd:samples=3", 0, 0, 12},
      {"jaguar-signsgd", 0, 8, 0},
      {"auto-lr", 4, 0, 0},
      {"steepest-linf", 4 + 2, 0, 0},  // L∞ estimated at the first step from d = 2 gradient differences
      {"gd-l2", 4 + 2, 0, 0},          // L₂ by Lanczos: min(d, 40) = 2 gradient differences
      {"steepest-linf:linf=8", 4, 0, 0},
      {"gd-l2:l2=4", 4, 0, 0},
  };
  for (const Case& c : cases) {
    auto opt = make_opt(c.spec, p);
    Oracle o = noisy_oracle(p, NoiseModel::gauss(0.5, c.components), 1);
    std::vector<double> x{1.0, -2.0};
    for (int t = 0; t < 4; ++t) opt->step(x, o);
    EXPECT_EQ(o.grads(), c.grads) << c.spec;
    EXPECT_EQ(o.values(), c.values) << c.spec;
    EXPECT_EQ(o.comparisons(), c.comparisons) << c.spec;
    EXPECT_EQ(o.evals(), c.grads + c.values + c.comparisons) << c.spec;
  }
  MatrixTarget m(2, 3, {1, 2, 3, 4, 5, 6});
  for (const char* name : {"muon", "muon-exact", "f-muon", "s-muon", "fanion-k"}) {
    auto opt = make_opt(name, m);
    Oracle o(m);
    std::vector<double> x(6, 0.0);
    for (int t = 0; t < 4; ++t) opt->step(x, o);
    EXPECT_EQ(o.grads(), 4) << name;
    EXPECT_EQ(o.evals(), 4) << name;
  }
}

TEST(OptimFamily, SameSeedSameTrajectoryWhateverTheChunking) {
  const int d = 5;
  DenseQuadratic p = DenseQuadratic::diagonal({1.0, 2.0, 3.0, 4.0, 5.0});
  const NoiseModel models[] = {NoiseModel::gauss(3.0, 0, 0.3), NoiseModel::student_t(3.0, 2.0, 6, 0.2)};
  const char* specs[] = {"signsgd", "ssvr", "ssvr-fs", "minibatch-signsgd", "mv-signsgd-1",
                         "comps-sgd:samples=3", "jaguar-signsgd", "auto-lr", "lion"};
  for (const NoiseModel& model : models) {
    for (const char* spec : specs) {
      if (std::string(spec) == "ssvr-fs" && !model.finite_sum()) continue;  // refused: no full pass
      auto run = [&](std::uint64_t seed, const std::vector<int>& chunks) {
        auto opt = make_opt(spec, p);
        Oracle o = noisy_oracle(p, model, seed);
        std::vector<double> x(d, 0.05);  // near the minimum, where the noise decides the signs
        for (int n : chunks)
          for (int k = 0; k < n; ++k) opt->step(x, o);
        x.push_back(static_cast<double>(o.evals()));
        return x;
      };
      const std::vector<double> whole = run(42, {60});
      const std::vector<double> pieces = run(42, {1, 7, 13, 2, 30, 7});
      const std::vector<double> other = run(43, {60});
      ASSERT_EQ(whole.size(), pieces.size());
      EXPECT_EQ(std::memcmp(whole.data(), pieces.data(), whole.size() * sizeof(double)), 0) << spec;
      // ssvr-fs restarts from a full (exact) gradient every m steps and its corrections cancel the shifts,
      // so near the minimum two seeds may coincide; every other method must depend on the seed.
      if (std::string(spec) != "ssvr-fs") {
        EXPECT_NE(whole, other) << spec << ": another seed must give another path";
      }
    }
  }
}

double grad_l1(const DenseQuadratic& p, const std::vector<double>& x) {
  std::vector<double> g(x.size());
  p.gradient(x, g);
  double s = 0;
  for (double v : g) s += std::abs(v);
  return s;
}

TEST(OptimFamily, SsvrBeatsSignSgdAtEqualGradientEvaluations) {
  // d = 10, f = ½Σ h_i x_i² with h = 1…10, additive Gaussian noise σ = 1, x₀ = 1.
  // Budget N = 20000 gradient evaluations: SSVR takes T = 10⁴ steps with the theory settings
  // β = T^(−2/3), η = d^(−1/2)·T^(−2/3); signSGD takes 2T steps with its own theory step d^(−1/2)·(2T)^(−1/2)
  // and, for a second reference, with SSVR's η. Measure ‖∇f‖₁ averaged over the last 1000 iterates.
  const int d = 10;
  std::vector<double> h(d);
  for (int i = 0; i < d; ++i) h[static_cast<std::size_t>(i)] = 1.0 + i;
  const DenseQuadratic p = DenseQuadratic::diagonal(h);
  const int budget = 20000, T = budget / 2;
  const double beta = std::pow(T, -2.0 / 3.0);
  const double eta = std::pow(d, -0.5) * std::pow(T, -2.0 / 3.0);
  const double lr_sign = std::pow(d, -0.5) * std::pow(budget, -0.5);
  auto tail_l1 = [&](const std::string& spec, std::uint64_t seed) {
    auto opt = make_opt(spec, p);
    Oracle o = noisy_oracle(p, NoiseModel::gauss(1.0), seed);
    std::vector<double> x(d, 1.0);
    double acc = 0;
    int n = 0;
    while (o.grads() < budget - 1) {  // SSVR's counts are odd (1 + 2 + 2 …): stop at 19999
      opt->step(x, o);
      if (o.grads() > budget - 2000) {
        acc += grad_l1(p, x);
        ++n;
      }
    }
    EXPECT_LE(o.grads(), budget) << spec;
    EXPECT_GE(o.grads(), budget - 1) << spec;
    return acc / n;
  };
  // Measured (seeds 1–5): SSVR 0.21–0.33; signSGD at its theory step 0.61–0.70 (every seed loses by ~2×);
  // signSGD at SSVR's small step 0.31–0.40 (closer: compared on the mean over the seeds).
  double ssvr_mean = 0, same_mean = 0;
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const double ssvr = tail_l1("ssvr:lr=" + format_number(eta) + ",beta=" + format_number(beta), seed);
    const double sign_theory = tail_l1("signsgd:lr=" + format_number(lr_sign), seed);
    const double sign_same = tail_l1("signsgd:lr=" + format_number(eta), seed);
    EXPECT_LT(ssvr, 0.75 * sign_theory) << "seed " << seed;
    ssvr_mean += ssvr / 5;
    same_mean += sign_same / 5;
  }
  EXPECT_LT(ssvr_mean, 0.9 * same_mean);
}

TEST(OptimFamily, RegistryEntriesFollowAlgorithmsMd) {
  const std::vector<std::string> names = optimizer_names();
  const std::vector<std::string> first{"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion"};
  ASSERT_GE(names.size(), first.size());
  EXPECT_TRUE(std::equal(first.begin(), first.end(), names.begin())) << "the original seven keep their order";
  const std::vector<std::pair<std::string, std::string>> expected{
      {"ssvr", "exact"},
      {"ssvr-fs", "in the spirit of Jiang et al. 2024"},
      {"minibatch-signsgd", "standard"},
      {"mv-signsgd-1", "standard"},
      {"comps-sgd", "in the spirit of Kornilov et al."},
      {"jaguar-signsgd", "exact"},
      {"auto-lr", "in the spirit of Z. Yang's explainable LR regime"},
      {"steepest-linf", "standard"},
      {"gd-l2", "standard"},
      {"muon", "exact"},
      {"muon-exact", "exact"},
      {"f-muon", "in the spirit of Kravatskiy et al."},
      {"s-muon", "in the spirit of Kravatskiy et al."},
      {"fanion-k", "in the spirit of Kravatskiy et al."},
  };
  for (const auto& [name, prov] : expected) {
    const OptimizerInfo* info = find_optimizer(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->provenance, prov) << name;
    EXPECT_FALSE(info->label.empty()) << name;
    EXPECT_FALSE(info->summary.empty()) << name;
    EXPECT_FALSE(info->guidance.empty()) << name;
    for (const ParamSpec& ps : info->params) {
      EXPECT_FALSE(ps.help.empty()) << name << "." << ps.name;
      EXPECT_LE(ps.min, ps.def) << name << "." << ps.name;
      EXPECT_LE(ps.def, ps.max) << name << "." << ps.name;
      if (ps.scale == Scale::Log && ps.zero_means.empty()) {
        EXPECT_GT(ps.min, 0.0) << name << "." << ps.name;
      }
      if (!ps.zero_means.empty()) {
        EXPECT_EQ(ps.min, 0.0) << name << "." << ps.name << ": 0 is its mode (" << ps.zero_means << ")";
      }
    }
  }
  const ResolvedOptimizer muon = resolve_optimizer("muon");
  EXPECT_EQ(muon.values.at("lr"), 0.02);
  EXPECT_EQ(muon.values.at("beta"), 0.95);
  EXPECT_EQ(muon.values.at("nesterov"), 1.0);
  EXPECT_EQ(muon.values.at("steps"), 5.0);
  EXPECT_EQ(muon.values.at("wd"), 0.0);
  EXPECT_EQ(resolve_optimizer("s-muon").values.at("alpha"), 0.5);
  EXPECT_EQ(resolve_optimizer("f-muon").values.at("alpha"), 0.5);
  EXPECT_THROW(resolve_optimizer("auto-lr:base=3"), SpecError);
}

TEST(OptimFamily, NewVectorMethodsDescendWithTheirDefaults) {
  // The d = 7 check of optim_test (H = I + 0.1·11ᵀ, 200 steps, exact oracle) for the new vector methods.
  const int d = 7;
  std::vector<double> h(d * d, 0.1);
  for (int i = 0; i < d; ++i) h[static_cast<std::size_t>(i * d + i)] += 1.0;
  DenseQuadratic p(d, h);
  for (const char* spec : {"ssvr", "ssvr-fs", "minibatch-signsgd", "mv-signsgd-1", "comps-sgd", "jaguar-signsgd",
                           "auto-lr", "steepest-linf", "gd-l2"}) {
    auto opt = make_opt(spec, p);
    Oracle o(p);
    std::vector<double> x(d);
    for (int i = 0; i < d; ++i) x[static_cast<std::size_t>(i)] = (i % 2 ? -1.0 : 1.0) * (1.0 + i);
    const double f0 = p.value(x);
    for (int t = 0; t < 200; ++t) opt->step(x, o);
    EXPECT_TRUE(std::isfinite(p.value(x))) << spec;
    EXPECT_LT(p.value(x), f0) << spec;
  }
}

TEST(OptimFamily, ResetRestartsEveryNewMethod) {
  DenseQuadratic p = DenseQuadratic::h2();
  for (const char* spec : {"ssvr", "ssvr-fs", "minibatch-signsgd", "mv-signsgd-1", "comps-sgd", "jaguar-signsgd",
                           "auto-lr", "steepest-linf", "gd-l2"}) {
    auto opt = make_opt(spec, p);
    Oracle a = noisy_oracle(p, NoiseModel::gauss(0.5, std::string(spec) == "ssvr-fs" ? 4 : 0), 8);
    std::vector<double> first{1.0, -2.0}, second{1.0, -2.0};
    for (int t = 0; t < 3; ++t) opt->step(first, a);
    opt->reset(2);
    a.set_seed(8);
    for (int t = 0; t < 3; ++t) opt->step(second, a);
    EXPECT_EQ(first, second) << spec;
  }
}

}  // namespace
}  // namespace signlab
