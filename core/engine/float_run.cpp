#include "core/engine/float_run.hpp"

#include <algorithm>
#include <cmath>

#include "core/kernels/kernels.hpp"

namespace signlab {

FloatRun::FloatRun(FloatRule rule, const ParamValues& values, std::span<const double> start)
    : opt_(rule, start.size(), values), x_(start.begin(), start.end()), g_(start.size(), 0.0f) {
  if (rule == FloatRule::Ssvr) g_prev_.assign(start.size(), 0.0f);
}

void FloatRun::step(const Problem& p, Oracle& oracle) {
  const bool ssvr = opt_.rule() == FloatRule::Ssvr;
  const bool two = ssvr && opt_.steps() > 0;
  if (!oracle.stochastic()) {
    if (!metrics_) p.gradient_f(x_, g_);  // the metrics at x_ already left ∇f(x_) in g_
    opt_.step(x_, g_, g_prev_);  // g_prev_ is empty unless ssvr (ignored by the other rules)
    if (ssvr) std::swap(g_, g_prev_);  // ∇f(x_t) is the next step's ∇f(x_{t−1})
  } else {
    const std::uint64_t xi = oracle.draw_sample();
    p.gradient_f(x_, g_);
    oracle.noise_field().add_gradient_noise(xi, std::span<const float>(x_), std::span<float>(g_));
    if (two) {
      p.gradient_f(x_prev_, g_prev_);
      oracle.noise_field().add_gradient_noise(xi, std::span<const float>(x_prev_), std::span<float>(g_prev_));
    }
    if (ssvr) x_prev_ = x_;
    opt_.step(x_, g_, g_prev_);
  }
  oracle.charge_gradients(two ? 2 : 1);
  metrics_.reset();
}

double FloatRun::max_abs() const { return kernels::linf_norm(x_.data(), x_.size()); }

FloatMetrics FloatRun::metrics(const Problem& p) {
  if (metrics_) return *metrics_;
  // The exact ∇f at x_t (instrumentation, not charged); with an exact oracle it is also the next step's.
  FloatMetrics m;
  m.loss = p.value_and_gradient_f(x_, g_);
  m.grad_l2 = kernels::l2_norm(g_.data(), g_.size());
  m.grad_l1 = kernels::l1_norm(g_.data(), g_.size());
  metrics_ = m;
  return m;
}

std::vector<double> FloatRun::head(std::size_t k) const {
  return std::vector<double>(x_.begin(), x_.begin() + static_cast<std::ptrdiff_t>(std::min(k, x_.size())));
}

void FloatRun::copy_to(std::vector<double>& out) const { out.assign(x_.begin(), x_.end()); }

}  // namespace signlab
