#include "core/spec/param_spec.hpp"

namespace signlab {

ParamValues default_values(const std::vector<ParamSpec>& specs) {
  ParamValues v;
  for (const auto& p : specs) v[p.name] = p.def;
  return v;
}

const ParamSpec* find_param(const std::vector<ParamSpec>& specs, const std::string& name) {
  for (const auto& p : specs)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace signlab
