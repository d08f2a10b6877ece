#pragma once
// The loss sampled on a regular 2-D grid: what the heat map, contours and `signlab landscape` show.
#include <functional>
#include <optional>
#include <vector>

#include "core/problems/problem.hpp"

namespace signlab {

struct LandscapeGrid {
  Box box;                    // sample centres span [x0, x1] × [y0, y1]
  int nx = 0, ny = 0;
  std::vector<float> values;  // row-major, row 0 at y0 (lowest y)
  double fmin = 0, fmax = 0;  // over the finite samples
  double at(int i, int j) const { return values[static_cast<std::size_t>(j) * nx + i]; }
};

// The grid's loss at (x, y) by bilinear interpolation of the four surrounding samples; NaN outside the box.
double sample_grid(const LandscapeGrid& g, double x, double y);

// Samples a 2-D problem (or, for d > 2, the plane of the first two coordinates through `base`).
// Throws std::invalid_argument for sizes below 2 or an empty box.
LandscapeGrid compute_grid(const Problem& p, const Box& box, int nx, int ny,
                           const std::vector<double>& base = {});

// Told the share of the grid done (0..1] after every row (and, on a problem's own plane path, after every
// block of examples too); returning false stops the computation. A row is the unit because it is cheap to
// check and, for the costliest problems (one f in milliseconds), still short enough that a superseded grid
// stops within about a second.
using GridProgress = WorkProgress;

// As compute_grid, reporting progress; nullopt when `progress` asked to stop.
std::optional<LandscapeGrid> compute_grid_cancellable(const Problem& p, const Box& box, int nx, int ny,
                                                      const std::vector<double>& base, const GridProgress& progress);

}  // namespace signlab
