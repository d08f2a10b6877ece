#pragma once
// Seeded draws built from the raw 64-bit output of std::mt19937_64, so results do not depend on the
// standard library's distribution implementations (same seed, same numbers everywhere).
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace signlab::geometry::detail {

inline double unit_open(std::mt19937_64& rng) {  // in (0, 1)
  return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
}

inline double normal(std::mt19937_64& rng) {  // Box–Muller, one value per call
  const double u1 = unit_open(rng), u2 = unit_open(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

inline double rademacher(std::mt19937_64& rng) { return (rng() >> 63) ? 1.0 : -1.0; }

}  // namespace signlab::geometry::detail
