#pragma once
// A separable quadratic for the high-dimensional path (d up to 10⁸): `separable:d=N,cond=K`
//   f(x) = ½·Σ_i λ_i·x_i²,  λ_i = K^(−i/(d−1)) log-spaced from λ_0 = 1 (steepest, first) down to 1/K.
// Its Hessian is diagonal (ρ_diag = 1), L₂ = 1, and L∞ = Σλ_i ≫ L₂: the case where sign descent's
// per-coordinate step is measured against the whole trace of H (ALGORITHMS.md, test problem 1 at θ = 0).
// The λ_i are stored once as float32 and both evaluation paths use those same numbers, so the double path
// (value, gradient) and the float path (value_f, gradient_f) minimise exactly the same function.
#include <cstddef>
#include <vector>

#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {

inline constexpr double kSeparableMaxDim = 1e8;

class Separable final : public Problem {
 public:
  // Throws SpecError unless 1 ≤ d ≤ kSeparableMaxDim and cond ≥ 1.
  Separable(std::size_t d, double cond);

  int dim() const override { return static_cast<int>(lambda_.size()); }
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;  // diag(λ)
  bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const override;
  double value_f(std::span<const float> x) const override;
  void gradient_f(std::span<const float> x, std::span<float> g) const override;
  double value_and_gradient_f(std::span<const float> x, std::span<float> g) const override;  // ½·⟨g, x⟩
  bool native_float() const override { return true; }
  bool separable_term(int i, double t, double& out) const override;  // ½·λ_i·t²
  std::vector<double> default_start() const override;  // (1, ..., 1)
  Box default_view() const override;                   // [-1.5, 1.5]² (the first two coordinates)
  std::vector<std::vector<double>> minimizers() const override;  // {0}
  std::vector<std::array<double, 2>> minimizers_xy() const override { return {{0.0, 0.0}}; }  // without 8·d bytes

  const std::vector<float>& curvatures() const { return lambda_; }

 private:
  std::vector<float> lambda_;
};

ProblemInfo separable_info();

}  // namespace signlab
