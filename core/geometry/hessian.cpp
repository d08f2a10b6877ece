#include "core/geometry/hessian.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace signlab::geometry {
namespace {

void check_point(const Problem& p, std::span<const double> x, int max_dim) {
  const int d = p.dim();
  if (static_cast<int>(x.size()) != d)
    throw std::invalid_argument("geometry: the point has " + std::to_string(x.size()) +
                                " coordinates, the problem has d = " + std::to_string(d));
  if (d > max_dim)
    throw std::invalid_argument("geometry: d = " + std::to_string(d) + " is above the dense limit " +
                                std::to_string(max_dim));
}

double max_abs(std::span<const double> v) {
  double m = 0.0;
  for (double e : v) m = std::max(m, std::abs(e));
  return m;
}

}  // namespace

bool hessian_vector_product(const Problem& p, std::span<const double> x, std::span<const double> v,
                            std::span<double> out) {
  if (p.hvp(x, v, out)) return true;
  const std::size_t d = x.size();
  const double vmax = max_abs(v);
  if (vmax == 0.0) {
    std::fill(out.begin(), out.end(), 0.0);
    return false;
  }
  // Truncation error O(h²·f''') against rounding O(ε·|g|/h): h ∝ ε^(1/3) balances them.
  const double h = std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, max_abs(x)) / vmax;
  std::vector<double> xp(d), xm(d), gp(d), gm(d);
  for (std::size_t i = 0; i < d; ++i) {
    xp[i] = x[i] + h * v[i];
    xm[i] = x[i] - h * v[i];
  }
  p.gradient(xp, gp);
  p.gradient(xm, gm);
  for (std::size_t i = 0; i < d; ++i) out[i] = (gp[i] - gm[i]) / (2.0 * h);
  return false;
}

MatVec hessian_operator(const Problem& p, std::span<const double> x, bool* exact) {
  std::vector<double> xc(x.begin(), x.end());
  if (exact) {
    std::vector<double> v(xc.size(), 0.0), out(xc.size());
    if (!v.empty()) v[0] = 1.0;
    *exact = p.hvp(xc, v, out);
  }
  return [&p, xc = std::move(xc)](std::span<const double> v, std::span<double> out) {
    hessian_vector_product(p, xc, v, out);
  };
}

Eigen::MatrixXd dense_hessian(const Problem& p, std::span<const double> x, int max_dim) {
  check_point(p, x, max_dim);
  const int d = p.dim();
  std::vector<double> rows(static_cast<std::size_t>(d) * d);
  p.hessian(x, rows);
  // Row-major into column-major: the transpose, which the symmetrisation makes irrelevant.
  const Eigen::Map<const Eigen::MatrixXd> Ht(rows.data(), d, d);
  Eigen::MatrixXd H = 0.5 * (Ht + Ht.transpose());
  return H;
}

Eigen::MatrixXd dense_hessian_from_hvp(const Problem& p, std::span<const double> x, int max_dim) {
  check_point(p, x, max_dim);
  const int d = p.dim();
  Eigen::MatrixXd H(d, d);
  std::vector<double> e(d, 0.0);
  for (int j = 0; j < d; ++j) {
    e[j] = 1.0;
    hessian_vector_product(p, x, e, std::span<double>(H.col(j).data(), d));
    e[j] = 0.0;
  }
  Eigen::MatrixXd S = 0.5 * (H + H.transpose());
  return S;
}

MatVec matrix_operator(const Eigen::MatrixXd& H) {
  return [&H](std::span<const double> v, std::span<double> out) {
    const auto n = static_cast<Eigen::Index>(v.size());
    Eigen::Map<Eigen::VectorXd>(out.data(), n).noalias() = H * Eigen::Map<const Eigen::VectorXd>(v.data(), n);
  };
}

}  // namespace signlab::geometry
