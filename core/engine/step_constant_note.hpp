#pragma once
// What a FIXED step constant of the lr-free references means on this problem (gd-l2's l2, steepest-linf's
// linf): compared with the exact geometry at the run's start, so a user sees "fixed L₂ = 10 = λ_max/2:
// oscillates forever" before watching it happen. Instrumentation, like the loss curve: the numbers come
// from the problem's exact Hessian and are never given to the optimizer (an estimate it pays for is
// SmoothnessConstant, core/optim/smoothness_estimate.hpp).
#include <optional>
#include <span>
#include <string>

#include "core/problems/problem.hpp"
#include "core/spec/param_spec.hpp"

namespace signlab {

// Above this d the start geometry is not computed (a dense Hessian and the L∞ bracket on the engine thread).
inline constexpr int kStepNoteMaxDim = 200;

struct StepGeometry {
  double l2 = 0.0;                         // ‖H‖₂ at the start
  double linf_lower = 0.0, linf_upper = 0.0;  // certified bracket of L∞ (equal when exact)
};

// Whether `optimizer` has a step constant this note is about ("gd-l2", "steepest-linf").
bool has_step_constant(const std::string& optimizer);

// The exact geometry at x, or nullopt when p.dim() > kStepNoteMaxDim or it cannot be computed.
std::optional<StepGeometry> step_geometry(const Problem& p, std::span<const double> x);

struct StepNote {
  std::string text;   // one line; empty when there is nothing to say (estimate mode, other optimizers)
  bool warns = false;  // the constant is too small for the descent guarantee
};

// The note for `optimizer` with `params` against the start geometry `g`.
StepNote step_constant_note(const std::string& optimizer, const ParamValues& params, const StepGeometry& g);

}  // namespace signlab
