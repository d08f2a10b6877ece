#pragma once
// Multinomial logistic regression on a labelled data set: `fmnist-logreg:n=N,l2=L` on Fashion-MNIST.
//   f(x) = (1/n)·Σ_{i<n} [logsumexp(z_i) − z_i,y_i] + ½·l2·‖x‖²,   z_i = W·a_i + b ∈ R^K,
// over the first n examples a_i ∈ [0,1]^p with labels y_i (K = 10 classes, p = 784 pixels: d = 7850).
// Layout of x (d = K + K·p):  x[0 .. K) = b (the class biases),  x[K + k·p + j] = W(k, j) (row-major).
// The biases come first on purpose: a landscape of a d > 2 problem shows f on the (x0, x1) plane through
// the start, and ∂f/∂b_k = mean(p_k − [y = k]) is never flat, while the weights of pixel 0 (black in almost
// every image) would give a flat slice.
// Convex; exact gradient, exact Hessian-vector product
//   H·v = (1/n)·Σ_i [a_i ⊗ (diag(p_i) − p_i·p_iᵀ)·(V·a_i + v_b)] + l2·v,
// and float32 entry points with Eigen float matrix products (the engine's path for d ≥ 1000).
// Evaluation only reads the shared data set and locals, so any number of threads may call it at once.
#include <memory>

#include "core/data/dataset.hpp"
#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {

class LogReg final : public Problem {
 public:
  // Throws SpecError unless 1 ≤ n ≤ data->count and l2 ≥ 0 is finite; std::invalid_argument for a data set
  // that fails data::validate.
  LogReg(std::shared_ptr<const data::Dataset> data, int n, double l2);

  int dim() const override { return classes_ + classes_ * features_; }
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;  // from d products H·e_j
  bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const override;
  double value_f(std::span<const float> x) const override;
  void gradient_f(std::span<const float> x, std::span<float> g) const override;
  double value_and_gradient_f(std::span<const float> x, std::span<float> g) const override;
  bool native_float() const override { return true; }
  double evaluation_cost() const override;  // 2·n·d: the forward and the backward product
  // x0, x1 are biases: one forward pass, then O(n) a point.
  PlaneResult plane_values(std::span<const double> base, std::span<const double> xs, std::span<const double> ys,
                           std::span<double> out, const WorkProgress& progress) const override;
  std::vector<double> default_start() const override;  // zeros: f = ln K + 0
  Box default_view() const override;                    // b_0, b_1 ∈ [−4, 4]

  int examples() const { return n_; }

 private:
  // f(x), and ∇f(x) into g unless g is null.
  template <class T>
  double eval(const T* x, T* g) const;

  std::shared_ptr<const data::Dataset> data_;
  int n_, classes_, features_;
  double l2_;
};

ProblemInfo fmnist_logreg_info();

}  // namespace signlab
