#include "app/plot/ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace signlab::plot {
namespace {

// Removes trailing zeros after a decimal point (and the point itself when nothing is left after it).
void strip_zeros(std::string& s) {
  if (s.find('.') == std::string::npos) return;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 17), v);
  std::string s = buf;
  strip_zeros(s);
  if (s == "-0") s = "0";
  return s;
}

// Scientific with `decimals` mantissa decimals, written as "2.5e-4" (no '+', no leading exponent zeros).
std::string scientific(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", std::clamp(decimals, 0, 16), v);
  std::string s = buf;
  const std::size_t e = s.find('e');
  if (e == std::string::npos) return s;
  std::string mantissa = s.substr(0, e);
  strip_zeros(mantissa);
  const int exponent = std::atoi(s.c_str() + e + 1);
  return mantissa + "e" + std::to_string(exponent);
}

int floor_log10(double v) { return static_cast<int>(std::floor(std::log10(std::abs(v)) + 1e-9)); }

// The next step below `step` on the 1-2-5 ladder (5 → 2 → 1 → 0.5 ...).
double smaller_nice_step(double step) {
  const double mag = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  const double mantissa = step / mag;
  if (mantissa > 4.0) return 2.0 * mag;
  if (mantissa > 1.5) return mag;
  return 0.5 * mag;
}

}  // namespace

double nice_step(double span, int max_ticks) {
  if (!(span > 0.0) || !std::isfinite(span)) return 0.0;
  const double raw = span / std::max(1, max_ticks - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw * (1.0 - 1e-9)) return m * mag;
  }
  return 10.0 * mag;
}

std::string format_tick(double v, double step, double magnitude) {
  if (!std::isfinite(v)) return format_number(v);
  if (!(step > 0.0) || !std::isfinite(step)) return format_number(v);
  if (std::abs(v) < step * 1e-6) return "0";
  const int e_step = floor_log10(step);
  magnitude = std::abs(magnitude);
  if (magnitude >= 1e5 || magnitude < 1e-2) {
    // Round first so that a carry (9.99 → 10) moves the exponent.
    const int e_v = floor_log10(v);
    return scientific(v, std::max(0, e_v - e_step));
  }
  return fixed(v, std::max(0, -e_step));
}

std::string format_number(double v, int significant) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0.0) return "0";
  significant = std::clamp(significant, 1, 17);
  // Round to the requested significant digits first, so 9.996 → 10 picks the right format.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", significant - 1, v);
  const double r = std::strtod(buf, nullptr);
  const int e = floor_log10(r);
  if (e >= -2 && e <= 4) return fixed(r, std::max(0, significant - 1 - e));
  return scientific(r, significant - 1);
}

std::vector<Tick> linear_ticks(double lo, double hi, int max_ticks) {
  std::vector<Tick> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  if (hi < lo) std::swap(lo, hi);
  const double magnitude = std::max(std::abs(lo), std::abs(hi));
  if (hi == lo) {
    ticks.push_back({lo, true, format_number(lo, 4)});
    return ticks;
  }
  double step = nice_step(hi - lo, std::max(max_ticks, 2));
  if (!(step > 0.0)) return ticks;
  double k0 = std::ceil(lo / step - 1e-9);
  double k1 = std::floor(hi / step + 1e-9);
  // nice_step rounds up, so on a short axis (two ticks allowed) a span like [0, 2792] would get step 5000
  // and a lone "0": step down the 1-2-5 ladder until two ticks fit, which says what the axis spans.
  for (int guard = 0; k1 - k0 < 1.0 && guard < 64; ++guard) {
    step = smaller_nice_step(step);
    k0 = std::ceil(lo / step - 1e-9);
    k1 = std::floor(hi / step + 1e-9);
  }
  if (!(k1 - k0 < 1000.0)) return ticks;  // a span below the double resolution at this magnitude
  for (double k = k0; k <= k1; k += 1.0) {
    double v = k * step;
    if (std::abs(v) < step * 1e-9) v = 0.0;
    ticks.push_back({v, true, format_tick(v, step, magnitude)});
  }
  return ticks;
}

std::vector<Tick> log_ticks(double lo, double hi, int max_major) {
  std::vector<Tick> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  if (hi < lo) std::swap(lo, hi);
  if (!(lo > 0.0)) return ticks;
  const double l0 = std::log10(lo), l1 = std::log10(hi);
  const double span = l1 - l0;
  if (span < 1.0) {
    for (Tick& t : linear_ticks(lo, hi, std::max(max_major, 2))) {
      if (t.value > 0.0) ticks.push_back(std::move(t));
    }
    return ticks;
  }
  const int k0 = static_cast<int>(std::ceil(l0 - 1e-9));
  const int k1 = static_cast<int>(std::floor(l1 + 1e-9));
  const int decades = k1 - k0 + 1;
  max_major = std::max(max_major, 2);
  int stride = 1;
  while ((decades + stride - 1) / stride > max_major) ++stride;
  const bool subticks = span <= 3.0 + 1e-9;
  const bool label_subticks = span < 2.0;
  // Sub-ticks below the first decade too (e.g. 0.5 when lo = 0.3).
  for (int k = k0 - 1; k <= k1; ++k) {
    const double decade = std::pow(10.0, k);
    if (k >= k0) {
      const bool major = ((k % stride) + stride) % stride == 0;
      ticks.push_back({decade, major, major ? format_number(decade) : std::string()});
    }
    if (subticks) {
      for (double m : {2.0, 5.0}) {
        const double v = m * decade;
        if (v < lo * (1.0 - 1e-9) || v > hi * (1.0 + 1e-9)) continue;
        ticks.push_back({v, false, label_subticks ? format_number(v) : std::string()});
      }
    }
  }
  std::sort(ticks.begin(), ticks.end(), [](const Tick& a, const Tick& b) { return a.value < b.value; });
  return ticks;
}

std::string format_grouped(long long v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[static_cast<std::size_t>(i)];
  }
  return v < 0 ? "-" + out : out;
}

}  // namespace signlab::plot
