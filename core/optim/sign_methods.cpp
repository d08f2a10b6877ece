#include "core/optim/sign_methods.hpp"

#include <cassert>
#include <cstddef>
#include <memory>

namespace signlab {

// ---- signSGD ------------------------------------------------------------------------------------

void SignSgd::reset(int d) { g_.assign(static_cast<std::size_t>(d), 0.0); }

void SignSgd::configure(const ParamValues& values) { lr_ = values.at("lr"); }

void SignSgd::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  // Locals, so the compiler need not reload members after each store through x.
  const double lr = lr_;
  const double* g = g_.data();
  const std::size_t n = g_.size();
  for (std::size_t i = 0; i < n; ++i) x[i] -= lr * sign0(g[i]);
}

// ---- Signum -------------------------------------------------------------------------------------

void Signum::reset(int d) {
  g_.assign(static_cast<std::size_t>(d), 0.0);
  m_.assign(static_cast<std::size_t>(d), 0.0);
}

void Signum::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  beta_ = values.at("beta");
  wd_ = values.at("wd");
}

void Signum::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  const double lr = lr_, beta = beta_, wd = wd_;
  const double* g = g_.data();
  double* m = m_.data();
  const std::size_t n = g_.size();
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = beta * m[i] + (1.0 - beta) * g[i];
    x[i] -= lr * (sign0(m[i]) + wd * x[i]);
  }
}

// ---- LION ---------------------------------------------------------------------------------------

void Lion::reset(int d) {
  g_.assign(static_cast<std::size_t>(d), 0.0);
  m_.assign(static_cast<std::size_t>(d), 0.0);
}

void Lion::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  beta1_ = values.at("beta1");
  beta2_ = values.at("beta2");
  wd_ = values.at("wd");
}

void Lion::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  const double lr = lr_, b1 = beta1_, b2 = beta2_;
  const double shrink = 1.0 - lr_ * wd_;
  const double* g = g_.data();
  double* m = m_.data();
  const std::size_t n = g_.size();
  for (std::size_t i = 0; i < n; ++i) {
    // The step's direction interpolates with β1, but the memory kept for later decays with β2:
    // that split is what distinguishes LION from Signum.
    const double c = b1 * m[i] + (1.0 - b1) * g[i];
    x[i] = x[i] * shrink - lr * sign0(c);
    m[i] = b2 * m[i] + (1.0 - b2) * g[i];
  }
}

// ---- registry entries ---------------------------------------------------------------------------

namespace {

ParamSpec lr_param(double def) {
  return {"lr", def, 1e-8, 10.0, Scale::Log,
          "Step size: every coordinate whose sign is nonzero moves by exactly lr (plus decay)."};
}

}  // namespace

OptimizerInfo signsgd_info() {
  return optimizer_entry<SignSgd>(
      "signsgd", "signSGD",
      "x ← x − lr·sign(g)",
      "exact", "",
      {lr_param(1e-3)});
}

OptimizerInfo signum_info() {
  return optimizer_entry<Signum>(
      "signum", "Signum",
      "m ← β·m + (1−β)·g; x ← x − lr·(sign(m) + wd·x)",
      "exact", "",
      {lr_param(1e-3),
       {"beta", 0.9, 0.0, 0.9999, Scale::Linear,
        "Momentum β of the running mean m whose sign sets the step (β = 0 gives signSGD)."},
       {"wd", 0.0, 0.0, 1.0, Scale::Linear, "Decoupled weight decay: lr·wd·x is added to each step."}});
}

OptimizerInfo lion_info() {
  return optimizer_entry<Lion>(
      "lion", "LION",
      "c = β1·m + (1−β1)·g; x ← x·(1 − lr·wd) − lr·sign(c); m ← β2·m + (1−β2)·g",
      "exact",
      "Use an lr 3–10× smaller than AdamW's and a weight decay 3–10× larger; "
      "(β1, β2) = (0.95, 0.98) for stability.",
      {lr_param(1e-4),
       {"beta1", 0.9, 0.0, 0.9999, Scale::Linear,
        "Weight of the momentum m against the fresh gradient in c, whose sign is the step."},
       {"beta2", 0.99, 0.0, 0.99999, Scale::Linear,
        "Decay rate of the momentum m carried from step to step."},
       {"wd", 0.0, 0.0, 1.0, Scale::Linear, "Decoupled weight decay: x is scaled by (1 − lr·wd) each step."}});
}

}  // namespace signlab
