// matrix-lsq: ½‖A·W − B‖²_F with A = U·diag(σ)·Vᵀ, σ log-spaced from 1 to 1/cond, B = A·W*.
// Derivatives against central differences, the construction against its definition, and the matrix
// optimizers on it.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <memory>
#include <span>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/matrix_lsq.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {
namespace {

std::vector<double> point(int d, double scale, unsigned salt) {
  std::vector<double> x(static_cast<std::size_t>(d));
  for (int i = 0; i < d; ++i) x[static_cast<std::size_t>(i)] = scale * std::sin(1.7 * i + 0.3 * salt + 0.1);
  return x;
}

TEST(MatrixLsq, ShapeDimensionAndRegistry) {
  const MatrixLsq p(6, 4, 3, 50.0, 9);
  EXPECT_EQ(p.dim(), 12);
  EXPECT_EQ(p.matrix_shape(), (std::pair<int, int>{4, 3}));
  EXPECT_EQ(p.a().rows(), 6);
  EXPECT_EQ(p.a().cols(), 4);
  const ProblemInfo* info = find_problem("matrix-lsq");
  ASSERT_NE(info, nullptr);
  const auto q = make_problem("matrix-lsq:m=6,n=4,k=3,cond=50,seed=9");
  EXPECT_EQ(q->dim(), 12);
  EXPECT_EQ(q->matrix_shape(), (std::pair<int, int>{4, 3}));
  // Same seed, same problem, bit for bit; another seed, another A.
  const std::vector<double> x = point(12, 0.7, 1);
  EXPECT_EQ(q->value(x), p.value(x));
  const MatrixLsq r(6, 4, 3, 50.0, 10);
  EXPECT_NE(r.value(x), p.value(x));
  const auto def = make_problem("matrix-lsq");
  EXPECT_EQ(def->dim(), 10 * 5);
  EXPECT_THROW(make_problem("matrix-lsq:cond=0.5"), SpecError);
  EXPECT_THROW(make_problem("matrix-lsq:n=1.5"), SpecError);
}

TEST(MatrixLsq, SingularValuesAreLogSpacedFromOneToOneOverCond) {
  for (auto [m, n] : {std::pair{8, 5}, std::pair{5, 8}, std::pair{6, 6}}) {
    const double cond = 1e3;
    const MatrixLsq p(m, n, 2, cond, 4);
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(p.a());
    const auto& s = svd.singularValues();
    const int r = std::min(m, n);
    for (int i = 0; i < r; ++i) {
      const double expected = std::pow(cond, -static_cast<double>(i) / (r - 1));
      EXPECT_NEAR(s(i), expected, 1e-12) << m << "x" << n << " i=" << i;
    }
    EXPECT_NEAR(s(0) / s(r - 1), cond, 1e-8 * cond);
  }
}

TEST(MatrixLsq, ValueIsTheFrobeniusResidualInRowMajorLayout) {
  // f(W) = ½‖A·W − B‖² with W(i, j) = x[i·k + j], evaluated here with explicit sums.
  const MatrixLsq p(5, 3, 2, 10.0, 2);
  const std::vector<double> x = point(6, 1.3, 2);
  double f = 0;
  for (int r = 0; r < 5; ++r)
    for (int j = 0; j < 2; ++j) {
      double s = -p.b()(r, j);
      for (int i = 0; i < 3; ++i) s += p.a()(r, i) * x[static_cast<std::size_t>(i * 2 + j)];
      f += 0.5 * s * s;
    }
  EXPECT_NEAR(p.value(x), f, 1e-12 * std::max(1.0, f));
}

TEST(MatrixLsq, GradientMatchesCentralDifferences) {
  for (double cond : {1.0, 100.0, 1e4}) {
    const MatrixLsq p(7, 4, 3, cond, 5);
    const int d = p.dim();
    for (unsigned salt = 0; salt < 4; ++salt) {
      std::vector<double> x = point(d, 2.0, salt);
      std::vector<double> g(static_cast<std::size_t>(d));
      p.gradient(x, g);
      for (int i = 0; i < d; ++i) {
        const double h = 1e-5;
        std::vector<double> xp = x, xm = x;
        xp[static_cast<std::size_t>(i)] += h;
        xm[static_cast<std::size_t>(i)] -= h;
        const double fd = (p.value(xp) - p.value(xm)) / (2 * h);
        EXPECT_NEAR(g[static_cast<std::size_t>(i)], fd, 1e-7 * (1.0 + std::abs(fd)) + 1e-10 * p.value(x) / h)
            << "cond " << cond << " i=" << i;
      }
    }
  }
}

TEST(MatrixLsq, HessianMatchesDifferencesOfTheGradientAndIsSymmetric) {
  // H = (AᵀA) ⊗ I_k in the row-major flattening; checked column by column against (∇f(x+he_j) − ∇f(x−he_j))/2h.
  const MatrixLsq p(6, 3, 4, 30.0, 8);
  const int d = p.dim();
  const std::vector<double> x = point(d, 1.0, 3);
  std::vector<double> H(static_cast<std::size_t>(d * d));
  p.hessian(x, H);
  for (int j = 0; j < d; ++j) {
    std::vector<double> xp = x, xm = x, gp(static_cast<std::size_t>(d)), gm(static_cast<std::size_t>(d));
    xp[static_cast<std::size_t>(j)] += 1e-4;
    xm[static_cast<std::size_t>(j)] -= 1e-4;
    p.gradient(xp, gp);
    p.gradient(xm, gm);
    for (int i = 0; i < d; ++i) {
      const double fd = (gp[static_cast<std::size_t>(i)] - gm[static_cast<std::size_t>(i)]) / 2e-4;
      EXPECT_NEAR(H[static_cast<std::size_t>(i * d + j)], fd, 1e-8) << i << "," << j;
      EXPECT_EQ(H[static_cast<std::size_t>(i * d + j)], H[static_cast<std::size_t>(j * d + i)]);
    }
  }
  // The block structure: entries coupling different output columns are 0.
  const int k = 4;
  for (int a = 0; a < d; ++a)
    for (int b = 0; b < d; ++b)
      if (a % k != b % k) {
        EXPECT_EQ(H[static_cast<std::size_t>(a * d + b)], 0.0);
      }
}

TEST(MatrixLsq, MinimiserHasZeroLossAndGradient) {
  const MatrixLsq p(9, 5, 3, 1e3, 6);
  const auto mins = p.minimizers();
  ASSERT_EQ(mins.size(), 1u);
  const std::vector<double>& w = mins[0];
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(w[static_cast<std::size_t>(i * 3 + j)], p.w_star()(i, j));
  EXPECT_NEAR(p.value(w), 0.0, 1e-20);
  std::vector<double> g(w.size());
  p.gradient(w, g);
  for (double v : g) EXPECT_NEAR(v, 0.0, 1e-12);
  const std::vector<double> s = p.default_start();
  EXPECT_EQ(s, std::vector<double>(15, 0.0));
  const Box b = p.default_view();
  EXPECT_LT(b.x0, std::min(0.0, w[0]));
  EXPECT_GT(b.x1, std::max(0.0, w[0]));
  EXPECT_LT(b.y0, std::min(0.0, w[1]));
  EXPECT_GT(b.y1, std::max(0.0, w[1]));
}

TEST(MatrixLsq, MatrixOptimizersDescendOnIt) {
  const auto p = make_problem("matrix-lsq:m=20,n=10,k=5,cond=10,seed=3");
  for (const char* spec : {"muon:lr=0.05", "muon-exact:lr=0.05", "f-muon:lr=0.05", "s-muon:lr=0.05",
                           "fanion-k:lr=0.05,k=3", "signsgd:lr=0.01"}) {
    auto opt = make_optimizer(resolve_optimizer(spec), *p);
    Oracle o(*p);
    std::vector<double> x = p->default_start();
    const double f0 = p->value(x);
    for (int t = 0; t < 200; ++t) opt->step(x, o);
    EXPECT_LT(p->value(x), 0.2 * f0) << spec;
  }
}

}  // namespace
}  // namespace signlab
