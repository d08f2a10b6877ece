#pragma once
// Noise SPECs for the CLI and scenarios: `none`, `gauss:sigma=S[,components=M][,curvature=C]`,
// `student:sigma=S,nu=V[,components=M][,curvature=C]` (heavy tails: moments finite below ν).
#include <string>
#include <vector>

#include "core/problems/noise.hpp"
#include "core/spec/param_spec.hpp"

namespace signlab {

// Throws SpecError naming the bad part and what is allowed.
NoiseModel parse_noise_spec(const std::string& text);

// The SPEC that parse_noise_spec reads back to `m` (keys at their defaults left out; "none" when exact).
std::string format_noise_spec(const NoiseModel& m);

// The keys of a kind's SPEC with ranges, defaults and help (for sliders): Gauss has sigma, components and
// curvature; Student-t also nu; None has none.
const std::vector<ParamSpec>& noise_params(NoiseModel::Kind kind);

}  // namespace signlab
