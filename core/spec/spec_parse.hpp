#pragma once
// SPEC strings: `name` or `name:key=value,key=value` (DESIGN.md, "The CLI").
// Errors are one line naming the bad part and what is allowed, since the CLI prints them as-is.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/spec/param_spec.hpp"

namespace signlab {

struct SpecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Spec {
  std::string name;
  std::vector<std::pair<std::string, std::string>> entries;  // key=value in the order written
};

// Splits the text; throws SpecError on empty names, missing '=', empty keys or repeated keys.
Spec parse_spec(std::string_view text);

// Parses a finite number, the whole string; throws SpecError("<what>: <key>='<text>' is not a number").
double parse_number(std::string_view text, std::string_view what, std::string_view key);

// Defaults overridden by the spec's entries. Throws SpecError on an unknown key (listing the allowed
// ones), a malformed number or a value outside [min, max] (stating the range). `what` prefixes the
// message, e.g. "lion" or "problem rosenbrock".
ParamValues resolve_params(const Spec& spec, const std::vector<ParamSpec>& specs,
                           std::string_view what);

// Throws SpecError when `value` is not allowed for `p` (range, integer, toggle).
void check_value(const ParamSpec& p, double value, std::string_view what);

// "a, b, c"
std::string join_names(const std::vector<std::string>& names);

// Back to text: `name:k=v,...` with only the non-default values, shortest round-tripping numbers.
std::string format_spec(const std::string& name, const std::vector<ParamSpec>& specs,
                        const ParamValues& values);

// Shortest text that reads back to the same double.
std::string format_number(double v);

}  // namespace signlab
