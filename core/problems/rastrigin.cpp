// Rastrigin's function in 2-D: a quadratic bowl plus an egg-crate of local minima near the integers.
#include <cassert>
#include <cmath>
#include <numbers>

#include "core/problems/analytic2d.hpp"

namespace signlab {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
}

Rastrigin2D::Rastrigin2D(double A) : A_(A) {}

// A − A·cos(2πt) is written 2A·sin²(πt): the same function, but without the cancellation that would
// leave ~1e-15 of noise near the minimum, which a log-scale loss curve would show as a floor.
double Rastrigin2D::value(std::span<const double> x) const {
  assert(x.size() == 2);
  const double s0 = std::sin(std::numbers::pi * x[0]);
  const double s1 = std::sin(std::numbers::pi * x[1]);
  return x[0] * x[0] + x[1] * x[1] + 2.0 * A_ * (s0 * s0 + s1 * s1);
}

void Rastrigin2D::gradient(std::span<const double> x, std::span<double> g) const {
  assert(x.size() == 2 && g.size() == 2);
  g[0] = 2.0 * x[0] + kTwoPi * A_ * std::sin(kTwoPi * x[0]);
  g[1] = 2.0 * x[1] + kTwoPi * A_ * std::sin(kTwoPi * x[1]);
}

void Rastrigin2D::hessian(std::span<const double> x, std::span<double> H) const {
  assert(x.size() == 2 && H.size() == 4);
  const double k = kTwoPi * kTwoPi * A_;
  H[0] = 2.0 + k * std::cos(kTwoPi * x[0]);
  H[1] = 0.0;
  H[2] = 0.0;
  H[3] = 2.0 + k * std::cos(kTwoPi * x[1]);
}

// Several bumps away from the origin and off the diagonal: small steps get caught in a nearby local
// minimum, while noisy or large sign steps can hop across.
std::vector<double> Rastrigin2D::default_start() const { return {2.2, -1.7}; }

Box Rastrigin2D::default_view() const { return {-5.12, 5.12, -5.12, 5.12}; }

std::vector<std::vector<double>> Rastrigin2D::minimizers() const { return {{0.0, 0.0}}; }

ProblemInfo rastrigin_info() {
  return {
      "rastrigin",
      "2A + Σᵢ (xᵢ² − A·cos(2π xᵢ))",
      {
          {"A", 10.0, 0.0, 20.0, Scale::Linear,
           "Height of the ripples; 0 leaves a plain bowl, larger values trap more runs."},
      },
      [](const ParamValues& v) { return std::make_unique<Rastrigin2D>(v.at("A")); },
  };
}

}  // namespace signlab
