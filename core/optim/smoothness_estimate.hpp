#pragma once
// Smoothness constants estimated through the oracle, for the lr-free references gd-l2 and steepest-linf
// (ALGORITHMS.md: "L∞ given or estimated"). Everything an estimate learns comes from oracle gradients on
// one sample ξ, each charged as a gradient evaluation like any other: no rule reads the problem's Hessian.
//   Hessian-vector product   H_ξ·v ≈ (∇f(x + h·v; ξ) − ∇f(x; ξ))/h      (1 gradient; exact on a quadratic
//                            up to rounding, h = √ε·max(1, ‖x‖∞)/‖v‖∞)
// With additive noise the differences cancel it and H_ξ = H; with per-sample curvature c_ξ, H_ξ = H + diag(c_ξ).
#include <cstdint>
#include <span>
#include <string>

#include "core/optim/optimizer.hpp"

namespace signlab {

// Above this d, estimate_linf does not assemble H (d gradients and d² doubles) and bounds L∞ by d·L₂.
inline constexpr int kDenseEstimateMaxDim = 500;

struct SmoothnessEstimate {
  double value = 0.0;          // the constant; 0 when H_ξ = 0 at x
  std::int64_t gradients = 0;  // oracle gradients spent, beyond the base gradient g passed in
  std::string method;          // one phrase for the UI
};

// L₂ = ‖H_ξ‖₂ at x: Lanczos (core/geometry/spectrum) on the products, at most min(d, 40) of them, and the
// larger extreme Ritz value in magnitude plus its residual (so an eigenvalue lies at or below it).
// g = ∇f(x; ξ), already evaluated (the caller's step uses it too).
SmoothnessEstimate estimate_l2(Oracle& oracle, std::span<const double> x, std::span<const double> g, std::uint64_t xi);

// L∞ = ‖H_ξ‖_{∞→1} at x. d ≤ kDenseEstimateMaxDim: H_ξ from d products (d gradients), then the exact value
// (d ≤ 20) or the upper end of the certified bracket (core/geometry/linf), so the ℓ∞ step keeps its
// guaranteed progress. Above: d·L₂ with L₂ from estimate_l2 (an upper bound, since L∞ ≤ d·‖H‖₂).
SmoothnessEstimate estimate_linf(Oracle& oracle, std::span<const double> x, std::span<const double> g,
                                 std::uint64_t xi);

// A smoothness constant that is given (parameter > 0) or estimated (parameter 0, the default): estimated at
// the first step after a reset, and at the next step after the parameter is set back to 0, at the point
// of that step. The estimate's gradient differences are charged to the oracle; the step's own gradient
// is the base of the differences, so it is not paid twice. Used by gd-l2 and steepest-linf.
class SmoothnessConstant {
 public:
  using Estimator = SmoothnessEstimate (*)(Oracle&, std::span<const double>, std::span<const double>, std::uint64_t);
  SmoothnessConstant(const char* symbol, Estimator estimator) : symbol_(symbol), estimator_(estimator) {}

  void reset();
  void configure(double param);
  // g = ∇f(x; ξ) on a freshly drawn sample (one gradient), estimating first when due; returns the constant.
  double gradient_and_constant(std::span<const double> x, std::span<double> g, Oracle& oracle);
  // "L₂ = 20 estimated at step 0: ..." while an estimate is in effect, else "".
  const std::string& note() const { return note_; }

 private:
  const char* symbol_;
  Estimator estimator_;
  double param_ = 0.0, value_ = 1.0;
  bool estimated_ = false;
  std::int64_t step_ = 0;
  std::string note_;
};

}  // namespace signlab
