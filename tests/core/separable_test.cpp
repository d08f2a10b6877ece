// The separable quadratic (core/problems/separable.hpp): its curvatures, exact derivatives, float entry
// points equal to the double ones, its per-coordinate terms, and the O(1)-per-point landscape slice.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/landscape/grid.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/problems/separable.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {
namespace {

std::vector<double> random_point(std::size_t d, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-2.0, 2.0);
  std::vector<double> x(d);
  for (double& v : x) v = u(rng);
  return x;
}

TEST(Separable, CurvaturesAreLogSpacedFromOneDownToOneOverCond) {
  const Separable p(5, 16.0);
  const std::vector<float> expected = {1.0f, 0.5f, 0.25f, 0.125f, 0.0625f};  // 16^(−i/4)
  ASSERT_EQ(p.curvatures().size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_FLOAT_EQ(p.curvatures()[i], expected[i]) << i;
  EXPECT_EQ(Separable(1, 100.0).curvatures(), std::vector<float>{1.0f});
}

TEST(Separable, ValueGradientHessianAreExact) {
  const Separable p(4, 16.0);  // λ = 1, 16^(−1/3), 16^(−2/3), 1/16
  const std::vector<double> x = {2.0, -1.0, 0.5, 4.0};
  double f = 0;
  for (int i = 0; i < 4; ++i) f += 0.5 * p.curvatures()[i] * x[i] * x[i];
  EXPECT_DOUBLE_EQ(p.value(x), f);
  EXPECT_NEAR(p.value(x), 0.5 * (4.0 + std::pow(16.0, -1.0 / 3) + 0.25 * std::pow(16.0, -2.0 / 3) + 1.0), 1e-7);
  std::vector<double> g(4), H(16), Hv(4);
  p.gradient(x, g);
  p.hessian(x, H);
  ASSERT_TRUE(p.hvp(x, x, Hv));
  for (int i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(g[i], p.curvatures()[i] * x[i]);
    EXPECT_DOUBLE_EQ(Hv[i], g[i]);  // H·x = ∇f for a quadratic ½xᵀHx
    for (int j = 0; j < 4; ++j) EXPECT_EQ(H[i * 4 + j], i == j ? double(p.curvatures()[i]) : 0.0);
  }
}

TEST(Separable, GradientMatchesCentralDifferences) {
  const Separable p(9, 1000.0);
  const std::vector<double> x = random_point(9, 3);
  std::vector<double> g(9);
  p.gradient(x, g);
  for (int i = 0; i < 9; ++i) {
    auto xp = x, xm = x;
    xp[i] += 1e-5;
    xm[i] -= 1e-5;
    EXPECT_NEAR(g[i], (p.value(xp) - p.value(xm)) / 2e-5, 1e-7) << i;
  }
}

TEST(Separable, FloatEntryPointsEqualTheDoubleOnes) {
  const std::size_t d = 5000;
  const Separable p(d, 100.0);
  const std::vector<double> xd = random_point(d, 5);
  std::vector<float> xf(xd.begin(), xd.end());
  const std::vector<double> xr(xf.begin(), xf.end());  // the float point, exactly, in double
  std::vector<double> gd(d);
  std::vector<float> gf(d);
  p.gradient(xr, gd);
  p.gradient_f(xf, gf);
  for (std::size_t i = 0; i < d; ++i) ASSERT_NEAR(gf[i], gd[i], 1.2e-7 * std::abs(gd[i])) << i;  // one rounding
  EXPECT_NEAR(p.value_f(xf), p.value(xr), 1e-6 * p.value(xr));
  EXPECT_TRUE(p.native_float());
}

TEST(Separable, DefaultFloatEntryPointsOfOtherProblemsGoThroughDouble) {
  const auto p = make_problem("rosenbrock");
  EXPECT_FALSE(p->native_float());
  const std::vector<float> x = {0.5f, -0.25f};
  const std::vector<double> xd = {0.5, -0.25};
  std::vector<float> g(2);
  std::vector<double> gd(2);
  p->gradient_f(x, g);
  p->gradient(xd, gd);
  EXPECT_EQ(g[0], static_cast<float>(gd[0]));
  EXPECT_EQ(g[1], static_cast<float>(gd[1]));
  EXPECT_EQ(p->value_f(x), p->value(xd));
  double t = 0;
  EXPECT_FALSE(p->separable_term(0, 1.0, t));
}

TEST(Separable, TermsSumToTheValueAndTheSliceGridMatchesFullEvaluation) {
  const Separable p(300, 50.0);
  const std::vector<double> base = random_point(300, 9);
  double sum = 0, t = 0;
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(p.separable_term(i, base[i], t));
    sum += t;
  }
  EXPECT_NEAR(sum, p.value(base), 1e-12 * sum);
  EXPECT_FALSE(p.separable_term(300, 1.0, t));

  const Box box{-1.5, 1.0, -0.5, 2.0};
  const LandscapeGrid g = compute_grid(p, box, 7, 5, base);
  std::vector<double> x = base;
  for (int j = 0; j < 5; ++j)
    for (int i = 0; i < 7; ++i) {
      x[0] = box.x0 + (box.x1 - box.x0) * i / 6;
      x[1] = box.y0 + (box.y1 - box.y0) * j / 4;
      EXPECT_NEAR(g.at(i, j), p.value(x), 1e-5 * p.value(x)) << i << "," << j;
    }
}

TEST(Separable, SpecDefaultsAndErrors) {
  const auto p = make_problem("separable:d=2000,cond=10");
  EXPECT_EQ(p->dim(), 2000);
  EXPECT_EQ(p->default_start(), std::vector<double>(2000, 1.0));
  EXPECT_EQ(make_problem("separable")->dim(), 100000);
  EXPECT_THROW(make_problem("separable:d=0"), SpecError);
  EXPECT_THROW(make_problem("separable:d=2e8"), SpecError);
  EXPECT_THROW(make_problem("separable:cond=0.5"), SpecError);
  EXPECT_THROW(make_problem("separable:d=10.5"), SpecError);
  EXPECT_THROW(make_problem("separable:size=10"), SpecError);
}

}  // namespace
}  // namespace signlab
