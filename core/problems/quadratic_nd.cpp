// The d-dimensional quadratic family and the `quadratic` SPEC dispatch over its three families.
#include "core/problems/quadratic_nd.hpp"
#include "core/spec/quote.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <set>
#include <string>

#include "core/problems/quadratic2d.hpp"
#include "core/problems/quadratic_file.hpp"

namespace signlab {
namespace {

// Normal draws from the raw 64-bit output (Box–Muller), so a seed gives the same matrix everywhere.
double normal(std::mt19937_64& rng) {
  const double u1 = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
  const double u2 = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

Eigen::Map<const Eigen::VectorXd> vec(std::span<const double> x) {
  return {x.data(), static_cast<Eigen::Index>(x.size())};
}

const std::vector<std::string> kTwoD = {"cond", "angle"};
const std::vector<std::string> kND = {"d", "ratio", "theta", "seed"};
const std::vector<std::string> kFile = {"hessian"};

bool in(const std::vector<std::string>& keys, const std::string& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

}  // namespace

// ‖A‖₂ = √λ_max(AᵀA), by Lanczos on v ↦ Aᵀ(A·v) with full reorthogonalisation: O(k·d²) for k ≪ d
// iterations instead of the O(d³) of forming AᵀA and solving it (8 s at d = 2000). The largest Ritz value
// converges from below; iterations stop when it moves by less than 1e-15 relative (or the Krylov space is
// exhausted, where it is exact).
double spectral_norm(const Eigen::MatrixXd& A) {
  const Eigen::Index d = A.cols();
  const Eigen::Index kmax = std::min<Eigen::Index>(d, 400);
  Eigen::MatrixXd V(d, kmax);
  std::vector<double> alpha, beta;
  Eigen::VectorXd v = Eigen::VectorXd::Ones(d) / std::sqrt(static_cast<double>(d));
  double top = 0.0;
  for (Eigen::Index j = 0; j < kmax; ++j) {
    V.col(j) = v;
    Eigen::VectorXd w = A.transpose() * (A * v);
    alpha.push_back(v.dot(w));
    for (int pass = 0; pass < 2; ++pass)  // twice is enough to keep the basis orthogonal to rounding
      w -= V.leftCols(j + 1) * (V.leftCols(j + 1).transpose() * w);
    const double b = w.norm();
    Eigen::MatrixXd T = Eigen::MatrixXd::Zero(j + 1, j + 1);
    for (Eigen::Index i = 0; i <= j; ++i) {
      T(i, i) = alpha[static_cast<std::size_t>(i)];
      if (i > 0) T(i, i - 1) = T(i - 1, i) = beta[static_cast<std::size_t>(i - 1)];
    }
    const double ritz = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(T, Eigen::EigenvaluesOnly).eigenvalues()[j];
    const bool converged = j > 0 && std::abs(ritz - top) <= 1e-15 * ritz;
    top = ritz;
    if (converged || b <= 1e-14 * std::max(1.0, std::abs(ritz))) break;
    beta.push_back(b);
    v = w / b;
  }
  return std::sqrt(std::max(0.0, top));
}

Eigen::VectorXd rotated_axis(int d, double theta, std::uint64_t seed, int k) {
  Eigen::VectorXd e = Eigen::VectorXd::Zero(d);
  e[k] = 1.0;
  if (d < 2 || theta == 0.0) return e;
  std::mt19937_64 rng(seed);
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) {
      A(i, j) = normal(rng);
      A(j, i) = -A(i, j);
    }
  const double omega = spectral_norm(A);
  if (!(omega > 0.0)) return e;
  // exp(θ·A/ω)·e by its Taylor series: ‖θ·A/ω‖₂ = θ, so the terms shrink like θ^m/m!.
  const double c = theta / omega;
  Eigen::VectorXd term = e, sum = e;
  for (int m = 1; m < 1000; ++m) {
    term = (c / m) * (A * term);
    sum += term;
    if (m > theta && term.norm() <= 1e-18 * sum.norm()) break;
  }
  return sum / sum.norm();  // exp of a skew matrix is orthogonal: remove the rounding of the norm
}

QuadraticND::QuadraticND(int d, double ratio, double theta, std::uint64_t seed) : d_(d) {
  const std::string what = "problem quadratic";
  if (d < 1 || d > kQuadraticMaxDim)
    throw SpecError(what + ": d=" + std::to_string(d) + " out of range (allowed: 1.." +
                    std::to_string(kQuadraticMaxDim) + ")");
  if (!(ratio >= 1.0 && ratio <= d))
    throw SpecError(what + ": ratio=" + format_number(ratio) + " out of range for d=" + std::to_string(d) +
                    " (allowed: 1..d, since λ_max/λ̄ ≤ d)");
  if (!(theta >= 0.0) || !std::isfinite(theta))
    throw SpecError(what + ": theta=" + format_number(theta) + " out of range (allowed: >= 0)");
  big_ = ratio;
  rest_ = d > 1 ? (d - ratio) / (d - 1) : 0.0;
  if (d == 1) big_ = 1.0;
  q_ = rotated_axis(d, theta, seed, 0);
}

double QuadraticND::value(std::span<const double> x) const {
  const auto xv = vec(x);
  const double p = q_.dot(xv);
  return 0.5 * (rest_ * xv.squaredNorm() + (big_ - rest_) * p * p);
}

void QuadraticND::gradient(std::span<const double> x, std::span<double> g) const {
  const auto xv = vec(x);
  const double p = (big_ - rest_) * q_.dot(xv);
  Eigen::Map<Eigen::VectorXd>(g.data(), d_) = rest_ * xv + p * q_;
}

void QuadraticND::hessian(std::span<const double> x, std::span<double> H) const {
  (void)x;
  const double c = big_ - rest_;
  for (int i = 0; i < d_; ++i)
    for (int j = 0; j < d_; ++j)
      H[static_cast<std::size_t>(i) * d_ + j] = c * (q_[i] * q_[j]) + (i == j ? rest_ : 0.0);  // exactly symmetric
}

bool QuadraticND::hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const {
  (void)x;
  const auto vv = vec(v);
  const double p = (big_ - rest_) * q_.dot(vv);
  Eigen::Map<Eigen::VectorXd>(out.data(), d_) = rest_ * vv + p * q_;
  return true;
}

std::vector<double> QuadraticND::default_start() const { return std::vector<double>(d_, 1.0); }

Box QuadraticND::default_view() const { return {-2.0, 2.0, -2.0, 2.0}; }

std::vector<std::vector<double>> QuadraticND::minimizers() const { return {std::vector<double>(d_, 0.0)}; }

Eigen::VectorXd QuadraticND::eigenvalues() const {
  Eigen::VectorXd l = Eigen::VectorXd::Constant(d_, rest_);
  l[0] = big_;
  return l;
}

Eigen::MatrixXd QuadraticND::matrix() const {
  std::vector<double> h(static_cast<std::size_t>(d_) * d_);
  hessian({}, h);
  return Eigen::Map<const Eigen::MatrixXd>(h.data(), d_, d_);
}

const std::vector<ParamSpec>& quadratic_nd_params() {
  static const std::vector<ParamSpec> params = {
      {"d", 10.0, 1.0, kQuadraticMaxDim, Scale::Integer, "Dimension."},
      {"ratio", 5.0, 1.0, kQuadraticMaxDim, Scale::Log,
       "λ_max/λ̄: the largest eigenvalue over the mean one (which is 1); at most d."},
      {"theta", 0.0, 0.0, std::numbers::pi, Scale::Linear,
       "Rotation Q = exp(theta·A) of the eigenbasis; 0 keeps H diagonal, larger values spread it."},
      {"seed", 1.0, 0.0, 2147483647.0, Scale::Integer, "Seed of the random skew-symmetric A.", Entry::Typed},
  };
  return params;
}

namespace {

// Which member of the family a SPEC names, validated: everything make_quadratic checks, nothing built.
struct QuadraticChoice {
  enum class Kind { TwoD, ND, File } kind = Kind::TwoD;
  ParamValues values;  // TwoD: cond, angle; ND: d, ratio, theta, seed
  std::string path;    // File
};

QuadraticChoice choose_quadratic(const Spec& spec) {
  const std::string what = "problem quadratic";
  std::string two_key, nd_key, file_key;
  for (const auto& [k, v] : spec.entries) {
    if (in(kTwoD, k)) {
      if (two_key.empty()) two_key = k;
    } else if (in(kND, k)) {
      if (nd_key.empty() || nd_key == "d") nd_key = k;
    } else if (in(kFile, k)) {
      file_key = k;
    } else {
      throw SpecError(what + ": unknown key " + quote_input(k) +
                      " (allowed: cond, angle for 2-D; d, ratio, theta, seed for d dimensions; hessian=FILE.csv)");
    }
  }
  auto subset = [&](const std::vector<std::string>& keys) {
    Spec s{spec.name, {}};
    for (const auto& e : spec.entries)
      if (in(keys, e.first)) s.entries.push_back(e);
    return s;
  };
  if (!file_key.empty()) {
    for (const auto& [k, v] : spec.entries)
      if (k != "hessian")
        throw SpecError(what + ": " + quote_input(k) + " cannot be combined with hessian=FILE.csv (the matrix sets everything)");
    const std::string path = spec.entries.front().second;
    if (path.empty()) throw SpecError(what + ": hessian= needs a file name (hessian=FILE.csv)");
    return {QuadraticChoice::Kind::File, {}, path};
  }
  if (!two_key.empty()) {
    if (!nd_key.empty()) {
      // "quadratic:d=2,cond=..,angle=.." (DESIGN.md's example) is the 2-D family written out in full.
      const bool only_d = nd_key == "d";
      if (only_d) {
        const double d = parse_number(
            std::find_if(spec.entries.begin(), spec.entries.end(), [](const auto& e) { return e.first == "d"; })->second,
            what, "d");
        if (d != 2.0)
          throw SpecError(what + ": d=" + format_number(d) + " cannot be combined with '" + two_key +
                          "' (cond, angle describe the 2-D family; for d dimensions use d, ratio, theta, seed)");
      } else {
        throw SpecError(what + ": '" + nd_key + "' (d-dimensional family: d, ratio, theta, seed) cannot be combined with '" +
                        two_key + "' (2-D family: cond, angle)");
      }
    }
    return {QuadraticChoice::Kind::TwoD, resolve_params(subset(kTwoD), quadratic_info().params, what), {}};
  }
  if (nd_key.empty())  // plain "quadratic": the 2-D default
    return {QuadraticChoice::Kind::TwoD, default_values(quadratic_info().params), {}};
  const Spec nd = subset(kND);
  ParamValues v = resolve_params(nd, quadratic_nd_params(), what);
  const bool ratio_given =
      std::any_of(nd.entries.begin(), nd.entries.end(), [](const auto& e) { return e.first == "ratio"; });
  if (!ratio_given) v["ratio"] = std::min(v["ratio"], v["d"]);
  if (v["ratio"] > v["d"])  // QuadraticND's own check, made here so describing finds it too
    throw SpecError(what + ": ratio=" + format_number(v["ratio"]) + " out of range for d=" + format_number(v["d"]) +
                    " (allowed: 1..d, since λ_max/λ̄ ≤ d)");
  return {QuadraticChoice::Kind::ND, std::move(v), {}};
}

}  // namespace

std::unique_ptr<Problem> make_quadratic(const Spec& spec) {
  const QuadraticChoice c = choose_quadratic(spec);
  switch (c.kind) {
    case QuadraticChoice::Kind::File: return make_quadratic_from_file(c.path);
    case QuadraticChoice::Kind::TwoD: return quadratic_info().make(c.values);
    case QuadraticChoice::Kind::ND: break;
  }
  ParamValues v = c.values;
  return std::make_unique<QuadraticND>(static_cast<int>(v["d"]), v["ratio"], v["theta"],
                                       static_cast<std::uint64_t>(v["seed"]));
}

ProblemShape describe_quadratic(const Spec& spec) {
  const QuadraticChoice c = choose_quadratic(spec);
  switch (c.kind) {
    case QuadraticChoice::Kind::File: return make_quadratic_from_file(c.path)->shape();  // reading is the check
    case QuadraticChoice::Kind::TwoD: return {2, {0, 0}, 0.0};
    case QuadraticChoice::Kind::ND: break;
  }
  // Building rotates the eigenbasis with a dense d×d exponential: d² doubles at least.
  const double d = c.values.at("d");
  return {static_cast<int>(d), {0, 0}, 8.0 * d * d};
}

ProblemInfo quadratic_family_info() {
  ProblemInfo info = quadratic_info();
  info.make_spec = make_quadratic;
  info.describe = describe_quadratic;
  return info;
}

}  // namespace signlab
