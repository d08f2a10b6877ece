#include "core/geometry/spectrum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/geometry/random.hpp"

namespace signlab::geometry {
namespace {

constexpr double kU = 0x1.0p-53;  // unit roundoff of double

void apply(const MatVec& op, const Eigen::VectorXd& v, Eigen::VectorXd& out) {
  op(std::span<const double>(v.data(), static_cast<std::size_t>(v.size())),
     std::span<double>(out.data(), static_cast<std::size_t>(out.size())));
}

// Rounded-up Gershgorin bound on λ_max(M).
double gershgorin_upper(const Eigen::MatrixXd& M) {
  const Eigen::Index d = M.rows();
  double best = -std::numeric_limits<double>::infinity(), abs_row_max = 0.0;
  for (Eigen::Index i = 0; i < d; ++i) {
    const double abs_col = M.col(i).cwiseAbs().sum();  // column i = row i (symmetric)
    best = std::max(best, M(i, i) + (abs_col - std::abs(M(i, i))));
    abs_row_max = std::max(abs_row_max, abs_col);
  }
  return best + gamma_n(static_cast<double>(d) + 2.0) * abs_row_max * 2.0;
}

}  // namespace

double gamma_n(double n) { return n * kU / (1.0 - n * kU); }

LanczosResult lanczos(int d, const MatVec& op, int max_steps, std::uint64_t seed) {
  LanczosResult r;
  if (d <= 0) return r;
  const int kmax = std::max(1, std::min(max_steps, d));
  std::mt19937_64 rng(seed);
  Eigen::MatrixXd V(d, kmax + 1);
  Eigen::VectorXd q(d);
  for (int i = 0; i < d; ++i) q[i] = detail::normal(rng);
  V.col(0) = q / q.norm();
  std::vector<double> alpha, beta;
  Eigen::VectorXd w(d);
  int k = 0;
  double scale = 0.0;
  while (k < kmax) {
    apply(op, V.col(k), w);
    const double a = V.col(k).dot(w);
    alpha.push_back(a);
    scale = std::max(scale, std::abs(a));
    // Full reorthogonalisation, twice ("twice is enough"), against every basis vector so far.
    for (int pass = 0; pass < 2; ++pass) {
      const Eigen::VectorXd c = V.leftCols(k + 1).transpose() * w;
      w.noalias() -= V.leftCols(k + 1) * c;
    }
    const double b = w.norm();
    ++k;
    if (k == kmax) {
      beta.push_back(b);
      break;
    }
    scale = std::max(scale, b);
    if (!(b > 1e-13 * std::max(scale, std::numeric_limits<double>::min()))) {  // invariant subspace
      beta.push_back(0.0);
      break;
    }
    beta.push_back(b);
    V.col(k) = w / b;
  }
  r.steps = k;
  Eigen::VectorXd diag(k), sub(std::max(0, k - 1));
  for (int i = 0; i < k; ++i) diag[i] = alpha[i];
  for (int i = 0; i + 1 < k; ++i) sub[i] = beta[i];
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es;
  es.computeFromTridiagonal(diag, sub, Eigen::ComputeEigenvectors);
  const Eigen::MatrixXd& Y = es.eigenvectors();
  const double last_beta = beta.empty() ? 0.0 : beta.back();
  r.lambda_min = es.eigenvalues()[0];
  r.lambda_max = es.eigenvalues()[k - 1];
  r.v_min = V.leftCols(k) * Y.col(0);
  r.v_max = V.leftCols(k) * Y.col(k - 1);
  r.v_min.normalize();
  r.v_max.normalize();
  r.residual_min = std::abs(last_beta * Y(k - 1, 0));
  r.residual_max = std::abs(last_beta * Y(k - 1, k - 1));
  return r;
}

HutchinsonResult hutchinson(int d, const MatVec& op, int probes, std::uint64_t seed) {
  HutchinsonResult r;
  r.diag = Eigen::VectorXd::Zero(std::max(0, d));
  if (d <= 0 || probes <= 0) return r;
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
  Eigen::VectorXd z(d), Az(d);
  double sum = 0.0, sum2 = 0.0;
  for (int p = 0; p < probes; ++p) {
    for (int i = 0; i < d; ++i) z[i] = detail::rademacher(rng);
    apply(op, z, Az);
    const double t = z.dot(Az);
    sum += t;
    sum2 += t * t;
    r.diag += z.cwiseProduct(Az);
    r.frob2 += Az.squaredNorm();
  }
  r.probes = probes;
  r.trace = sum / probes;
  r.diag /= probes;
  r.frob2 /= probes;
  if (probes > 1) {
    const double var = std::max(0.0, (sum2 - probes * r.trace * r.trace) / (probes - 1));
    r.trace_stderr = std::sqrt(var / probes);
  }
  return r;
}

double certified_lambda_max_upper(const Eigen::MatrixXd& M, double guess) {
  const Eigen::Index d = M.rows();
  if (d == 0) return 0.0;
  const double gersh = gershgorin_upper(M);
  const double scale = std::max({M.cwiseAbs().maxCoeff(), std::abs(guess), std::numeric_limits<double>::min()});
  if (!std::isfinite(guess)) guess = gersh;
  double delta = 64.0 * static_cast<double>(d) * kU * scale;
  Eigen::MatrixXd A(d, d);
  for (int attempt = 0; attempt < 40; ++attempt) {
    const double t0 = guess + delta;
    if (t0 >= gersh) break;  // Gershgorin is already at least as good
    A = -M;
    A.diagonal().array() += t0;
    Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(A);
    if (llt.info() == Eigen::Success) {
      // Demmel: the computed factor R has RᵀR = Â + E with |E| ≤ γ_{d+1}|Rᵀ||R|, so
      // ‖E‖₂ ≤ γ_{d+1}·‖R‖²_F = γ_{d+1}·tr(Â + E); Â ⪰ −‖E‖ I. Forming Â's diagonal rounded each
      // entry by at most u·|Â_ii|.
      const double tr = A.diagonal().cwiseAbs().sum();
      const double g = gamma_n(static_cast<double>(d) + 1.0);
      const double margin = g / (1.0 - g) * tr + kU * A.diagonal().cwiseAbs().maxCoeff();
      const double t = t0 + margin;
      return std::min(t + kU * std::abs(t), gersh);
    }
    delta *= 16.0;
  }
  return gersh;
}

}  // namespace signlab::geometry
