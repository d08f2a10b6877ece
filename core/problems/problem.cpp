// Problem's default implementations: the float32 entry points for problems that only implement the double
// ones, and the minimisers' (x0, x1).
#include "core/problems/problem.hpp"

#include <algorithm>

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

}  // namespace signlab
