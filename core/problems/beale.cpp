// Beale's function: Σ_{i=1..3} t_i² with t_i = c_i − x + x·yⁱ. Flat plateaus next to walls that grow
// like y⁶, so step sizes that suit one region overshoot in another.
#include <cassert>

#include "core/problems/analytic2d.hpp"

namespace signlab {

namespace {
struct BealeTerms {
  double y2, y3, t1, t2, t3;
};
BealeTerms beale_terms(double x, double y) {
  const double y2 = y * y, y3 = y2 * y;
  return {y2, y3, 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3};
}
}  // namespace

double Beale::value(std::span<const double> x) const {
  assert(x.size() == 2);
  const BealeTerms t = beale_terms(x[0], x[1]);
  return t.t1 * t.t1 + t.t2 * t.t2 + t.t3 * t.t3;
}

// ∂t_i/∂x = yⁱ − 1, ∂t_i/∂y = i·x·yⁱ⁻¹.
void Beale::gradient(std::span<const double> x, std::span<double> g) const {
  assert(x.size() == 2 && g.size() == 2);
  const double px = x[0], y = x[1];
  const BealeTerms t = beale_terms(px, y);
  g[0] = 2.0 * (t.t1 * (y - 1.0) + t.t2 * (t.y2 - 1.0) + t.t3 * (t.y3 - 1.0));
  g[1] = 2.0 * px * (t.t1 + 2.0 * y * t.t2 + 3.0 * t.y2 * t.t3);
}

void Beale::hessian(std::span<const double> x, std::span<double> H) const {
  assert(x.size() == 2 && H.size() == 4);
  const double px = x[0], y = x[1];
  const BealeTerms t = beale_terms(px, y);
  const double d1 = y - 1.0, d2 = t.y2 - 1.0, d3 = t.y3 - 1.0;  // ∂t_i/∂x
  const double s = t.t1 + 2.0 * y * t.t2 + 3.0 * t.y2 * t.t3;   // g[1] = 2x·s
  const double xy = 2.0 * s + 2.0 * px * (d1 + 2.0 * y * d2 + 3.0 * t.y2 * d3);
  H[0] = 2.0 * (d1 * d1 + d2 * d2 + d3 * d3);
  H[1] = xy;
  H[2] = xy;
  // ∂s/∂y = x + 2(t2 + 2x·y²) + 3(2y·t3 + 3x·y⁴)
  H[3] = 2.0 * px * (px + 2.0 * t.t2 + 4.0 * px * t.y2 + 6.0 * y * t.t3 + 9.0 * px * t.y2 * t.y2);
}

// On the slope above the valley (f ≈ 41, clear of the critical point at (0, 1) and the plateau at
// x < 0): runs bend into the curved valley and crawl along it to (3, 0.5).
std::vector<double> Beale::default_start() const { return {1.0, 1.5}; }

Box Beale::default_view() const { return {-4.5, 4.5, -4.5, 4.5}; }

std::vector<std::vector<double>> Beale::minimizers() const { return {{3.0, 0.5}}; }

ProblemInfo beale_info() {
  return {
      "beale",
      "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
      {},
      [](const ParamValues&) { return std::make_unique<Beale>(); },
  };
}

}  // namespace signlab
