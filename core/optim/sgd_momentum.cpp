#include "core/optim/sgd_momentum.hpp"

#include <cassert>
#include <cstddef>
#include <memory>

namespace signlab {

void Sgd::reset(int d) { g_.assign(static_cast<std::size_t>(d), 0.0); }

void Sgd::configure(const ParamValues& values) { lr_ = values.at("lr"); }

void Sgd::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  // Locals, so the compiler need not reload members after each store through x.
  const double lr = lr_;
  const double* g = g_.data();
  const std::size_t n = g_.size();
  for (std::size_t i = 0; i < n; ++i) x[i] -= lr * g[i];
}

void Momentum::reset(int d) {
  g_.assign(static_cast<std::size_t>(d), 0.0);
  b_.assign(static_cast<std::size_t>(d), 0.0);
}

void Momentum::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  mu_ = values.at("mu");
  nesterov_ = values.at("nesterov") != 0.0;
}

void Momentum::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  const double lr = lr_;
  const double mu = mu_;
  const bool nesterov = nesterov_;
  const double* g = g_.data();
  double* b = b_.data();
  const std::size_t n = g_.size();
  for (std::size_t i = 0; i < n; ++i) {
    b[i] = mu * b[i] + g[i];
    // torch's Nesterov form: look ahead along the freshly updated buffer.
    const double dir = nesterov ? g[i] + mu * b[i] : b[i];
    x[i] -= lr * dir;
  }
}

namespace {

ParamSpec lr_param(double def) {
  return {"lr", def, 1e-8, 10.0, Scale::Log, "Step size: the update is lr times the search direction."};
}

}  // namespace

OptimizerInfo sgd_info() {
  return optimizer_entry<Sgd>(
      "sgd", "SGD",
      "x ← x − lr·g",
      "exact", "",
      {lr_param(1e-3)});
}

OptimizerInfo momentum_info() {
  return optimizer_entry<Momentum>(
      "momentum", "Momentum",
      "b ← μ·b + g; x ← x − lr·b (nesterov: x ← x − lr·(g + μ·b))",
      "exact", "",
      {lr_param(1e-3),
       {"mu", 0.9, 0.0, 0.9999, Scale::Linear,
        "Momentum μ: the fraction of the previous buffer b kept at each step."},
       {"nesterov", 0.0, 0.0, 1.0, Scale::Toggle,
        "When on, step along g + μ·b (Nesterov's look-ahead) instead of along b."}});
}

}  // namespace signlab
