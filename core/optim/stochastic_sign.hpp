#pragma once
// The sign-method family beyond signSGD/Signum/LION (ALGORITHMS.md, "Sign methods"): variance-reduced
// (ssvr, ssvr-fs), sample-hungry (minibatch, single-worker majority vote), zero-order (comps-sgd,
// jaguar-signsgd), an adaptive step (auto-lr) and the two lr-free steepest-descent references
// (steepest-linf, gd-l2). Each counts exactly the oracle calls its rule uses (see Oracle).
#include <cstdint>
#include <span>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/optim/smoothness_estimate.hpp"

namespace signlab {

// SSVR (Jiang et al. 2024), STORM-type estimator with both gradients on the same sample ξ_t:
//   v_1 = ∇f(x_1; ξ_1);  v_t = ∇f(x_t; ξ_t) + (1−β)·(v_{t−1} − ∇f(x_{t−1}; ξ_t));  x ← x − lr·sign(v_t).
// Gradients: 1 at the first step, 2 at every later one.
class Ssvr final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0, beta_ = 0.0;
  std::int64_t t_ = 0;
  std::vector<double> v_, g_, gprev_, xprev_;
};

// SSVR-FS, SARAH-type, for a finite sum f = (1/m)·Σ f_i: every q steps z = ∇f(x) (full pass, m
// gradients); otherwise draw i and z ← z + ∇f_i(x_t) − ∇f_i(x_{t−1}) (2 gradients); x ← x − lr·sign(z).
// q = 0 means q = m (m from the oracle's finite sum; 1 on an exact oracle, a sum of one). A stochastic
// oracle without a finite sum is refused (require_runs_on); Oracle::full_gradient throws on one.
class SsvrFs final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0;
  std::int64_t q_ = 0;
  std::int64_t t_ = 0;
  std::vector<double> z_, g_, gprev_, xprev_;
};

// x ← x − lr·sign((1/B)·Σ_{j≤B} g_j), B fresh samples (B gradients).
class MinibatchSignSgd final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0;
  int batch_ = 1;
  std::vector<double> g_, sum_;
};

// Majority-vote signSGD on a single worker: x ← x − lr·sign(Σ_{j≤M} sign(g_j)), M fresh samples.
class MvSignSgd1 final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0;
  int samples_ = 1;
  std::vector<double> g_, votes_;
};

// Comparison-oracle signSGD (in the spirit of Kornilov et al.): e uniform on the unit sphere (normalised
// Gaussian: draws n, n+1, …, n+d−1 of the oracle's random stream, n counted from reset); ψ_j = sign(f(x+τe; ξ_j) − f(x−τe; ξ_j)), j ≤ M;
// x ← x − lr·sign(Σψ_j)·e. M comparisons per step.
class CompsSgd final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0, tau_ = 0.0;
  int samples_ = 1;
  std::uint64_t draws_ = 0;  // index of the next Oracle::normal() draw
  std::vector<double> e_;
};

// JAGUAR signSGD (Petrov et al., Alg. 1): coordinate i uniform (draw t−1 of the oracle's random stream), one
// sample ξ; ĝ = (f(x+τe_i; ξ) − f(x−τe_i; ξ))/(2τ); m_i ← β·m_i + (1−β)·ĝ; x ← x − lr·sign(m).
// Two function values per step.
class JaguarSignSgd final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0, beta_ = 0.0, tau_ = 0.0;
  std::uint64_t draws_ = 0;  // index of the next Oracle::random_index() draw
  std::vector<double> m_;
};

// auto-lr (in the spirit of Z. Yang's explainable LR regime): lr_1 = clip(lr),
// lr_t = clip(lr_{t−1}·‖g_{t−1}‖₂/‖g_t‖₂) with clip to [lr_min, lr_max] (kept when either norm is 0),
// applied to base 0 = sgd (x ← x − lr_t·g), 1 = momentum (b ← μ·b + g; x ← x − lr_t·b),
// 2 = signsgd (x ← x − lr_t·sign(g)). One gradient per step.
class AutoLr final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;
  double current_lr() const { return lr_t_; }

 private:
  int base_ = 2;
  double lr_ = 0.0, lr_min_ = 0.0, lr_max_ = 0.0, mu_ = 0.0;
  double lr_t_ = 0.0, prev_norm_ = 0.0;
  std::int64_t t_ = 0;
  std::vector<double> g_, b_;
};

// ℓ∞ steepest descent (Balles et al. 2020): x ← x − (‖g‖₁/L∞)·sign(g), L∞ the parameter `linf`, or
// estimated through the oracle when `linf` = 0 (the default; SmoothnessConstant, estimate_linf).
class SteepestLinf final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;
  std::string note() const override { return linf_.note(); }

 private:
  SmoothnessConstant linf_{"L∞", &estimate_linf};
  std::vector<double> g_;
};

// Gradient descent with step 1/L₂: x ← x − g/L₂, L₂ the parameter `l2`, or estimated through the oracle
// when `l2` = 0 (the default; estimate_l2).
class GdL2 final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;
  std::string note() const override { return l2_.note(); }

 private:
  SmoothnessConstant l2_{"L₂", &estimate_l2};
  std::vector<double> g_;
};

OptimizerInfo ssvr_info();
OptimizerInfo ssvr_fs_info();
OptimizerInfo minibatch_signsgd_info();
OptimizerInfo mv_signsgd1_info();
OptimizerInfo comps_sgd_info();
OptimizerInfo jaguar_signsgd_info();
OptimizerInfo auto_lr_info();
OptimizerInfo steepest_linf_info();
OptimizerInfo gd_l2_info();

}  // namespace signlab
