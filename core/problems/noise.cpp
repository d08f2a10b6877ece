#include "core/problems/noise.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace signlab {

namespace {
constexpr std::uint64_t kNoiseStream = 0x6E6F697365ull;  // "noise": keeps z apart from other streams
constexpr std::uint64_t kCurvStream = 0x6375727665ull;   // "curve": the diagonal curvature c
std::atomic<std::int64_t> g_setups{0};
}  // namespace

double normal_from_key(std::uint64_t key) {
  const double u1 = unit_open0(splitmix64(key));
  const double u2 = unit_closed0(splitmix64(key ^ 0xA5A5A5A5A5A5A5A5ull));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double student_t_from_key(std::uint64_t key, double nu) {
  // Bailey (1994): (U, V) uniform in the unit disc, W = U² + V²; T = U·sqrt(ν(W^{−2/ν} − 1)/W).
  for (std::uint64_t k = 0;; ++k) {
    const std::uint64_t h = hash_key(key, k);
    const double u = 2.0 * unit_closed0(h) - 1.0;
    const double v = 2.0 * unit_closed0(splitmix64(h ^ 0x5DEECE66Dull)) - 1.0;
    const double w = u * u + v * v;
    if (w > 0.0 && w <= 1.0) return u * std::sqrt(nu * (std::pow(w, -2.0 / nu) - 1.0) / w);
  }
}

void NoiseField::validate(const NoiseModel& model, int dim) {
  if (!(model.sigma >= 0.0) || !std::isfinite(model.sigma))
    throw std::invalid_argument("noise: sigma must be a finite number >= 0");
  if (!(model.curvature >= 0.0) || !std::isfinite(model.curvature))
    throw std::invalid_argument("noise: curvature must be a finite number >= 0");
  if (model.kind == NoiseModel::Kind::StudentT && !(model.nu > 0.0 && std::isfinite(model.nu)))
    throw std::invalid_argument("noise: Student-t needs nu > 0");
  if (model.components < 0) throw std::invalid_argument("noise: components must be >= 0");
  if (dim < 0) throw std::invalid_argument("noise: negative dimension");
}

NoiseField::NoiseField(const NoiseModel& model, std::uint64_t seed, int dim, const NoiseSetupControl* control)
    : model_(model), seed_(seed), dim_(dim) {
  validate(model, dim);
  has_shift_ = model.kind != NoiseModel::Kind::None && model.sigma > 0.0;
  has_curv_ = model.curvature > 0.0;
  if (model.finite_sum() && (has_shift_ || has_curv_)) {
    const std::size_t n = static_cast<std::size_t>(dim);
    auto means = std::make_shared<Means>();
    if (has_shift_) means->shift.assign(n, 0.0);
    if (has_curv_) means->curv.assign(n, 0.0);
    const std::int64_t m = model.components;
    // Report about every 2²⁰ draws: often enough for a once-a-second display, rare enough to cost nothing.
    const std::int64_t report_every = std::max<std::int64_t>(1, (std::int64_t{1} << 20) / std::max(dim, 1));
    for (std::int64_t j = 0; j < m; ++j) {
      if (control && control->cancel && control->cancel->load(std::memory_order_relaxed)) throw NoiseSetupCancelled();
      const auto xi = static_cast<std::uint64_t>(j);
      if (has_shift_)
        for (int i = 0; i < dim; ++i) means->shift[static_cast<std::size_t>(i)] += raw_shift(xi, i);
      if (has_curv_)
        for (int i = 0; i < dim; ++i) means->curv[static_cast<std::size_t>(i)] += raw_curv(xi, i);
      if (control && control->progress && ((j + 1) % report_every == 0 || j + 1 == m)) control->progress(j + 1, m);
    }
    const double inv = 1.0 / static_cast<double>(m);
    for (double& v : means->shift) v *= inv;
    for (double& v : means->curv) v *= inv;
    means_ = std::move(means);
    g_setups.fetch_add(1, std::memory_order_relaxed);
  }
}

std::int64_t NoiseField::setups_computed() { return g_setups.load(); }

double NoiseField::setup_bytes(const NoiseModel& model, int dim) {
  if (!model.finite_sum()) return 0.0;
  const int kinds = (model.kind != NoiseModel::Kind::None && model.sigma > 0.0) + (model.curvature > 0.0);
  return 8.0 * kinds * std::max(dim, 0);
}

double NoiseField::raw_shift(std::uint64_t xi, int i) const {
  if (!has_shift_) return 0.0;
  const std::uint64_t key = hash_key(seed_, kNoiseStream, xi, static_cast<std::uint64_t>(i));
  if (model_.kind == NoiseModel::Kind::StudentT) return model_.sigma * student_t_from_key(key, model_.nu);
  return model_.sigma * normal_from_key(key);
}

double NoiseField::raw_curv(std::uint64_t xi, int i) const {
  if (!has_curv_) return 0.0;
  return model_.curvature * normal_from_key(hash_key(seed_, kCurvStream, xi, static_cast<std::uint64_t>(i)));
}

double NoiseField::shift(std::uint64_t xi, int i) const {
  const double w = raw_shift(xi, i);
  return means_ && !means_->shift.empty() ? w - means_->shift[static_cast<std::size_t>(i)] : w;
}

double NoiseField::curv(std::uint64_t xi, int i) const {
  const double w = raw_curv(xi, i);
  return means_ && !means_->curv.empty() ? w - means_->curv[static_cast<std::size_t>(i)] : w;
}

void NoiseField::add_gradient_noise(std::uint64_t xi, std::span<const double> x, std::span<double> g) const {
  if (!active()) return;
  const int n = static_cast<int>(g.size());
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    g[k] += shift(xi, i) + (has_curv_ ? curv(xi, i) * x[k] : 0.0);
  }
}

void NoiseField::add_gradient_noise(std::uint64_t xi, std::span<const float> x, std::span<float> g) const {
  if (!active()) return;
  const int n = static_cast<int>(g.size());
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const double noise = shift(xi, i) + (has_curv_ ? curv(xi, i) * static_cast<double>(x[k]) : 0.0);
    g[k] = static_cast<float>(static_cast<double>(g[k]) + noise);
  }
}

double NoiseField::value_noise(std::uint64_t xi, std::span<const double> x) const {
  if (!active()) return 0.0;
  double s = 0.0;
  const int n = static_cast<int>(x.size());
  for (int i = 0; i < n; ++i) {
    const double v = x[static_cast<std::size_t>(i)];
    s += shift(xi, i) * v + (has_curv_ ? 0.5 * curv(xi, i) * v * v : 0.0);
  }
  return s;
}

double NoiseField::directional_noise(std::uint64_t xi, std::span<const double> x, std::span<const double> e) const {
  if (!active()) return 0.0;
  double s = 0.0;
  const int n = static_cast<int>(e.size());
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    s += (shift(xi, i) + (has_curv_ ? curv(xi, i) * x[k] : 0.0)) * e[k];
  }
  return s;
}

}  // namespace signlab
