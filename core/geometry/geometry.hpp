#pragma once
// The geometry of a problem at a point (ALGORITHMS.md, "Geometry"): how concentrated the Hessian is on
// its diagonal, its spectrum, the ℓ∞- and ℓ2-smoothness constants, the gradient's density and the
// one-step progress ratio R = φ(g)·d·L₂/L∞ of steepest ℓ∞ (sign) descent against gradient descent.
// Numbers that could not be computed are NaN (JSON null); every method is named in the report.
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/geometry/hessian.hpp"
#include "core/geometry/linf.hpp"
#include "core/problems/problem.hpp"
#include "core/scales/diverging_scale.hpp"

namespace signlab::geometry {

struct GradientStats {
  double l1 = 0.0, l2 = 0.0;
  double l1_l2_ratio = 0.0;  // ‖g‖₁/‖g‖₂ ∈ [1, √d]; NaN for g = 0
  double sqrt_d = 0.0;
  double density = 0.0;      // φ(g) = ‖g‖₁²/(d·‖g‖₂²) ∈ [1/d, 1]; NaN for g = 0
  std::string undefined;     // why l1_l2_ratio and density are NaN ("g = 0"); empty when they are defined
};
GradientStats gradient_stats(std::span<const double> g);

struct GeometryOptions {
  int dense_max_dim = kDenseMaxDim;  // dense H and eigensolver up to here; Lanczos/Hutchinson above
  LinfOptions linf;                  // L∞: exact up to linf.exact_max_dim, then the certified bracket
  int lanczos_steps = 60;            // above the dense size
  int hutchinson_probes = 32;        // above the dense size
  std::uint64_t seed = 1;
  bool keep_hessian = true;          // store the dense H in the report (for heat maps)
};

struct GeometryReport {
  int d = 0;
  bool dense = true;                // H assembled densely (d ≤ dense_max_dim)
  std::string hessian_method;       // "exact (Problem::hessian)", "exact Hessian-vector products", ...
  std::string spectrum_method;      // "dense eigensolver" or "Lanczos (k steps) + Hutchinson (m probes)"

  double rho_diag = 0.0;            // Σ|H_ii| / Σ|H_ij| ∈ (0, 1]; NaN above the dense size or for H = 0
  double diag_frob_share = 0.0;     // ‖diag H‖²_F / ‖H‖²_F (a Hutchinson estimate above the dense size)
  double lambda_max = 0.0, lambda_min = 0.0;
  double lambda_mean = 0.0;         // tr(H)/d (Hutchinson estimate above the dense size)
  double lambda_mean_stderr = 0.0;  // 0 when exact
  double ratio_max_mean = 0.0;      // λ_max/λ̄; NaN when λ̄ ≤ 0
  bool psd = false;                 // λ_min ≥ −1e-12·‖H‖₂ (numerically)

  LinfResult linf;                  // exact or the certified bracket, each bound labelled
  double l2_smooth = 0.0;           // L₂ = ‖H‖₂ = max(|λ_max|, |λ_min|) (= λ_max for PSD H)

  std::vector<double> gradient;
  GradientStats grad;

  // R = φ(g)·d·L₂/L∞ (R > 1: the sign / steepest-ℓ∞ step is guaranteed more progress than GD here).
  // progress_ratio uses the exact L∞ when known, else the best vertex (lower bound, so R is then an
  // upper estimate); progress_ratio_lower/upper come from the certified bracket (lower is 0 when the
  // bracket has no finite upper end). NaN when g = 0 or L∞ = 0.
  double progress_ratio = 0.0, progress_ratio_lower = 0.0, progress_ratio_upper = 0.0;

  Eigen::MatrixXd hessian;          // the dense H when dense && keep_hessian, else empty
  DivergingScale hessian_colors;    // the heat map's colour scale of `hessian` (when kept)

  // Why a NaN above is undefined, in a few words a front end shows beside "—" (the gradient's in
  // grad.undefined); empty when the quantity is defined. The report says why, so no front end guesses.
  struct Undefined {
    std::string rho_diag, diag_frob_share, ratio_max_mean, progress_ratio;
  } why;
};

// The full report at x (x.size() must equal p.dim(); throws std::invalid_argument otherwise).
GeometryReport compute_geometry(const Problem& p, std::span<const double> x, const GeometryOptions& options = {});

// The same from a dense symmetric H and a gradient g (any d: dense eigensolver whatever the size).
GeometryReport analyze_hessian(const Eigen::MatrixXd& H, std::span<const double> g,
                               const GeometryOptions& options = {});

// ρ_diag and ‖diag H‖²_F/‖H‖²_F of a dense matrix.
double diagonal_concentration(const Eigen::MatrixXd& H);
double diagonal_frobenius_share(const Eigen::MatrixXd& H);

// Local smoothness between two points of a path: ‖Δg‖₁/‖Δx‖∞ (ℓ∞ geometry) and ‖Δg‖₂/‖Δx‖₂ (ℓ2).
// NaN when Δx = 0.
struct PathSmoothness {
  double linf = 0.0, l2 = 0.0;
};
PathSmoothness local_smoothness(std::span<const double> x0, std::span<const double> g0,
                                std::span<const double> x1, std::span<const double> g1);

// Along a path x_0, x_1, ...: one entry per consecutive pair (gradients evaluated with p).
std::vector<PathSmoothness> local_smoothness_along(const Problem& p, const std::vector<std::vector<double>>& path);

}  // namespace signlab::geometry
