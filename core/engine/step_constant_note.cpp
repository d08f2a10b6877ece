#include "core/engine/step_constant_note.hpp"

#include <cmath>
#include <cstdio>
#include <exception>

#include "core/geometry/geometry.hpp"

namespace signlab {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// Relative slack for "equal": a constant typed as λ_max/2 must read as the boundary case it is.
bool same(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

bool has_step_constant(const std::string& optimizer) { return optimizer == "gd-l2" || optimizer == "steepest-linf"; }

std::optional<StepGeometry> step_geometry(const Problem& p, std::span<const double> x) {
  if (p.dim() > kStepNoteMaxDim || static_cast<int>(x.size()) != p.dim()) return std::nullopt;
  for (double v : x)
    if (!std::isfinite(v)) return std::nullopt;
  try {
    geometry::GeometryOptions o;
    o.keep_hessian = false;
    const geometry::GeometryReport r = geometry::compute_geometry(p, x, o);
    if (!std::isfinite(r.l2_smooth)) return std::nullopt;
    return StepGeometry{r.l2_smooth, r.linf.lower.value, r.linf.upper.value};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

StepNote step_constant_note(const std::string& optimizer, const ParamValues& params, const StepGeometry& g) {
  // GD with step 1/L on curvature up to L₂ contracts iff L > L₂/2, with the progress guarantee iff L ≥ L₂;
  // the ℓ∞ step ‖g‖₁/L along s = sign(g) lowers f iff sᵀHs < 2L (sᵀHs ≤ L∞), guaranteed iff L ≥ L∞.
  StepNote n;
  if (optimizer == "gd-l2") {
    const auto it = params.find("l2");
    if (it == params.end() || !(it->second > 0.0)) return n;
    const double L = it->second, half = 0.5 * g.l2;
    const std::string head = "fixed L₂ = " + num(L);
    if (same(L, half)) {
      n = {head + " = λ_max/2 at the start: the step 1/L₂ = 2/λ_max oscillates forever (0: estimate)", true};
    } else if (L < half) {
      n = {head + " < λ_max/2 = " + num(half) + " at the start: step too long, diverges (0: estimate)", true};
    } else if (L < g.l2 && !same(L, g.l2)) {
      n = {head + " < λ_max = " + num(g.l2) + " at the start: converges, without the ‖g‖₂²/(2L₂) guarantee", true};
    } else {
      n = {head + " ≥ λ_max = " + num(g.l2) + " at the start: guaranteed progress", false};
    }
  } else if (optimizer == "steepest-linf") {
    const auto it = params.find("linf");
    if (it == params.end() || !(it->second > 0.0)) return n;
    const double L = it->second;
    const bool exact = same(g.linf_lower, g.linf_upper);
    const std::string linf = exact ? "L∞ = " + num(g.linf_upper) : "L∞ ∈ [" + num(g.linf_lower) + ", " + num(g.linf_upper) + "]";
    const std::string head = "fixed L∞ = " + num(L);
    if (L < 0.5 * g.linf_lower && !same(L, 0.5 * g.linf_lower)) {
      n = {head + " < " + (exact ? "L∞/2" : "(lower L∞)/2") + " = " + num(0.5 * g.linf_lower) +
               " at the start: a step can raise f, may oscillate or diverge (0: estimate)", true};
    } else if (L < g.linf_upper && !same(L, g.linf_upper)) {
      n = {head + " below " + linf + " at the start: progress not guaranteed (0: estimate)", true};
    } else {
      n = {head + " ≥ " + linf + " at the start: guaranteed progress", false};
    }
  }
  return n;
}

}  // namespace signlab
