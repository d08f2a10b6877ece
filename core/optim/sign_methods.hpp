#pragma once
// The single-machine sign methods: signSGD, Signum (Bernstein et al. 2018) and LION (Chen et al. 2023).
// Every coordinate moves by ±lr (or 0 where the sign is 0), whatever the gradient's magnitude.
#include <span>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab {

// x ← x − lr·sign(g)
class SignSgd final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0;  // real values come from configure(); the registry owns the defaults
  std::vector<double> g_;
};

// m ← β·m + (1−β)·g; x ← x − lr·(sign(m) + wd·x)
class Signum final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0, beta_ = 0.0, wd_ = 0.0;
  std::vector<double> g_, m_;
};

// c = β1·m + (1−β1)·g; x ← x·(1 − lr·wd) − lr·sign(c); m ← β2·m + (1−β2)·g
class Lion final : public Optimizer {
 public:
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;

 private:
  double lr_ = 0.0, beta1_ = 0.0, beta2_ = 0.0, wd_ = 0.0;
  std::vector<double> g_, m_;
};

OptimizerInfo signsgd_info();
OptimizerInfo signum_info();
OptimizerInfo lion_info();

}  // namespace signlab
