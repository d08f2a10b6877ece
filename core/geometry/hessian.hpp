#pragma once
// The Hessian of a Problem at a point: dense (exact, through Problem::hessian) for d ≤ kDenseMaxDim,
// and as an operator v ↦ H(x)·v for any d (exact where the problem provides Problem::hvp, else
// central differences of gradients). Used by the geometry report (geometry.hpp).
#include <Eigen/Dense>
#include <functional>
#include <span>

#include "core/problems/problem.hpp"

namespace signlab::geometry {

// Largest d for which the report assembles H densely and runs the dense eigensolver.
inline constexpr int kDenseMaxDim = 2000;

// out = A·v for a symmetric d×d operator A; both spans have d entries.
using MatVec = std::function<void(std::span<const double> v, std::span<double> out)>;

// out = H(x)·v. Returns true when the product is exact (Problem::hvp), false when it was taken by
// central differences of gradients, (g(x + h·v) − g(x − h·v)) / 2h with h ≈ ε^(1/3)·max(1, ‖x‖∞)/‖v‖∞.
bool hessian_vector_product(const Problem& p, std::span<const double> x, std::span<const double> v,
                            std::span<double> out);

// The operator v ↦ H(x)·v (x is copied). *exact (if given) says whether products are exact.
MatVec hessian_operator(const Problem& p, std::span<const double> x, bool* exact = nullptr);

// Dense H(x) from Problem::hessian, symmetrised to ½(H + Hᵀ). Throws std::invalid_argument when
// dim() > max_dim or x has the wrong length.
Eigen::MatrixXd dense_hessian(const Problem& p, std::span<const double> x, int max_dim = kDenseMaxDim);

// Dense H(x) assembled column by column from hessian_vector_product(e_j), symmetrised. Same throws.
Eigen::MatrixXd dense_hessian_from_hvp(const Problem& p, std::span<const double> x,
                                       int max_dim = kDenseMaxDim);

// The same operator for a dense symmetric matrix (no copy: H must outlive the MatVec).
MatVec matrix_operator(const Eigen::MatrixXd& H);

}  // namespace signlab::geometry
