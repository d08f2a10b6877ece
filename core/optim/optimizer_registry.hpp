#pragma once
// Every optimizer SignLab offers: canonical name, parameters (default, range, scale), and a factory.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/spec/param_spec.hpp"

namespace signlab {

struct OptimizerInfo {
  std::string name;     // canonical SPEC name, e.g. "lion"
  std::string label;    // display name, e.g. "LION"
  std::string summary;  // one-line update rule, for tooltips
  std::string provenance;  // "exact", "standard" or "in the spirit of <paper>" (ALGORITHMS.md)
  std::string guidance;    // practical advice shown in the UI (may be empty)
  std::vector<ParamSpec> params;
  // Only defined on a finite sum (ssvr-fs: its full pass is m component gradients): refused on a
  // stochastic oracle without components (ALGORITHMS.md: no method sees the exact gradient for free).
  bool needs_finite_sum = false;
  std::function<std::unique_ptr<Optimizer>()> make;
};

// One registry entry whose factory builds T from `args` (copied into the factory).
template <class T, class... Args>
OptimizerInfo optimizer_entry(const char* name, const char* label, const char* summary, const char* provenance,
                              const char* guidance, std::vector<ParamSpec> params, Args... args) {
  OptimizerInfo info;
  info.name = name;
  info.label = label;
  info.summary = summary;
  info.provenance = provenance;
  info.guidance = guidance;
  info.params = std::move(params);
  info.make = [args...] { return std::make_unique<T>(args...); };
  return info;
}

const std::vector<OptimizerInfo>& optimizer_registry();
const OptimizerInfo* find_optimizer(const std::string& name);
std::vector<std::string> optimizer_names();

struct ResolvedOptimizer {
  const OptimizerInfo* info = nullptr;
  ParamValues values;
};
// Parses and validates a SPEC such as "lion:lr=1e-3,beta1=0.9"; throws SpecError.
ResolvedOptimizer resolve_optimizer(const std::string& spec_text);

// A configured, reset optimizer for dimension d. Matrix methods (muon & co.) throw
// std::invalid_argument here: they need the problem's matrix_shape(), use the overload below.
std::unique_ptr<Optimizer> make_optimizer(const ResolvedOptimizer& r, int d);
// The same for `problem` (bind(problem), configure, reset(problem.dim())): works for every optimizer.
// Throws std::invalid_argument when the optimizer cannot run on this problem (muon without a matrix).
std::unique_ptr<Optimizer> make_optimizer(const ResolvedOptimizer& r, const Problem& problem);
std::unique_ptr<Optimizer> make_optimizer(const ResolvedOptimizer& r, const ProblemShape& shape);

// Throws std::invalid_argument when `r` cannot run on `problem` with the oracle `noise` (a matrix method
// on a vector problem; ssvr-fs on noise without a finite sum), with a one-line message for the user.
// Elementwise rules run on any problem and are not built, which spares a d-sized state at large d.
void require_runs_on(const ResolvedOptimizer& r, const Problem& problem, const NoiseModel& noise);
// The same from the shape alone (describe_problem), before the problem is built.
void require_runs_on(const ResolvedOptimizer& r, const ProblemShape& shape, const NoiseModel& noise);

// The reason `info` cannot run with the oracle `noise` (one line), or "" when it can. Run::reset uses it
// too, so a run whose oracle changes under it fails with the same words.
std::string oracle_refusal(const OptimizerInfo& info, const NoiseModel& noise);

}  // namespace signlab
