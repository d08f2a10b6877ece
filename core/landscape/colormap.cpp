#include "core/landscape/colormap.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace signlab {
namespace {

// Anchor colours of viridis at t = 0, 1/9, ..., 1.
constexpr std::array<std::uint32_t, 10> kAnchors = {
    0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
    0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725,
};

struct Rgbd {
  double r, g, b;
};

Rgbd anchor(std::size_t i) {
  const std::uint32_t c = kAnchors[i];
  return {static_cast<double>((c >> 16) & 0xff), static_cast<double>((c >> 8) & 0xff),
          static_cast<double>(c & 0xff)};
}

// Colour at t in 0..255 units (t clamped, NaN → 0).
Rgbd colormap_255(double t) {
  if (!(t > 0.0)) t = 0.0;  // also catches NaN
  if (t > 1.0) t = 1.0;
  const double pos = t * static_cast<double>(kAnchors.size() - 1);
  std::size_t i = static_cast<std::size_t>(pos);
  if (i >= kAnchors.size() - 1) i = kAnchors.size() - 2;
  const double w = pos - static_cast<double>(i);
  const Rgbd a = anchor(i), b = anchor(i + 1);
  return {a.r + (b.r - a.r) * w, a.g + (b.g - a.g) * w, a.b + (b.b - a.b) * w};
}

std::uint8_t to_byte(double v) {
  return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

}  // namespace

Rgb8 colormap_rgb(double t) {
  const Rgbd c = colormap_255(t);
  return {to_byte(c.r), to_byte(c.g), to_byte(c.b)};
}

std::vector<float> colormap_table(int n) {
  n = std::max(n, 2);
  std::vector<float> out(static_cast<std::size_t>(n) * 3);
  for (int i = 0; i < n; ++i) {
    const Rgbd c = colormap_255(static_cast<double>(i) / (n - 1));
    out[3 * i + 0] = static_cast<float>(c.r / 255.0);
    out[3 * i + 1] = static_cast<float>(c.g / 255.0);
    out[3 * i + 2] = static_cast<float>(c.b / 255.0);
  }
  return out;
}

double LossScale::t(double f) const {
  const double arg = f - fmin + delta;
  if (!(arg > delta)) return 0.0;  // at or below fmin, or NaN
  const double s = (std::log10(arg) - log_lo) / (log_hi - log_lo);
  return std::clamp(s, 0.0, 1.0);
}

double LossScale::value_at(double s) const {
  if (!(s > 0.0)) return fmin;
  if (s > 1.0) s = 1.0;
  return std::pow(10.0, log_lo + s * (log_hi - log_lo)) - delta + fmin;
}

LossScale make_loss_scale(double grid_min, double grid_max) {
  if (!std::isfinite(grid_min) || !std::isfinite(grid_max) || grid_max < grid_min) {
    grid_min = 0.0;
    grid_max = 1.0;
  }
  const double range = grid_max - grid_min;
  LossScale s;
  s.fmin = grid_min;
  s.delta = std::max(1e-12 * std::max(1.0, std::abs(range)), 1e-5 * range);
  s.log_lo = std::log10(s.delta);
  s.log_hi = std::log10(range + s.delta);
  // A flat grid: keep the denominator non-zero (every value then maps to t = 0).
  if (!(s.log_hi > s.log_lo)) s.log_hi = s.log_lo + 1.0;
  return s;
}

}  // namespace signlab
