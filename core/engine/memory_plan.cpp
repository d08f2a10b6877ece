#include "core/engine/memory_plan.hpp"

#include <algorithm>
#include <optional>

#include "core/engine/float_run.hpp"
#include "core/io/user_file.hpp"
#include "core/optim/float_path.hpp"

namespace signlab {
namespace {

// State vectors of a rule (FloatOptimizer's first_state/second_state; tests hold the two equal).
int state_vectors(FloatRule rule) {
  switch (rule) {
    case FloatRule::Sgd:
    case FloatRule::SignSgd: return 0;
    case FloatRule::Momentum:
    case FloatRule::Signum:
    case FloatRule::Lion:
    case FloatRule::Ssvr: return 1;
    case FloatRule::Adam:
    case FloatRule::AdamW: return 2;
  }
  return 0;
}

}  // namespace

std::string MemoryPlan::breakdown() const {
  return "problem " + format_bytes(problem) + ", start " + format_bytes(start) + ", runs " + format_bytes(runs) +
         ", noise " + format_bytes(noise);
}

double run_bytes_lower_bound(const ResolvedOptimizer& opt, int d, bool noisy) {
  const std::optional<FloatRule> rule = float_rule_from_name(opt.info->name);
  // The float32 path (core/engine/run.cpp's choice) or double; x and the gradient in either case.
  const bool float_path = rule && d >= kFloatPathMinDim;
  const double word = float_path ? 4.0 : 8.0;
  int vectors = 2 + (rule ? state_vectors(*rule) : 0);
  if (rule == FloatRule::Ssvr && noisy) vectors += 2;
  return word * vectors * std::max(d, 0);
}

MemoryPlan plan_memory(const ProblemShape& shape, const std::vector<ResolvedOptimizer>& optimizers,
                       const NoiseModel& noise, int runs_at_once) {
  MemoryPlan p;
  const int d = shape.dim;
  p.problem = shape.bytes;
  p.start = 8.0 * std::max(d, 0);
  std::vector<double> each;
  for (const ResolvedOptimizer& opt : optimizers) each.push_back(run_bytes_lower_bound(opt, d, noise.active()));
  std::sort(each.begin(), each.end(), std::greater<>());
  const std::size_t n = runs_at_once < 0 ? each.size() : static_cast<std::size_t>(runs_at_once);
  for (std::size_t k = 0; k < n && !each.empty(); ++k) p.runs += each[std::min(k, each.size() - 1)];
  p.noise = NoiseField::setup_bytes(noise, d);
  return p;
}

}  // namespace signlab
