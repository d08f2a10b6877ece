#include "core/problems/mlp.hpp"

#include <cmath>
#include <string>

#include "core/data/fashion_mnist.hpp"
#include "core/problems/noise.hpp"
#include "core/problems/softmax_xent.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

using xent::RowMatrix;
using xent::Vector;

namespace {

std::shared_ptr<const data::Dataset> checked(std::shared_ptr<const data::Dataset> d) {
  if (!d) throw std::invalid_argument("fmnist-mlp: no data set");
  data::validate(*d);
  return d;
}

// Hash streams of the start, so the two weight matrices draw independent numbers.
constexpr std::uint64_t kStreamV = 0x6d6c702d56ull, kStreamU = 0x6d6c702d55ull;

// The parameter blocks of x (see mlp.hpp) as Eigen maps; T is const-qualified for reading.
template <class T>
struct Blocks {
  using S = std::remove_const_t<T>;
  using Vec = std::conditional_t<std::is_const_v<T>, const Vector<S>, Vector<S>>;
  using Mat = std::conditional_t<std::is_const_v<T>, const RowMatrix<S>, RowMatrix<S>>;
  Eigen::Map<Vec> c, b;
  Eigen::Map<Mat> V, U;
  Blocks(T* x, int K, int W, int p)
      : c(x, K), b(x + K + K * W, W), V(x + K, K, W), U(x + K + K * W + W, W, p) {}
};

}  // namespace

Mlp::Mlp(std::shared_ptr<const data::Dataset> data, int n, int width, double l2, std::uint64_t seed)
    : data_(checked(std::move(data))), n_(n), width_(width), classes_(data_->classes), features_(data_->features),
      l2_(l2) {
  if (n < 1 || n > data_->count)
    throw SpecError("fmnist-mlp: n=" + std::to_string(n) + " out of range [1, " + std::to_string(data_->count) +
                    "] (the examples in " + (data_->source.empty() ? "the data set" : data_->source) + ")");
  if (width < 1 || width > kMlpMaxWidth)
    throw SpecError("fmnist-mlp: width=" + std::to_string(width) + " out of range [1, " + std::to_string(kMlpMaxWidth) + "]");
  if (!(l2 >= 0.0 && std::isfinite(l2))) throw SpecError("fmnist-mlp: l2=" + format_number(l2) + " must be >= 0");
  const int K = classes_, W = width_, p = features_;
  off_v_ = K;
  off_b_ = K + K * W;
  off_u_ = K + K * W + W;
  d_ = off_u_ + W * p;
  start_.assign(static_cast<std::size_t>(d_), 0.0);
  const double a_v = std::sqrt(6.0 / (W + K)), a_u = std::sqrt(6.0 / (p + W));
  for (int i = 0; i < K * W; ++i)
    start_[static_cast<std::size_t>(off_v_ + i)] = a_v * (2.0 * unit_closed0(hash_key(seed, kStreamV, i)) - 1.0);
  for (int i = 0; i < W * p; ++i)
    start_[static_cast<std::size_t>(off_u_ + i)] = a_u * (2.0 * unit_closed0(hash_key(seed, kStreamU, i)) - 1.0);
}

template <class T>
double Mlp::eval(const T* x, T* g) const {
  const int K = classes_, W = width_, p = features_;
  const Blocks<const T> w(x, K, W, p);
  if (g) std::fill(g, g + d_, T(0));
  double loss = 0.0;
  xent::for_each_block<T>(*data_, n_, [&](const auto& X, const std::uint8_t* y, int) {
    RowMatrix<T> H = X * w.U.transpose();
    H.rowwise() += w.b.transpose();
    H = H.array().tanh().matrix();
    RowMatrix<T> Z = H * w.V.transpose();
    Z.rowwise() += w.c.transpose();
    loss += xent::softmax_in_place(Z, y);
    if (!g) return;
    xent::subtract_labels(Z, y);  // Z = P − Y = ∂(Σ CE)/∂z
    Blocks<T> gw(g, K, W, p);
    gw.c += Z.colwise().sum().transpose();
    gw.V.noalias() += Z.transpose() * H;
    const RowMatrix<T> dA = ((Z * w.V).array() * (T(1) - H.array().square())).matrix();  // back through tanh
    gw.b += dA.colwise().sum().transpose();
    gw.U.noalias() += dA.transpose() * X;
  });
  if (g) {
    const T inv_n = T(1) / static_cast<T>(n_), l2 = static_cast<T>(l2_);
    for (int i = 0; i < d_; ++i) g[i] = g[i] * inv_n + l2 * x[i];
  }
  return loss / n_ + xent::ridge(x, d_, l2_);
}

double Mlp::value(std::span<const double> x) const { return eval<double>(x.data(), nullptr); }
void Mlp::gradient(std::span<const double> x, std::span<double> g) const { eval<double>(x.data(), g.data()); }
double Mlp::value_f(std::span<const float> x) const { return eval<float>(x.data(), nullptr); }
void Mlp::gradient_f(std::span<const float> x, std::span<float> g) const { eval<float>(x.data(), g.data()); }
double Mlp::value_and_gradient_f(std::span<const float> x, std::span<float> g) const {
  return eval<float>(x.data(), g.data());
}

double Mlp::evaluation_cost() const { return 2.0 * n_ * d_; }

// Pearlmutter's R-operator: R{q} = d/dε q(x + ε·v) at ε = 0, pushed through the forward pass and then
// through the backward pass of eval(); R{gradient} = H·v exactly.
bool Mlp::hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const {
  using M = RowMatrix<double>;
  const int K = classes_, W = width_, p = features_;
  const Blocks<const double> w(x.data(), K, W, p), dv(v.data(), K, W, p);
  Blocks<double> o(out.data(), K, W, p);
  std::fill(out.begin(), out.end(), 0.0);
  xent::for_each_block<double>(*data_, n_, [&](const auto& X, const std::uint8_t* y, int) {
    // forward
    M H = X * w.U.transpose();
    H.rowwise() += w.b.transpose();
    H = H.array().tanh().matrix();
    const M D = (1.0 - H.array().square()).matrix();  // tanh'
    M P = H * w.V.transpose();
    P.rowwise() += w.c.transpose();
    xent::softmax_in_place(P, y);
    M R = P;
    xent::subtract_labels(R, y);  // ∂/∂z
    // R-forward
    M RA = X * dv.U.transpose();
    RA.rowwise() += dv.b.transpose();
    const M RH = (D.array() * RA.array()).matrix();
    M RZ = RH * w.V.transpose();
    RZ.noalias() += H * dv.V.transpose();
    RZ.rowwise() += dv.c.transpose();
    const M RR = xent::softmax_jvp(P, RZ);  // R{P − Y} = R{P}
    // R-backward
    o.c += RR.colwise().sum().transpose();
    o.V.noalias() += RR.transpose() * H;
    o.V.noalias() += R.transpose() * RH;
    const M dH = R * w.V;
    M RdH = RR * w.V;
    RdH.noalias() += R * dv.V;
    // dA = dH ⊙ D with R{D} = −2·H ⊙ R{H}
    const M RdA = (RdH.array() * D.array() - 2.0 * dH.array() * H.array() * RH.array()).matrix();
    o.b += RdA.colwise().sum().transpose();
    o.U.noalias() += RdA.transpose() * X;
  });
  for (int i = 0; i < d_; ++i) out[i] = out[i] / n_ + l2_ * v[i];
  return true;
}

PlaneResult Mlp::plane_values(std::span<const double> base, std::span<const double> xs, std::span<const double> ys,
                              std::span<double> out, const WorkProgress& progress) const {
  const int K = classes_, W = width_, p = features_, nx = static_cast<int>(xs.size()), ny = static_cast<int>(ys.size());
  const Blocks<const double> w(base.data(), K, W, p);
  // The logits first (one forward pass, reported per block of examples), then the plane row by row.
  const double share = xent::logits_share(d_, nx, ny);
  RowMatrix<double> Z(n_, K);
  int row = 0;
  bool go = true;
  xent::for_each_block<double>(*data_, n_, [&](const auto& X, const std::uint8_t*, int rows) {
    if (!go) return;
    RowMatrix<double> H = X * w.U.transpose();
    H.rowwise() += w.b.transpose();
    Z.middleRows(row, rows).noalias() = H.array().tanh().matrix() * w.V.transpose();
    row += rows;
    if (progress) go = progress(share * row / n_);
  });
  if (!go) return PlaneResult::Stopped;
  Z.rowwise() += w.c.transpose();
  const double rest = 2.0 * xent::ridge(base.data() + 2, d_ - 2, 1.0);
  return xent::bias_plane_values(Z, data_->y.data(), base[0], base[1], l2_, rest, xs.data(), nx, ys.data(), ny,
                                 out.data(), progress, share)
             ? PlaneResult::Done
             : PlaneResult::Stopped;
}

void Mlp::hessian(std::span<const double> x, std::span<double> H) const { hessian_by_hvp(*this, x, H); }

// The output biases start at 0; ±4 around them shows the bowl of f in (c_0, c_1) and its walls.
Box Mlp::default_view() const { return {start_[0] - 4.0, start_[0] + 4.0, start_[1] - 4.0, start_[1] + 4.0}; }

ProblemInfo fmnist_mlp_info() {
  ProblemInfo info{
      "fmnist-mlp",
      "f(x) = (1/n)·Σ_i CE(softmax(V·tanh(U·a_i + b) + c), y_i) + ½·l2·‖x‖²  on Fashion-MNIST, "
      "x = (c, V, b, U), d = 10 + 795·width",
      {
          {"n", 1000.0, 1.0, 60000.0, Scale::LogInteger, "Training images used (the first n of the 60000)."},
          {"width", 16.0, 1.0, 1024.0, Scale::LogInteger, "Hidden units: d = 10 + 795·width."},
          {"l2", 1e-4, 0.0, 1.0, Scale::Linear, "Ridge weight: ½·l2·‖x‖² is added to the mean cross-entropy."},
          {"seed", 1.0, 0.0, 2147483647.0, Scale::Integer, "Seed of the Glorot-uniform start.", Entry::Typed},
      },
      [](const ParamValues& v) {
        return std::make_unique<Mlp>(data::fashion_mnist_train(), static_cast<int>(std::llround(v.at("n"))),
                                     static_cast<int>(std::llround(v.at("width"))), v.at("l2"),
                                     static_cast<std::uint64_t>(std::llround(v.at("seed"))));
      },
  };
  info.loads_data = true;
  info.describe = [params = info.params](const Spec& spec) {  // without reading the data set
    const ParamValues v = resolve_params(spec, params, "problem fmnist-mlp");
    return ProblemShape{10 + 795 * static_cast<int>(std::llround(v.at("width"))), {0, 0}, 0.0};
  };
  return info;
}

}  // namespace signlab
