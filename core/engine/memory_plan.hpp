#pragma once
// The least memory a race (or a sweep) must allocate, known before anything is built: the problem's own
// data (ProblemShape::bytes), the shared start point, each run's point, gradient and optimizer state at
// its path's precision, and a finite sum's noise means. A lower bound (runs also keep scratch and a
// history), so a refusal based on it is never wrong; the CLI refuses a plan larger than what is available.
#include <string>
#include <vector>

#include "core/optim/optimizer_registry.hpp"
#include "core/problems/noise.hpp"
#include "core/problems/problem.hpp"

namespace signlab {

struct MemoryPlan {
  double problem = 0, start = 0, runs = 0, noise = 0;
  double total() const { return problem + start + runs + noise; }
  // "problem 381 MiB, start 763 MiB, 2 runs 1.49 GiB, noise 0 bytes"
  std::string breakdown() const;
};

// Bytes one run of `opt` needs at least on a problem of dimension d (noisy: ssvr keeps x_{t−1} and ∇f(x_{t−1})).
double run_bytes_lower_bound(const ResolvedOptimizer& opt, int d, bool noisy);

// `runs_at_once` of the optimizers alive together (a race: all of them; a sweep: one per thread).
MemoryPlan plan_memory(const ProblemShape& shape, const std::vector<ResolvedOptimizer>& optimizers,
                       const NoiseModel& noise, int runs_at_once = -1);

}  // namespace signlab
