#include "core/problems/separable.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/kernels/kernels.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

Separable::Separable(std::size_t d, double cond) {
  if (!(d >= 1 && static_cast<double>(d) <= kSeparableMaxDim))
    throw SpecError("separable: d=" + std::to_string(d) + " out of range [1, " + format_number(kSeparableMaxDim) + "]");
  if (!(cond >= 1.0)) throw SpecError("separable: cond=" + format_number(cond) + " must be >= 1");
  lambda_.resize(d);
  const double step = d > 1 ? -std::log(cond) / static_cast<double>(d - 1) : 0.0;
  for (std::size_t i = 0; i < d; ++i) lambda_[i] = static_cast<float>(std::exp(step * static_cast<double>(i)));
}

double Separable::value(std::span<const double> x) const {
  double s = 0.0;
  for (std::size_t i = 0; i < lambda_.size(); ++i) s += static_cast<double>(lambda_[i]) * x[i] * x[i];
  return 0.5 * s;
}

void Separable::gradient(std::span<const double> x, std::span<double> g) const {
  for (std::size_t i = 0; i < lambda_.size(); ++i) g[i] = static_cast<double>(lambda_[i]) * x[i];
}

void Separable::hessian(std::span<const double>, std::span<double> H) const {
  const std::size_t d = lambda_.size();
  std::fill(H.begin(), H.end(), 0.0);
  for (std::size_t i = 0; i < d; ++i) H[i * d + i] = lambda_[i];
}

bool Separable::hvp(std::span<const double>, std::span<const double> v, std::span<double> out) const {
  for (std::size_t i = 0; i < lambda_.size(); ++i) out[i] = static_cast<double>(lambda_[i]) * v[i];
  return true;
}

// f = ½·Σ λ_i·x_i² = ½·⟨λ ⊙ x, x⟩: the SIMD dot product (accumulated in double) over the products
// rounded to float, the same numbers gradient_f produces. value_f forms them a block at a time on the
// stack rather than in a d-sized buffer.
double Separable::value_f(std::span<const float> x) const {
  constexpr std::size_t kBlock = 4096;
  float g[kBlock];
  double total = 0.0;
  for (std::size_t b = 0; b < x.size(); b += kBlock) {
    const std::size_t n = std::min(kBlock, x.size() - b);
    for (std::size_t i = 0; i < n; ++i) g[i] = lambda_[b + i] * x[b + i];
    total += kernels::dot(g, x.data() + b, n);
  }
  return 0.5 * total;
}

double Separable::value_and_gradient_f(std::span<const float> x, std::span<float> g) const {
  gradient_f(x, g);
  return 0.5 * kernels::dot(g.data(), x.data(), x.size());
}

void Separable::gradient_f(std::span<const float> x, std::span<float> g) const {
  const std::size_t d = lambda_.size();
  const float* l = lambda_.data();
  const float* p = x.data();
  float* out = g.data();
  for (std::size_t i = 0; i < d; ++i) out[i] = l[i] * p[i];
}

bool Separable::separable_term(int i, double t, double& out) const {
  if (i < 0 || static_cast<std::size_t>(i) >= lambda_.size()) return false;
  out = 0.5 * static_cast<double>(lambda_[static_cast<std::size_t>(i)]) * t * t;
  return true;
}

std::vector<double> Separable::default_start() const { return std::vector<double>(lambda_.size(), 1.0); }

Box Separable::default_view() const { return {-1.5, 1.5, -1.5, 1.5}; }

std::vector<std::vector<double>> Separable::minimizers() const {
  return {std::vector<double>(lambda_.size(), 0.0)};
}

ProblemInfo separable_info() {
  ProblemInfo info{
      "separable",
      "f(x) = ½·Σ λ_i·x_i²,  λ_i = cond^(−i/(d−1)) from 1 down to 1/cond  (float32 kernels for large d)",
      {
          {"d", 100000.0, 1.0, kSeparableMaxDim, Scale::LogInteger, "Dimension (the float32 kernel path runs from d = 1000)."},
          {"cond", 100.0, 1.0, 1e8, Scale::Log, "λ_max/λ_min: the curvatures are log-spaced over this range."},
      },
      [](const ParamValues& v) {
        return std::make_unique<Separable>(static_cast<std::size_t>(std::llround(v.at("d"))), v.at("cond"));
      },
  };
  // d up to 10⁸ takes seconds and 4·d bytes to build: described from the SPEC.
  info.describe = [params = info.params](const Spec& spec) {
    const ParamValues v = resolve_params(spec, params, "problem separable");
    const double d = std::round(v.at("d"));
    return ProblemShape{static_cast<int>(d), {0, 0}, 4.0 * d};
  };
  return info;
}

}  // namespace signlab
