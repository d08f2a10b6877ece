#include "core/geometry/linf.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "core/geometry/random.hpp"
#include "core/geometry/spectrum.hpp"

namespace signlab::geometry {
namespace {

constexpr double kU = 0x1.0p-53;
constexpr double kInf = std::numeric_limits<double>::infinity();

Eigen::VectorXd signs_of(const Eigen::VectorXd& v) {
  return v.unaryExpr([](double a) { return a >= 0.0 ? 1.0 : -1.0; });
}

std::string fmt(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Multi-start local search over vertices of the cube for max ‖H·s‖₁ on a dense symmetric H.
class VertexSearch {
 public:
  VertexSearch(const Eigen::MatrixXd& H, bool psd_objective)
      : H_(H), d_(static_cast<int>(H.rows())), psd_(psd_objective) {}

  void run(Eigen::VectorXd s) {
    Eigen::VectorXd Hs = H_ * s;
    double cur = Hs.cwiseAbs().sum();
    consider(s, cur);
    for (int round = 0; round < 50; ++round) {
      // s ← sign(H·s) never lowers ‖H·s‖₁ for symmetric H: ‖H·s'‖₁ ≥ sᵀH·s' = s'ᵀH·s = ‖H·s‖₁.
      for (int it = 0; it < 100; ++it) {
        Eigen::VectorXd s2 = signs_of(Hs);
        Eigen::VectorXd Hs2 = H_ * s2;
        const double v2 = Hs2.cwiseAbs().sum();
        if (!(v2 > cur * (1.0 + 1e-13))) break;
        s = std::move(s2);
        Hs = std::move(Hs2);
        cur = v2;
      }
      consider(s, cur);
      const bool flipped = psd_ ? flips_quadratic(s, Hs) : flips_l1(s, Hs);
      cur = Hs.cwiseAbs().sum();
      consider(s, cur);
      if (!flipped) break;
    }
  }

  double best() const { return best_; }
  const Eigen::VectorXd& best_vertex() const { return best_s_; }
  int starts() const { return starts_; }
  void count_start() { ++starts_; }

 private:
  void consider(const Eigen::VectorXd& s, double v) {
    if (v > best_) {
      best_ = v;
      best_s_ = s;
    }
  }

  // Single flips that raise sᵀHs (the objective for PSD H, where max sᵀHs = L∞): gain 4(H_ii − s_i(Hs)_i).
  bool flips_quadratic(Eigen::VectorXd& s, Eigen::VectorXd& Hs) {
    bool any = false;
    for (int sweep = 0; sweep < 100; ++sweep) {
      bool flipped = false;
      for (int i = 0; i < d_; ++i) {
        const double gain = H_(i, i) - s[i] * Hs[i];
        if (gain > 1e-12 * (std::abs(H_(i, i)) + std::abs(Hs[i]))) {
          Hs.noalias() -= (2.0 * s[i]) * H_.col(i);
          s[i] = -s[i];
          flipped = any = true;
        }
      }
      if (!flipped) break;
    }
    return any;
  }

  // Single flips that raise ‖Hs‖₁ directly: O(d) per candidate.
  bool flips_l1(Eigen::VectorXd& s, Eigen::VectorXd& Hs) {
    bool any = false;
    double cur = Hs.cwiseAbs().sum();
    for (int sweep = 0; sweep < 10; ++sweep) {
      bool flipped = false;
      for (int i = 0; i < d_; ++i) {
        const double c = 2.0 * s[i];
        const double* col = H_.col(i).data();
        const double* hs = Hs.data();
        double v = 0.0;
        for (int k = 0; k < d_; ++k) v += std::abs(hs[k] - c * col[k]);
        if (v > cur * (1.0 + 1e-13)) {
          Hs.noalias() -= c * H_.col(i);
          s[i] = -s[i];
          cur = v;
          flipped = any = true;
        }
      }
      if (!flipped) break;
    }
    return any;
  }

  const Eigen::MatrixXd& H_;
  int d_;
  bool psd_;
  double best_ = -1.0;
  Eigen::VectorXd best_s_;
  int starts_ = 0;
};

// A vertex with sᵀHs ≥ tr H by the method of conditional expectations: with s_1..s_k fixed and the rest
// random, E[sᵀHs] = Σ_{i,j≤k} H_ij s_i s_j + Σ_{i>k} H_ii; choosing s_{k+1} = sign(Σ_{j≤k} H_{k+1,j} s_j)
// never lowers it, and it starts at tr H.
Eigen::VectorXd conditional_expectation_vertex(const Eigen::MatrixXd& H) {
  const Eigen::Index d = H.rows();
  Eigen::VectorXd s = Eigen::VectorXd::Ones(d);
  for (Eigen::Index k = 1; k < d; ++k) {
    const double c = H.col(k).head(k).dot(s.head(k));
    s[k] = c >= 0.0 ? 1.0 : -1.0;
  }
  return s;
}

// Burer–Monteiro factor of max ⟨H, X⟩ s.t. X ⪰ 0, diag X = 1, X = VᵀV with unit columns v_i, by the
// mixing method (v_i ← normalise(Σ_{j≠i} H_ij v_j)). Returns y_i = v_iᵀ(V·H)_i, the multipliers
// of the constraints at the found point; Σ y_i is the primal value.
Eigen::VectorXd burer_monteiro_multipliers(const Eigen::MatrixXd& H, int rank, int max_sweeps,
                                           std::uint64_t seed, int* sweeps_done) {
  const int d = static_cast<int>(H.rows());
  std::mt19937_64 rng(seed * 0x2545F4914F6CDD1DULL + 7);
  Eigen::MatrixXd V(rank, d);  // column i is v_i
  for (int i = 0; i < d; ++i) {
    for (int r = 0; r < rank; ++r) V(r, i) = detail::normal(rng);
    V.col(i).normalize();
  }
  Eigen::MatrixXd G = V * H;  // column i: Σ_j H_ji v_j
  double prev = -kInf;
  int sweep = 0;
  for (; sweep < max_sweeps; ++sweep) {
    for (int i = 0; i < d; ++i) {
      Eigen::VectorXd gi = G.col(i) - H(i, i) * V.col(i);
      const double n = gi.norm();
      if (!(n > 0.0)) continue;
      gi /= n;
      const Eigen::VectorXd delta = gi - V.col(i);
      G.noalias() += delta * H.col(i).transpose();  // H symmetric: row i = column i
      V.col(i) = gi;
    }
    const double f = (V.cwiseProduct(G)).sum();
    if (sweep >= 3 && f - prev <= 1e-9 * std::abs(f)) {
      ++sweep;
      break;
    }
    prev = f;
  }
  if (sweeps_done) *sweeps_done = sweep;
  G.noalias() = V * H;  // fresh, without the drift of the rank-one updates
  return V.cwiseProduct(G).colwise().sum().transpose();
}

}  // namespace

double vertex_value(const Eigen::MatrixXd& H, std::span<const double> s) {
  const Eigen::Map<const Eigen::VectorXd> sv(s.data(), static_cast<Eigen::Index>(s.size()));
  return (H * sv).cwiseAbs().sum();
}

double linf_exact(const Eigen::MatrixXd& H, std::vector<double>* best_vertex) {
  const int d = static_cast<int>(H.rows());
  if (d > 30) throw std::invalid_argument("linf_exact: d = " + std::to_string(d) + " is above 30");
  if (d == 0) {
    if (best_vertex) best_vertex->clear();
    return 0.0;
  }
  Eigen::VectorXd s = Eigen::VectorXd::Ones(d);
  Eigen::VectorXd Hs = H * s;
  double best = Hs.cwiseAbs().sum();
  std::uint64_t best_code = 0;
  const std::uint64_t n = std::uint64_t{1} << (d - 1);  // s_{d−1} stays +1
  for (std::uint64_t k = 1; k < n; ++k) {
    const int i = std::countr_zero(k);  // the coordinate the Gray code flips at step k
    Hs.noalias() -= (2.0 * s[i]) * H.col(i);
    s[i] = -s[i];
    if ((k & 4095) == 0) Hs.noalias() = H * s;  // bound the drift of the incremental updates
    const double v = Hs.cwiseAbs().sum();
    if (v > best) {
      best = v;
      best_code = k ^ (k >> 1);  // bit i set: s_i = −1
    }
  }
  std::vector<double> sb(d);
  for (int i = 0; i < d; ++i) sb[i] = (best_code >> i) & 1 ? -1.0 : 1.0;
  const double value = vertex_value(H, sb);
  if (best_vertex) *best_vertex = std::move(sb);
  return value;
}

LinfResult linf_bracket(const Eigen::MatrixXd& H, const LinfOptions& o) {
  const int d = static_cast<int>(H.rows());
  LinfResult r;
  if (d == 0) {
    r.lower = r.upper = {0.0, "empty matrix"};
    r.method = "empty matrix";
    return r;
  }
  const double abs_sum = H.cwiseAbs().sum();
  const MatVec op = matrix_operator(H);
  const LanczosResult lz = lanczos(d, op, std::min(d, 60), o.seed + 17);
  double lmin = lz.lambda_min, lmax = lz.lambda_max;
  if (o.spectrum_hint) {
    lmin = o.spectrum_hint->first;
    lmax = o.spectrum_hint->second;
  }
  const double norm_est = std::max(std::abs(lmin), std::abs(lmax));
  const bool near_psd = lmin >= -1e-9 * norm_est;

  // ---- lower: best vertex ---------------------------------------------------------------------
  VertexSearch search(H, near_psd);
  search.run(signs_of(lz.v_max));
  search.run(signs_of(lz.v_min));
  search.run(conditional_expectation_vertex(H));
  search.run(Eigen::VectorXd::Ones(d));
  std::mt19937_64 rng(o.seed);
  for (int k = 0; k < o.random_starts; ++k) {
    Eigen::VectorXd s(d);
    for (int i = 0; i < d; ++i) s[i] = detail::rademacher(rng);
    search.run(std::move(s));
  }
  const int starts = 4 + std::max(0, o.random_starts);
  r.best_vertex.assign(search.best_vertex().data(), search.best_vertex().data() + d);
  const double v = vertex_value(H, r.best_vertex);
  // |fl(‖Hs‖₁) − ‖Hs‖₁| ≤ γ_{d+1}·Σ|H_ij| (a dot product per row, then a sum of d terms).
  r.lower = {std::max(0.0, v - 2.0 * gamma_n(d + 2.0) * abs_sum),
             "best vertex of " + std::to_string(starts) + " greedy sign-flip starts"};

  // ---- upper bounds -----------------------------------------------------------------------------
  r.upper_candidates.push_back({abs_sum + gamma_n(static_cast<double>(d) * d) * abs_sum, "sum |H_ij|"});
  const double t_plus = certified_lambda_max_upper(H, lmax);      // λ_max(H) ≤ t_plus
  const Eigen::MatrixXd negH = -H;
  const double t_minus = certified_lambda_max_upper(negH, -lmin);  // −λ_min(H) ≤ t_minus
  const double norm2 = std::max({t_plus, t_minus, 0.0});
  r.upper_candidates.push_back({d * norm2 * (1.0 + 2.0 * kU),
                                std::string(t_minus <= 0.0 ? "d*lambda_max" : "d*||H||_2") +
                                    " (eigenvalue bounds certified by Cholesky)"});
  if (o.sdp && lmin >= -0.05 * norm_est && d >= 2) {
    const double mu = std::max(0.0, t_minus);  // H + μI ⪰ 0
    const int rank = o.sdp_rank > 0 ? std::min(o.sdp_rank, d)
                                    : std::min({d, static_cast<int>(std::ceil(std::sqrt(2.0 * d))) + 1, 24});
    int sweeps = 0;
    const Eigen::VectorXd y = burer_monteiro_multipliers(H, rank, o.sdp_max_sweeps, o.seed, &sweeps);
    Eigen::MatrixXd M = H;
    M.diagonal() -= y;
    const LanczosResult lm = lanczos(d, matrix_operator(M), std::min(d, 60), o.seed + 29);
    // H − Diag(y) = M_fl + (rounding of the diagonal, ≤ u·|M_ii|) ⪯ t·I.
    const double t = certified_lambda_max_upper(M, lm.lambda_max) + kU * M.diagonal().cwiseAbs().maxCoeff();
    // H ⪯ Diag(y + t): max ⟨H, X⟩ ≤ Σ y + d·t; for H + μI ⪰ 0, max ‖Hs‖₁ ≤ that + 2dμ.
    const double sum_y = y.sum();
    const double raw = sum_y + d * t + 2.0 * d * mu;
    const double err = gamma_n(d + 3.0) * (y.cwiseAbs().sum() + d * std::abs(t) + 2.0 * d * mu);
    std::string label = "SDP relaxation dual certificate (Burer-Monteiro rank " + std::to_string(rank) + ", " +
                        std::to_string(sweeps) + " sweeps, Cholesky-checked)";
    if (mu > 0.0) label += " + 2d*mu for lambda_min >= -" + fmt(mu);
    r.upper_candidates.push_back({raw + err, label});
  }
  r.upper = r.upper_candidates.front();
  for (const auto& c : r.upper_candidates)
    if (c.value < r.upper.value) r.upper = c;
  r.method = "bracket: lower = " + r.lower.method + "; upper = " + r.upper.method;
  return r;
}

LinfResult linf_smoothness(const Eigen::MatrixXd& H, const LinfOptions& o) {
  const int d = static_cast<int>(H.rows());
  if (d > o.exact_max_dim) return linf_bracket(H, o);
  LinfResult r;
  const double v = linf_exact(H, &r.best_vertex);
  r.exact = v;
  const std::string how = d <= 1 ? std::string("exact (single vertex)")
                                 : "exact (Gray-code enumeration of 2^" + std::to_string(d - 1) + " sign vectors)";
  r.lower = r.upper = {v, how};
  r.upper_candidates = {r.upper};
  r.method = how;
  return r;
}

LinfResult linf_lower_from_operator(int d, const MatVec& op, bool exact_products, const Eigen::VectorXd* start,
                                    const LinfOptions& o) {
  LinfResult r;
  if (d <= 0) {
    r.lower = r.upper = {0.0, "empty matrix"};
    r.method = "empty matrix";
    return r;
  }
  Eigen::VectorXd Hs(d), best_s;
  double best = -1.0;
  int starts = 0;
  auto run = [&](Eigen::VectorXd s) {
    ++starts;
    op(std::span<const double>(s.data(), d), std::span<double>(Hs.data(), d));
    double cur = Hs.cwiseAbs().sum();
    for (int it = 0; it < 30; ++it) {
      if (cur > best) {
        best = cur;
        best_s = s;
      }
      Eigen::VectorXd s2 = signs_of(Hs), Hs2(d);
      op(std::span<const double>(s2.data(), d), std::span<double>(Hs2.data(), d));
      const double v2 = Hs2.cwiseAbs().sum();
      if (!(v2 > cur * (1.0 + 1e-12))) break;
      s = std::move(s2);
      Hs = std::move(Hs2);
      cur = v2;
    }
    if (cur > best) {
      best = cur;
      best_s = s;
    }
  };
  if (start && start->size() == d) run(signs_of(*start));
  run(Eigen::VectorXd::Ones(d));
  std::mt19937_64 rng(o.seed);
  for (int k = 0; k < std::min(2, o.random_starts); ++k) {
    Eigen::VectorXd s(d);
    for (int i = 0; i < d; ++i) s[i] = detail::rademacher(rng);
    run(std::move(s));
  }
  r.best_vertex.assign(best_s.data(), best_s.data() + d);
  r.lower_certified = exact_products;
  r.lower = {best, "best vertex of " + std::to_string(starts) + " sign iterations on " +
                       (exact_products ? std::string("exact Hessian-vector products")
                                       : std::string("finite-difference Hessian-vector products (estimate)"))};
  r.upper = {kInf, "none certified above the dense size (no entries of H)"};
  r.upper_candidates = {r.upper};
  r.method = "bracket: lower = " + r.lower.method + "; upper = " + r.upper.method;
  return r;
}

}  // namespace signlab::geometry
