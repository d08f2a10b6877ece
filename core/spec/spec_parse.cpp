#include "core/spec/spec_parse.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/spec/quote.hpp"

namespace signlab {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string range_text(const ParamSpec& p) {
  if (p.scale == Scale::Toggle) return "0 or 1";
  std::string r = format_number(p.min) + ".." + format_number(p.max);
  if (p.scale == Scale::Integer || p.scale == Scale::LogInteger) r += ", whole numbers";
  return r;
}

}  // namespace

Spec parse_spec(std::string_view text) {
  Spec spec;
  text = trim(text);
  const auto colon = text.find(':');
  spec.name = std::string(trim(text.substr(0, colon)));
  if (spec.name.empty()) throw SpecError("empty name in SPEC " + quote_input(text));
  if (colon == std::string_view::npos) return spec;
  std::string_view rest = text.substr(colon + 1);
  std::set<std::string> seen;
  const std::string name = escape_input(spec.name);  // the name is not checked yet: escape it when echoed
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    if (item.empty())
      throw SpecError(name + ": empty entry in " + quote_input(text) + " (expected key=value)");
    const auto eq = item.find('=');
    if (eq == std::string_view::npos)
      throw SpecError(name + ": " + quote_input(item) + " is not key=value");
    std::string key(trim(item.substr(0, eq)));
    std::string value(trim(item.substr(eq + 1)));
    if (key.empty()) throw SpecError(name + ": missing key before '=' in " + quote_input(item));
    if (!seen.insert(key).second) throw SpecError(name + ": key " + quote_input(key) + " given twice");
    spec.entries.emplace_back(std::move(key), std::move(value));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return spec;
}

double parse_number(std::string_view text, std::string_view what, std::string_view key) {
  const std::string s(trim(text));
  const auto fail = [&] {
    throw SpecError(std::string(what) + ": " + escape_input(key) + "=" + quote_input(s) + " is not a number");
  };
  if (s.empty()) fail();
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) fail();
  return v;
}

void check_value(const ParamSpec& p, double v, std::string_view what) {
  const std::string head = std::string(what) + ": " + p.name + "=" + format_number(v);
  if (p.scale == Scale::Toggle) {
    if (v != 0.0 && v != 1.0) throw SpecError(head + " not allowed (allowed: 0 or 1)");
    return;
  }
  if (!(v >= p.min && v <= p.max)) throw SpecError(head + " out of range (allowed: " + range_text(p) + ")");
  if ((p.scale == Scale::Integer || p.scale == Scale::LogInteger) && v != std::floor(v))
    throw SpecError(head + " is not a whole number (allowed: " + range_text(p) + ")");
}

ParamValues resolve_params(const Spec& spec, const std::vector<ParamSpec>& specs, std::string_view what) {
  ParamValues values = default_values(specs);
  for (const auto& [key, text] : spec.entries) {
    const ParamSpec* p = find_param(specs, key);
    if (!p) {
      std::vector<std::string> names;
      for (const auto& q : specs) names.push_back(q.name);
      throw SpecError(std::string(what) + ": unknown key " + quote_input(key) + " (allowed: " +
                      (names.empty() ? std::string("none") : join_names(names)) + ")");
    }
    const double v = parse_number(text, what, key);
    check_value(*p, v, what);
    values[key] = v;
  }
  return values;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

std::string format_number(double v) {
  // The shortest text that reads back exactly; plain notation ("50", not "5e+01") for moderate
  // magnitudes, where people expect it.
  const bool plain_ok = std::fabs(v) >= 1e-4 && std::fabs(v) < 1e15;
  char buf[64];
  std::string first;
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) != v) continue;
    if (first.empty()) first = buf;
    if (!plain_ok || std::string_view(buf).find('e') == std::string_view::npos) return buf;
  }
  return first.empty() ? std::string(buf) : first;
}

std::string format_spec(const std::string& name, const std::vector<ParamSpec>& specs,
                        const ParamValues& values) {
  std::string out = name;
  char sep = ':';
  for (const auto& p : specs) {
    auto it = values.find(p.name);
    if (it == values.end() || it->second == p.def) continue;
    out += sep;
    out += p.name + "=" + format_number(it->second);
    sep = ',';
  }
  return out;
}

}  // namespace signlab
