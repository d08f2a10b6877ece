// The classifiers on a data set (core/problems/logreg.hpp, mlp.hpp): values by hand, gradients and
// Hessian-vector products against central differences on tiny synthetic data sets, float against double
// entry points, thread safety, and the registry building them from the real Fashion-MNIST files.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <random>
#include <thread>
#include <vector>

#include "core/data/fashion_mnist.hpp"
#include "core/landscape/grid.hpp"
#include "core/problems/logreg.hpp"
#include "core/problems/mlp.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

using test::contains;
using test::spec_error;

// `count` examples of `features` inputs in [0, 1) and labels cycling through the classes, from a seeded
// generator (raw bits, so the numbers do not depend on the standard library's distributions).
std::shared_ptr<const data::Dataset> synthetic(int count, int features, int classes, std::uint64_t seed = 5) {
  std::mt19937_64 rng(seed);
  auto ds = std::make_shared<data::Dataset>();
  ds->count = count;
  ds->features = features;
  ds->classes = classes;
  ds->source = "synthetic";
  ds->x.resize(static_cast<std::size_t>(count) * features);
  for (float& v : ds->x) v = static_cast<float>(static_cast<double>(rng() >> 11) * 0x1.0p-53);
  for (int i = 0; i < count; ++i) ds->y.push_back(static_cast<std::uint8_t>((i * 7 + 1) % classes));
  return ds;
}

std::vector<double> random_point(int d, double scale, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> x(static_cast<std::size_t>(d));
  for (double& v : x) v = scale * (2.0 * static_cast<double>(rng() >> 11) * 0x1.0p-53 - 1.0);
  return x;
}

void expect_gradient_matches_differences(const Problem& p, const std::vector<double>& x, double tol) {
  const int d = p.dim();
  std::vector<double> g(static_cast<std::size_t>(d));
  p.gradient(x, g);
  double gmax = 0;
  for (int i = 0; i < d; ++i) {
    std::vector<double> xp = x, xm = x;
    const double h = 1e-5;
    xp[i] += h;
    xm[i] -= h;
    const double fd = (p.value(xp) - p.value(xm)) / (2 * h);
    EXPECT_NEAR(g[i], fd, tol * (1.0 + std::abs(fd))) << "coordinate " << i;
    gmax = std::max(gmax, std::abs(g[i]));
  }
  EXPECT_GT(gmax, 1e-3);  // not trivially zero
}

void expect_hvp_matches_gradient_differences(const Problem& p, const std::vector<double>& x, std::uint64_t seed) {
  const int d = p.dim();
  const std::vector<double> v = random_point(d, 1.0, seed);
  std::vector<double> hv(static_cast<std::size_t>(d)), gp(hv.size()), gm(hv.size());
  ASSERT_TRUE(p.hvp(x, v, hv));
  const double h = 1e-5;
  std::vector<double> xp = x, xm = x;
  for (int i = 0; i < d; ++i) xp[i] += h * v[i], xm[i] -= h * v[i];
  p.gradient(xp, gp);
  p.gradient(xm, gm);
  double hmax = 0;
  for (int i = 0; i < d; ++i) {
    const double fd = (gp[i] - gm[i]) / (2 * h);
    EXPECT_NEAR(hv[i], fd, 1e-6 * (1.0 + std::abs(fd))) << "coordinate " << i;
    hmax = std::max(hmax, std::abs(hv[i]));
  }
  EXPECT_GT(hmax, 1e-3);
}

// value_f / gradient_f / value_and_gradient_f against the double entry points at the same (float) point.
void expect_float_matches_double(const Problem& p, const std::vector<double>& x) {
  const int d = p.dim();
  std::vector<float> xf(x.begin(), x.end());
  const std::vector<double> xd(xf.begin(), xf.end());  // the double path at exactly the float point
  std::vector<double> g(static_cast<std::size_t>(d));
  std::vector<float> gf(g.size()), gf2(g.size());
  const double f = p.value(xd);
  p.gradient(xd, g);
  EXPECT_TRUE(p.native_float());
  EXPECT_NEAR(p.value_f(xf), f, 1e-5 * std::abs(f));
  p.gradient_f(xf, gf);
  EXPECT_NEAR(p.value_and_gradient_f(xf, gf2), f, 1e-5 * std::abs(f));
  for (int i = 0; i < d; ++i) {
    EXPECT_NEAR(gf[i], g[i], 1e-5 * (1.0 + std::abs(g[i]))) << i;
    EXPECT_EQ(gf[i], gf2[i]) << i;
  }
}

TEST(FmnistLogreg, ZeroWeightsGiveLogOfTheClassCount) {
  // 5 images of 784 pixels, 10 classes: at x = 0 every class has probability 1/10, so f = ln 10 + 0.
  const LogReg p(synthetic(5, 784, 10), 5, 0.3);
  EXPECT_EQ(p.dim(), 7850);
  const std::vector<double> x0 = p.default_start();
  EXPECT_EQ(x0, std::vector<double>(7850, 0.0));
  EXPECT_NEAR(p.value(x0), std::log(10.0), 1e-14);
  // With only b_0 = 2 (and l2 = 0.3): each example's logits are (2, 0, ..., 0).
  std::vector<double> x = x0;
  x[0] = 2.0;
  const double lse = std::log(std::exp(2.0) + 9.0);
  double expected = 0;
  const auto ds = synthetic(5, 784, 10);
  for (int i = 0; i < 5; ++i) expected += lse - (ds->y[i] == 0 ? 2.0 : 0.0);
  expected = expected / 5 + 0.5 * 0.3 * 4.0;
  EXPECT_NEAR(p.value(x), expected, 1e-13);
}

TEST(FmnistLogreg, GradientAtZeroIsClassFrequencyGap) {
  // ∂f/∂b_k at x = 0 is mean(1/K − [y = k]): 1/K minus the share of class k.
  const auto ds = synthetic(8, 3, 4);
  const LogReg p(ds, 8, 0.0);
  std::vector<double> g(static_cast<std::size_t>(p.dim()));
  p.gradient(p.default_start(), g);
  for (int k = 0; k < 4; ++k) {
    int count = 0;
    for (int i = 0; i < 8; ++i) count += ds->y[i] == k;
    EXPECT_NEAR(g[k], 0.25 - count / 8.0, 1e-15) << k;
  }
}

TEST(FmnistLogreg, GradientMatchesCentralDifferences) {
  const LogReg p(synthetic(7, 6, 4), 7, 0.05);
  EXPECT_EQ(p.dim(), 4 + 4 * 6);
  expect_gradient_matches_differences(p, random_point(p.dim(), 1.0, 11), 1e-7);
}

TEST(FmnistLogreg, UsesOnlyTheFirstNExamples) {
  const auto ds = synthetic(9, 6, 4);
  const LogReg all(ds, 9, 0.0), first(ds, 4, 0.0);
  auto head = std::make_shared<data::Dataset>(*ds);
  head->count = 4;
  head->x.resize(4 * 6);
  head->y.resize(4);
  const LogReg copy(head, 4, 0.0);
  const std::vector<double> x = random_point(all.dim(), 1.0, 3);
  EXPECT_DOUBLE_EQ(first.value(x), copy.value(x));
  EXPECT_NE(first.value(x), all.value(x));
}

TEST(FmnistLogreg, HvpMatchesGradientDifferencesAndFillsTheHessian) {
  const LogReg p(synthetic(7, 5, 3), 7, 0.02);
  const std::vector<double> x = random_point(p.dim(), 1.0, 12);
  expect_hvp_matches_gradient_differences(p, x, 13);
  const int d = p.dim();
  std::vector<double> H(static_cast<std::size_t>(d * d)), hv(static_cast<std::size_t>(d));
  p.hessian(x, H);
  const std::vector<double> v = random_point(d, 1.0, 14);
  ASSERT_TRUE(p.hvp(x, v, hv));
  for (int i = 0; i < d; ++i) {
    double s = 0;
    for (int j = 0; j < d; ++j) {
      s += H[static_cast<std::size_t>(i * d + j)] * v[j];
      EXPECT_NEAR(H[static_cast<std::size_t>(i * d + j)], H[static_cast<std::size_t>(j * d + i)], 1e-14);
    }
    EXPECT_NEAR(s, hv[i], 1e-12) << i;
  }
  // Convex: H + l2·I ≥ l2·I, so vᵀHv ≥ l2·‖v‖².
  double vhv = 0, vv = 0;
  for (int i = 0; i < d; ++i) vhv += v[i] * hv[i], vv += v[i] * v[i];
  EXPECT_GE(vhv, 0.02 * vv);
}

TEST(FmnistLogreg, FloatEntryPointsAgreeWithDouble) {
  const LogReg p(synthetic(300, 20, 10), 300, 1e-3);  // more than one block of rows
  expect_float_matches_double(p, random_point(p.dim(), 0.5, 21));
}

TEST(FmnistLogreg, ConstructorRejectsBadArguments) {
  const auto ds = synthetic(5, 4, 3);
  EXPECT_THROW(LogReg(ds, 0, 0.0), SpecError);
  EXPECT_THROW(LogReg(ds, 6, 0.0), SpecError);
  EXPECT_THROW(LogReg(ds, 5, -1.0), SpecError);
  EXPECT_THROW(LogReg(nullptr, 5, 0.0), std::invalid_argument);
  auto bad = std::make_shared<data::Dataset>(*ds);
  bad->y[2] = 3;  // not below classes = 3
  EXPECT_THROW(LogReg(bad, 5, 0.0), std::invalid_argument);
}

TEST(FmnistMlp, GradientMatchesCentralDifferences) {
  const Mlp p(synthetic(6, 5, 4), 6, 3, 0.01, 7);
  EXPECT_EQ(p.dim(), 4 + 4 * 3 + 3 + 3 * 5);
  // Away from the start too, where tanh saturates partly.
  expect_gradient_matches_differences(p, p.default_start(), 1e-7);
  expect_gradient_matches_differences(p, random_point(p.dim(), 1.5, 8), 1e-7);
}

TEST(FmnistMlp, HvpMatchesGradientDifferences) {
  const Mlp p(synthetic(6, 5, 4), 6, 3, 0.01, 7);
  expect_hvp_matches_gradient_differences(p, p.default_start(), 31);
  expect_hvp_matches_gradient_differences(p, random_point(p.dim(), 1.5, 32), 33);
  // Not convex: somewhere the Hessian has a negative direction (the hidden units' sign symmetry).
  const int d = p.dim();
  std::vector<double> H(static_cast<std::size_t>(d * d));
  p.hessian(random_point(d, 1.5, 32), H);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < i; ++j)
      EXPECT_NEAR(H[static_cast<std::size_t>(i * d + j)], H[static_cast<std::size_t>(j * d + i)], 1e-12);
}

TEST(FmnistMlp, StartIsSeededGlorotUniformWithZeroBiases) {
  const auto ds = synthetic(4, 30, 10);
  const Mlp a(ds, 4, 20, 0.0, 1), b(ds, 4, 20, 0.0, 1), c(ds, 4, 20, 0.0, 2);
  const std::vector<double> x = a.default_start();
  EXPECT_EQ(x, b.default_start());
  EXPECT_NE(x, c.default_start());
  ASSERT_EQ(static_cast<int>(x.size()), 10 + 10 * 20 + 20 + 20 * 30);
  const double av = std::sqrt(6.0 / 30.0), au = std::sqrt(6.0 / 50.0);
  auto check_block = [&](int from, int count, double a_lim) {
    double sum2 = 0;
    for (int i = from; i < from + count; ++i) {
      EXPECT_LE(std::abs(x[i]), a_lim) << i;
      sum2 += x[i] * x[i];
    }
    // Uniform on (−a, a) has variance a²/3; a few hundred draws land within 25 % of it.
    EXPECT_NEAR(sum2 / count, a_lim * a_lim / 3, 0.25 * a_lim * a_lim / 3);
  };
  for (int k = 0; k < 10; ++k) EXPECT_EQ(x[k], 0.0);  // c
  check_block(10, 200, av);                           // V
  for (int j = 0; j < 20; ++j) EXPECT_EQ(x[210 + j], 0.0);  // b
  check_block(230, 600, au);                                // U
  const Box box = a.default_view();
  EXPECT_EQ(box.x0, -4.0);
  EXPECT_EQ(box.y1, 4.0);
}

TEST(FmnistMlp, FloatEntryPointsAgreeWithDouble) {
  const Mlp p(synthetic(300, 20, 10), 300, 8, 1e-3, 3);
  expect_float_matches_double(p, p.default_start());
}

TEST(FmnistMlp, ConstructorRejectsBadArguments) {
  const auto ds = synthetic(5, 4, 3);
  EXPECT_THROW(Mlp(ds, 0, 2, 0.0, 1), SpecError);
  EXPECT_THROW(Mlp(ds, 5, 0, 0.0, 1), SpecError);
  EXPECT_THROW(Mlp(ds, 5, kMlpMaxWidth + 1, 0.0, 1), SpecError);
  EXPECT_THROW(Mlp(ds, 5, 2, std::nan(""), 1), SpecError);
}

// Problems are immutable: threads evaluating one object at once get the serial answers bit for bit.
TEST(FmnistProblems, ConcurrentEvaluationMatchesSerial) {
  const auto ds = synthetic(300, 12, 10);
  const LogReg lr(ds, 300, 1e-3);
  const Mlp mlp(ds, 300, 4, 1e-3, 9);
  for (const Problem* p : {static_cast<const Problem*>(&lr), static_cast<const Problem*>(&mlp)}) {
    std::vector<std::vector<double>> points;
    for (int k = 0; k < 8; ++k) points.push_back(random_point(p->dim(), 1.0, 100 + k));
    std::vector<double> serial;
    for (const auto& x : points) serial.push_back(p->value(x));
    std::vector<std::vector<double>> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results) {
      threads.emplace_back([p, &points, &r] {
        std::vector<double> g(static_cast<std::size_t>(p->dim()));
        std::vector<float> gf(g.size());
        for (const auto& x : points) {
          p->gradient(x, g);
          const std::vector<float> xf(x.begin(), x.end());
          p->value_and_gradient_f(xf, gf);
          r.push_back(p->value(x));
        }
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_EQ(r, serial);
  }
}

// The landscape plane (x0, x1) through a point, evaluated from one forward pass, equals value() point by point,
// far out too (where the logits of classes 0 and 1 dominate), and compute_grid uses it.
void expect_plane_matches_values(const Problem& p, const std::vector<double>& base) {
  const std::vector<double> xs = {-30.0, -1.0, base[0], 0.7, 25.0}, ys = {-2.0, base[1], 40.0};
  std::vector<double> plane(xs.size() * ys.size());
  ASSERT_EQ(p.plane_values(base, xs, ys, plane, {}), PlaneResult::Done);
  for (std::size_t j = 0; j < ys.size(); ++j) {
    for (std::size_t i = 0; i < xs.size(); ++i) {
      std::vector<double> x = base;
      x[0] = xs[i];
      x[1] = ys[j];
      const double f = p.value(x);
      EXPECT_NEAR(plane[j * xs.size() + i], f, 1e-12 * (1.0 + std::abs(f))) << xs[i] << ", " << ys[j];
    }
  }
  const Box box{-3.0, 2.0, -1.0, 4.0};
  const LandscapeGrid g = compute_grid(p, box, 4, 3, base);
  std::vector<double> x = base;
  x[0] = box.x0 + (box.x1 - box.x0) * 2 / 3.0;
  x[1] = box.y1;
  EXPECT_NEAR(g.at(2, 2), p.value(x), 1e-6 * std::abs(p.value(x)));
}

TEST(FmnistProblems, LandscapePlaneEqualsPointValues) {
  const auto ds = synthetic(300, 12, 10);
  const LogReg lr(ds, 300, 0.01);
  expect_plane_matches_values(lr, random_point(lr.dim(), 0.5, 41));
  const Mlp mlp(ds, 300, 4, 0.01, 9);
  expect_plane_matches_values(mlp, random_point(mlp.dim(), 0.5, 42));
}

// ---- the registry on the real files (Debian's dataset-fashion-mnist) -------------------------------

TEST(FmnistRegistry, BuildsLogregFromTheRealData) {
  const auto p = make_problem("fmnist-logreg:n=200");
  EXPECT_EQ(p->dim(), 7850);
  EXPECT_TRUE(p->native_float());
  const std::vector<double> x = p->default_start();
  EXPECT_NEAR(p->value(x), std::log(10.0), 1e-12);  // x = 0: the l2 term vanishes
  std::vector<double> g(x.size());
  p->gradient(x, g);
  // The landscape plane (x0, x1) = (b_0, b_1) is not flat at the start …
  EXPECT_GT(std::abs(g[0]) + std::abs(g[1]), 1e-3);
  // … whereas the weight of pixel 0 (W(0, 0) = x[10]) is: that pixel is black in nearly every image.
  EXPECT_LT(std::abs(g[10]), 1e-3);
  // 2·n·d multiply-adds: far too many to evaluate under the mouse every frame (the UI reads the grid).
  EXPECT_EQ(p->evaluation_cost(), 2.0 * 200 * 7850);
  const auto info = find_problem("fmnist-logreg");
  ASSERT_NE(info, nullptr);
  EXPECT_TRUE(info->loads_data);
}

TEST(FmnistRegistry, BuildsMlpFromTheRealDataWithWidthSettingTheDimension) {
  const auto p = make_problem("fmnist-mlp:n=100,width=2,seed=4");
  EXPECT_EQ(p->dim(), 10 + 795 * 2);
  const auto q = make_problem("fmnist-mlp:n=100,width=64,seed=4");
  EXPECT_EQ(q->dim(), 10 + 795 * 64);
  const std::vector<double> x = p->default_start();
  const double f = p->value(x);
  EXPECT_TRUE(std::isfinite(f));
  EXPECT_GT(f, 1.0);  // an untrained net is no better than a few nats
  EXPECT_LT(f, 5.0);
}

TEST(FmnistRegistry, BadParametersAreNamedWithTheirRange) {
  std::string msg = spec_error("fmnist-mlp:width=0");
  EXPECT_TRUE(contains(msg, "width=0")) << msg;
  EXPECT_TRUE(contains(msg, "1..1024")) << msg;
  msg = spec_error("fmnist-logreg:n=70000");
  EXPECT_TRUE(contains(msg, "n=70000")) << msg;
  msg = spec_error("fmnist-logreg:l2=-1");
  EXPECT_TRUE(contains(msg, "l2=-1")) << msg;
  msg = spec_error("fmnist-mlp:depth=2");
  EXPECT_TRUE(contains(msg, "'depth'")) << msg;
}

}  // namespace
}  // namespace signlab
