#include "core/io/scenario.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/atomic_file.hpp"
#include "core/io/user_file.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/spec/quote.hpp"

namespace signlab {

Scenario default_scenario() {
  Scenario s;
  s.name = "default";
  s.title = "Sign methods against Adam on Rosenbrock";
  s.about = "signSGD, Signum and LION step ±lr in every coordinate (45° zig-zags down the valley); Adam "
            "scales each coordinate by its own history and curves along it.";
  s.problem = "rosenbrock";
  // Learning rates picked so all four reach the valley within seconds at the default speed and
  // their different paths (sign steps zig-zag at 45°, Adam curves) are easy to tell apart.
  s.optimizers = {"signsgd:lr=0.002", "signum:lr=0.002", "lion:lr=0.002", "adam:lr=0.02"};
  return s;
}

int curves_axis_index(const std::string& name) {
  for (int i = 0; i < 3; ++i)
    if (name == kCurvesAxes[i]) return i;
  return -1;
}

std::string last_session_path() {
  std::string base;
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) base = x;
  else if (const char* h = std::getenv("HOME"); h && *h) base = std::string(h) + "/.local/state";
  else base = "/tmp";
  return base + "/signlab/last.json";
}

bool save_scenario(const Scenario& s, const std::string& path, std::string* error) {
  nlohmann::json j = {{"problem", s.problem}, {"optimizers", s.optimizers}, {"steps_per_s", s.steps_per_s},
                      {"playing", s.playing}, {"steps", s.steps}};
  if (s.start) j["start"] = *s.start;
  if (s.noise != "none") j["noise"] = s.noise;
  if (s.seed != 0) j["seed"] = s.seed;
  if (s.curves_x != "step") j["curves_x"] = s.curves_x;
  std::string err;
  if (!write_file_atomically(path, j.dump(2) + "\n", &err)) {
    if (error) *error = "session not saved (the previous file is kept): " + err;
    return false;
  }
  return true;
}

namespace {

// "steps": a whole number in 0..kMaxSessionSteps. Read as a double when the JSON number is not an integer
// (9.2e18 is a float to the parser), never converted before it is known to fit.
long long replay_steps(const nlohmann::json& v) {
  auto beyond = [](const std::string& shown) {
    return std::runtime_error("steps = " + shown + " is more than a session may replay (at most " +
                              std::to_string(kMaxSessionSteps) + " steps per run)");
  };
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(kMaxSessionSteps)) throw beyond(std::to_string(n));
    return static_cast<long long>(n);
  }
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < 0) throw std::runtime_error("steps must be >= 0");
    if (n > kMaxSessionSteps) throw beyond(std::to_string(n));
    return n;
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!(d >= 0)) throw std::runtime_error("steps must be >= 0");
    if (d > static_cast<double>(kMaxSessionSteps)) throw beyond(v.dump());
    if (d != std::floor(d)) throw std::runtime_error("steps = " + v.dump() + " is not a whole number");
    return static_cast<long long>(d);
  }
  throw std::runtime_error("steps must be a number");
}

}  // namespace

Scenario load_scenario(const std::string& name_or_path) {
  std::string names = "last";
  for (const Scenario& s : builtin_scenarios()) {
    if (s.name == name_or_path) return s;
    names += ", " + s.name;
  }
  const std::string path = name_or_path == "last" ? last_session_path() : name_or_path;
  std::error_code missing;
  if (!std::filesystem::exists(path, missing))
    throw std::runtime_error("scenario " + quote_input(name_or_path) + ": no such built-in name or readable file (built-in: " +
                             names + ")");
  std::istringstream in(read_user_file(path, kScenarioMaxBytes, "scenario "));  // a regular file, capped
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception& e) {
    throw std::runtime_error("scenario " + escape_input(name_or_path) + ": not valid JSON: " + escape_input(e.what()));
  }
  Scenario s = default_scenario();
  s.name = name_or_path;
  try {
    if (j.contains("problem")) s.problem = j.at("problem").get<std::string>();
    if (j.contains("optimizers")) s.optimizers = j.at("optimizers").get<std::vector<std::string>>();
    if (s.optimizers.size() > static_cast<std::size_t>(kMaxRaceRuns))
      throw std::runtime_error("optimizers: " + std::to_string(s.optimizers.size()) + " runs, more than the " +
                               std::to_string(kMaxRaceRuns) + " a race holds");
    if (j.contains("start")) s.start = j.at("start").get<std::vector<double>>();
    if (j.contains("steps_per_s")) s.steps_per_s = j.at("steps_per_s").get<double>();
    if (j.contains("playing")) s.playing = j.at("playing").get<bool>();
    if (j.contains("steps")) s.steps = replay_steps(j.at("steps"));
    if (j.contains("noise")) s.noise = j.at("noise").get<std::string>();
    parse_noise_spec(s.noise);  // a bad SPEC names this file, not a later engine error
    if (j.contains("seed")) s.seed = j.at("seed").get<std::uint64_t>();
    if (j.contains("curves_x")) s.curves_x = j.at("curves_x").get<std::string>();
    if (curves_axis_index(s.curves_x) < 0)
      throw std::runtime_error("curves_x " + quote_input(s.curves_x) + " (allowed: step, evals, time)");
  } catch (const std::exception& e) {
    throw std::runtime_error("scenario " + escape_input(name_or_path) + ": " + e.what());
  }
  return s;
}

}  // namespace signlab
