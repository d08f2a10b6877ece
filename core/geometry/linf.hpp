#pragma once
// ℓ∞-smoothness L∞ = ‖H‖_{∞→1} = max_{s ∈ {±1}^d} ‖H·s‖₁ of a symmetric H (equal to max_s sᵀHs when
// H ⪰ 0). Exact by Gray-code enumeration for small d; above, a certified bracket whose every bound
// says how it was obtained (ALGORITHMS.md, "Geometry").
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry/hessian.hpp"

namespace signlab::geometry {

inline constexpr int kExactLinfMaxDim = 20;

struct LinfBound {
  double value = 0.0;
  std::string method;  // how it was obtained, one short phrase
};

struct LinfResult {
  std::optional<double> exact;  // set when enumerated (then lower.value == upper.value == *exact)
  LinfBound lower, upper;       // lower ≤ L∞ ≤ upper, proven (rounding included); upper may be +inf
  std::vector<LinfBound> upper_candidates;  // every upper bound computed; `upper` is the smallest
  std::vector<double> best_vertex;          // s ∈ {±1}^d attaining `lower` (or the maximiser)
  bool lower_certified = true;  // false only when built from finite-difference Hessian-vector products
  std::string method;           // one line for reports: "exact: ..." or "bracket: lower ...; upper ..."
};

struct LinfOptions {
  int exact_max_dim = kExactLinfMaxDim;  // linf_smoothness enumerates up to this d
  int random_starts = 6;                 // random starting vertices for the greedy search (plus 4 fixed)
  std::uint64_t seed = 1;
  bool sdp = true;          // try the semidefinite-relaxation certificate (needs λ_min(H) > −5%·‖H‖₂)
  int sdp_rank = 0;         // columns of the Burer–Monteiro factor; 0: min(d, ⌈√(2d)⌉ + 1, 24)
  int sdp_max_sweeps = 80;  // coordinate sweeps of the mixing method
  // (λ_min, λ_max) estimates, e.g. from a dense eigensolver: speed up the certificates. Optional.
  std::optional<std::pair<double, double>> spectrum_hint;
};

// ‖H·s‖₁ for s ∈ {±1}^d.
double vertex_value(const Eigen::MatrixXd& H, std::span<const double> s);

// max_s ‖H·s‖₁ by enumerating the 2^(d−1) sign vectors with s_{d−1} = +1 (the rest are their negatives)
// in Gray-code order, updating H·s in O(d) per vertex; the maximiser's value is recomputed from
// scratch. Throws std::invalid_argument above d = 30.
double linf_exact(const Eigen::MatrixXd& H, std::vector<double>* best_vertex = nullptr);

// The certified bracket without enumeration (any d ≤ kDenseMaxDim in practice: it uses dense H).
// lower: best vertex of multi-start greedy search (alternating s ← sign(H·sign(H·s)) plus single sign
//   flips) from sign(top eigenvector), the conditional-expectation vertex (sᵀHs ≥ tr H), all-ones and
//   random starts, minus its rounding error.
// upper: min of Σ_ij |H_ij|, d·‖H‖₂ (Cholesky-certified eigenvalue bounds) and, when H is close to PSD,
//   the SDP dual bound Σ_i y_i + d·t + 2d·μ with H − Diag(y) ⪯ t·I and H + μ·I ⪰ 0 both certified
//   (y from a Burer–Monteiro solution of max ⟨H, X⟩, X ⪰ 0, diag X = 1).
LinfResult linf_bracket(const Eigen::MatrixXd& H, const LinfOptions& options = {});

// Exact when d ≤ options.exact_max_dim, else linf_bracket.
LinfResult linf_smoothness(const Eigen::MatrixXd& H, const LinfOptions& options = {});

// Above the dense size: a lower bound only (alternating sign iterations on Hessian-vector products,
// from `start` signs if given, all-ones and random vertices); upper = +inf ("none certified").
// `exact_products` = false marks the lower bound as an estimate (finite-difference products).
LinfResult linf_lower_from_operator(int d, const MatVec& op, bool exact_products,
                                    const Eigen::VectorXd* start = nullptr, const LinfOptions& options = {});

}  // namespace signlab::geometry
