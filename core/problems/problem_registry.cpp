// The list of problems and SPEC handling for them; the math lives in one file per problem.
#include "core/problems/problem_registry.hpp"
#include "core/spec/quote.hpp"

#include "core/problems/analytic2d.hpp"
#include "core/problems/logreg.hpp"
#include "core/problems/matrix_lsq.hpp"
#include "core/problems/mlp.hpp"
#include "core/problems/quadratic2d.hpp"
#include "core/problems/quadratic_nd.hpp"
#include "core/problems/separable.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

// Built once (thread-safe static init) and never modified, so any thread may read it.
const std::vector<ProblemInfo>& problem_registry() {
  static const std::vector<ProblemInfo> registry = {
      rosenbrock_info(), himmelblau_info(), beale_info(),
      rastrigin_info(),  saddle_info(),     quadratic_family_info(),
      matrix_lsq_info(), separable_info(),   fmnist_logreg_info(),
      fmnist_mlp_info(),
  };
  return registry;
}

const ProblemInfo* find_problem(const std::string& name) {
  for (const ProblemInfo& info : problem_registry()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::vector<std::string> problem_names() {
  std::vector<std::string> names;
  names.reserve(problem_registry().size());
  for (const ProblemInfo& info : problem_registry()) names.push_back(info.name);
  return names;
}

namespace {

const ProblemInfo& info_of(const Spec& spec) {
  const ProblemInfo* info = find_problem(spec.name);
  if (!info) {
    throw SpecError("unknown problem " + quote_input(spec.name) + " (allowed: " + join_names(problem_names()) +
                    ")");
  }
  return *info;
}

std::unique_ptr<Problem> make_from(const ProblemInfo* info, const Spec& spec) {
  if (info->make_spec) return info->make_spec(spec);
  const ParamValues values = resolve_params(spec, info->params, "problem " + info->name);
  return info->make(values);
}

}  // namespace

std::unique_ptr<Problem> make_problem(const std::string& spec_text) {
  const Spec spec = parse_spec(spec_text);
  return make_from(&info_of(spec), spec);
}

ProblemShape describe_problem(const std::string& spec_text) {
  const Spec spec = parse_spec(spec_text);
  const ProblemInfo& info = info_of(spec);
  if (info.describe) return info.describe(spec);
  return make_from(&info, spec)->shape();
}

}  // namespace signlab
