#pragma once
// The half-range of a diverging colour map (−s blue, 0 white, +s red) for a matrix such as a Hessian.
// Scaling by max|H_ij| leaves a matrix whose largest entry stands far above the rest almost all white
// (the 50-d quadratic: λ_max = 20, most |H_ij| below 1): s is instead a high quantile of the entries
// that are not negligible, so most of the structure shows and the few largest entries saturate.
#include <cstddef>

namespace signlab {

struct DivergingScale {
  double scale = 1.0;           // s > 0: entries with |v| ≥ s get the end colours
  double max_abs = 0.0;         // max |v| over the finite entries
  double saturated_share = 0.0; // share of the finite entries with |v| > s
  double quantile = 0.98;       // the quantile s is (of the non-negligible |v|)
  bool all_zero = true;         // no finite non-zero entry: s = 1, everything white
};

// s = the `quantile` of |v| over the finite entries with |v| > 1e-12·max|v| (exact zeros, the bulk of
// a sparse or diagonal H, do not count), and at least 1e-3·max|v|. The entries
// are data[i + j·ld] for i < rows, j < cols (column-major); above 2^20 entries an even sample of 2^20
// decides s (max_abs and saturated_share still count every entry).
DivergingScale diverging_scale(const double* data, int rows, int cols, int ld, double quantile = 0.98);

// The half-width of a square view that holds vectors of ℓ∞ length up to `largest`: `largest` padded by
// 10 % and rounded up to 1, 2 or 5 × 10^k, so the axis labels are round numbers. 0 for a non-positive
// or non-finite `largest` (nothing to scale by).
double view_half_width(double largest);

}  // namespace signlab
