#pragma once
// Matrix least squares  f(W) = ½·‖A·W − B‖²_F  (ALGORITHMS.md, test problem 5: where Muon shines).
//   A (m×n) = U·diag(σ)·Vᵀ, U (m×r), V (n×r) random with orthonormal columns, r = min(m, n), and
//   σ_i = cond^(−i/(r−1)) log-spaced from 1 down to 1/cond;
//   W* (n×k) random standard normal; B = A·W* (noise-free), so W* is a minimiser (the only one when m ≥ n).
// Everything random is drawn from the counter-based hash of core/problems/noise.hpp keyed by `seed`, so a
// seed gives the same problem on every platform.
// x = W flattened row-major: x[i·k + j] = W(i, j); matrix_shape() = (n, k).
// Gradient Aᵀ(A·W − B); Hessian (AᵀA) ⊗ I_k in this flattening: H[(i·k+j), (p·k+q)] = (AᵀA)(i, p)·[j = q].
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>

#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {

class MatrixLsq final : public Problem {
 public:
  using Matrix = Eigen::MatrixXd;
  MatrixLsq(int m, int n, int k, double cond, std::uint64_t seed);

  int dim() const override { return n_ * k_; }
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;  // zeros
  Box default_view() const override;                     // frames 0 and W* in the first two coordinates
  std::vector<std::vector<double>> minimizers() const override;  // {W*}
  std::pair<int, int> matrix_shape() const override { return {n_, k_}; }

  const Matrix& a() const { return a_; }
  const Matrix& b() const { return b_; }
  const Matrix& w_star() const { return w_star_; }

 private:
  void check(std::size_t got, std::size_t want, const char* what) const;  // throws std::invalid_argument

  int m_, n_, k_;
  Matrix a_, b_, w_star_, ata_, atb_;
};

ProblemInfo matrix_lsq_info();

}  // namespace signlab
