#include "core/optim/adam.hpp"

#include <cassert>
#include <cmath>
#include <cstddef>
#include <memory>

namespace signlab {

void Adam::reset(int d) {
  const auto n = static_cast<std::size_t>(d);
  g_.assign(n, 0.0);
  m_.assign(n, 0.0);
  v_.assign(n, 0.0);
  t_ = 0;
  beta1_pow_ = 1.0;
  beta2_pow_ = 1.0;
}

void Adam::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  beta1_ = values.at("beta1");
  beta2_ = values.at("beta2");
  eps_ = values.at("eps");
  wd_ = values.at("wd");
  // A beta changed mid-run: torch evaluates beta^t with the current beta, so recompute the products.
  beta1_pow_ = std::pow(beta1_, static_cast<double>(t_));
  beta2_pow_ = std::pow(beta2_, static_cast<double>(t_));
}

void Adam::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  ++t_;
  beta1_pow_ *= beta1_;
  beta2_pow_ *= beta2_;

  const double b1 = beta1_, b2 = beta2_, eps = eps_;
  // torch folds the first bias correction into the step size and divides √v by √(1 − β2^t).
  const double step_size = lr_ / (1.0 - beta1_pow_);
  const double bc2_sqrt = std::sqrt(1.0 - beta2_pow_);
  // Like torch, skip the L2 term when wd = 0 and always apply the (possibly unit) shrink for adamw.
  const bool l2 = decay_ == Decay::L2 && wd_ != 0.0;
  const double l2_wd = wd_;
  const double shrink = decay_ == Decay::Decoupled ? 1.0 - lr_ * wd_ : 1.0;

  const double* g = g_.data();
  double* m = m_.data();
  double* v = v_.data();
  const std::size_t n = g_.size();
  for (std::size_t i = 0; i < n; ++i) {
    double gi = g[i];
    if (l2) gi += l2_wd * x[i];
    m[i] = b1 * m[i] + (1.0 - b1) * gi;
    v[i] = b2 * v[i] + (1.0 - b2) * gi * gi;
    const double denom = std::sqrt(v[i]) / bc2_sqrt + eps;
    x[i] = x[i] * shrink - step_size * (m[i] / denom);
  }
}

namespace {

std::vector<ParamSpec> adam_params(double wd_default, const char* wd_help) {
  return {
      {"lr", 1e-3, 1e-8, 10.0, Scale::Log,
       "Step size: roughly the largest distance a coordinate moves per step."},
      {"beta1", 0.9, 0.0, 0.9999, Scale::Linear,
       "Decay rate of m, the running mean of gradients (first moment)."},
      {"beta2", 0.999, 0.0, 0.99999, Scale::Linear,
       "Decay rate of v, the running mean of squared gradients (second moment)."},
      {"eps", 1e-8, 1e-12, 1.0, Scale::Log,
       "Added to √v̂ in the denominator so that tiny gradients do not produce huge steps."},
      {"wd", wd_default, 0.0, 1.0, Scale::Linear, wd_help},
  };
}

}  // namespace

OptimizerInfo adam_info() {
  return optimizer_entry<Adam>(
      "adam", "Adam",
      "g ← g + wd·x; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; "
      "x ← x − lr·m̂/(√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t)",
      "exact", "",
      adam_params(0.0, "L2 penalty: wd·x is added to the gradient before the moments (torch Adam)."),
      Adam::Decay::L2);
}

OptimizerInfo adamw_info() {
  return optimizer_entry<Adam>(
      "adamw", "AdamW",
      "x ← x·(1 − lr·wd); m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; "
      "x ← x − lr·m̂/(√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t)",
      "exact", "",
      adam_params(1e-2, "Decoupled weight decay: x is scaled by (1 − lr·wd) before each Adam step."),
      Adam::Decay::Decoupled);
}

}  // namespace signlab
