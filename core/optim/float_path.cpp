#include "core/optim/float_path.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/kernels/kernels.hpp"

namespace signlab {

namespace {

struct RuleName {
  FloatRule rule;
  const char* name;
};
constexpr RuleName kRuleNames[] = {
    {FloatRule::Sgd, "sgd"},         {FloatRule::Momentum, "momentum"}, {FloatRule::Adam, "adam"},
    {FloatRule::AdamW, "adamw"},     {FloatRule::SignSgd, "signsgd"},   {FloatRule::Signum, "signum"},
    {FloatRule::Lion, "lion"},       {FloatRule::Ssvr, "ssvr"},
};

double get(const ParamValues& values, const char* name, FloatRule rule) {
  const auto it = values.find(name);
  if (it == values.end()) {
    throw std::invalid_argument(std::string("FloatOptimizer(") + float_rule_name(rule) + "): missing parameter '" +
                                name + "'");
  }
  return it->second;
}

}  // namespace

const char* float_rule_name(FloatRule rule) {
  for (const RuleName& r : kRuleNames) {
    if (r.rule == rule) return r.name;
  }
  return "?";
}

std::optional<FloatRule> float_rule_from_name(std::string_view name) {
  for (const RuleName& r : kRuleNames) {
    if (name == r.name) return r.rule;
  }
  return std::nullopt;
}

FloatOptimizer::FloatOptimizer(FloatRule rule, std::size_t d, const ParamValues& values) : rule_(rule) {
  configure(values);
  reset(d);
}

void FloatOptimizer::configure(const ParamValues& values) {
  lr_ = get(values, "lr", rule_);
  switch (rule_) {
    case FloatRule::Sgd:
    case FloatRule::SignSgd:
      break;
    case FloatRule::Momentum:
      mu_ = get(values, "mu", rule_);
      nesterov_ = get(values, "nesterov", rule_) != 0.0;
      break;
    case FloatRule::Adam:
    case FloatRule::AdamW:
      beta1_ = get(values, "beta1", rule_);
      beta2_ = get(values, "beta2", rule_);
      eps_ = get(values, "eps", rule_);
      wd_ = get(values, "wd", rule_);
      // torch evaluates β^t with the current β: recompute the products for the steps taken.
      beta1_pow_ = std::pow(beta1_, static_cast<double>(t_));
      beta2_pow_ = std::pow(beta2_, static_cast<double>(t_));
      break;
    case FloatRule::Signum:
      beta_ = get(values, "beta", rule_);
      wd_ = get(values, "wd", rule_);
      break;
    case FloatRule::Lion:
      beta1_ = get(values, "beta1", rule_);
      beta2_ = get(values, "beta2", rule_);
      wd_ = get(values, "wd", rule_);
      break;
    case FloatRule::Ssvr:
      beta_ = get(values, "beta", rule_);
      break;
  }
}

void FloatOptimizer::reset(std::size_t d) {
  d_ = d;
  t_ = 0;
  beta1_pow_ = beta2_pow_ = 1.0;
  const bool one = rule_ != FloatRule::Sgd && rule_ != FloatRule::SignSgd;
  const bool two = rule_ == FloatRule::Adam || rule_ == FloatRule::AdamW;
  s1_.assign(one ? d : 0, 0.0f);
  s2_.assign(two ? d : 0, 0.0f);
}

void FloatOptimizer::step(std::span<float> params, std::span<const float> grad) {
  if (rule_ == FloatRule::Ssvr && t_ > 0) {
    throw std::logic_error("FloatOptimizer: ssvr needs the previous point's gradient: use step(p, g, g_prev)");
  }
  step(params, grad, {});
}

void FloatOptimizer::step(std::span<float> params, std::span<const float> grad, std::span<const float> grad_prev) {
  if (params.size() != d_ || grad.size() != d_) throw std::invalid_argument("FloatOptimizer::step: size mismatch");
  float* p = params.data();
  const float* g = grad.data();
  const std::size_t n = d_;
  const float lr = static_cast<float>(lr_);
  ++t_;
  switch (rule_) {
    case FloatRule::Sgd:
      kernels::sgd(p, g, n, lr, threads_);
      break;
    case FloatRule::Momentum:
      kernels::momentum(p, s1_.data(), g, n, lr, static_cast<float>(mu_), nesterov_, threads_);
      break;
    case FloatRule::Adam:
    case FloatRule::AdamW: {
      beta1_pow_ *= beta1_;
      beta2_pow_ *= beta2_;
      kernels::AdamScalars s;
      s.beta1 = static_cast<float>(beta1_);
      s.beta2 = static_cast<float>(beta2_);
      s.eps = static_cast<float>(eps_);
      s.step_size = static_cast<float>(lr_ / (1.0 - beta1_pow_));
      s.bc2_sqrt = static_cast<float>(std::sqrt(1.0 - beta2_pow_));
      const bool decoupled = rule_ == FloatRule::AdamW;
      s.l2_wd = decoupled ? 0.0f : static_cast<float>(wd_);
      s.shrink = decoupled ? static_cast<float>(1.0 - lr_ * wd_) : 1.0f;
      kernels::adam(p, s1_.data(), s2_.data(), g, n, s, threads_);
      break;
    }
    case FloatRule::SignSgd:
      kernels::signsgd(p, g, n, lr, threads_);
      break;
    case FloatRule::Signum:
      kernels::signum(p, s1_.data(), g, n, lr, static_cast<float>(beta_), static_cast<float>(wd_), threads_);
      break;
    case FloatRule::Lion:
      kernels::lion(p, s1_.data(), g, n, lr, static_cast<float>(beta1_), static_cast<float>(beta2_),
                    static_cast<float>(1.0 - lr_ * wd_), threads_);
      break;
    case FloatRule::Ssvr:
      if (t_ == 1) {  // v_1 = ∇f(x_1; ξ_1)
        std::copy(g, g + n, s1_.begin());
        kernels::signsgd(p, g, n, lr, threads_);
      } else {
        if (grad_prev.size() != d_) throw std::invalid_argument("FloatOptimizer::step: ssvr needs grad_prev");
        kernels::ssvr(p, s1_.data(), g, grad_prev.data(), n, lr, static_cast<float>(beta_), threads_);
      }
      break;
  }
}

}  // namespace signlab
