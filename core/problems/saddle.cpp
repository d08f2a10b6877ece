// A strict saddle: how fast each optimizer escapes along the descending direction y.
#include <cassert>

#include "core/problems/analytic2d.hpp"

namespace signlab {

Saddle::Saddle(double c) : c_(c) {}

double Saddle::value(std::span<const double> x) const {
  assert(x.size() == 2);
  return x[0] * x[0] - c_ * x[1] * x[1];
}

void Saddle::gradient(std::span<const double> x, std::span<double> g) const {
  assert(x.size() == 2 && g.size() == 2);
  g[0] = 2.0 * x[0];
  g[1] = -2.0 * c_ * x[1];
}

void Saddle::hessian(std::span<const double> x, std::span<double> H) const {
  assert(x.size() == 2 && H.size() == 4);
  (void)x;
  H[0] = 2.0;
  H[1] = 0.0;
  H[2] = 0.0;
  H[3] = -2.0 * c_;
}

// Almost on the stable manifold y = 0: gradient descent first slides towards the saddle and escapes
// only as the tiny y grows geometrically, while sign descent moves y at full step size from the start.
std::vector<double> Saddle::default_start() const { return {1.5, 1e-3}; }

Box Saddle::default_view() const { return {-2.0, 2.0, -2.0, 2.0}; }

ProblemInfo saddle_info() {
  return {
      "saddle",
      "x² − c·y²",
      {
          {"c", 1.0, 0.01, 100.0, Scale::Log,
           "Curvature of the escape direction; small c makes the saddle flat and slow to leave."},
      },
      [](const ParamValues& v) { return std::make_unique<Saddle>(v.at("c")); },
  };
}

}  // namespace signlab
