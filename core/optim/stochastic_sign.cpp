#include "core/optim/stochastic_sign.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <memory>

namespace signlab {

namespace {

std::size_t sz(int d) { return static_cast<std::size_t>(d); }

int as_int(double v) { return static_cast<int>(std::llround(v)); }

void sign_step(std::span<double> x, std::span<const double> dir, double lr) {
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) x[i] -= lr * sign0(dir[i]);
}

}  // namespace

// ---- SSVR ---------------------------------------------------------------------------------------

void Ssvr::reset(int d) {
  v_.assign(sz(d), 0.0);
  g_.assign(sz(d), 0.0);
  gprev_.assign(sz(d), 0.0);
  xprev_.assign(sz(d), 0.0);
  t_ = 0;
}

void Ssvr::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  beta_ = values.at("beta");
}

void Ssvr::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == v_.size());
  const std::uint64_t xi = oracle.draw_sample();
  if (t_ == 0) {
    oracle.gradient(x, v_, xi);
  } else {
    oracle.gradient(x, g_, xi);
    oracle.gradient(xprev_, gprev_, xi);  // the previous point on the SAME sample
    const double keep = 1.0 - beta_;
    const std::size_t n = v_.size();
    for (std::size_t i = 0; i < n; ++i) v_[i] = g_[i] + keep * (v_[i] - gprev_[i]);
  }
  std::copy(x.begin(), x.end(), xprev_.begin());
  sign_step(x, v_, lr_);
  ++t_;
}

// ---- SSVR-FS ------------------------------------------------------------------------------------

void SsvrFs::reset(int d) {
  z_.assign(sz(d), 0.0);
  g_.assign(sz(d), 0.0);
  gprev_.assign(sz(d), 0.0);
  xprev_.assign(sz(d), 0.0);
  t_ = 0;
}

void SsvrFs::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  q_ = std::llround(values.at("q"));
}

void SsvrFs::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == z_.size());
  const std::int64_t period = q_ > 0 ? q_ : std::max(1, oracle.components());
  if (t_ % period == 0) {
    oracle.full_gradient(x, z_);
  } else {
    const std::uint64_t i = oracle.draw_sample();
    oracle.gradient(x, g_, i);
    oracle.gradient(xprev_, gprev_, i);
    const std::size_t n = z_.size();
    for (std::size_t k = 0; k < n; ++k) z_[k] += g_[k] - gprev_[k];
  }
  std::copy(x.begin(), x.end(), xprev_.begin());
  sign_step(x, z_, lr_);
  ++t_;
}

// ---- minibatch signSGD --------------------------------------------------------------------------

void MinibatchSignSgd::reset(int d) {
  g_.assign(sz(d), 0.0);
  sum_.assign(sz(d), 0.0);
}

void MinibatchSignSgd::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  batch_ = std::max(1, as_int(values.at("batch")));
}

void MinibatchSignSgd::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  std::fill(sum_.begin(), sum_.end(), 0.0);
  for (int j = 0; j < batch_; ++j) {
    oracle.gradient(x, g_);
    for (std::size_t i = 0; i < g_.size(); ++i) sum_[i] += g_[i];
  }
  // The mean has the sign of the sum; divide anyway so the rule reads as written.
  const double inv = 1.0 / static_cast<double>(batch_);
  for (double& s : sum_) s *= inv;
  sign_step(x, sum_, lr_);
}

// ---- single-worker majority vote ----------------------------------------------------------------

void MvSignSgd1::reset(int d) {
  g_.assign(sz(d), 0.0);
  votes_.assign(sz(d), 0.0);
}

void MvSignSgd1::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  samples_ = std::max(1, as_int(values.at("samples")));
}

void MvSignSgd1::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  std::fill(votes_.begin(), votes_.end(), 0.0);
  for (int j = 0; j < samples_; ++j) {
    oracle.gradient(x, g_);
    for (std::size_t i = 0; i < g_.size(); ++i) votes_[i] += sign0(g_[i]);
  }
  sign_step(x, votes_, lr_);  // ties (possible for even M) give 0
}

// ---- comparison oracle ---------------------------------------------------------------------------

void CompsSgd::reset(int d) {
  e_.assign(sz(d), 0.0);
  draws_ = 0;
}

void CompsSgd::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  tau_ = values.at("tau");
  samples_ = std::max(1, as_int(values.at("samples")));
}

void CompsSgd::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == e_.size());
  if (e_.empty()) return;
  double norm2 = 0.0;
  do {  // a zero Gaussian vector has probability 0; redraw rather than divide by it
    norm2 = 0.0;
    for (double& v : e_) {
      v = oracle.normal(draws_++);
      norm2 += v * v;
    }
  } while (!(norm2 > 0.0));
  const double inv = 1.0 / std::sqrt(norm2);
  for (double& v : e_) v *= inv;
  int psi = 0;
  for (int j = 0; j < samples_; ++j) psi += oracle.compare(x, e_, tau_, oracle.draw_sample());
  const double s = lr_ * static_cast<double>((psi > 0) - (psi < 0));
  for (std::size_t i = 0; i < e_.size(); ++i) x[i] -= s * e_[i];
}

// ---- JAGUAR -------------------------------------------------------------------------------------

void JaguarSignSgd::reset(int d) {
  m_.assign(sz(d), 0.0);
  draws_ = 0;
}

void JaguarSignSgd::configure(const ParamValues& values) {
  lr_ = values.at("lr");
  beta_ = values.at("beta");
  tau_ = values.at("tau");
}

void JaguarSignSgd::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == m_.size());
  if (m_.empty()) return;
  const int d = static_cast<int>(m_.size());
  const std::size_t i = sz(oracle.random_index(draws_++, d));
  const std::uint64_t xi = oracle.draw_sample();
  const double xi0 = x[i];
  x[i] = xi0 + tau_;
  const double fp = oracle.value(x, xi);
  x[i] = xi0 - tau_;
  const double fm = oracle.value(x, xi);
  x[i] = xi0;
  const double ghat = (fp - fm) / (2.0 * tau_);
  m_[i] = beta_ * m_[i] + (1.0 - beta_) * ghat;
  sign_step(x, m_, lr_);
}

// ---- auto-lr ------------------------------------------------------------------------------------

void AutoLr::reset(int d) {
  g_.assign(sz(d), 0.0);
  b_.assign(sz(d), 0.0);
  t_ = 0;
  lr_t_ = 0.0;
  prev_norm_ = 0.0;
}

void AutoLr::configure(const ParamValues& values) {
  base_ = std::clamp(as_int(values.at("base")), 0, 2);
  lr_ = values.at("lr");
  lr_min_ = values.at("lr_min");
  lr_max_ = std::max(lr_min_, values.at("lr_max"));
  mu_ = values.at("mu");
}

void AutoLr::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  oracle.gradient(x, g_);
  double n2 = 0.0;
  for (double v : g_) n2 += v * v;
  const double norm = std::sqrt(n2);
  if (t_ == 0) {
    lr_t_ = std::clamp(lr_, lr_min_, lr_max_);
  } else if (prev_norm_ > 0.0 && norm > 0.0) {
    lr_t_ = std::clamp(lr_t_ * prev_norm_ / norm, lr_min_, lr_max_);
  }
  prev_norm_ = norm;
  ++t_;
  const double lr = lr_t_;
  const std::size_t n = g_.size();
  switch (base_) {
    case 0:
      for (std::size_t i = 0; i < n; ++i) x[i] -= lr * g_[i];
      break;
    case 1:
      for (std::size_t i = 0; i < n; ++i) {
        b_[i] = mu_ * b_[i] + g_[i];
        x[i] -= lr * b_[i];
      }
      break;
    default:
      sign_step(x, g_, lr);
      break;
  }
}

// ---- steepest descent references ----------------------------------------------------------------

void SteepestLinf::reset(int d) {
  g_.assign(sz(d), 0.0);
  linf_.reset();
}

void SteepestLinf::configure(const ParamValues& values) { linf_.configure(values.at("linf")); }

void SteepestLinf::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  const double linf = linf_.gradient_and_constant(x, g_, oracle);
  double l1 = 0.0;
  for (double v : g_) l1 += std::fabs(v);
  sign_step(x, g_, l1 / linf);
}

void GdL2::reset(int d) {
  g_.assign(sz(d), 0.0);
  l2_.reset();
}

void GdL2::configure(const ParamValues& values) { l2_.configure(values.at("l2")); }

void GdL2::step(std::span<double> x, Oracle& oracle) {
  assert(x.size() == g_.size());
  const double inv = 1.0 / l2_.gradient_and_constant(x, g_, oracle);
  for (std::size_t i = 0; i < g_.size(); ++i) x[i] -= inv * g_[i];
}

// ---- registry entries ---------------------------------------------------------------------------

namespace {

ParamSpec lr_param(double def, const char* help) { return {"lr", def, 1e-8, 10.0, Scale::Log, help}; }

ParamSpec samples_param(double def, const char* help) {
  return {"samples", def, 1.0, 1024.0, Scale::Integer, help};
}

ParamSpec tau_param(double def) {
  return {"tau", def, 1e-10, 1.0, Scale::Log,
          "Finite-difference radius τ: the function is compared at x + τe and x − τe."};
}


}  // namespace

OptimizerInfo ssvr_info() {
  return optimizer_entry<Ssvr>(
      "ssvr", "SSVR",
      "v_t = ∇f(x_t; ξ_t) + (1−β)·(v_{t−1} − ∇f(x_{t−1}; ξ_t)); x ← x − lr·sign(v_t)  (Jiang et al. 2024; "
      "2 gradients per step)",
      "exact",
      "Theory for T steps in d dimensions: β ≈ T^(−2/3), lr ≈ d^(−1/2)·T^(−2/3); rate O(d^(1/2)·T^(−1/3)) "
      "against O(d^(1/2)·T^(−1/4)) for signSGD/Signum. Compare runs at equal gradient evaluations.",
      {lr_param(1e-3, "Step size η: every coordinate moves by ±η."),
       {"beta", 0.1, 1e-6, 1.0, Scale::Log,
        "β of the STORM-type estimator: 1 forgets the past (signSGD on 2 gradients), small β reduces "
        "variance; theory uses T^(−2/3)."}});
}

OptimizerInfo ssvr_fs_info() {
  OptimizerInfo info = optimizer_entry<SsvrFs>(
      "ssvr-fs", "SSVR-FS",
      "every q steps z = ∇f(x) (full pass); else z ← z + ∇f_i(x_t) − ∇f_i(x_{t−1}); x ← x − lr·sign(z)",
      "in the spirit of Jiang et al. 2024",
      "Only for finite sums f = (1/m)·Σ f_i (noise with m components); a full pass counts m gradients. "
      "Refused on noise without components; on an exact oracle (a sum of one) a full pass counts 1. "
      "Claimed rate O(m^(1/4)·d^(1/2)·T^(−1/2)).",
      {lr_param(1e-3, "Step size η: every coordinate moves by ±η."),
       {"q", 0.0, 0.0, 1e6, Scale::Integer,
        "Steps between full gradients; 0 uses q = m, the number of components."}});
  info.needs_finite_sum = true;
  return info;
}

OptimizerInfo minibatch_signsgd_info() {
  return optimizer_entry<MinibatchSignSgd>(
      "minibatch-signsgd", "minibatch signSGD", "x ← x − lr·sign((1/B)·Σ_{j≤B} g_j)  (B gradients per step)",
      "standard", "Averaging before the sign shrinks the noise by √B, so the sign is right more often.",
      {lr_param(1e-3, "Step size: every coordinate whose sign is nonzero moves by exactly lr."),
       {"batch", 8.0, 1.0, 1024.0, Scale::Integer, "B: stochastic gradients averaged before the sign."}});
}

OptimizerInfo mv_signsgd1_info() {
  return optimizer_entry<MvSignSgd1>(
      "mv-signsgd-1", "MV-signSGD (1 worker)", "x ← x − lr·sign(Σ_{j≤M} sign(g_j))  (M gradients per step)",
      "standard",
      "Majority vote of M sample signs: robust to heavy-tailed noise, where averaging is not. "
      "Odd M avoids ties (a tie gives 0).",
      {lr_param(1e-3, "Step size γ: every coordinate with a nonzero vote moves by exactly lr."),
       samples_param(5.0, "M: stochastic gradients whose signs vote.")});
}

OptimizerInfo comps_sgd_info() {
  return optimizer_entry<CompsSgd>(
      "comps-sgd", "ComPS-SGD",
      "e uniform on the sphere; ψ_j = sign(f(x+τe; ξ_j) − f(x−τe; ξ_j)); x ← x − lr·sign(Σψ_j)·e  "
      "(M comparisons per step)",
      "in the spirit of Kornilov et al.",
      "Uses only comparisons of function values; progress per step is ~lr/√d along the true gradient.",
      {lr_param(1e-2, "Step size γ along the random direction e."), tau_param(1e-3),
       samples_param(1.0, "M: comparisons on independent samples that vote on the direction.")});
}

OptimizerInfo jaguar_signsgd_info() {
  return optimizer_entry<JaguarSignSgd>(
      "jaguar-signsgd", "JAGUAR signSGD",
      "i uniform; ĝ = (f(x+τe_i; ξ) − f(x−τe_i; ξ))/(2τ); m_i ← β·m_i + (1−β)·ĝ; x ← x − lr·sign(m)  "
      "(2 function values per step)",
      "exact", "Petrov et al., Alg. 1: one coordinate's momentum is refreshed per step.",
      {lr_param(1e-3, "Step size γ: every coordinate whose momentum sign is nonzero moves by lr."),
       {"beta", 0.9, 0.0, 0.9999, Scale::Linear, "Momentum β of the per-coordinate estimates m."},
       tau_param(1e-4)});
}

OptimizerInfo auto_lr_info() {
  return optimizer_entry<AutoLr>(
      "auto-lr", "auto-lr",
      "lr_t = clip(lr_{t−1}·‖g_{t−1}‖/‖g_t‖, lr_min, lr_max), then the base rule (sgd, momentum or "
      "signsgd) with lr_t",
      "in the spirit of Z. Yang's explainable LR regime",
      "The paper's exact rule is not available: this is a ratio-of-norms schedule, labelled as such.",
      {{"base", 2.0, 0.0, 2.0, Scale::Integer, "Base rule: 0 = sgd, 1 = momentum, 2 = signsgd."},
       lr_param(1e-3, "Initial step size lr_1 (clipped to [lr_min, lr_max]); read at reset."),
       {"lr_min", 1e-6, 1e-10, 10.0, Scale::Log, "Lower clip of the adapted step size."},
       {"lr_max", 1.0, 1e-10, 100.0, Scale::Log, "Upper clip of the adapted step size."},
       {"mu", 0.9, 0.0, 0.9999, Scale::Linear, "Momentum μ (base 1 only): b ← μ·b + g."}});
}

OptimizerInfo steepest_linf_info() {
  return optimizer_entry<SteepestLinf>(
      "steepest-linf", "steepest ℓ∞", "x ← x − (‖g‖₁/L∞)·sign(g)", "standard",
      "Balles et al. 2020: the ℓ∞ steepest-descent step, guaranteed progress ‖g‖₁²/(2L∞) when L∞ bounds "
      "the ℓ∞-smoothness. linf = 0 (the default) estimates L∞ at the first step from the Hessian built of "
      "d + 1 gradients on one sample, charged as evaluations. Compare with gd-l2.",
      {{"linf", 0.0, 0.0, 1e12, Scale::Log,
        "L∞ = ‖H‖_{∞→1}: the ℓ∞-smoothness constant; the step is ‖g‖₁/L∞ per coordinate. 0: estimate it.",
        Entry::Slider, "estimate"}});
}

OptimizerInfo gd_l2_info() {
  return optimizer_entry<GdL2>("gd-l2", "GD 1/L₂", "x ← x − g/L₂", "standard",
                     "Gradient descent with the classical step 1/L₂: progress ‖g‖₂²/(2L₂). l2 = 0 (the default) "
                     "estimates L₂ = λ_max at the first step by Lanczos on gradient differences, charged as "
                     "evaluations. Compare with steepest-linf.",
                     {{"l2", 0.0, 0.0, 1e12, Scale::Log, "L₂ = λ_max(H): the ℓ2-smoothness constant. 0: estimate it.",
                       Entry::Slider, "estimate"}});
}

}  // namespace signlab
