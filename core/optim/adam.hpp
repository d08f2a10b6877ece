#pragma once
// Adam and AdamW in torch.optim's conventions, so trajectories can be cross-checked against PyTorch.
// One class: the two differ only in how weight decay enters (L2 term in g vs. decoupled shrink of x).
#include <cstdint>
#include <span>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab {

class Adam final : public Optimizer {
 public:
  enum class Decay {
    L2,         // adam:  g ← g + wd·x before the moments
    Decoupled,  // adamw: x ← x·(1 − lr·wd) before the Adam step
  };
  explicit Adam(Decay decay) : decay_(decay) {}

  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

  std::int64_t steps() const { return t_; }

 private:
  Decay decay_;
  double lr_ = 0.0, beta1_ = 0.0, beta2_ = 0.0, eps_ = 0.0, wd_ = 0.0;
  std::int64_t t_ = 0;  // steps taken; the bias corrections use t starting at 1
  // β1^t and β2^t as running products: std::pow on every step would dominate a d = 2 step.
  double beta1_pow_ = 1.0, beta2_pow_ = 1.0;
  std::vector<double> g_, m_, v_;
};

OptimizerInfo adam_info();
OptimizerInfo adamw_info();

}  // namespace signlab
