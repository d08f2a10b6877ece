// Problem's default implementations: the float32 entry points for problems that only implement the double
// ones, the minimisers' (x0, x1), and a dense Hessian from Hessian-vector products.
#include "core/problems/problem.hpp"

#include <algorithm>
#include <stdexcept>

namespace signlab {

double Problem::value_f(std::span<const float> x) const {
  const std::vector<double> xd(x.begin(), x.end());
  return value(xd);
}

void Problem::gradient_f(std::span<const float> x, std::span<float> g) const {
  const std::vector<double> xd(x.begin(), x.end());
  std::vector<double> gd(xd.size());
  gradient(xd, gd);
  std::transform(gd.begin(), gd.end(), g.begin(), [](double v) { return static_cast<float>(v); });
}

std::vector<std::array<double, 2>> Problem::minimizers_xy() const {
  std::vector<std::array<double, 2>> xy;
  for (const auto& m : minimizers())
    if (m.size() >= 2) xy.push_back({m[0], m[1]});
  return xy;
}

void hessian_by_hvp(const Problem& p, std::span<const double> x, std::span<double> H) {
  const std::size_t d = static_cast<std::size_t>(p.dim());
  std::vector<double> e(d, 0.0), col(d);
  for (std::size_t j = 0; j < d; ++j) {
    e[j] = 1.0;
    if (!p.hvp(x, e, col)) throw std::logic_error("hessian_by_hvp: the problem has no exact Hessian-vector product");
    e[j] = 0.0;
    // H is symmetric: column j is also row j, which is the contiguous one to write.
    std::copy(col.begin(), col.end(), H.begin() + static_cast<std::ptrdiff_t>(j * d));
  }
}

}  // namespace signlab
