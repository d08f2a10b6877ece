#pragma once
// Plain gradient descent and heavy-ball / Nesterov momentum, in torch.optim.SGD's conventions
// (dampening 0, no weight decay) so trajectories can be cross-checked against PyTorch.
#include <span>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab {

// x ← x − lr·g
class Sgd final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0;  // real values come from configure(); the registry owns the defaults
  std::vector<double> g_;
};

// b ← μ·b + g; x ← x − lr·b, or with nesterov x ← x − lr·(g + μ·b).
class Momentum final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0;
  double mu_ = 0.0;
  bool nesterov_ = false;
  std::vector<double> g_;
  std::vector<double> b_;  // torch's momentum_buffer; starting at 0 makes step 1 give b = g, as torch does
};

OptimizerInfo sgd_info();
OptimizerInfo momentum_info();

}  // namespace signlab
