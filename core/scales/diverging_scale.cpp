#include "core/scales/diverging_scale.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace signlab {

DivergingScale diverging_scale(const double* data, int rows, int cols, int ld, double quantile) {
  DivergingScale out;
  out.quantile = std::clamp(quantile, 0.0, 1.0);
  if (!data || rows <= 0 || cols <= 0) return out;
  const std::size_t r = static_cast<std::size_t>(rows), c = static_cast<std::size_t>(cols);
  const std::size_t stride = static_cast<std::size_t>(std::max(ld, rows));
  auto at = [&](std::size_t k) { return data[k % r + (k / r) * stride]; };
  const std::size_t n = r * c;
  std::size_t finite = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double v = at(k);
    if (!std::isfinite(v)) continue;
    ++finite;
    out.max_abs = std::max(out.max_abs, std::abs(v));
  }
  if (!(out.max_abs > 0.0)) return out;  // all zero (or nothing finite): s = 1
  out.all_zero = false;
  const double negligible = 1e-12 * out.max_abs;
  constexpr std::size_t kSample = std::size_t{1} << 20;
  const std::size_t step = n > kSample ? (n + kSample - 1) / kSample : 1;
  std::vector<double> mags;
  mags.reserve(std::min(n, kSample));
  for (std::size_t k = 0; k < n; k += step) {
    const double v = std::abs(at(k));
    if (std::isfinite(v) && v > negligible) mags.push_back(v);
  }
  double s = out.max_abs;
  if (!mags.empty()) {
    const std::size_t q = static_cast<std::size_t>(std::llround(out.quantile * static_cast<double>(mags.size() - 1)));
    std::nth_element(mags.begin(), mags.begin() + static_cast<std::ptrdiff_t>(q), mags.end());
    s = mags[q];
  }
  out.scale = std::max(s, 1e-3 * out.max_abs);
  std::size_t above = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double v = at(k);
    above += std::isfinite(v) && std::abs(v) > out.scale;
  }
  out.saturated_share = finite > 0 ? static_cast<double>(above) / static_cast<double>(finite) : 0.0;
  return out;
}

double view_half_width(double largest) {
  if (!(largest > 0.0) || !std::isfinite(largest)) return 0.0;
  const double padded = 1.1 * largest;
  const double decade = std::pow(10.0, std::floor(std::log10(padded)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * decade >= padded * (1.0 - 1e-12)) return m * decade;
  return 10.0 * decade;
}

}  // namespace signlab
