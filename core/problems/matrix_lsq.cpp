#include "core/problems/matrix_lsq.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/problems/noise.hpp"

namespace signlab {

namespace {

using RowMap = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
using RowMapMut = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

// Standard normal entries, each a pure function of (seed, which, i, j).
Eigen::MatrixXd gaussian(int rows, int cols, std::uint64_t seed, std::uint64_t which) {
  Eigen::MatrixXd g(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      g(i, j) = normal_from_key(hash_key(seed, which, static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(j)));
  return g;
}

// rows×cols (rows ≥ cols) with orthonormal columns: the Q of a Gaussian matrix, columns signed so R has
// a positive diagonal (which makes Q Haar-distributed).
Eigen::MatrixXd orthonormal_columns(int rows, int cols, std::uint64_t seed, std::uint64_t which) {
  const Eigen::MatrixXd g = gaussian(rows, cols, seed, which);
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(g);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
  const Eigen::MatrixXd r = qr.matrixQR().topRows(cols).triangularView<Eigen::Upper>();
  for (int j = 0; j < cols; ++j)
    if (r(j, j) < 0.0) q.col(j) *= -1.0;
  return q;
}

}  // namespace

MatrixLsq::MatrixLsq(int m, int n, int k, double cond, std::uint64_t seed) : m_(m), n_(n), k_(k) {
  if (m < 1 || n < 1 || k < 1) throw std::invalid_argument("matrix-lsq: m, n and k must be >= 1");
  if (!(cond >= 1.0) || !std::isfinite(cond)) throw std::invalid_argument("matrix-lsq: cond must be >= 1");
  const int r = std::min(m, n);
  const Eigen::MatrixXd u = orthonormal_columns(m, r, seed, 1);
  const Eigen::MatrixXd v = orthonormal_columns(n, r, seed, 2);
  Eigen::VectorXd sigma(r);
  for (int i = 0; i < r; ++i) sigma(i) = r > 1 ? std::pow(cond, -static_cast<double>(i) / (r - 1)) : 1.0;
  a_ = u * sigma.asDiagonal() * v.transpose();
  w_star_ = gaussian(n, k, seed, 3);
  b_ = a_ * w_star_;
  ata_ = a_.transpose() * a_;
  atb_ = a_.transpose() * b_;
}

// Sizes are checked (not asserted): a caller that assumes 2-D problems gets a clear error, never a write
// past its buffer. One compare per call.
void MatrixLsq::check(std::size_t got, std::size_t want, const char* what) const {
  if (got != want)
    throw std::invalid_argument("matrix-lsq: " + std::string(what) + " has " + std::to_string(got) +
                                " entries, expected " + std::to_string(want) + " (W is " + std::to_string(n_) + "×" +
                                std::to_string(k_) + ")");
}

double MatrixLsq::value(std::span<const double> x) const {
  check(x.size(), static_cast<std::size_t>(dim()), "x");
  const RowMap w(x.data(), n_, k_);
  return 0.5 * (a_ * w - b_).squaredNorm();
}

void MatrixLsq::gradient(std::span<const double> x, std::span<double> g) const {
  check(x.size(), static_cast<std::size_t>(dim()), "x");
  check(g.size(), static_cast<std::size_t>(dim()), "g");
  const RowMap w(x.data(), n_, k_);
  RowMapMut gm(g.data(), n_, k_);
  gm.noalias() = ata_ * w;
  gm -= atb_;
}

void MatrixLsq::hessian(std::span<const double> x, std::span<double> H) const {
  const int d = dim();
  check(x.size(), static_cast<std::size_t>(d), "x");
  check(H.size(), static_cast<std::size_t>(d) * static_cast<std::size_t>(d), "H");
  std::fill(H.begin(), H.end(), 0.0);
  for (int i = 0; i < n_; ++i)
    for (int p = 0; p < n_; ++p)
      for (int j = 0; j < k_; ++j)
        H[static_cast<std::size_t>(i * k_ + j) * static_cast<std::size_t>(d) + static_cast<std::size_t>(p * k_ + j)] =
            ata_(i, p);
}

std::vector<double> MatrixLsq::default_start() const { return std::vector<double>(static_cast<std::size_t>(dim()), 0.0); }

Box MatrixLsq::default_view() const {
  const std::vector<double> w = minimizers().front();
  const double a = w[0];
  const double b = w.size() > 1 ? w[1] : 0.0;
  const double pad = 0.5 * std::max({1.0, std::fabs(a), std::fabs(b)});
  return {std::min(0.0, a) - pad, std::max(0.0, a) + pad, std::min(0.0, b) - pad, std::max(0.0, b) + pad};
}

std::vector<std::vector<double>> MatrixLsq::minimizers() const {
  std::vector<double> w(static_cast<std::size_t>(dim()));
  RowMapMut(w.data(), n_, k_) = w_star_;
  return {w};
}

ProblemInfo matrix_lsq_info() {
  return {
      "matrix-lsq",
      "f(W) = ½·‖A·W − B‖²_F,  A = U·diag(σ)·Vᵀ (m×n, σ log-spaced 1 … 1/cond),  B = A·W*,  W n×k",
      {
          {"m", 20.0, 1.0, 256.0, Scale::Integer, "Rows of A (data points)."},
          {"n", 10.0, 1.0, 64.0, Scale::Integer, "Columns of A = rows of W."},
          {"k", 5.0, 1.0, 64.0, Scale::Integer, "Columns of W and B (outputs)."},
          {"cond", 100.0, 1.0, 1e8, Scale::Log, "Condition number of A: σ_max/σ_min (the Hessian's is cond²)."},
          {"seed", 1.0, 0.0, 1e9, Scale::Integer, "Seed of the random A (its singular vectors) and of W*.", Entry::Typed},
      },
      [](const ParamValues& v) {
        return std::make_unique<MatrixLsq>(static_cast<int>(std::llround(v.at("m"))),
                                           static_cast<int>(std::llround(v.at("n"))),
                                           static_cast<int>(std::llround(v.at("k"))), v.at("cond"),
                                           static_cast<std::uint64_t>(std::llround(v.at("seed"))));
      },
  };
}

}  // namespace signlab
