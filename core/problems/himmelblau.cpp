// Himmelblau's function: four basins, so which minimum a run reaches depends on the optimizer.
#include <cassert>

#include "core/problems/analytic2d.hpp"

namespace signlab {

double Himmelblau::value(std::span<const double> x) const {
  assert(x.size() == 2);
  const double u = x[0] * x[0] + x[1] - 11.0;
  const double v = x[0] + x[1] * x[1] - 7.0;
  return u * u + v * v;
}

void Himmelblau::gradient(std::span<const double> x, std::span<double> g) const {
  assert(x.size() == 2 && g.size() == 2);
  const double u = x[0] * x[0] + x[1] - 11.0;
  const double v = x[0] + x[1] * x[1] - 7.0;
  g[0] = 4.0 * x[0] * u + 2.0 * v;
  g[1] = 2.0 * u + 4.0 * x[1] * v;
}

void Himmelblau::hessian(std::span<const double> x, std::span<double> H) const {
  assert(x.size() == 2 && H.size() == 4);
  const double xy = 4.0 * (x[0] + x[1]);
  H[0] = 12.0 * x[0] * x[0] + 4.0 * x[1] - 42.0;
  H[1] = xy;
  H[2] = xy;
  H[3] = 12.0 * x[1] * x[1] + 4.0 * x[0] - 26.0;
}

// Near the central maximum, where the gradient points mostly along x: gradient descent follows it to
// (3.58, −1.85), while sign descent moves diagonally and lands in the (3, 2) basin.
std::vector<double> Himmelblau::default_start() const { return {0.5, -0.5}; }

Box Himmelblau::default_view() const { return {-5.0, 5.0, -5.0, 5.0}; }

// The three irrational minima were polished by Newton's method in 50-digit arithmetic; these are the
// nearest doubles (the gradient there is at rounding level).
std::vector<std::vector<double>> Himmelblau::minimizers() const {
  return {{3.0, 2.0},
          {-2.805118086952745, 3.131312518250573},
          {-3.779310253377747, -3.2831859912861696},
          {3.5844283403304917, -1.8481265269644036}};
}

ProblemInfo himmelblau_info() {
  return {
      "himmelblau",
      "(x² + y − 11)² + (x + y² − 7)²",
      {},
      [](const ParamValues&) { return std::make_unique<Himmelblau>(); },
  };
}

}  // namespace signlab
