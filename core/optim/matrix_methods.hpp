#pragma once
// Matrix optimizers (ALGORITHMS.md, "Matrix methods"): muon (Newton–Schulz, Keller Jordan's reference),
// muon-exact (the polar factor from an SVD), f-muon, s-muon and fanion-k (in the spirit of Kravatskiy
// et al.). The parameter x is the problem's matrix W (rows × cols) flattened row-major, as
// Problem::matrix_shape() declares; on a problem without one, reset() throws std::invalid_argument.
//
// All five share muon's frame:  G = ∇f as a matrix;  B ← β·B + (1−β)·G;  M = nesterov ? (1−β)·G + β·B : B;
//   O = rule(M);  W ← W·(1 − lr·wd) − lr·sqrt(max(1, rows/cols))·O
// with rule(M) = NS5(M) (muon), P·Qᵀ from the thin SVD M = P·Σ·Qᵀ (muon-exact, over the nonzero
// singular values), α·P·Qᵀ + (1−α)·M/‖M‖_F (f-muon), α·P·Qᵀ + (1−α)·sign(M) (s-muon), Σ_{i≤k} p_i·q_iᵀ
// (fanion-k). One gradient per step.
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// NS5 of Keller Jordan's reference in double precision: X = U (transposed when rows > cols);
// X ← X/(‖X‖_F + 1e-7); `steps` times: A = X·Xᵀ; B = b·A + c·A·A; X ← a·X + B·X, with
// (a, b, c) = (3.4445, −4.7750, 2.0315); transposed back.
RowMatrix newton_schulz5(const RowMatrix& u, int steps);

class MatrixOptimizer final : public Optimizer {
 public:
  enum class Rule { NewtonSchulz, Exact, FMuon, SMuon, Fanion };
  explicit MatrixOptimizer(Rule rule) : rule_(rule) {}

  void bind(const ProblemShape& shape) override;
  void reset(int d) override;
  void configure(const ParamValues& values) override;
  void step(std::span<double> x, Oracle& oracle) override;
  // Singular values of the last O (descending; SVD of the stored O, on demand).
  std::vector<double> last_singular_values() const override;

  Rule rule() const { return rule_; }
  const RowMatrix& last_update() const { return o_; }

 private:
  const char* name() const;
  void orthogonalise();  // o_ = rule(m_)

  Rule rule_;
  int rows_ = 0, cols_ = 0;
  double lr_ = 0.0, beta_ = 0.0, wd_ = 0.0, alpha_ = 0.5;
  bool nesterov_ = true;
  int ns_steps_ = 5, k_ = 1;
  bool has_o_ = false;
  std::vector<double> g_;
  RowMatrix b_, m_, o_;
};

OptimizerInfo muon_info();
OptimizerInfo muon_exact_info();
OptimizerInfo f_muon_info();
OptimizerInfo s_muon_info();
OptimizerInfo fanion_k_info();

}  // namespace signlab
