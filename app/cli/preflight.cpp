#include "app/cli/preflight.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/cli/args.hpp"
#include "core/io/user_file.hpp"
#include "core/sys/memory.hpp"
#include "core/sys/out_of_memory.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/quote.hpp"

namespace signlab::cli {

RacePlan check_race(const std::string& command, const std::string& problem, const std::vector<std::string>& optimizers,
                    const std::optional<std::string>& noise, const std::optional<std::vector<double>>& start) {
  RacePlan plan;
  // Cheapest first: the registry alone, then the problem's description.
  for (const std::string& spec : optimizers) plan.optimizers.push_back(resolve_optimizer(spec));
  plan.noise = noise ? parse_noise_spec(*noise) : NoiseModel::none();
  plan.shape = describe_problem(problem);
  NoiseField::validate(plan.noise, plan.shape.dim);
  if (start && plan.shape.dim > 0 && static_cast<int>(start->size()) != plan.shape.dim)
    throw UsageError(command + ": --start has " + std::to_string(start->size()) + " coordinates, problem " +
                     escape_input(problem) + " has " + std::to_string(plan.shape.dim));
  for (const ResolvedOptimizer& opt : plan.optimizers) require_runs_on(opt, plan.shape, plan.noise);
  return plan;
}

void check_writable(const std::string& command, const std::string& flag, const std::string& path) {
  if (path == "-") return;
  const auto fail = [&](const std::string& why) {
    throw UsageError(command + ": cannot write --" + flag + " " + quote_input(path) + ": " + why);
  };
  if (path.empty()) fail("empty path");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail("it is a folder");
    if (::access(path.c_str(), W_OK) != 0) fail(std::strerror(errno));
    return;
  }
  if (errno != ENOENT) fail(std::strerror(errno));
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string dir = parent.empty() ? "." : parent.string();
  if (::access(dir.c_str(), W_OK | X_OK) != 0) fail(std::strerror(errno));
}

void check_memory(const std::string& command, const MemoryPlan& plan, const std::string& what) {
  const auto available = sys::available_memory();
  if (!available || plan.total() <= available->bytes) return;
  throw sys::OutOfMemory(command + ": not enough memory for " + what + ": at least " + format_bytes(plan.total()) +
                         " needed (" + plan.breakdown() + "), " + format_bytes(available->bytes) + " available (" +
                         available->source + ")");
}

}  // namespace signlab::cli
