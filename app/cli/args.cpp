#include "app/cli/args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/spec/quote.hpp"

namespace signlab::cli {

Args::Args(const std::string& command, int argc, char** argv, int first, const std::vector<FlagSpec>& flags)
    : command_(command) {
  auto allowed = [&] {
    std::string s;
    for (const auto& f : flags) s += (s.empty() ? "--" : ", --") + f.name;
    return s;
  };
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0)
      throw UsageError(command_ + ": unexpected argument " + quote_input(a) + " (flags: " + allowed() + ")");
    std::string name = a.substr(2);
    std::string value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const FlagSpec* spec = nullptr;
    for (const auto& f : flags)
      if (f.name == name) spec = &f;
    if (!spec) throw UsageError(command_ + ": unknown flag " + quote_input("--" + name) + " (flags: " + allowed() + ")");
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= argc) throw UsageError(command_ + ": --" + name + " needs a value");
      value = argv[++i];
    }
    auto& slot = values_[name];
    if (!slot.empty() && !spec->repeatable) throw UsageError(command_ + ": --" + name + " given twice");
    slot.push_back(value);
  }
}

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.front();
}

std::string Args::require(const std::string& name) const {
  auto v = get(name);
  if (!v) throw UsageError(command_ + ": missing --" + name);
  return *v;
}

const std::vector<std::string>& Args::all(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

long long Args::integer(const std::string& name, long long def, long long lo, long long hi) const {
  auto v = get(name);
  if (!v) return def;
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno == ERANGE)
    throw UsageError(command_ + ": --" + name + "=" + quote_input(*v) + " is not a whole number");
  if (n < lo || n > hi)
    throw UsageError(command_ + ": --" + name + "=" + escape_input(*v) + " out of range (allowed: " + std::to_string(lo) +
                     ".." + std::to_string(hi) + ")");
  return n;
}

std::optional<std::vector<double>> Args::numbers(const std::string& name) const {
  auto v = get(name);
  if (!v) return std::nullopt;
  std::vector<double> out;
  std::size_t pos = 0;
  while (true) {
    const auto comma = v->find(',', pos);
    const std::string item = v->substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    char* end = nullptr;
    const double x = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !std::isfinite(x))
      throw UsageError(command_ + ": --" + name + " item " + quote_input(item) + " is not a number (expected x1,x2,...)");
    out.push_back(x);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace signlab::cli
