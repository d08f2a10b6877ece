#pragma once
// The float32 path of a run on a high-dimensional problem (d ≥ kFloatPathMinDim):
// params, gradient and state in float; each step is one float gradient (Problem::gradient_f) and one fused
// SIMD kernel pass (core/optim/float_path.hpp, core/kernels), large d split over the kernel thread pool.
// The double path (core/optim/*.cpp) implements the same rules; tests/core/float_run_test.cpp holds the
// two equal on a shared problem.
//
// With an exact oracle, gradients are reused, never recomputed: the metrics at x_t (loss, ‖g‖) need
// ∇f(x_t), which is also the gradient of the next step, and SSVR's ∇f(x_{t−1}) on the same sample is the
// previous step's gradient. With a stochastic oracle each step draws its sample from the oracle in the
// double path's order (SSVR evaluates x_t and x_{t−1} on one sample) and adds the same noise. Either way
// the oracle is charged what the rule asks for (SSVR: 2 gradients a step after the first), so `evals`
// compares runs fairly with the double path.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/optim/float_path.hpp"
#include "core/optim/optimizer.hpp"
#include "core/problems/problem.hpp"

namespace signlab {

inline constexpr int kFloatPathMinDim = 1000;

struct FloatMetrics {
  double loss = 0, grad_l2 = 0, grad_l1 = 0;
};

class FloatRun {
 public:
  FloatRun(FloatRule rule, const ParamValues& values, std::span<const double> start);

  void configure(const ParamValues& values) { opt_.configure(values); }
  // One step on p, drawing samples from and charging the gradients to `oracle` (which must be on p).
  void step(const Problem& p, Oracle& oracle);
  // max_i |x_i| (NaN if any coordinate is NaN): the divergence test, one read-only kernel pass.
  double max_abs() const;
  // Loss and gradient norms at the current point (computed once per point; the gradient is kept for the
  // next step).
  FloatMetrics metrics(const Problem& p);

  std::size_t dim() const { return x_.size(); }
  float coord(std::size_t i) const { return x_[i]; }
  std::span<const float> x() const { return x_; }
  std::vector<double> head(std::size_t k) const;  // the first min(k, d) coordinates
  void copy_to(std::vector<double>& out) const;  // the whole point, widened to double

 private:
  FloatOptimizer opt_;
  std::vector<float> x_, g_, g_prev_;
  std::vector<float> x_prev_;  // SSVR with a stochastic oracle: x_{t−1}, evaluated on x_t's sample
  std::optional<FloatMetrics> metrics_;  // at x_; while set, g_ holds the exact ∇f(x_)
};

}  // namespace signlab
