#include "core/landscape/grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace signlab {

double sample_grid(const LandscapeGrid& g, double x, double y) {
  if (g.nx < 2 || g.ny < 2 || !(x >= g.box.x0 && x <= g.box.x1 && y >= g.box.y0 && y <= g.box.y1))
    return std::numeric_limits<double>::quiet_NaN();
  const double u = (x - g.box.x0) / (g.box.x1 - g.box.x0) * (g.nx - 1);
  const double v = (y - g.box.y0) / (g.box.y1 - g.box.y0) * (g.ny - 1);
  const int i = std::min(static_cast<int>(u), g.nx - 2), j = std::min(static_cast<int>(v), g.ny - 2);
  const double a = u - i, b = v - j;
  return (1 - a) * (1 - b) * g.at(i, j) + a * (1 - b) * g.at(i + 1, j) + (1 - a) * b * g.at(i, j + 1) +
         a * b * g.at(i + 1, j + 1);
}

LandscapeGrid compute_grid(const Problem& p, const Box& box, int nx, int ny, const std::vector<double>& base) {
  return *compute_grid_cancellable(p, box, nx, ny, base, {});
}

std::optional<LandscapeGrid> compute_grid_cancellable(const Problem& p, const Box& box, int nx, int ny,
                                                      const std::vector<double>& base, const GridProgress& progress) {
  if (nx < 2 || ny < 2) throw std::invalid_argument("grid needs at least 2×2 samples");
  if (!(box.x1 > box.x0) || !(box.y1 > box.y0)) throw std::invalid_argument("grid range is empty");
  if (p.dim() < 2) throw std::invalid_argument("a landscape needs a problem of dimension 2 or more");
  std::vector<double> x = base;
  x.resize(p.dim(), 0.0);
  LandscapeGrid g;
  g.box = box;
  g.nx = nx;
  g.ny = ny;
  g.values.resize(static_cast<std::size_t>(nx) * ny);
  g.fmin = std::numeric_limits<double>::infinity();
  g.fmax = -std::numeric_limits<double>::infinity();
  auto record = [&g](std::size_t k, double f) {
    g.values[k] = static_cast<float>(f);
    if (std::isfinite(f)) {
      g.fmin = std::min(g.fmin, f);
      g.fmax = std::max(g.fmax, f);
    }
  };
  auto finish = [&g] {
    if (!std::isfinite(g.fmin)) g.fmin = g.fmax = 0;
  };
  // A problem that evaluates its whole plane faster than point by point (Problem::plane_values).
  if (p.dim() > 2) {
    std::vector<double> xs(static_cast<std::size_t>(nx)), ys(static_cast<std::size_t>(ny)), plane(g.values.size());
    for (int i = 0; i < nx; ++i) xs[static_cast<std::size_t>(i)] = box.x0 + (box.x1 - box.x0) * i / (nx - 1);
    for (int j = 0; j < ny; ++j) ys[static_cast<std::size_t>(j)] = box.y0 + (box.y1 - box.y0) * j / (ny - 1);
    const PlaneResult r = p.plane_values(x, xs, ys, plane, progress);
    if (r == PlaneResult::Stopped) return std::nullopt;
    if (r == PlaneResult::Done) {
      for (std::size_t k = 0; k < plane.size(); ++k) record(k, plane[k]);
      finish();
      return g;
    }
  }
  // A sum over coordinates is the terms of x0 and x1 plus a constant rest: O(d) once, then O(1) a point.
  double t0 = 0, t1 = 0, rest = 0;
  const bool split = p.dim() > 2 && p.separable_term(0, x[0], t0) && p.separable_term(1, x[1], t1);
  if (split) rest = p.value(x) - t0 - t1;
  auto value_at = [&](double a, double b) {
    if (!split) {
      x[0] = a;
      x[1] = b;
      return p.value(x);
    }
    double fa = 0, fb = 0;
    p.separable_term(0, a, fa);
    p.separable_term(1, b, fb);
    return rest + fa + fb;
  };
  for (int j = 0; j < ny; ++j) {
    const double y = box.y0 + (box.y1 - box.y0) * j / (ny - 1);
    for (int i = 0; i < nx; ++i) {
      record(static_cast<std::size_t>(j) * nx + i, value_at(box.x0 + (box.x1 - box.x0) * i / (nx - 1), y));
    }
    if (progress && !progress(static_cast<double>(j + 1) / ny)) return std::nullopt;
  }
  finish();
  return g;
}

}  // namespace signlab
