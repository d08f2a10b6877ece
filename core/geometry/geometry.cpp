#include "core/geometry/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/geometry/spectrum.hpp"

namespace signlab::geometry {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void fill_progress(GeometryReport& r) {
  const double num = r.grad.density * r.d * r.l2_smooth;  // φ·d·L₂ (NaN for g = 0)
  const LinfResult& L = r.linf;
  const double best = L.exact ? *L.exact : L.lower.value;
  auto ratio = [&](double linf) { return linf > 0.0 ? num / linf : kNaN; };
  r.progress_ratio = ratio(best);
  r.progress_ratio_upper = ratio(L.lower.value);
  r.progress_ratio_lower = std::isinf(L.upper.value) ? (std::isnan(num) ? kNaN : 0.0) : ratio(L.upper.value);
  if (!r.grad.undefined.empty()) r.why.progress_ratio = r.grad.undefined;
  else if (!(best > 0.0)) r.why.progress_ratio = "L\u221E = 0";
  else if (!std::isfinite(r.progress_ratio)) r.why.progress_ratio = "not finite";
}

// Σ|H_ij| and ‖H‖²_F are 0 only for H = 0; λ̄ ≤ 0 leaves λ_max/λ̄ without meaning.
void fill_hessian_reasons(GeometryReport& r) {
  if (std::isnan(r.rho_diag)) r.why.rho_diag = r.dense ? "H = 0" : "needs every |H_ij|: d is above the dense size";
  if (std::isnan(r.diag_frob_share)) r.why.diag_frob_share = r.dense ? "H = 0" : "Hutchinson's \u2016H\u2016\u00B2 is 0";
  if (std::isnan(r.ratio_max_mean)) r.why.ratio_max_mean = "mean \u03BB \u2264 0";
}

void fill_gradient(GeometryReport& r, std::span<const double> g) {
  r.gradient.assign(g.begin(), g.end());
  r.grad = gradient_stats(g);
}

}  // namespace

GradientStats gradient_stats(std::span<const double> g) {
  GradientStats s;
  double l1 = 0.0, l2sq = 0.0, scale = 0.0;
  for (double v : g) scale = std::max(scale, std::abs(v));
  for (double v : g) {
    l1 += std::abs(v);
    if (scale > 0.0) l2sq += (v / scale) * (v / scale);  // scaled: no overflow or underflow
  }
  s.l1 = l1;
  s.l2 = scale * std::sqrt(l2sq);
  s.sqrt_d = std::sqrt(static_cast<double>(g.size()));
  if (s.l2 > 0.0) {
    s.l1_l2_ratio = l1 / s.l2;
    s.density = s.l1_l2_ratio * s.l1_l2_ratio / static_cast<double>(g.size());
  } else {
    s.l1_l2_ratio = s.density = kNaN;
    s.undefined = g.empty() ? "d = 0" : "g = 0";
  }
  return s;
}

double diagonal_concentration(const Eigen::MatrixXd& H) {
  const double all = H.cwiseAbs().sum();
  return all > 0.0 ? H.diagonal().cwiseAbs().sum() / all : kNaN;
}

double diagonal_frobenius_share(const Eigen::MatrixXd& H) {
  const double all = H.squaredNorm();
  return all > 0.0 ? H.diagonal().squaredNorm() / all : kNaN;
}

GeometryReport analyze_hessian(const Eigen::MatrixXd& H, std::span<const double> g, const GeometryOptions& o) {
  const int d = static_cast<int>(H.rows());
  if (H.cols() != d) throw std::invalid_argument("geometry: the Hessian is not square");
  if (static_cast<int>(g.size()) != d)
    throw std::invalid_argument("geometry: the gradient has " + std::to_string(g.size()) +
                                " entries, the Hessian is " + std::to_string(d) + "x" + std::to_string(d));
  GeometryReport r;
  r.d = d;
  r.dense = true;
  r.hessian_method = "given matrix";
  r.spectrum_method = "dense eigensolver (Eigen SelfAdjointEigenSolver)";
  fill_gradient(r, g);
  r.rho_diag = diagonal_concentration(H);
  r.diag_frob_share = diagonal_frobenius_share(H);
  if (d == 0) return r;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H, Eigen::EigenvaluesOnly);
  r.lambda_min = es.eigenvalues()[0];
  r.lambda_max = es.eigenvalues()[d - 1];
  r.lambda_mean = H.trace() / d;
  r.lambda_mean_stderr = 0.0;
  r.ratio_max_mean = r.lambda_mean > 0.0 ? r.lambda_max / r.lambda_mean : kNaN;
  r.l2_smooth = std::max(std::abs(r.lambda_max), std::abs(r.lambda_min));
  r.psd = r.lambda_min >= -1e-12 * r.l2_smooth;
  LinfOptions lo = o.linf;
  lo.spectrum_hint = std::make_pair(r.lambda_min, r.lambda_max);
  r.linf = linf_smoothness(H, lo);
  fill_progress(r);
  fill_hessian_reasons(r);
  if (o.keep_hessian) {
    r.hessian = H;
    r.hessian_colors = diverging_scale(H.data(), d, d, static_cast<int>(H.outerStride()));
  }
  return r;
}

GeometryReport compute_geometry(const Problem& p, std::span<const double> x, const GeometryOptions& o) {
  const int d = p.dim();
  if (static_cast<int>(x.size()) != d)
    throw std::invalid_argument("geometry: the point has " + std::to_string(x.size()) +
                                " coordinates, the problem has d = " + std::to_string(d));
  std::vector<double> g(d);
  p.gradient(x, g);
  if (d <= o.dense_max_dim) {
    GeometryReport r = analyze_hessian(dense_hessian(p, x, o.dense_max_dim), g, o);
    r.hessian_method = "exact (Problem::hessian)";
    return r;
  }
  // Above the dense size: everything from Hessian-vector products.
  GeometryReport r;
  r.d = d;
  r.dense = false;
  fill_gradient(r, g);
  bool exact = false;
  const MatVec op = hessian_operator(p, x, &exact);
  r.hessian_method = exact ? "exact Hessian-vector products (Problem::hvp)"
                           : "central differences of gradients (Hessian-vector products)";
  const LanczosResult lz = lanczos(d, op, o.lanczos_steps, o.seed);
  const HutchinsonResult hu = hutchinson(d, op, o.hutchinson_probes, o.seed + 1);
  r.spectrum_method = "Lanczos (" + std::to_string(lz.steps) + " steps) + Hutchinson (" +
                      std::to_string(hu.probes) + " Rademacher probes)";
  r.lambda_max = lz.lambda_max;
  r.lambda_min = lz.lambda_min;
  r.lambda_mean = hu.trace / d;
  r.lambda_mean_stderr = hu.trace_stderr / d;
  r.ratio_max_mean = r.lambda_mean > 0.0 ? r.lambda_max / r.lambda_mean : kNaN;
  r.l2_smooth = std::max(std::abs(r.lambda_max), std::abs(r.lambda_min));
  r.psd = r.lambda_min >= -1e-12 * r.l2_smooth;
  r.rho_diag = kNaN;  // needs every |H_ij|
  r.diag_frob_share = hu.frob2 > 0.0 ? hu.diag.squaredNorm() / hu.frob2 : kNaN;
  const Eigen::VectorXd* start = r.psd ? &lz.v_max : nullptr;
  r.linf = linf_lower_from_operator(d, op, exact, start, o.linf);
  fill_progress(r);
  fill_hessian_reasons(r);
  return r;
}

PathSmoothness local_smoothness(std::span<const double> x0, std::span<const double> g0,
                                std::span<const double> x1, std::span<const double> g1) {
  if (x0.size() != x1.size() || g0.size() != g1.size() || x0.size() != g0.size())
    throw std::invalid_argument("local_smoothness: vectors of different lengths");
  double dx_inf = 0.0, dx2 = 0.0, dg1 = 0.0, dg2 = 0.0;
  for (std::size_t i = 0; i < x0.size(); ++i) {
    const double dx = x1[i] - x0[i], dg = g1[i] - g0[i];
    dx_inf = std::max(dx_inf, std::abs(dx));
    dx2 += dx * dx;
    dg1 += std::abs(dg);
    dg2 += dg * dg;
  }
  PathSmoothness s;
  if (dx_inf > 0.0) {
    s.linf = dg1 / dx_inf;
    s.l2 = std::sqrt(dg2) / std::sqrt(dx2);
  } else {
    s.linf = s.l2 = kNaN;
  }
  return s;
}

std::vector<PathSmoothness> local_smoothness_along(const Problem& p, const std::vector<std::vector<double>>& path) {
  std::vector<PathSmoothness> out;
  if (path.size() < 2) return out;
  const std::size_t d = static_cast<std::size_t>(p.dim());
  std::vector<double> g0(d), g1(d);
  for (const auto& x : path)
    if (x.size() != d) throw std::invalid_argument("local_smoothness_along: a point of the wrong length");
  p.gradient(path[0], g0);
  for (std::size_t k = 1; k < path.size(); ++k) {
    p.gradient(path[k], g1);
    out.push_back(local_smoothness(path[k - 1], g0, path[k], g1));
    std::swap(g0, g1);
  }
  return out;
}

}  // namespace signlab::geometry
