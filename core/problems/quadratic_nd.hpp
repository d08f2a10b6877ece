#pragma once
// ½·xᵀHx in d dimensions with H = Q·Λ·Qᵀ (ALGORITHMS.md, "Test problems" 1): `quadratic:d=N,ratio=K,
// theta=T,seed=S`.
//   Λ = diag(K, r, ..., r) with r = (d − K)/(d − 1): mean eigenvalue λ̄ = 1, λ_max/λ̄ = K ∈ [1, d]
//     (the largest eigenvalue first, so T = 0 gives the diagonal H = Λ and ρ_diag = 1).
//   Q = exp(T·A), A a random skew-symmetric matrix from seed S (entries N(0, 1) above the diagonal),
//     scaled to ‖A‖₂ = 1: Q turns every invariant plane of A by at most T radians (d = 2: a rotation by
//     ±T). Larger T mixes the steep direction over more coordinates: ρ_diag falls, the spectrum stays.
// Since Λ = r·I + (K − r)·e₁e₁ᵀ, H = r·I + (K − r)·q·qᵀ with q = Q·e₁ (computed by a Taylor series of
// exp(T·A) applied to e₁), so value, gradient and Hessian-vector products cost O(d).
//
// `quadratic` accepts three key families (make_quadratic): cond, angle (the 2-D Quadratic2D, also
// with d=2); d, ratio, theta, seed (this class); hessian=FILE.csv (MatrixQuadratic). Mixing them
// is an error naming both keys.
#include <Eigen/Dense>
#include <cstdint>
#include <memory>

#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

inline constexpr int kQuadraticMaxDim = 2000;

class QuadraticND final : public Problem {
 public:
  // Throws SpecError unless 1 ≤ d ≤ kQuadraticMaxDim, 1 ≤ ratio ≤ d, 0 ≤ theta.
  QuadraticND(int d, double ratio, double theta, std::uint64_t seed);
  int dim() const override { return d_; }
  double value(std::span<const double> x) const override;  // ½(r‖x‖² + (K − r)(qᵀx)²) ≥ 0
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const override;
  std::vector<double> default_start() const override;  // (1, 1, ..., 1)
  Box default_view() const override;                   // [-2, 2]² (the first two coordinates)
  std::vector<std::vector<double>> minimizers() const override;  // {0}

  const Eigen::VectorXd& steep_direction() const { return q_; }  // q = Q·e₁ (unit)
  Eigen::VectorXd eigenvalues() const;                          // Λ's diagonal: K, r, ..., r
  Eigen::MatrixXd matrix() const;                               // the dense H

 private:
  int d_;
  double big_, rest_;  // K and r
  Eigen::VectorXd q_;
};

// exp(theta·A)·e_k for the normalised random skew-symmetric A of `seed` (exposed for tests).
Eigen::VectorXd rotated_axis(int d, double theta, std::uint64_t seed, int k = 0);

// ‖A‖₂ of a dense matrix by Lanczos on AᵀA (exposed for tests).
double spectral_norm(const Eigen::MatrixXd& A);

// The d-dimensional family's parameters: d, ratio, theta, seed.
const std::vector<ParamSpec>& quadratic_nd_params();

// `quadratic` from its SPEC: picks the family from the keys (see above); throws SpecError.
std::unique_ptr<Problem> make_quadratic(const Spec& spec);
// The same checks and the shape, without the dense rotation (a matrix file is read: that is its check).
ProblemShape describe_quadratic(const Spec& spec);

// quadratic_info() (the 2-D family's sliders) plus make_spec = make_quadratic.
ProblemInfo quadratic_family_info();

}  // namespace signlab
