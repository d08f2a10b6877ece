// The quadratic family in d dimensions (quadratic:d=N,ratio=K,theta=T,seed=S), the Hessian-file family
// (quadratic:hessian=FILE.csv) and how the `quadratic` SPEC picks between them and the 2-D family.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/geometry/geometry.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/problems/quadratic_file.hpp"
#include "core/problems/quadratic_nd.hpp"
#include "core/spec/spec_parse.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

namespace fs = std::filesystem;

using test::contains;
using test::spec_error;

Eigen::VectorXd sorted_eigenvalues(const Eigen::MatrixXd& H) {
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H, Eigen::EigenvaluesOnly).eigenvalues();
}

fs::path write_file(const std::string& name, const std::string& text) {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("signlab_quadratic_test_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

TEST(QuadraticNDTest, ThetaZeroIsDiagonalWithTheRequestedRatio) {
  for (auto [d, ratio] : std::vector<std::pair<int, double>>{{1, 1.0}, {2, 1.5}, {10, 5.0}, {50, 50.0}, {200, 3.0}}) {
    QuadraticND q(d, ratio, 0.0, 7);
    const Eigen::MatrixXd H = q.matrix();
    const std::vector<double> x(d, 1.0);
    std::vector<double> g(d);
    q.gradient(x, g);
    const geometry::GeometryReport r = geometry::analyze_hessian(H, g);
    EXPECT_DOUBLE_EQ(r.rho_diag, 1.0) << d;
    EXPECT_NEAR(r.lambda_mean, 1.0, 1e-14) << d;
    EXPECT_NEAR(r.ratio_max_mean, ratio, 1e-12 * ratio) << d;
    EXPECT_NEAR(r.lambda_max, ratio, 1e-12 * ratio) << d;
    EXPECT_DOUBLE_EQ(H(0, 0), ratio) << d;
  }
}

TEST(QuadraticNDTest, RotationLowersDiagonalConcentrationAndKeepsTheSpectrum) {
  const int d = 30;
  const double ratio = 10.0;
  const Eigen::VectorXd want = sorted_eigenvalues(QuadraticND(d, ratio, 0.0, 4).matrix());
  double prev_rho = 1.0;
  for (double theta : {0.1, 0.4, 1.0}) {
    QuadraticND q(d, ratio, theta, 4);
    const Eigen::MatrixXd H = q.matrix();
    const double rho = geometry::diagonal_concentration(H);
    EXPECT_LT(rho, 1.0) << theta;
    EXPECT_LT(rho, prev_rho) << theta;  // small angles: more rotation, less diagonal
    prev_rho = rho;
    EXPECT_LT((sorted_eigenvalues(H) - want).cwiseAbs().maxCoeff(), 1e-12) << theta;
    EXPECT_NEAR(q.steep_direction().norm(), 1.0, 1e-14);
    EXPECT_NEAR(H.trace(), d, 1e-12);
  }
}

TEST(QuadraticNDTest, TwoDimensionalRotationIsByTheta) {
  for (double theta : {0.3, 1.0, 2.5}) {
    const Eigen::VectorXd q = rotated_axis(2, theta, 11);
    EXPECT_NEAR(std::abs(q[0]), std::abs(std::cos(theta)), 1e-14) << theta;
    EXPECT_NEAR(std::abs(q[1]), std::abs(std::sin(theta)), 1e-14) << theta;
  }
}

TEST(QuadraticNDTest, SameSeedSameMatrixOtherSeedOther) {
  const Eigen::MatrixXd a = QuadraticND(8, 3.0, 0.8, 1).matrix();
  const Eigen::MatrixXd b = QuadraticND(8, 3.0, 0.8, 1).matrix();
  const Eigen::MatrixXd c = QuadraticND(8, 3.0, 0.8, 2).matrix();
  EXPECT_EQ(a, b);
  EXPECT_GT((a - c).cwiseAbs().maxCoeff(), 1e-3);
}

TEST(QuadraticNDTest, ValueGradientHessianAgree) {
  QuadraticND q(9, 4.0, 0.9, 3);
  const Eigen::MatrixXd H = q.matrix();
  EXPECT_EQ(H, H.transpose());  // exactly symmetric
  std::vector<double> x(9);
  for (int i = 0; i < 9; ++i) x[i] = std::cos(3.0 * i) * 1.7;
  const Eigen::Map<const Eigen::VectorXd> xv(x.data(), 9);
  EXPECT_NEAR(q.value(x), 0.5 * xv.dot(H * xv), 1e-12);
  std::vector<double> g(9);
  q.gradient(x, g);
  const Eigen::VectorXd Hx = H * xv;
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(g[i], Hx[i], 1e-12);
  for (int i = 0; i < 9; ++i) {
    auto xp = x, xm = x;
    xp[i] += 1e-5;
    xm[i] -= 1e-5;
    EXPECT_NEAR((q.value(xp) - q.value(xm)) / 2e-5, g[i], 1e-7);
  }
  EXPECT_GE(q.value(std::vector<double>(9, 0.0)), 0.0);
  EXPECT_EQ(q.default_start().size(), 9u);
  ASSERT_EQ(q.minimizers().size(), 1u);
}

TEST(QuadraticSpecTest, KeysPickTheFamily) {
  EXPECT_EQ(make_problem("quadratic")->dim(), 2);
  EXPECT_EQ(make_problem("quadratic:cond=100,angle=30")->dim(), 2);
  EXPECT_EQ(make_problem("quadratic:d=2,cond=100,angle=30")->dim(), 2);  // DESIGN.md's example
  EXPECT_EQ(make_problem("quadratic:d=25,ratio=5,theta=0.3,seed=2")->dim(), 25);
  EXPECT_EQ(make_problem("quadratic:d=3")->dim(), 3);  // ratio defaults to min(5, d)
  EXPECT_EQ(make_problem("quadratic:ratio=2")->dim(), 10);
  // The 2-D family is Quadratic2D itself: same values as before.
  const auto a = make_problem("quadratic:cond=7,angle=20");
  const auto b = make_problem("quadratic:d=2,angle=20,cond=7");
  const std::vector<double> x = {0.3, -1.1};
  EXPECT_EQ(a->value(x), b->value(x));
}

TEST(QuadraticSpecTest, MixingFamiliesIsAnErrorNamingBothKeys) {
  std::string msg = spec_error("quadratic:ratio=3,cond=10");
  EXPECT_TRUE(contains(msg, "'ratio'") && contains(msg, "'cond'")) << msg;
  msg = spec_error("quadratic:d=3,angle=10");
  EXPECT_TRUE(contains(msg, "d=3") && contains(msg, "'angle'")) << msg;
  msg = spec_error("quadratic:hessian=x.csv,d=3");
  EXPECT_TRUE(contains(msg, "'d'") && contains(msg, "hessian")) << msg;
  msg = spec_error("quadratic:banana=1");
  EXPECT_TRUE(contains(msg, "'banana'") && contains(msg, "ratio") && contains(msg, "cond")) << msg;
}

TEST(QuadraticSpecTest, RangesAreChecked) {
  std::string msg = spec_error("quadratic:d=4,ratio=5");
  EXPECT_TRUE(contains(msg, "ratio=5") && contains(msg, "d=4")) << msg;
  msg = spec_error("quadratic:d=0");
  EXPECT_TRUE(contains(msg, "d=0")) << msg;
  msg = spec_error("quadratic:d=2.5");
  EXPECT_TRUE(contains(msg, "d=2.5")) << msg;
  msg = spec_error("quadratic:d=10,ratio=0.5");
  EXPECT_TRUE(contains(msg, "ratio=0.5")) << msg;
  msg = spec_error("quadratic:d=10,theta=-1");
  EXPECT_TRUE(contains(msg, "theta=-1")) << msg;
  msg = spec_error("quadratic:d=10,theta=x");
  EXPECT_TRUE(contains(msg, "'x'")) << msg;
  msg = spec_error("quadratic:cond=0.5");  // the 2-D family's messages are unchanged
  EXPECT_TRUE(contains(msg, "cond=0.5")) << msg;
}

TEST(QuadraticFileTest, ReadsASymmetricMatrix) {
  const fs::path p = write_file("good.csv", "# a comment\n2, -1, 0\n-1,2,-1\n\n0,-1,2\n");
  const auto q = make_problem("quadratic:hessian=" + p.string());
  ASSERT_EQ(q->dim(), 3);
  const std::vector<double> x = {1.0, 2.0, 3.0};
  // ½xᵀHx with H the 1-D Laplacian: ½(2+8+18 − 2·2 − 2·6) = 6.
  EXPECT_DOUBLE_EQ(q->value(x), 6.0);
  std::vector<double> H(9);
  q->hessian(x, H);
  EXPECT_EQ(H, (std::vector<double>{2, -1, 0, -1, 2, -1, 0, -1, 2}));
  EXPECT_EQ(q->minimizers().size(), 1u);  // positive definite
  const auto indefinite = make_problem("quadratic:hessian=" + write_file("indef.csv", "1,0\n0,-1\n").string());
  EXPECT_TRUE(indefinite->minimizers().empty());
}

TEST(QuadraticFileTest, BadFilesNameTheLineAndColumn) {
  struct Case {
    std::string text, want1, want2;
  };
  const std::vector<Case> cases = {
      {"1,2\n2,abc\n", "line 2, column 2", "'abc'"},
      {"# header\n\n1,2,3\n2,1\n3,0,1\n", "line 4", "2 columns"},
      {"1,2,3\n2,1,0\n", "column 1", "square"},
      {"1,2\n2,1\n3,4\n", "line 3", "square"},
      {"1,2,3\n2,1,0\n4,0,1\n", "line 1, column 3", "H(1,3) = 3"},
      {"1,,2\n", "line 1, column 2", "empty"},
      {"1,inf\ninf,1\n", "line 1, column 2", "not finite"},
      {"", "no rows", "hessian="},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const fs::path p = write_file("bad" + std::to_string(i) + ".csv", cases[i].text);
    const std::string msg = spec_error("quadratic:hessian=" + p.string());
    EXPECT_TRUE(contains(msg, cases[i].want1)) << i << ": " << msg;
    EXPECT_TRUE(contains(msg, cases[i].want2)) << i << ": " << msg;
    EXPECT_TRUE(contains(msg, p.string())) << i << ": " << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
  const std::string msg = spec_error("quadratic:hessian=/nonexistent/h.csv");
  EXPECT_TRUE(contains(msg, "cannot read")) << msg;
}


TEST(QuadraticND, LanczosSpectralNormMatchesTheSvd) {
  for (int d : {1, 2, 7, 150}) {
    std::mt19937_64 rng(static_cast<unsigned>(d));
    std::normal_distribution<double> n01;
    Eigen::MatrixXd A(d, d), S = Eigen::MatrixXd::Zero(d, d);
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) {
        A(i, j) = n01(rng);
        if (j > i) {
          S(i, j) = n01(rng);
          S(j, i) = -S(i, j);
        }
      }
    for (const Eigen::MatrixXd* M : {&A, &S}) {
      const double exact = Eigen::JacobiSVD<Eigen::MatrixXd>(*M).singularValues()(0);
      EXPECT_NEAR(spectral_norm(*M), exact, 1e-10 * std::max(1.0, exact)) << "d=" << d;
    }
  }
  EXPECT_EQ(spectral_norm(Eigen::MatrixXd::Zero(5, 5)), 0.0);
  EXPECT_NEAR(spectral_norm(Eigen::Vector3d(3, -4, 0).asDiagonal().toDenseMatrix()), 4.0, 1e-14);
}

}  // namespace
}  // namespace signlab
