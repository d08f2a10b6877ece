#pragma once
// The float32 path of the elementwise optimizers, for high-dimensional problems (d from 10³ to 10⁸): the
// same rules as the double path (core/optim/*.cpp, ../shared/ALGORITHMS.md), each step one fused pass of a
// SIMD kernel (core/kernels/kernels.hpp) over params, gradient and state; large d goes to the kernel
// thread pool. Hyperparameters use the registry's names and values (ParamValues), so a SPEC such as
// "lion:lr=1e-3" configures both paths alike. The caller owns params and computes the gradient.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/param_spec.hpp"

namespace signlab {

enum class FloatRule { Sgd, Momentum, Adam, AdamW, SignSgd, Signum, Lion, Ssvr };

// The registry name of a rule ("sgd", ..., "ssvr"), and back (nullopt for optimizers without a float rule).
const char* float_rule_name(FloatRule rule);
std::optional<FloatRule> float_rule_from_name(std::string_view name);

class FloatOptimizer {
 public:
  // `values` as the registry resolves them (every parameter of the optimizer present).
  FloatOptimizer(FloatRule rule, std::size_t d, const ParamValues& values);

  // Reads the hyperparameters; keeps the state (a slider acts on the next step), like Optimizer::configure.
  void configure(const ParamValues& values);
  // Sizes the state for d and zeroes it and the step count.
  void reset(std::size_t d);

  // One update of params in place from the gradient at params. Not for ssvr (it needs two gradients).
  void step(std::span<float> params, std::span<const float> grad);
  // ssvr: grad = ∇f(x_t; ξ_t), grad_prev = ∇f(x_{t−1}; ξ_t) on the same sample (ignored on the first step,
  // where v_1 = grad). Other rules ignore grad_prev.
  void step(std::span<float> params, std::span<const float> grad, std::span<const float> grad_prev);

  FloatRule rule() const { return rule_; }
  std::size_t dim() const { return d_; }
  std::int64_t steps() const { return t_; }
  // The state buffers: momentum/first moment (momentum, adam, signum, lion; ssvr's estimator v), and the
  // second moment (adam). Empty when the rule has none.
  std::span<const float> first_state() const { return s1_; }
  std::span<const float> second_state() const { return s2_; }

  // Threads for the kernels: 0 = automatic (pool above kernels::kParallelThreshold), 1 = this thread only.
  void set_threads(unsigned threads) { threads_ = threads; }

 private:
  FloatRule rule_;
  std::size_t d_ = 0;
  std::int64_t t_ = 0;
  unsigned threads_ = 0;
  // Hyperparameters in double as configured; cast to float per step.
  double lr_ = 0, mu_ = 0, beta1_ = 0, beta2_ = 0, eps_ = 0, wd_ = 0, beta_ = 0;
  bool nesterov_ = false;
  double beta1_pow_ = 1.0, beta2_pow_ = 1.0;  // β^t as running products, as the double path keeps them
  std::vector<float> s1_, s2_;
};

}  // namespace signlab
