// L∞ = ‖H‖_{∞→1}: the Gray-code enumeration against a plain brute force over all 2^d sign vectors
// (written here independently), and the certified bracket: it must contain the true value for PSD,
// indefinite and nearly-PSD matrices, and each of its upper bounds must be valid on its own.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

#include "core/geometry/linf.hpp"

namespace signlab::geometry {
namespace {

// max over all s ∈ {±1}^d of Σ_i |Σ_j H_ij s_j|, nothing clever.
double brute_force(const Eigen::MatrixXd& H) {
  const int d = static_cast<int>(H.rows());
  double best = 0.0;
  for (std::uint64_t code = 0; code < (std::uint64_t{1} << d); ++code) {
    double total = 0.0;
    for (int i = 0; i < d; ++i) {
      double row = 0.0;
      for (int j = 0; j < d; ++j) row += H(i, j) * (((code >> j) & 1) ? -1.0 : 1.0);
      total += std::abs(row);
    }
    best = std::max(best, total);
  }
  return best;
}

Eigen::MatrixXd random_matrix(int rows, int cols, std::mt19937_64& rng) {
  std::normal_distribution<double> n(0.0, 1.0);
  Eigen::MatrixXd B(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) B(i, j) = n(rng);
  return B;
}

Eigen::MatrixXd random_psd(int d, int rank, std::mt19937_64& rng) {
  const Eigen::MatrixXd B = random_matrix(rank, d, rng);
  Eigen::MatrixXd H = B.transpose() * B;
  return 0.5 * (H + H.transpose());
}

Eigen::MatrixXd random_symmetric(int d, std::mt19937_64& rng) {
  const Eigen::MatrixXd B = random_matrix(d, d, rng);
  return 0.5 * (B + B.transpose());
}

// Every claim of the bracket against the brute-force value.
void expect_bracket_contains(const Eigen::MatrixXd& H, double truth, const std::string& label) {
  const LinfResult r = linf_bracket(H);
  const double tol = 1e-12 * H.cwiseAbs().sum();
  EXPECT_FALSE(r.exact.has_value()) << label;
  EXPECT_LE(r.lower.value, truth + tol) << label << " lower: " << r.lower.method;
  EXPECT_GE(r.upper.value, truth - tol) << label << " upper: " << r.upper.method;
  for (const LinfBound& b : r.upper_candidates) EXPECT_GE(b.value, truth - tol) << label << " " << b.method;
  EXPECT_LE(r.lower.value, r.upper.value) << label;
  EXPECT_FALSE(r.lower.method.empty());
  EXPECT_FALSE(r.upper.method.empty());
  ASSERT_EQ(static_cast<int>(r.best_vertex.size()), H.rows()) << label;
  for (double s : r.best_vertex) EXPECT_TRUE(s == 1.0 || s == -1.0) << label;
  EXPECT_GE(vertex_value(H, r.best_vertex), r.lower.value) << label;
}

TEST(GeometryLinfTest, DiagonalMatrixIsTheSumOfAbsoluteDiagonal) {
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(4, 4);
  H.diagonal() << 3.0, -1.0, 2.0, 0.5;
  EXPECT_DOUBLE_EQ(linf_exact(H), 6.5);
  const LinfResult r = linf_smoothness(H);
  ASSERT_TRUE(r.exact.has_value());
  EXPECT_DOUBLE_EQ(*r.exact, 6.5);
  EXPECT_DOUBLE_EQ(r.lower.value, 6.5);
  EXPECT_DOUBLE_EQ(r.upper.value, 6.5);
  const LinfResult b = linf_bracket(H);
  EXPECT_NEAR(b.lower.value, 6.5, 1e-12);
  EXPECT_NEAR(b.upper.value, 6.5, 1e-9);  // Σ|H_ij| is tight for a diagonal H
  EXPECT_GE(b.upper.value, 6.5);
}

TEST(GeometryLinfTest, AllOnesMatrixIsDSquared) {
  for (int d : {1, 2, 5, 12, 20}) {
    const Eigen::MatrixXd H = Eigen::MatrixXd::Ones(d, d);
    EXPECT_NEAR(linf_exact(H), double(d) * d, 1e-9) << d;
    const LinfResult r = linf_smoothness(H);
    ASSERT_TRUE(r.exact.has_value()) << d;
  }
  for (int d : {25, 60, 200}) {
    const Eigen::MatrixXd H = Eigen::MatrixXd::Ones(d, d);
    const LinfResult r = linf_smoothness(H);
    EXPECT_FALSE(r.exact.has_value()) << d;
    const double truth = double(d) * d;
    EXPECT_LE(r.lower.value, truth) << d;
    EXPECT_GE(r.upper.value, truth) << d;
    EXPECT_NEAR(r.lower.value, truth, 1e-9 * truth) << d;  // the all-ones vertex is found
    EXPECT_NEAR(r.upper.value, truth, 1e-6 * truth) << d;  // Σ|H_ij| = d² is tight
  }
}

TEST(GeometryLinfTest, EnumerationEqualsBruteForceOnRandomPsdMatrices) {
  std::mt19937_64 rng(2024);
  for (int d = 1; d <= 14; ++d) {
    for (int rank : {1, std::max(1, d / 2), d, d + 3}) {
      const Eigen::MatrixXd H = random_psd(d, rank, rng);
      const double truth = brute_force(H);
      std::vector<double> s;
      const double exact = linf_exact(H, &s);
      EXPECT_NEAR(exact, truth, 1e-12 * truth) << "d=" << d << " rank=" << rank;
      EXPECT_NEAR(vertex_value(H, s), truth, 1e-12 * truth) << "d=" << d;
      // For PSD H, L∞ = max_s sᵀHs as well.
      const Eigen::Map<const Eigen::VectorXd> sv(s.data(), d);
      EXPECT_NEAR(sv.dot(H * sv), truth, 1e-10 * truth) << "d=" << d;
    }
  }
}

TEST(GeometryLinfTest, BracketContainsBruteForceOnRandomPsdMatrices) {
  std::mt19937_64 rng(77);
  for (int d = 2; d <= 14; ++d) {
    for (int rank : {1, 2, std::max(1, d / 2), d}) {
      const Eigen::MatrixXd H = random_psd(d, rank, rng);
      const double truth = brute_force(H);
      const std::string label = "psd d=" + std::to_string(d) + " rank=" + std::to_string(rank);
      expect_bracket_contains(H, truth, label);
      // For PSD H the greedy vertex is at least tr H (conditional expectations) and is usually optimal.
      const LinfResult r = linf_bracket(H);
      EXPECT_GE(r.lower.value, H.trace() * (1 - 1e-12)) << label;
      EXPECT_GE(r.lower.value, 0.9 * truth) << label;
    }
  }
}

TEST(GeometryLinfTest, BracketContainsBruteForceOnIndefiniteMatrices) {
  std::mt19937_64 rng(5);
  for (int d = 2; d <= 12; ++d) {
    for (int rep = 0; rep < 3; ++rep) {
      const Eigen::MatrixXd H = random_symmetric(d, rng);
      const double truth = brute_force(H);
      const std::string label = "indefinite d=" + std::to_string(d) + " rep=" + std::to_string(rep);
      EXPECT_NEAR(linf_exact(H), truth, 1e-12 * truth) << label;
      expect_bracket_contains(H, truth, label);
    }
  }
}

// Slightly indefinite: the SDP certificate is used with its 2dμ correction and must stay valid.
TEST(GeometryLinfTest, BracketContainsBruteForceOnNearlyPsdMatrices) {
  std::mt19937_64 rng(9);
  for (int d = 3; d <= 12; ++d) {
    Eigen::MatrixXd H = random_psd(d, std::max(1, d - 2), rng);
    H.diagonal().array() -= 0.01 * H.trace() / d;
    const double truth = brute_force(H);
    const std::string label = "nearly psd d=" + std::to_string(d);
    expect_bracket_contains(H, truth, label);
    const LinfResult r = linf_bracket(H);
    bool has_sdp = false;
    for (const auto& b : r.upper_candidates) has_sdp |= b.method.find("SDP") != std::string::npos;
    EXPECT_TRUE(has_sdp) << label;
  }
}

// The SDP certificate is far tighter than Σ|H_ij| and d·λ_max on a dense, low-rank PSD matrix.
TEST(GeometryLinfTest, SdpCertificateBeatsTheSimpleBoundsOnDensePsd) {
  std::mt19937_64 rng(31);
  const int d = 60;
  const Eigen::MatrixXd H = random_psd(d, 5, rng);
  const LinfResult r = linf_bracket(H);
  ASSERT_GE(r.upper_candidates.size(), 3u);
  EXPECT_NE(r.upper.method.find("SDP"), std::string::npos) << r.upper.method;
  EXPECT_LT(r.upper.value, r.upper_candidates[0].value);
  EXPECT_LT(r.upper.value, r.upper_candidates[1].value);
  // Goemans–Williamson/Nesterov: for PSD H the relaxation is within π/2 of the optimum.
  EXPECT_LE(r.upper.value, (std::numbers::pi / 2) * r.lower.value * (1 + 1e-6));
  EXPECT_LE(r.lower.value, r.upper.value);
}

// Up to the enumeration limit the Gray-code value is the reference for the bracket.
TEST(GeometryLinfTest, BracketContainsEnumerationUpToTwenty) {
  std::mt19937_64 rng(123);
  for (int d = 15; d <= 20; ++d) {
    const Eigen::MatrixXd P = random_psd(d, std::max(1, d / 3), rng);
    expect_bracket_contains(P, linf_exact(P), "psd d=" + std::to_string(d));
    const Eigen::MatrixXd S = random_symmetric(d, rng);
    expect_bracket_contains(S, linf_exact(S), "indefinite d=" + std::to_string(d));
  }
}

TEST(GeometryLinfTest, SmoothnessSwitchesFromExactToBracketAtTheLimit) {
  std::mt19937_64 rng(3);
  const Eigen::MatrixXd H = random_psd(8, 8, rng);
  LinfOptions o;
  o.exact_max_dim = 7;
  const LinfResult b = linf_smoothness(H, o);
  EXPECT_FALSE(b.exact.has_value());
  EXPECT_EQ(b.method.rfind("bracket", 0), 0u) << b.method;
  o.exact_max_dim = 8;
  const LinfResult e = linf_smoothness(H, o);
  ASSERT_TRUE(e.exact.has_value());
  EXPECT_LE(b.lower.value, *e.exact);
  EXPECT_GE(b.upper.value, *e.exact);
  EXPECT_NE(e.method.find("Gray-code"), std::string::npos) << e.method;
}

TEST(GeometryLinfTest, OperatorLowerBoundIsAVertexAndHasNoUpper) {
  std::mt19937_64 rng(8);
  const Eigen::MatrixXd H = random_psd(10, 4, rng);
  const LinfResult r = linf_lower_from_operator(10, matrix_operator(H), true);
  const double truth = brute_force(H);
  EXPECT_LE(r.lower.value, truth * (1 + 1e-12));
  EXPECT_NEAR(vertex_value(H, r.best_vertex), r.lower.value, 1e-12 * truth);
  EXPECT_TRUE(std::isinf(r.upper.value));
  EXPECT_TRUE(r.lower_certified);
}

}  // namespace
}  // namespace signlab::geometry
