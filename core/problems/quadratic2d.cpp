// The 2-D quadratic with a chosen condition number and eigenbasis rotation.
#include "core/problems/quadratic2d.hpp"

#include <cassert>
#include <cmath>
#include <numbers>

namespace signlab {

// R·diag(cond, 1)·Rᵀ with R the rotation by θ, written out entry by entry.
Quadratic2D::Quadratic2D(double cond, double angle_deg) {
  const double th = angle_deg * std::numbers::pi / 180.0;
  const double c = std::cos(th), s = std::sin(th);
  cos_ = c;
  sin_ = s;
  cond_ = cond;
  hxx_ = cond * c * c + s * s;
  hxy_ = (cond - 1.0) * c * s;
  hyy_ = cond * s * s + c * c;
}

// Summed in the eigenbasis, ½(cond·p² + q²): two non-negative terms, so the value never cancels to
// noise or goes negative near the minimum (the expanded xᵀHx loses ~cond·eps there).
double Quadratic2D::value(std::span<const double> x) const {
  assert(x.size() == 2);
  const double p = cos_ * x[0] + sin_ * x[1];
  const double q = cos_ * x[1] - sin_ * x[0];
  return 0.5 * (cond_ * p * p + q * q);
}

void Quadratic2D::gradient(std::span<const double> x, std::span<double> g) const {
  assert(x.size() == 2 && g.size() == 2);
  g[0] = hxx_ * x[0] + hxy_ * x[1];
  g[1] = hxy_ * x[0] + hyy_ * x[1];
}

void Quadratic2D::hessian(std::span<const double> x, std::span<double> H) const {
  assert(x.size() == 2 && H.size() == 4);
  (void)x;
  H[0] = hxx_;
  H[1] = hxy_;
  H[2] = hxy_;
  H[3] = hyy_;
}

// Off both eigen-axes for every angle in the range, so the run shows the zig-zag across the
// steep direction and the slow drift along the flat one.
std::vector<double> Quadratic2D::default_start() const { return {-1.5, 1.0}; }

Box Quadratic2D::default_view() const { return {-2.0, 2.0, -2.0, 2.0}; }

std::vector<std::vector<double>> Quadratic2D::minimizers() const { return {{0.0, 0.0}}; }

ProblemInfo quadratic_info() {
  return {
      "quadratic",
      "½·xᵀHx,  H = R(angle)·diag(cond, 1)·R(angle)ᵀ  (eigenvalues cond and 1)",
      {
          {"cond", 10.0, 1.0, 1e4, Scale::Log,
           "Condition number: the largest Hessian eigenvalue; the smallest is 1."},
          {"angle", 30.0, -90.0, 90.0, Scale::Linear,
           "Angle in degrees from the x axis to the steep eigenvector; 0 makes H diagonal."},
      },
      [](const ParamValues& v) { return std::make_unique<Quadratic2D>(v.at("cond"), v.at("angle")); },
  };
}

}  // namespace signlab
