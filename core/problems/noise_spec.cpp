#include "core/problems/noise_spec.hpp"

#include "core/spec/spec_parse.hpp"

namespace signlab {

NoiseModel parse_noise_spec(const std::string& text) {
  const Spec spec = parse_spec(text);
  const std::vector<ParamSpec> common = {
      {"sigma", 0.1, 0.0, 1e6, Scale::Log, "Noise scale σ of the stochastic gradient."},
      {"components", 0, 0, 1e7, Scale::Integer, "m > 0: a finite sum of m fixed samples; 0: fresh samples."},
      {"curvature", 0.0, 0.0, 1e6, Scale::Linear, "Spread of each sample's diagonal curvature."},
  };
  if (spec.name == "none") {
    if (!spec.entries.empty()) throw SpecError("noise none: takes no keys");
    return NoiseModel::none();
  }
  if (spec.name == "gauss") {
    const ParamValues v = resolve_params(spec, common, "noise gauss");
    return NoiseModel::gauss(v.at("sigma"), static_cast<int>(v.at("components")), v.at("curvature"));
  }
  if (spec.name == "student") {
    auto params = common;
    params.push_back({"nu", 3.0, 0.05, 1e6, Scale::Log, "Degrees of freedom ν: moments of order < ν are finite."});
    const ParamValues v = resolve_params(spec, params, "noise student");
    return NoiseModel::student_t(v.at("sigma"), v.at("nu"), static_cast<int>(v.at("components")), v.at("curvature"));
  }
  throw SpecError("unknown noise '" + spec.name + "' (allowed: none, gauss, student)");
}

}  // namespace signlab
