#pragma once
// ½·xᵀHx in 2-D with H = R(angle)·diag(cond, 1)·R(angle)ᵀ: eigenvalues cond (steep) and 1 (flat),
// the steep eigenvector at `angle` degrees from the x axis. angle = 0 makes H diagonal, the case where
// sign methods are at their best; rotating it away shows what they lose. H is fixed at construction.
#include "core/problems/analytic2d.hpp"

namespace signlab {

class Quadratic2D final : public Problem2D {
 public:
  explicit Quadratic2D(double cond = 10.0, double angle_deg = 30.0);
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;
  Box default_view() const override;
  std::vector<std::vector<double>> minimizers() const override;

 private:
  double cos_, sin_, cond_;  // the eigenbasis, for an accurate value
  double hxx_, hxy_, hyy_;   // the constant Hessian, precomputed so the gradient is 4 multiplies
};

ProblemInfo quadratic_info();

}  // namespace signlab
