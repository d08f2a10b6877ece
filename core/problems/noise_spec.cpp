#include "core/problems/noise_spec.hpp"
#include "core/spec/quote.hpp"

#include "core/spec/spec_parse.hpp"

namespace signlab {

const std::vector<ParamSpec>& noise_params(NoiseModel::Kind kind) {
  static const std::vector<ParamSpec> none;
  static const std::vector<ParamSpec> gauss = {
      {"sigma", 0.1, 0.0, 1e6, Scale::Log, "Noise scale σ of the stochastic gradient."},
      {"components", 0, 0, 1e7, Scale::Integer, "m > 0: a finite sum of m fixed samples; 0: fresh samples."},
      {"curvature", 0.0, 0.0, 1e6, Scale::Linear, "Spread of each sample's diagonal curvature."},
  };
  static const std::vector<ParamSpec> student = [] {
    auto p = gauss;
    p.push_back({"nu", 3.0, 0.05, 1e6, Scale::Log, "Degrees of freedom ν: moments of order < ν are finite."});
    return p;
  }();
  switch (kind) {
    case NoiseModel::Kind::Gauss: return gauss;
    case NoiseModel::Kind::StudentT: return student;
    case NoiseModel::Kind::None: break;
  }
  return none;
}

NoiseModel parse_noise_spec(const std::string& text) {
  const Spec spec = parse_spec(text);
  if (spec.name == "none") {
    if (!spec.entries.empty()) throw SpecError("noise none: takes no keys");
    return NoiseModel::none();
  }
  if (spec.name == "gauss") {
    const ParamValues v = resolve_params(spec, noise_params(NoiseModel::Kind::Gauss), "noise gauss");
    return NoiseModel::gauss(v.at("sigma"), static_cast<int>(v.at("components")), v.at("curvature"));
  }
  if (spec.name == "student") {
    const ParamValues v = resolve_params(spec, noise_params(NoiseModel::Kind::StudentT), "noise student");
    return NoiseModel::student_t(v.at("sigma"), v.at("nu"), static_cast<int>(v.at("components")), v.at("curvature"));
  }
  throw SpecError("unknown noise " + quote_input(spec.name) + " (allowed: none, gauss, student)");
}

std::string format_noise_spec(const NoiseModel& m) {
  if (m.kind == NoiseModel::Kind::None && m.curvature == 0.0) return "none";
  // A curvature-only model (kind None, curvature > 0) is written as Gaussian noise of scale 0.
  const bool student = m.kind == NoiseModel::Kind::StudentT;
  const double sigma = m.kind == NoiseModel::Kind::None ? 0.0 : m.sigma;
  const ParamValues values = {{"sigma", sigma},
                              {"components", static_cast<double>(m.components)},
                              {"curvature", m.curvature},
                              {"nu", m.nu}};
  const auto& specs = noise_params(student ? NoiseModel::Kind::StudentT : NoiseModel::Kind::Gauss);
  ParamValues used;
  for (const ParamSpec& p : specs) used[p.name] = values.at(p.name);
  return format_spec(student ? "student" : "gauss", specs, used);
}

}  // namespace signlab
