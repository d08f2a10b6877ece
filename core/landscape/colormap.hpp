#pragma once
// The colour map of heat maps and colour bars, and the log scale that maps losses onto it.
// Numerics only: the GL side (shaders/heatmap.frag) applies exactly the same formulas.
#include <cstdint>
#include <vector>

namespace signlab {

struct Rgb8 {
  std::uint8_t r = 0, g = 0, b = 0;
};

// A perceptual sequential map (viridis-like: dark violet → blue → green → yellow), built by linear
// interpolation in RGB between a handful of viridis anchor colours. t is clamped to [0, 1]; NaN gives 0.
Rgb8 colormap_rgb(double t);

// n colours (n >= 2; smaller n gives 2) sampled at t = i / (n - 1), as n RGB float triples in [0, 1]
// (3n floats): the 1-D texture the heat map shader looks up.
std::vector<float> colormap_table(int n);

// Log scaling of losses onto t ∈ [0, 1]:
//   t(f) = (log10(f − fmin + delta) − log_lo) / (log_hi − log_lo),
// with log_lo = log10(delta) and log_hi = log10(range + delta), so t(fmin) = 0 and t(fmax) = 1.
// The shift by fmin lets losses that go negative (the saddle x² − y²) map too.
struct LossScale {
  double fmin = 0.0;
  double delta = 1e-5;
  double log_lo = -5.0;
  double log_hi = 0.0;

  // t of a loss value, clamped to [0, 1] (values below fmin and NaN give 0, above fmax give 1).
  double t(double f) const;
  // The loss value at t (t clamped to [0, 1]): the inverse of t(), used for colour-bar labels.
  double value_at(double t) const;
  // The largest loss value of the scale (value_at(1)).
  double fmax() const { return value_at(1.0); }
};

// The scale of a grid whose finite values span [grid_min, grid_max]:
//   fmin = grid_min, delta = max(1e-12·max(1, |range|), 1e-5·range), range = grid_max − grid_min.
// A flat grid (range 0) still gives a valid scale (everything maps to t = 0); non-finite or
// reversed bounds are treated as the range [0, 1].
LossScale make_loss_scale(double grid_min, double grid_max);

}  // namespace signlab
