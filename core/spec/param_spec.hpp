#pragma once
// A tunable parameter as the registry describes it: the UI builds its slider from this and
// the CLI validates SPEC values against it, so both front ends agree on names and ranges.
#include <map>
#include <string>
#include <vector>

namespace signlab {

enum class Scale {
  Linear,   // ordinary slider
  Log,      // learning rates, eps, condition numbers: slider moves in log10 space
  Toggle,   // 0/1 flag (e.g. nesterov)
  Integer,  // whole numbers (sizes, counts)
  LogInteger,  // whole numbers over decades (a dimension from 1 to 10⁸): log slider, rounded
};

// How a front end lets the user set a value. Seeds are typed: their values are labels, not amounts
// (neighbouring seeds are unrelated), and their range is wider than any slider can resolve.
enum class Entry {
  Slider,
  Typed,
};

struct ParamSpec {
  std::string name;
  double def = 0.0;
  double min = 0.0;
  double max = 1.0;
  Scale scale = Scale::Linear;
  std::string help;  // one sentence shown as a tooltip
  Entry entry = Entry::Slider;
  // Non-empty: 0 is not a point of the scale but this mode (e.g. "estimate"); a log slider shows the word
  // at 0 and gives 0 at its left end.
  std::string zero_means = {};
};

// Resolved parameter values, by name. Always holds every parameter of the spec list.
using ParamValues = std::map<std::string, double>;

// Defaults for every parameter in `specs`.
ParamValues default_values(const std::vector<ParamSpec>& specs);

// The spec named `name`, or nullptr.
const ParamSpec* find_param(const std::vector<ParamSpec>& specs, const std::string& name);

}  // namespace signlab
