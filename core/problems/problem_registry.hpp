#pragma once
// The problems a user can choose, with their parameters (same SPEC rules as optimizers).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/problems/problem.hpp"
#include "core/spec/param_spec.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

struct ProblemInfo {
  std::string name;     // canonical SPEC name, e.g. "rosenbrock"
  std::string formula;  // shown in the UI, e.g. "(1-x)^2 + 100 (y-x^2)^2"
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<Problem>(const ParamValues&)> make;
  // Optional: when set, make_problem hands it the whole parsed SPEC instead of resolving `params`
  // (string values such as hessian=FILE.csv, several key families); `params`/`make` stay the UI's.
  std::function<std::unique_ptr<Problem>(const Spec&)> make_spec{};
  // make() reads a data set from disk (the first call per process takes about a second, and it throws
  // std::runtime_error when the files are not installed). Tests that build every problem skip these.
  bool loads_data = false;
  // Optional: validates a SPEC exactly as make does (throws the same SpecError) and returns the shape
  // without building. Set for problems whose construction is costly; the others are built to be described.
  std::function<ProblemShape(const Spec&)> describe{};
};

const std::vector<ProblemInfo>& problem_registry();
const ProblemInfo* find_problem(const std::string& name);
std::vector<std::string> problem_names();

// Parses and validates a SPEC such as "quadratic:cond=100,angle=30"; throws SpecError.
std::unique_ptr<Problem> make_problem(const std::string& spec_text);

// The same validation as make_problem, and the problem's shape, without the costly part of building it
// (see ProblemInfo::describe); throws SpecError.
ProblemShape describe_problem(const std::string& spec_text);

}  // namespace signlab
