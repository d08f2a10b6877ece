#include "core/problems/logreg.hpp"

#include <cmath>
#include <string>

#include "core/data/fashion_mnist.hpp"
#include "core/problems/softmax_xent.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

using xent::RowMatrix;
using xent::Vector;

namespace {
std::shared_ptr<const data::Dataset> checked(std::shared_ptr<const data::Dataset> d) {
  if (!d) throw std::invalid_argument("fmnist-logreg: no data set");
  data::validate(*d);
  return d;
}
}  // namespace

LogReg::LogReg(std::shared_ptr<const data::Dataset> data, int n, double l2)
    : data_(checked(std::move(data))), n_(n), classes_(data_->classes), features_(data_->features), l2_(l2) {
  if (n < 1 || n > data_->count)
    throw SpecError("fmnist-logreg: n=" + std::to_string(n) + " out of range [1, " + std::to_string(data_->count) +
                    "] (the examples in " + (data_->source.empty() ? "the data set" : data_->source) + ")");
  if (!(l2 >= 0.0 && std::isfinite(l2))) throw SpecError("fmnist-logreg: l2=" + format_number(l2) + " must be >= 0");
}

template <class T>
double LogReg::eval(const T* x, T* g) const {
  const int K = classes_, p = features_, d = dim();
  const Eigen::Map<const Vector<T>> b(x, K);
  const Eigen::Map<const RowMatrix<T>> W(x + K, K, p);
  if (g) std::fill(g, g + d, T(0));
  double loss = 0.0;
  xent::for_each_block<T>(*data_, n_, [&](const auto& X, const std::uint8_t* y, int) {
    RowMatrix<T> Z = X * W.transpose();
    Z.rowwise() += b.transpose();
    loss += xent::softmax_in_place(Z, y);
    if (!g) return;
    xent::subtract_labels(Z, y);  // Z = P − Y
    Eigen::Map<Vector<T>>(g, K) += Z.colwise().sum().transpose();
    Eigen::Map<RowMatrix<T>>(g + K, K, p).noalias() += Z.transpose() * X;
  });
  if (g) {
    const T inv_n = T(1) / static_cast<T>(n_), l2 = static_cast<T>(l2_);
    for (int i = 0; i < d; ++i) g[i] = g[i] * inv_n + l2 * x[i];
  }
  return loss / n_ + xent::ridge(x, d, l2_);
}

double LogReg::value(std::span<const double> x) const { return eval<double>(x.data(), nullptr); }
void LogReg::gradient(std::span<const double> x, std::span<double> g) const { eval<double>(x.data(), g.data()); }
double LogReg::value_f(std::span<const float> x) const { return eval<float>(x.data(), nullptr); }
void LogReg::gradient_f(std::span<const float> x, std::span<float> g) const { eval<float>(x.data(), g.data()); }
double LogReg::value_and_gradient_f(std::span<const float> x, std::span<float> g) const {
  return eval<float>(x.data(), g.data());
}

double LogReg::evaluation_cost() const { return 2.0 * n_ * dim(); }

bool LogReg::hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const {
  const int K = classes_, p = features_, d = dim();
  const Eigen::Map<const Vector<double>> b(x.data(), K), vb(v.data(), K);
  const Eigen::Map<const RowMatrix<double>> W(x.data() + K, K, p), vW(v.data() + K, K, p);
  Eigen::Map<Vector<double>> out_b(out.data(), K);
  Eigen::Map<RowMatrix<double>> out_W(out.data() + K, K, p);
  out_b.setZero();
  out_W.setZero();
  xent::for_each_block<double>(*data_, n_, [&](const auto& X, const std::uint8_t* y, int) {
    RowMatrix<double> P = X * W.transpose();
    P.rowwise() += b.transpose();
    xent::softmax_in_place(P, y);
    RowMatrix<double> dZ = X * vW.transpose();  // the change of the logits along v
    dZ.rowwise() += vb.transpose();
    const RowMatrix<double> dP = xent::softmax_jvp(P, dZ);
    out_b += dP.colwise().sum().transpose();
    out_W.noalias() += dP.transpose() * X;
  });
  for (int i = 0; i < d; ++i) out[i] = out[i] / n_ + l2_ * v[i];
  return true;
}

PlaneResult LogReg::plane_values(std::span<const double> base, std::span<const double> xs,
                                 std::span<const double> ys, std::span<double> out,
                                 const WorkProgress& progress) const {
  const int K = classes_, p = features_, nx = static_cast<int>(xs.size()), ny = static_cast<int>(ys.size());
  const Eigen::Map<const Vector<double>> b(base.data(), K);
  const Eigen::Map<const RowMatrix<double>> W(base.data() + K, K, p);
  // The logits first (one forward pass, reported per block of examples), then the plane row by row.
  const double share = xent::logits_share(dim(), nx, ny);
  RowMatrix<double> Z(n_, K);
  int row = 0;
  bool go = true;
  xent::for_each_block<double>(*data_, n_, [&](const auto& X, const std::uint8_t*, int rows) {
    if (!go) return;
    Z.middleRows(row, rows).noalias() = X * W.transpose();
    row += rows;
    if (progress) go = progress(share * row / n_);
  });
  if (!go) return PlaneResult::Stopped;
  Z.rowwise() += b.transpose();
  const double rest = 2.0 * xent::ridge(base.data() + 2, dim() - 2, 1.0);
  return xent::bias_plane_values(Z, data_->y.data(), base[0], base[1], l2_, rest, xs.data(), nx, ys.data(), ny,
                                 out.data(), progress, share)
             ? PlaneResult::Done
             : PlaneResult::Stopped;
}

void LogReg::hessian(std::span<const double> x, std::span<double> H) const { hessian_by_hvp(*this, x, H); }

std::vector<double> LogReg::default_start() const { return std::vector<double>(static_cast<std::size_t>(dim()), 0.0); }

// f restricted to (b_0, b_1) is a smooth bowl near the balanced-classes optimum b ≈ 0; ±4 shows its walls.
Box LogReg::default_view() const { return {-4.0, 4.0, -4.0, 4.0}; }

ProblemInfo fmnist_logreg_info() {
  ProblemInfo info{
      "fmnist-logreg",
      "f(x) = (1/n)·Σ_i CE(softmax(W·a_i + b), y_i) + ½·l2·‖x‖²  on Fashion-MNIST, x = (b, W), d = 7850",
      {
          {"n", 1000.0, 1.0, 60000.0, Scale::LogInteger, "Training images used (the first n of the 60000)."},
          {"l2", 1e-4, 0.0, 1.0, Scale::Linear, "Ridge weight: ½·l2·‖x‖² is added to the mean cross-entropy."},
      },
      [](const ParamValues& v) {
        return std::make_unique<LogReg>(data::fashion_mnist_train(), static_cast<int>(std::llround(v.at("n"))),
                                        v.at("l2"));
      },
  };
  info.loads_data = true;
  info.describe = [params = info.params](const Spec& spec) {  // without reading the data set
    resolve_params(spec, params, "problem fmnist-logreg");
    return ProblemShape{10 + 784 * 10, {0, 0}, 0.0};
  };
  return info;
}

}  // namespace signlab
