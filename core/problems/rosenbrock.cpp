// Rosenbrock's banana valley, generalised to (a − x)² + b·(y − x²)².
#include <algorithm>
#include <cassert>

#include "core/problems/analytic2d.hpp"

namespace signlab {

Rosenbrock::Rosenbrock(double a, double b) : a_(a), b_(b) {}

double Rosenbrock::value(std::span<const double> x) const {
  assert(x.size() == 2);
  const double u = a_ - x[0];
  const double v = x[1] - x[0] * x[0];
  return u * u + b_ * v * v;
}

void Rosenbrock::gradient(std::span<const double> x, std::span<double> g) const {
  assert(x.size() == 2 && g.size() == 2);
  const double v = x[1] - x[0] * x[0];
  g[0] = -2.0 * (a_ - x[0]) - 4.0 * b_ * x[0] * v;
  g[1] = 2.0 * b_ * v;
}

void Rosenbrock::hessian(std::span<const double> x, std::span<double> H) const {
  assert(x.size() == 2 && H.size() == 4);
  const double xy = -4.0 * b_ * x[0];
  H[0] = 2.0 - 4.0 * b_ * x[1] + 12.0 * b_ * x[0] * x[0];
  H[1] = xy;
  H[2] = xy;
  H[3] = 2.0 * b_;
}

// Left of the valley and above it: runs first drop into the valley, then race along its curved
// floor, which is where momentum and sign methods visibly differ.
std::vector<double> Rosenbrock::default_start() const { return {-1.5, 2.0}; }

// The usual frame, grown when `a` moves the minimiser (a, a²) out of it.
Box Rosenbrock::default_view() const {
  return {-2.0, std::max(2.0, a_ + 0.5), -1.0, std::max(3.0, a_ * a_ + 1.0)};
}

std::vector<std::vector<double>> Rosenbrock::minimizers() const { return {{a_, a_ * a_}}; }

ProblemInfo rosenbrock_info() {
  return {
      "rosenbrock",
      "(a − x)² + b·(y − x²)²",
      {
          {"a", 1.0, 0.1, 5.0, Scale::Linear, "Position of the minimum (a, a²)."},
          {"b", 100.0, 1.0, 1000.0, Scale::Log,
           "Steepness of the valley walls; larger b means a worse-conditioned valley."},
      },
      [](const ParamValues& v) { return std::make_unique<Rosenbrock>(v.at("a"), v.at("b")); },
  };
}

}  // namespace signlab
