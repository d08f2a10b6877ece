#pragma once
// Noise SPECs for the CLI and scenarios: `none`, `gauss:sigma=S[,components=M][,curvature=C]`,
// `student:sigma=S,nu=V[,components=M][,curvature=C]` (heavy tails: moments finite below ν).
#include <string>

#include "core/problems/noise.hpp"

namespace signlab {

// Throws SpecError naming the bad part and what is allowed.
NoiseModel parse_noise_spec(const std::string& text);

}  // namespace signlab
