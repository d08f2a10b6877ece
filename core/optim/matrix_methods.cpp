#include "core/optim/matrix_methods.hpp"

#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

namespace signlab {

RowMatrix newton_schulz5(const RowMatrix& u, int steps) {
  constexpr double a = 3.4445, b = -4.7750, c = 2.0315;
  const bool transposed = u.rows() > u.cols();
  RowMatrix x = transposed ? RowMatrix(u.transpose()) : u;
  x /= (x.norm() + 1e-7);
  RowMatrix A, B;
  for (int s = 0; s < steps; ++s) {
    A.noalias() = x * x.transpose();
    B.noalias() = b * A + c * (A * A);
    x = (a * x + B * x).eval();
  }
  if (transposed) return x.transpose();
  return x;
}

namespace {

// Thin SVD (BDCSVD switches to Jacobi for small sizes by itself).
Eigen::BDCSVD<Eigen::MatrixXd> thin_svd(const RowMatrix& m) {
  return Eigen::BDCSVD<Eigen::MatrixXd>(Eigen::MatrixXd(m), Eigen::ComputeThinU | Eigen::ComputeThinV);
}

// Σ_{i < k, σ_i > tol} p_i·q_iᵀ: singular pairs with σ at rounding level of 0 are left out, so a zero
// (or rank-deficient) M does not move along arbitrary directions.
RowMatrix polar_part(const Eigen::BDCSVD<Eigen::MatrixXd>& svd, Eigen::Index rows, Eigen::Index cols,
                     Eigen::Index k) {
  const auto& s = svd.singularValues();
  RowMatrix o = RowMatrix::Zero(rows, cols);
  if (s.size() == 0) return o;
  const double tol = s(0) * static_cast<double>(std::max(rows, cols)) * std::numeric_limits<double>::epsilon();
  const Eigen::Index n = std::min<Eigen::Index>(k, s.size());
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(s(i) > tol)) break;
    o.noalias() += svd.matrixU().col(i) * svd.matrixV().col(i).transpose();
  }
  return o;
}

}  // namespace

const char* MatrixOptimizer::name() const {
  switch (rule_) {
    case Rule::NewtonSchulz: return "muon";
    case Rule::Exact: return "muon-exact";
    case Rule::FMuon: return "f-muon";
    case Rule::SMuon: return "s-muon";
    case Rule::Fanion: return "fanion-k";
  }
  return "muon";
}

void MatrixOptimizer::bind(const ProblemShape& shape) {
  const auto [r, c] = shape.matrix;
  rows_ = r;
  cols_ = c;
}

void MatrixOptimizer::reset(int d) {
  if (rows_ <= 0 || cols_ <= 0)
    throw std::invalid_argument(std::string(name()) +
                                " needs a problem whose parameter is a matrix (e.g. matrix-lsq); this "
                                "problem has none");
  if (static_cast<long long>(rows_) * cols_ != d)
    throw std::invalid_argument(std::string(name()) + ": the matrix shape " + std::to_string(rows_) + "×" +
                                std::to_string(cols_) + " does not match the dimension " +
                                std::to_string(d));
  g_.assign(static_cast<std::size_t>(d), 0.0);
  b_ = RowMatrix::Zero(rows_, cols_);
  m_ = RowMatrix::Zero(rows_, cols_);
  o_ = RowMatrix::Zero(rows_, cols_);
  has_o_ = false;
}

void MatrixOptimizer::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  beta_ = values.at("beta");
  nesterov_ = values.at("nesterov") != 0.0;
  wd_ = values.at("wd");
  if (auto it = values.find("steps"); it != values.end()) ns_steps_ = static_cast<int>(std::llround(it->second));
  if (auto it = values.find("alpha"); it != values.end()) alpha_ = it->second;
  if (auto it = values.find("k"); it != values.end()) k_ = std::max(1, static_cast<int>(std::llround(it->second)));
}

void MatrixOptimizer::orthogonalise() {
  switch (rule_) {
    case Rule::NewtonSchulz:
      o_ = newton_schulz5(m_, ns_steps_);
      return;
    case Rule::Exact:
      o_ = polar_part(thin_svd(m_), rows_, cols_, std::min(rows_, cols_));
      return;
    case Rule::Fanion:
      o_ = polar_part(thin_svd(m_), rows_, cols_, k_);
      return;
    case Rule::FMuon: {
      o_ = alpha_ * polar_part(thin_svd(m_), rows_, cols_, std::min(rows_, cols_));
      const double n = m_.norm();
      if (n > 0.0) o_ += ((1.0 - alpha_) / n) * m_;
      return;
    }
    case Rule::SMuon:
      o_ = alpha_ * polar_part(thin_svd(m_), rows_, cols_, std::min(rows_, cols_));
      o_ += (1.0 - alpha_) * m_.unaryExpr([](double v) { return sign0(v); });
      return;
  }
}

void MatrixOptimizer::step(std::span<double> x, Oracle& oracle) {
  if (x.size() != g_.size()) throw std::invalid_argument(std::string(name()) + ": x has the wrong size");
  oracle.gradient(x, g_);
  const Eigen::Map<const RowMatrix> G(g_.data(), rows_, cols_);
  Eigen::Map<RowMatrix> W(x.data(), rows_, cols_);
  b_ = beta_ * b_ + (1.0 - beta_) * G;
  if (nesterov_)
    m_ = (1.0 - beta_) * G + beta_ * b_;
  else
    m_ = b_;
  orthogonalise();
  has_o_ = true;
  const double scale = std::sqrt(std::max(1.0, static_cast<double>(rows_) / static_cast<double>(cols_)));
  W = W * (1.0 - lr_ * wd_) - (lr_ * scale) * o_;
}

std::vector<double> MatrixOptimizer::last_singular_values() const {
  if (!has_o_) return {};
  const Eigen::BDCSVD<Eigen::MatrixXd> svd{Eigen::MatrixXd(o_)};
  const auto& s = svd.singularValues();
  return std::vector<double>(s.data(), s.data() + s.size());
}

// ---- registry entries ---------------------------------------------------------------------------

namespace {

std::vector<ParamSpec> frame_params() {
  return {
      {"lr", 0.02, 1e-8, 10.0, Scale::Log,
       "Step size: W moves by lr·sqrt(max(1, rows/cols)) times the orthogonalised update O."},
      {"beta", 0.95, 0.0, 0.9999, Scale::Linear, "Momentum β: B ← β·B + (1−β)·G."},
      {"nesterov", 1.0, 0.0, 1.0, Scale::Toggle, "Nesterov: orthogonalise (1−β)·G + β·B instead of B."},
      {"wd", 0.0, 0.0, 1.0, Scale::Linear, "Decoupled weight decay: W is scaled by (1 − lr·wd) each step."},
  };
}

template <MatrixOptimizer::Rule R>
OptimizerInfo matrix_entry(const char* name, const char* label, const char* summary, const char* provenance,
                           const char* guidance, std::vector<ParamSpec> extra) {
  std::vector<ParamSpec> params = frame_params();
  for (ParamSpec& p : extra) params.push_back(std::move(p));
  return optimizer_entry<MatrixOptimizer>(name, label, summary, provenance, guidance, std::move(params), R);
}

}  // namespace

OptimizerInfo muon_info() {
  return matrix_entry<MatrixOptimizer::Rule::NewtonSchulz>(
      "muon", "Muon",
      "B ← β·B + (1−β)·G; M = nesterov ? (1−β)·G + β·B : B; W ← W·(1 − lr·wd) − lr·sqrt(max(1, m/n))·NS5(M)",
      "exact",
      "Keller Jordan's reference. Needs a matrix parameter (e.g. matrix-lsq). NS5's singular values land "
      "in roughly [0.5, 1.5], not at 1: compare with muon-exact.",
      {{"steps", 5.0, 1.0, 20.0, Scale::Integer, "Newton–Schulz iterations (quintic, (3.4445, −4.7750, 2.0315))."}});
}

OptimizerInfo muon_exact_info() {
  return matrix_entry<MatrixOptimizer::Rule::Exact>(
      "muon-exact", "Muon (exact SVD)",
      "as muon with O = P·Qᵀ from the SVD M = P·Σ·Qᵀ (the ideal step NS5 approximates)", "exact",
      "Needs a matrix parameter (e.g. matrix-lsq). The singular values of O are exactly 1.", {});
}

OptimizerInfo f_muon_info() {
  return matrix_entry<MatrixOptimizer::Rule::FMuon>(
      "f-muon", "F-Muon", "as muon with O = α·P·Qᵀ + (1−α)·M/‖M‖_F", "in the spirit of Kravatskiy et al.",
      "Interpolates between the orthogonalised step (α = 1) and normalised momentum (α = 0).",
      {{"alpha", 0.5, 0.0, 1.0, Scale::Linear, "α: weight of the orthogonalised part P·Qᵀ."}});
}

OptimizerInfo s_muon_info() {
  return matrix_entry<MatrixOptimizer::Rule::SMuon>(
      "s-muon", "S-Muon", "as muon with O = α·P·Qᵀ + (1−α)·sign(M)", "in the spirit of Kravatskiy et al.",
      "Interpolates between the orthogonalised step (α = 1) and the sign step (α = 0).",
      {{"alpha", 0.5, 0.0, 1.0, Scale::Linear, "α: weight of the orthogonalised part P·Qᵀ."}});
}

OptimizerInfo fanion_k_info() {
  return matrix_entry<MatrixOptimizer::Rule::Fanion>(
      "fanion-k", "Fanion-k", "as muon with O = Σ_{i≤k} p_i·q_iᵀ (top-k singular pairs of M)",
      "in the spirit of Kravatskiy et al.", "k = min(rows, cols) is muon-exact; k = 1 moves along the top pair.",
      {{"k", 1.0, 1.0, 256.0, Scale::Integer, "k: number of top singular pairs kept (capped at min(rows, cols))."}});
}

}  // namespace signlab
