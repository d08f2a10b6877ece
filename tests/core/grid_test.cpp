// Landscape grids: bilinear sampling (what the hover read-out of a very large problem shows) is exact on a
// plane, equals the samples at the nodes, and is NaN outside the box.
#include <gtest/gtest.h>

#include <cmath>

#include "core/landscape/grid.hpp"

namespace signlab {
namespace {

class Plane final : public Problem {
 public:
  int dim() const override { return 2; }
  double value(std::span<const double> x) const override { return 2.0 * x[0] - 3.0 * x[1] + 1.0; }
  void gradient(std::span<const double>, std::span<double> g) const override {
    g[0] = 2.0;
    g[1] = -3.0;
  }
  void hessian(std::span<const double>, std::span<double> H) const override {
    for (int i = 0; i < 4; ++i) H[i] = 0.0;
  }
  std::vector<double> default_start() const override { return {0, 0}; }
  Box default_view() const override { return {}; }
};

TEST(LandscapeGrid, BilinearSamplingIsExactOnAPlaneAndNaNOutside) {
  const Plane p;
  const LandscapeGrid g = compute_grid(p, Box{-1.0, 3.0, 0.0, 2.0}, 9, 5);
  EXPECT_DOUBLE_EQ(sample_grid(g, -1.0, 0.0), g.at(0, 0));
  EXPECT_DOUBLE_EQ(sample_grid(g, 3.0, 2.0), g.at(8, 4));
  for (double x : {-1.0, -0.3, 0.77, 2.99})
    for (double y : {0.0, 0.41, 1.5, 2.0}) EXPECT_NEAR(sample_grid(g, x, y), p.value(std::vector<double>{x, y}), 1e-5);
  EXPECT_TRUE(std::isnan(sample_grid(g, -1.01, 1.0)));
  EXPECT_TRUE(std::isnan(sample_grid(g, 0.0, 2.5)));
  EXPECT_TRUE(std::isnan(sample_grid(LandscapeGrid{}, 0.0, 0.0)));
}

}  // namespace
}  // namespace signlab
