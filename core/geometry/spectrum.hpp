#pragma once
// Eigenvalue estimates and certificates for symmetric operators: Lanczos (extreme Ritz values),
// Hutchinson (trace, diagonal and ‖·‖²_F with Rademacher probes), and a rounding-aware certificate
// λ_max(M) ≤ t from a successful Cholesky factorisation of t·I − M.
#include <Eigen/Dense>
#include <cstdint>
#include <string>

#include "core/geometry/hessian.hpp"

namespace signlab::geometry {

struct LanczosResult {
  double lambda_max = 0.0, lambda_min = 0.0;  // extreme Ritz values: both lie inside [λ_min, λ_max]
  Eigen::VectorXd v_max, v_min;               // their unit Ritz vectors
  double residual_max = 0.0, residual_min = 0.0;  // ‖A·v − θ·v‖: some eigenvalue lies that close to θ
  int steps = 0;                                  // Krylov dimension reached (≤ max_steps, ≤ d)
};

// Lanczos with full reorthogonalisation from a seeded random start; stops early on an invariant
// subspace (then the Ritz values are exact eigenvalues of A). Memory: d·(max_steps + 1) doubles.
LanczosResult lanczos(int d, const MatVec& op, int max_steps = 60, std::uint64_t seed = 1);

struct HutchinsonResult {
  double trace = 0.0;         // mean of zᵀAz over the probes
  double trace_stderr = 0.0;  // standard error of that mean
  Eigen::VectorXd diag;       // mean of z ⊙ A·z: unbiased estimate of diag(A)
  double frob2 = 0.0;         // mean of ‖A·z‖²: unbiased estimate of ‖A‖²_F
  int probes = 0;
};

// Rademacher probes z ∈ {±1}^d drawn from `seed` (same seed, same estimates).
HutchinsonResult hutchinson(int d, const MatVec& op, int probes = 32, std::uint64_t seed = 1);

// A number t with λ_max(M) ≤ t, proven: the Cholesky factorisation of t₀·I − M succeeds in floating
// point for some t₀ ≥ guess (tried upward from just above `guess`), and t = t₀ plus Demmel's
// backward-error bound γ_{d+1}·tr(t₀·I − M) plus the rounding of forming the diagonal. Falls back on
// the Gershgorin bound max_i (M_ii + Σ_{j≠i} |M_ij|), rounded up, when that is smaller.
// M must be symmetric. `guess` should estimate λ_max(M) from below or near (a Ritz value is ideal).
double certified_lambda_max_upper(const Eigen::MatrixXd& M, double guess);

// Unit roundoff helpers: γ_n = n·u / (1 − n·u), u = 2^-53.
double gamma_n(double n);

}  // namespace signlab::geometry
