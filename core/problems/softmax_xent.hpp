#pragma once
// Pieces shared by the classifiers on a data set (logreg.hpp, mlp.hpp): the softmax cross-entropy of a block
// of logits, and the data walked in blocks of rows. Templated on the scalar so the float32 path runs in
// float and the double path (finite-difference tests, Hessians) in double from the same code.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <type_traits>

#include "core/data/dataset.hpp"

namespace signlab::xent {

template <class T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// Z (rows × K logits) becomes the softmax probabilities, row by row; returns Σ_i (logsumexp(z_i) − z_i,y_i)
// summed in double. The row maximum is subtracted before exp(), so large logits cannot overflow.
template <class T>
double softmax_in_place(RowMatrix<T>& Z, const std::uint8_t* y) {
  double loss = 0.0;
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    auto z = Z.row(i);
    const T m = z.maxCoeff();
    const double zy = static_cast<double>(z(y[i]));
    z = (z.array() - m).exp().matrix();
    const T s = z.sum();
    loss += static_cast<double>(m) + std::log(static_cast<double>(s)) - zy;
    z /= s;
  }
  return loss;
}

// P ↦ P − Y (Y the one-hot labels): the gradient of the summed cross-entropy with respect to the logits.
template <class T>
void subtract_labels(RowMatrix<T>& P, const std::uint8_t* y) {
  for (Eigen::Index i = 0; i < P.rows(); ++i) P(i, y[i]) -= T(1);
}

// The directional derivative of softmax rows: dP = P ⊙ (dZ − ⟨p_i, dz_i⟩ per row), i.e. for each example
// (diag(p) − p·pᵀ)·dz, the softmax Jacobian applied to dz.
template <class T>
RowMatrix<T> softmax_jvp(const RowMatrix<T>& P, const RowMatrix<T>& dZ) {
  const Vector<T> s = (P.array() * dZ.array()).rowwise().sum();
  return (P.array() * (dZ.colwise() - s).array()).matrix();
}

// Examples per block: bounds the temporaries (and, on the double path, the widened copy of the pixels) to
// a few hundred rows, whatever n is.
inline constexpr int kBlockRows = 256;

// Calls f(X, y, rows) for consecutive blocks of the first n examples: X is rows × features in T (the
// stored floats themselves for T = float, a widened copy for T = double), y the block's labels.
template <class T, class F>
void for_each_block(const data::Dataset& ds, int n, F&& f) {
  for (int i0 = 0; i0 < n; i0 += kBlockRows) {
    const int rows = std::min(kBlockRows, n - i0);
    const Eigen::Map<const RowMatrix<float>> xf(ds.row(i0), rows, ds.features);
    if constexpr (std::is_same_v<T, float>) {
      f(xf, ds.y.data() + i0, rows);
    } else {
      const RowMatrix<T> xt = xf.template cast<T>();
      f(xt, ds.y.data() + i0, rows);
    }
  }
}

// ½·l2·‖x‖², summed in double.
template <class T>
double ridge(const T* x, int d, double l2) {
  double s = 0.0;
  for (int i = 0; i < d; ++i) s += static_cast<double>(x[i]) * static_cast<double>(x[i]);
  return 0.5 * l2 * s;
}

// The landscape plane of a classifier whose x0, x1 are the biases of classes 0 and 1 (Problem::plane_values):
// moving them by (Δ0, Δ1) adds Δ0 and Δ1 to logits 0 and 1 of every example and changes nothing else, so
// from the logits Z at base (n × K) the mean cross-entropy anywhere on the plane costs O(n), not a forward
// pass. Adds ½·l2·‖x‖² (whose other coordinates are ridge_rest = Σ_{i≥2} base_i²). Fills out as
// Problem::plane_values does, telling `progress` (when set) after every row of the plane a share that
// goes from `start` to 1; returns false when it asked to stop.
bool bias_plane_values(const RowMatrix<double>& Z, const std::uint8_t* y, double base0, double base1,
                       double l2, double ridge_rest, const double* xs, int nx, const double* ys, int ny,
                       double* out, const std::function<bool(double)>& progress, double start);

// The share of a plane's work (nx × ny points over n examples) that computing its logits takes, when one
// example's logits cost `logit_cost` multiply-adds: the start of the rows' progress above. A point costs
// about ten multiply-adds an example (a logarithm and a few products).
inline double logits_share(double logit_cost, int nx, int ny) {
  const double rows = 10.0 * static_cast<double>(nx) * static_cast<double>(ny);
  return logit_cost / (logit_cost + rows);
}

}  // namespace signlab::xent
