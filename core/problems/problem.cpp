// The float32 entry points of Problem for problems that only implement the double ones.
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

}  // namespace signlab
