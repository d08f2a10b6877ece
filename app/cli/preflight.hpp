#pragma once
// What the CLI checks before it builds anything costly: every argument of a race (problem SPEC through
// its cheap description, every optimizer SPEC, the noise SPEC, the start's length, the optimizers running
// on the problem) and the writability of output paths. A d = 10⁸ problem, ten million finite-sum
// components or a data set are built only once all of these passed, so a typo costs milliseconds.
#include <optional>
#include <string>
#include <vector>

#include "core/engine/memory_plan.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/noise.hpp"
#include "core/problems/problem.hpp"

namespace signlab::cli {

struct RacePlan {
  ProblemShape shape;                        // of the problem SPEC, without building it
  std::vector<ResolvedOptimizer> optimizers;  // in the order given
  NoiseModel noise;
};

// Throws SpecError, std::invalid_argument or UsageError (prefixed with `command`) on the first bad part.
RacePlan check_race(const std::string& command, const std::string& problem, const std::vector<std::string>& optimizers,
                    const std::optional<std::string>& noise, const std::optional<std::vector<double>>& start);

// Throws UsageError unless `path` can be written (an existing writable file, or a new one in a writable
// folder), without creating or truncating it; "-" (stdout) passes.
void check_writable(const std::string& command, const std::string& flag, const std::string& path);

// Throws sys::OutOfMemory (exit status 1) when `plan` needs more than the machine has available, with
// the bytes needed (and what for) and the bytes available; `what` names the work ("4 runs on separable:...").
void check_memory(const std::string& command, const MemoryPlan& plan, const std::string& what);

}  // namespace signlab::cli
