#pragma once
// The optimizer interface of the double-precision path (2-D problems and small d).
// An optimizer owns its state vectors; the caller owns x. Exact rules: ../shared/ALGORITHMS.md.
#include <cstdint>
#include <span>
#include <vector>

#include "core/problems/problem.hpp"
#include "core/spec/param_spec.hpp"

namespace signlab {

// Access to the objective that counts every call, so runs are compared at equal oracle cost.
class Oracle {
 public:
  explicit Oracle(const Problem& p) : problem_(&p) {}
  void gradient(std::span<const double> x, std::span<double> g) {
    ++evals_;
    problem_->gradient(x, g);
  }
  double value(std::span<const double> x) {
    ++evals_;
    return problem_->value(x);
  }
  std::int64_t evals() const { return evals_; }
  void set_evals(std::int64_t e) { evals_ = e; }
  const Problem& problem() const { return *problem_; }

 private:
  const Problem* problem_;
  std::int64_t evals_ = 0;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // Sizes the state for dimension d and zeroes it (all state buffers start at 0) and the step count.
  virtual void reset(int d) = 0;
  // Reads every parameter it uses from `values` (complete: the registry fills defaults). Leaves the
  // state alone, so a slider acts on the next step without a reset.
  virtual void configure(const ParamValues& values) = 0;
  // One update of x in place.
  virtual void step(std::span<double> x, Oracle& oracle) = 0;
};

// sign with sign(0) = 0 (and sign(NaN) = 0), the convention of ALGORITHMS.md.
inline double sign0(double v) { return static_cast<double>((v > 0.0) - (v < 0.0)); }

}  // namespace signlab
