#pragma once
// A one-hidden-layer network on a labelled data set: `fmnist-mlp:n=N,width=W,l2=L,seed=S` on Fashion-MNIST.
//   h_i = tanh(U·a_i + b) ∈ R^W,   z_i = V·h_i + c ∈ R^K,
//   f(x) = (1/n)·Σ_{i<n} [logsumexp(z_i) − z_i,y_i] + ½·l2·‖x‖²
// over the first n examples a_i ∈ [0,1]^p (p = 784, K = 10). tanh rather than ReLU: f is smooth, so its
// Hessian (core/geometry) means something everywhere.
// Layout of x (d = K + K·W + W + W·p = 10 + 795·W on Fashion-MNIST):
//   x[0 .. K)                 c, the output biases
//   x[K + k·W + j]            V(k, j), output weights (row-major K×W)
//   x[K + K·W + j]            b_j, hidden biases
//   x[K + K·W + W + j·p + m]  U(j, m), hidden weights (row-major W×p)
// The output biases come first on purpose: the landscape of a d > 2 problem is f on the (x0, x1) plane
// through the start, and ∂f/∂c_k = mean(p_k − [y = k]) is never flat there.
// Start (default_start): Glorot-uniform U ~ U(±√(6/(p+W))), V ~ U(±√(6/(W+K))), biases 0, every number a pure
// function of (seed, coordinate) through core/problems/noise.hpp's counter-based hash, so a seed gives the same
// start on every platform and standard library.
// Exact gradient (backpropagation) and exact Hessian-vector product (Pearlmutter's R-operator applied to the
// backward pass), float32 entry points with Eigen float products. Evaluation reads only the shared data set,
// the parameters and locals, so it is safe from several threads at once.
#include <cstdint>
#include <memory>

#include "core/data/dataset.hpp"
#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {

inline constexpr int kMlpMaxWidth = 4096;

class Mlp final : public Problem {
 public:
  // Throws SpecError unless 1 ≤ n ≤ data->count, 1 ≤ width ≤ kMlpMaxWidth and l2 ≥ 0 is finite;
  // std::invalid_argument for a data set that fails data::validate.
  Mlp(std::shared_ptr<const data::Dataset> data, int n, int width, double l2, std::uint64_t seed);

  int dim() const override { return d_; }
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;  // from d products H·e_j
  bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const override;
  double value_f(std::span<const float> x) const override;
  void gradient_f(std::span<const float> x, std::span<float> g) const override;
  double value_and_gradient_f(std::span<const float> x, std::span<float> g) const override;
  bool native_float() const override { return true; }
  double evaluation_cost() const override;  // 2·n·d: two products per layer, forward and backward
  // x0, x1 are biases: one forward pass, then O(n) a point.
  PlaneResult plane_values(std::span<const double> base, std::span<const double> xs, std::span<const double> ys,
                           std::span<double> out, const WorkProgress& progress) const override;
  std::vector<double> default_start() const override { return start_; }
  Box default_view() const override;  // c_0, c_1 ∈ [−4, 4] (they start at 0)

  int width() const { return width_; }

 private:
  template <class T>
  double eval(const T* x, T* g) const;

  std::shared_ptr<const data::Dataset> data_;
  int n_, width_, classes_, features_, d_;
  int off_v_, off_b_, off_u_;  // where V, b and U start in x (c starts at 0)
  double l2_;
  std::vector<double> start_;
};

ProblemInfo fmnist_mlp_info();

}  // namespace signlab
