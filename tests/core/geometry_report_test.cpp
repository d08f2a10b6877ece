// The geometry report: known answers for ρ_diag, spectrum, gradient density and the progress ratio;
// Hessian-vector products (exact and by differences); the Lanczos/Hutchinson path above the dense
// size; local smoothness along a path.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/geometry/geometry.hpp"
#include "core/geometry/spectrum.hpp"
#include "core/io/scenario.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/problems/quadratic_nd.hpp"

namespace signlab::geometry {
namespace {

// ½·Σ a_i x_i² in any d, optionally without an exact hvp (then products are finite differences).
class DiagonalQuadratic final : public Problem {
 public:
  DiagonalQuadratic(std::vector<double> a, bool exact_hvp) : a_(std::move(a)), exact_(exact_hvp) {}
  int dim() const override { return static_cast<int>(a_.size()); }
  double value(std::span<const double> x) const override {
    double f = 0.0;
    for (std::size_t i = 0; i < a_.size(); ++i) f += 0.5 * a_[i] * x[i] * x[i];
    return f;
  }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    for (std::size_t i = 0; i < a_.size(); ++i) g[i] = a_[i] * x[i];
  }
  void hessian(std::span<const double>, std::span<double>) const override {
    throw std::logic_error("dense Hessian requested above the dense size");
  }
  bool hvp(std::span<const double>, std::span<const double> v, std::span<double> out) const override {
    if (!exact_) return false;
    for (std::size_t i = 0; i < a_.size(); ++i) out[i] = a_[i] * v[i];
    return true;
  }
  std::vector<double> default_start() const override { return std::vector<double>(a_.size(), 1.0); }
  Box default_view() const override { return {}; }

 private:
  std::vector<double> a_;
  bool exact_;
};

TEST(GeometryReportTest, DiagonalHessian) {
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(4, 4);
  H.diagonal() << 10.0, 1.0, 1.0, 1.0;
  const std::vector<double> g = {1.0, 1.0, 1.0, 1.0};
  const GeometryReport r = analyze_hessian(H, g);
  EXPECT_EQ(r.d, 4);
  EXPECT_DOUBLE_EQ(r.rho_diag, 1.0);
  EXPECT_DOUBLE_EQ(r.diag_frob_share, 1.0);
  EXPECT_NEAR(r.lambda_max, 10.0, 1e-12);
  EXPECT_NEAR(r.lambda_min, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.lambda_mean, 13.0 / 4);
  EXPECT_NEAR(r.ratio_max_mean, 40.0 / 13, 1e-12);
  ASSERT_TRUE(r.linf.exact.has_value());
  EXPECT_DOUBLE_EQ(*r.linf.exact, 13.0);
  EXPECT_NEAR(r.l2_smooth, 10.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.grad.density, 1.0);
  // R = φ·d·L₂/L∞ = 1·4·10/13.
  EXPECT_NEAR(r.progress_ratio, 40.0 / 13, 1e-12);
  EXPECT_TRUE(r.psd);
  EXPECT_EQ(r.hessian.rows(), 4);
}

TEST(GeometryReportTest, AllOnesHessian) {
  const int d = 6;
  const Eigen::MatrixXd H = Eigen::MatrixXd::Ones(d, d);
  const std::vector<double> g(d, 1.0);
  const GeometryReport r = analyze_hessian(H, g);
  EXPECT_DOUBLE_EQ(r.rho_diag, 1.0 / d);
  EXPECT_DOUBLE_EQ(r.diag_frob_share, 1.0 / d);
  EXPECT_NEAR(r.lambda_max, d, 1e-12);
  EXPECT_NEAR(r.lambda_min, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.lambda_mean, 1.0);
  EXPECT_NEAR(r.ratio_max_mean, d, 1e-12);
  EXPECT_NEAR(*r.linf.exact, d * d, 1e-12);
  EXPECT_NEAR(r.progress_ratio, 1.0, 1e-12);  // 1·d·d/d²
}

TEST(GeometryReportTest, IndefiniteHessianUsesTheSpectralNorm) {
  Eigen::MatrixXd H(2, 2);
  H << 1.0, 0.0, 0.0, -3.0;
  const std::vector<double> g = {1.0, 0.0};
  const GeometryReport r = analyze_hessian(H, g);
  EXPECT_FALSE(r.psd);
  EXPECT_NEAR(r.l2_smooth, 3.0, 1e-12);
  EXPECT_NEAR(*r.linf.exact, 4.0, 1e-12);
  EXPECT_TRUE(std::isnan(r.ratio_max_mean));  // λ̄ = −1
  EXPECT_DOUBLE_EQ(r.grad.density, 0.5);
}

TEST(GeometryReportTest, GradientStats) {
  const std::vector<double> g = {3.0, -4.0};
  const GradientStats s = gradient_stats(g);
  EXPECT_DOUBLE_EQ(s.l1, 7.0);
  EXPECT_DOUBLE_EQ(s.l2, 5.0);
  EXPECT_DOUBLE_EQ(s.l1_l2_ratio, 1.4);
  EXPECT_DOUBLE_EQ(s.density, 49.0 / 50.0);
  EXPECT_DOUBLE_EQ(s.sqrt_d, std::sqrt(2.0));
  const std::vector<double> e = {0.0, 0.0, 2.0, 0.0};
  EXPECT_DOUBLE_EQ(gradient_stats(e).density, 0.25);  // 1/d: the sparsest
  const std::vector<double> ones(9, -1.0);
  EXPECT_DOUBLE_EQ(gradient_stats(ones).density, 1.0);
  EXPECT_DOUBLE_EQ(gradient_stats(ones).l1_l2_ratio, 3.0);  // √d
  const std::vector<double> zero(3, 0.0);
  EXPECT_TRUE(std::isnan(gradient_stats(zero).density));
  const std::vector<double> tiny = {1e-300, 1e-300};
  EXPECT_DOUBLE_EQ(gradient_stats(tiny).density, 1.0);  // no underflow
}

// Every NaN in the report comes with the reason a front end shows; defined numbers carry none.
TEST(GeometryReportTest, UndefinedQuantitiesSayWhy) {
  Eigen::MatrixXd H = Eigen::MatrixXd::Identity(3, 3);
  H(0, 0) = 4.0;
  const GeometryReport fine = analyze_hessian(H, std::vector<double>{1.0, -1.0, 2.0});
  EXPECT_TRUE(fine.grad.undefined.empty());
  EXPECT_TRUE(fine.why.rho_diag.empty() && fine.why.diag_frob_share.empty() && fine.why.ratio_max_mean.empty() &&
              fine.why.progress_ratio.empty());

  const GeometryReport zero_g = analyze_hessian(H, std::vector<double>(3, 0.0));
  EXPECT_TRUE(std::isnan(zero_g.grad.density) && std::isnan(zero_g.progress_ratio));
  EXPECT_EQ(zero_g.grad.undefined, "g = 0");
  EXPECT_EQ(zero_g.why.progress_ratio, "g = 0");
  EXPECT_TRUE(zero_g.why.rho_diag.empty());

  const GeometryReport zero_h = analyze_hessian(Eigen::MatrixXd::Zero(3, 3), std::vector<double>{1.0, 1.0, 1.0});
  EXPECT_TRUE(std::isnan(zero_h.rho_diag) && std::isnan(zero_h.ratio_max_mean) && std::isnan(zero_h.progress_ratio));
  EXPECT_EQ(zero_h.why.rho_diag, "H = 0");
  EXPECT_EQ(zero_h.why.diag_frob_share, "H = 0");
  EXPECT_FALSE(zero_h.why.ratio_max_mean.empty());
  EXPECT_EQ(zero_h.why.progress_ratio, "L\u221E = 0");
}

TEST(GeometryReportTest, TwoDimensionalQuadraticFromTheRegistry) {
  const auto p = make_problem("quadratic:cond=100,angle=0");
  const std::vector<double> x = {1.0, 1.0};
  const GeometryReport r = compute_geometry(*p, x);
  EXPECT_EQ(r.hessian_method, "exact (Problem::hessian)");
  EXPECT_NEAR(r.rho_diag, 1.0, 1e-15);
  EXPECT_NEAR(r.lambda_max, 100.0, 1e-10);
  EXPECT_NEAR(r.lambda_min, 1.0, 1e-10);
  EXPECT_NEAR(*r.linf.exact, 101.0, 1e-10);
  EXPECT_NEAR(r.grad.l1, 101.0, 1e-10);
  const auto bad = std::vector<double>{1.0, 2.0, 3.0};
  EXPECT_THROW(compute_geometry(*p, bad), std::invalid_argument);
}

TEST(GeometryReportTest, RotationLowersDiagonalConcentration) {
  const auto p = make_problem("quadratic:cond=100,angle=30");
  const std::vector<double> x = {1.0, -1.0};
  const GeometryReport r = compute_geometry(*p, x);
  EXPECT_LT(r.rho_diag, 1.0);
  EXPECT_NEAR(r.lambda_max, 100.0, 1e-9);
  EXPECT_LE(r.linf.lower.value, r.linf.upper.value);
}

TEST(GeometryReportTest, FiniteDifferenceProductsMatchTheExactHessian) {
  const auto p = make_problem("rosenbrock");  // no hvp: central differences of gradients
  const std::vector<double> x = {-0.7, 1.3};
  const Eigen::MatrixXd H = dense_hessian(*p, x);
  const Eigen::MatrixXd Hfd = dense_hessian_from_hvp(*p, x);
  EXPECT_LT((H - Hfd).cwiseAbs().maxCoeff(), 1e-6 * H.cwiseAbs().maxCoeff());
  const std::vector<double> v = {0.3, -0.8};
  std::vector<double> out(2);
  EXPECT_FALSE(hessian_vector_product(*p, x, v, out));
  EXPECT_NEAR(out[0], H(0, 0) * v[0] + H(0, 1) * v[1], 1e-5 * H.norm());
}

TEST(GeometryReportTest, ExactProductsOfTheDQuadratic) {
  const auto p = make_problem("quadratic:d=12,ratio=4,theta=0.7,seed=3");
  const std::vector<double> x(12, 0.5);
  std::vector<double> v(12), out(12);
  for (int i = 0; i < 12; ++i) v[i] = std::sin(i + 1.0);
  EXPECT_TRUE(hessian_vector_product(*p, x, v, out));
  const Eigen::MatrixXd H = dense_hessian(*p, x);
  const Eigen::VectorXd Hv = H * Eigen::Map<const Eigen::VectorXd>(v.data(), 12);
  for (int i = 0; i < 12; ++i) EXPECT_NEAR(out[i], Hv[i], 1e-12);
  EXPECT_LT((dense_hessian_from_hvp(*p, x) - H).cwiseAbs().maxCoeff(), 1e-12);
}

// Above the dense size: Lanczos, Hutchinson and a lower bound from products; the dense Hessian is
// never requested (the test problem throws if it were).
TEST(GeometryReportTest, OperatorPathAboveTheDenseSize) {
  const int d = 3000;
  std::vector<double> a(d);
  for (int i = 0; i < d; ++i) a[i] = 1.0 + (i % 7) * 0.5;
  a[d / 2] = 50.0;
  a[7] = 0.25;
  double trace = 0.0;
  for (double v : a) trace += v;
  for (bool exact : {true, false}) {
    DiagonalQuadratic p(a, exact);
    std::vector<double> x(d, 1.0);
    GeometryOptions o;
    o.hutchinson_probes = 8;
    const GeometryReport r = compute_geometry(p, x, o);
    EXPECT_FALSE(r.dense);
    EXPECT_EQ(r.hessian.size(), 0);
    EXPECT_NEAR(r.lambda_max, 50.0, 1e-6);
    EXPECT_NEAR(r.lambda_min, 0.25, 1e-2);  // Ritz values move in from the ends: min converges slower
    EXPECT_GE(r.lambda_min, 0.25 - 1e-6);
    // Rademacher probes on a diagonal matrix give the trace exactly.
    EXPECT_NEAR(r.lambda_mean, trace / d, 1e-6);
    EXPECT_TRUE(std::isnan(r.rho_diag));
    EXPECT_NEAR(r.diag_frob_share, 1.0, 1e-6);
    EXPECT_FALSE(r.linf.exact.has_value());
    EXPECT_NEAR(r.linf.lower.value, trace, 1e-6 * trace);  // every vertex of a diagonal H gives Σ|H_ii|
    EXPECT_TRUE(std::isinf(r.linf.upper.value));
    EXPECT_EQ(r.linf.lower_certified, exact);
    EXPECT_NE(r.hessian_method.find(exact ? "exact" : "central differences"), std::string::npos) << r.hessian_method;
    EXPECT_EQ(r.progress_ratio_lower, 0.0);
  }
}

TEST(GeometryReportTest, LanczosAndHutchinsonOnASmallDenseMatrix) {
  const auto p = make_problem("quadratic:d=40,ratio=8,theta=1,seed=5");
  const std::vector<double> x(40, 1.0);
  const Eigen::MatrixXd H = dense_hessian(*p, x);
  const LanczosResult lz = lanczos(40, matrix_operator(H), 40);
  EXPECT_NEAR(lz.lambda_max, 8.0, 1e-9);
  EXPECT_NEAR(lz.lambda_min, (40.0 - 8.0) / 39.0, 1e-9);
  const HutchinsonResult hu = hutchinson(40, matrix_operator(H), 200);
  EXPECT_NEAR(hu.trace, 40.0, 5 * hu.trace_stderr + 1e-9);
  // The dense report and a report forced onto the operator path agree.
  GeometryOptions o;
  o.dense_max_dim = 10;
  const GeometryReport op = compute_geometry(*p, x, o);
  const GeometryReport dn = compute_geometry(*p, x);
  EXPECT_NEAR(op.lambda_max, dn.lambda_max, 1e-9);
  EXPECT_NEAR(op.lambda_min, dn.lambda_min, 1e-6);
  EXPECT_LE(op.linf.lower.value, dn.linf.upper.value * (1 + 1e-12));
}

TEST(GeometryReportTest, CertifiedEigenvalueBoundIsAboveTheTrueValue) {
  std::mt19937_64 rng(12);
  std::normal_distribution<double> n(0.0, 1.0);
  for (int d : {1, 5, 50, 200}) {
    Eigen::MatrixXd B(d, d);
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) B(i, j) = n(rng);
    const Eigen::MatrixXd M = 0.5 * (B + B.transpose());
    const double lmax = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(M).eigenvalues()[d - 1];
    for (double guess : {lmax, lmax - 1.0, lmax - 1e-9})
      EXPECT_GE(certified_lambda_max_upper(M, guess), lmax) << d;
    EXPECT_LE(certified_lambda_max_upper(M, lmax), lmax + 1e-6 * std::abs(lmax) + 1e-9) << d;
  }
}

TEST(GeometryReportTest, LocalSmoothnessAlongAPath) {
  const auto p = make_problem("quadratic:cond=4,angle=0");  // H = diag(4, 1)
  const std::vector<double> x0 = {0.0, 0.0}, x1 = {1.0, 2.0};
  std::vector<double> g0(2), g1(2);
  p->gradient(x0, g0);
  p->gradient(x1, g1);
  const PathSmoothness s = local_smoothness(x0, g0, x1, g1);
  EXPECT_DOUBLE_EQ(s.linf, (4.0 + 2.0) / 2.0);                      // ‖Δg‖₁/‖Δx‖∞
  EXPECT_DOUBLE_EQ(s.l2, std::sqrt(16.0 + 4.0) / std::sqrt(5.0));   // ‖Δg‖₂/‖Δx‖₂
  const auto series = local_smoothness_along(*p, {x0, x1, x1, x0});
  ASSERT_EQ(series.size(), 3u);
  EXPECT_DOUBLE_EQ(series[0].linf, s.linf);
  EXPECT_TRUE(std::isnan(series[1].linf));  // no move
  EXPECT_DOUBLE_EQ(series[2].l2, s.l2);
}

}  // namespace
}  // namespace signlab::geometry

// The Geometry caption's rotation claim, on the linf-steepest demo's quadratic at its start: turning θ lowers
// ρ_diag and raises L∞ while L₂ = λ_max stays (Q is orthogonal), but R = φ(g)·d·L₂/L∞ also moves with the
// gradient's density at the fixed start, and is not monotone in θ (so the caption does not claim it is).
TEST(GeometryReportTest, RotationClaim) {
  const signlab::Scenario* demo = nullptr;
  for (const signlab::Scenario& s : signlab::builtin_scenarios())
    if (s.name == "linf-steepest") demo = &s;
  ASSERT_NE(demo, nullptr);
  const std::string spec = demo->problem;
  const std::size_t at = spec.find("theta=0");
  ASSERT_NE(at, std::string::npos) << spec;
  std::vector<double> rho, linf, l2, R;
  for (int k = 0; k <= 15; ++k) {
    const double theta = 0.1 * k;
    const std::string s = spec.substr(0, at) + "theta=" + std::to_string(theta) + spec.substr(at + 7);
    const auto p = signlab::make_problem(s);
    const signlab::geometry::GeometryReport r = signlab::geometry::compute_geometry(*p, p->default_start());
    rho.push_back(r.rho_diag);
    linf.push_back(r.linf.upper.value);
    l2.push_back(r.l2_smooth);
    R.push_back(r.progress_ratio);
  }
  bool r_rises = false;
  for (std::size_t i = 1; i < rho.size(); ++i) {
    EXPECT_LT(rho[i], rho[i - 1]) << "theta = " << 0.1 * i;
    EXPECT_GT(linf[i], linf[i - 1]) << "theta = " << 0.1 * i;
    EXPECT_NEAR(l2[i], l2[0], 1e-9 * l2[0]) << "theta = " << 0.1 * i;
    r_rises |= R[i] > R[i - 1];
  }
  EXPECT_TRUE(r_rises) << "R fell monotonically: the caption could then say the sign methods lose their edge";
}
