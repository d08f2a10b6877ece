#pragma once
// Command-line flags of one subcommand: `--name value` pairs (some repeatable) and bare switches.
// Unknown flags and missing values are errors with one line naming the flag and the allowed ones.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace signlab::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FlagSpec {
  std::string name;     // without dashes
  bool takes_value = true;
  bool repeatable = false;
};

class Args {
 public:
  // argv[first..argc) are parsed; throws UsageError.
  Args(const std::string& command, int argc, char** argv, int first, const std::vector<FlagSpec>& flags);
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::string require(const std::string& name) const;
  const std::vector<std::string>& all(const std::string& name) const;
  // Whole numbers in [lo, hi]; throws UsageError naming the flag.
  long long integer(const std::string& name, long long def, long long lo, long long hi) const;
  // "x1,x2,..." as finite numbers.
  std::optional<std::vector<double>> numbers(const std::string& name) const;

 private:
  std::string command_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace signlab::cli
