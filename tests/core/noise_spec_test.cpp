// Noise SPECs: what format_noise_spec writes, parse_noise_spec reads back to the same model.
#include <gtest/gtest.h>

#include <string>

#include "core/problems/noise_spec.hpp"

namespace signlab {
namespace {

void expect_same(const NoiseModel& a, const NoiseModel& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.sigma, b.sigma);
  EXPECT_EQ(a.components, b.components);
  EXPECT_EQ(a.curvature, b.curvature);
  if (a.kind == NoiseModel::Kind::StudentT) {
    EXPECT_EQ(a.nu, b.nu);
  }
}

TEST(NoiseSpec, FormatReadsBackToTheSameModel) {
  const NoiseModel models[] = {NoiseModel::none(), NoiseModel::gauss(0.1), NoiseModel::gauss(0.37, 50, 0.2),
                               NoiseModel::student_t(2.0, 1.5), NoiseModel::student_t(0.3, 3.0, 7, 0.0)};
  for (const NoiseModel& m : models) {
    const std::string text = format_noise_spec(m);
    SCOPED_TRACE(text);
    expect_same(parse_noise_spec(text), m);
  }
  EXPECT_EQ(format_noise_spec(NoiseModel::none()), "none");
  EXPECT_EQ(format_noise_spec(NoiseModel::gauss(0.1)), "gauss");  // defaults left out
  EXPECT_EQ(format_noise_spec(NoiseModel::student_t(2.0, 1.5)), "student:sigma=2,nu=1.5");
  // Curvature alone (no shift noise) is a Gaussian model of scale 0, which keeps the curvature.
  const NoiseModel curv{NoiseModel::Kind::None, 0.0, 3.0, 0, 0.5};
  const NoiseModel back = parse_noise_spec(format_noise_spec(curv));
  EXPECT_EQ(back.curvature, 0.5);
  EXPECT_EQ(back.sigma, 0.0);
  EXPECT_TRUE(back.active());
}

TEST(NoiseSpec, ParamsListTheKeysOfEachKind) {
  EXPECT_TRUE(noise_params(NoiseModel::Kind::None).empty());
  EXPECT_EQ(noise_params(NoiseModel::Kind::Gauss).size(), 3u);
  ASSERT_EQ(noise_params(NoiseModel::Kind::StudentT).size(), 4u);
  EXPECT_EQ(noise_params(NoiseModel::Kind::StudentT).back().name, "nu");
}

}  // namespace
}  // namespace signlab
