#include "core/optim/optimizer_registry.hpp"
#include "core/spec/quote.hpp"

#include <stdexcept>

#include "core/optim/adam.hpp"
#include "core/optim/float_path.hpp"
#include "core/optim/matrix_methods.hpp"
#include "core/optim/sgd_momentum.hpp"
#include "core/optim/sign_methods.hpp"
#include "core/optim/stochastic_sign.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

const std::vector<OptimizerInfo>& optimizer_registry() {
  // Fixed order: baselines first, then the sign methods, then the rest of the sign family (stochastic,
  // zero-order, adaptive, the two steepest-descent references) and the matrix methods; the UI lists
  // them in this order.
  static const std::vector<OptimizerInfo> registry = {
      sgd_info(),           momentum_info(),       adam_info(),
      adamw_info(),         signsgd_info(),        signum_info(),
      lion_info(),          ssvr_info(),           ssvr_fs_info(),
      minibatch_signsgd_info(), mv_signsgd1_info(), comps_sgd_info(),
      jaguar_signsgd_info(), auto_lr_info(),       steepest_linf_info(),
      gd_l2_info(),         muon_info(),           muon_exact_info(),
      f_muon_info(),        s_muon_info(),         fanion_k_info(),
  };
  return registry;
}

const OptimizerInfo* find_optimizer(const std::string& name) {
  for (const OptimizerInfo& info : optimizer_registry()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::vector<std::string> optimizer_names() {
  std::vector<std::string> names;
  for (const OptimizerInfo& info : optimizer_registry()) names.push_back(info.name);
  return names;
}

ResolvedOptimizer resolve_optimizer(const std::string& spec_text) {
  const Spec spec = parse_spec(spec_text);
  const OptimizerInfo* info = find_optimizer(spec.name);
  if (info == nullptr) {
    throw SpecError("unknown optimizer " + quote_input(spec.name) + " (allowed: " + join_names(optimizer_names()) + ")");
  }
  return {info, resolve_params(spec, info->params, info->name)};
}

std::unique_ptr<Optimizer> make_optimizer(const ResolvedOptimizer& r, int d) {
  if (r.info == nullptr) throw std::invalid_argument("make_optimizer: unresolved optimizer");
  if (d < 0) throw std::invalid_argument("make_optimizer: negative dimension");
  std::unique_ptr<Optimizer> opt = r.info->make();
  opt->configure(r.values);
  opt->reset(d);
  return opt;
}

std::unique_ptr<Optimizer> make_optimizer(const ResolvedOptimizer& r, const ProblemShape& shape) {
  if (r.info == nullptr) throw std::invalid_argument("make_optimizer: unresolved optimizer");
  std::unique_ptr<Optimizer> opt = r.info->make();
  opt->bind(shape);
  opt->configure(r.values);
  opt->reset(shape.dim);
  return opt;
}

std::unique_ptr<Optimizer> make_optimizer(const ResolvedOptimizer& r, const Problem& problem) {
  return make_optimizer(r, problem.shape());
}

std::string oracle_refusal(const OptimizerInfo& info, const NoiseModel& noise) {
  if (!info.needs_finite_sum || !noise.active() || noise.finite_sum()) return "";
  NoiseModel example = noise;
  example.components = 100;
  return info.name + " is defined only on a finite sum (its full pass costs m gradients): add components=M to "
         "the noise, e.g. --noise " + format_noise_spec(example);
}

void require_runs_on(const ResolvedOptimizer& r, const ProblemShape& shape, const NoiseModel& noise) {
  if (const std::string why = oracle_refusal(*r.info, noise); !why.empty()) throw std::invalid_argument(why);
  if (!float_rule_from_name(r.info->name)) make_optimizer(r, shape);
}

void require_runs_on(const ResolvedOptimizer& r, const Problem& problem, const NoiseModel& noise) {
  require_runs_on(r, problem.shape(), noise);
}

}  // namespace signlab
