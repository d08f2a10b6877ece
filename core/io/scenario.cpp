#include "core/io/scenario.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/atomic_file.hpp"
#include "core/io/user_file.hpp"
#include "core/problems/noise_spec.hpp"

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
  std::string err;
  if (!write_file_atomically(path, j.dump(2) + "\n", &err)) {
    if (error) *error = "session not saved (the previous file is kept): " + err;
    return false;
  }
  return true;
}

Scenario load_scenario(const std::string& name_or_path) {
  std::string names = "last";
  for (const Scenario& s : builtin_scenarios()) {
    if (s.name == name_or_path) return s;
    names += ", " + s.name;
  }
  const std::string path = name_or_path == "last" ? last_session_path() : name_or_path;
  std::error_code missing;
  if (!std::filesystem::exists(path, missing))
    throw std::runtime_error("scenario '" + name_or_path + "': no such built-in name or readable file (built-in: " +
                             names + ")");
  std::istringstream in(read_user_file(path, kScenarioMaxBytes, "scenario "));  // a regular file, capped
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception& e) {
    throw std::runtime_error("scenario " + name_or_path + ": not valid JSON: " + e.what());
  }
  Scenario s = default_scenario();
  s.name = name_or_path;
  try {
    if (j.contains("problem")) s.problem = j.at("problem").get<std::string>();
    if (j.contains("optimizers")) s.optimizers = j.at("optimizers").get<std::vector<std::string>>();
    if (j.contains("start")) s.start = j.at("start").get<std::vector<double>>();
    if (j.contains("steps_per_s")) s.steps_per_s = j.at("steps_per_s").get<double>();
    if (j.contains("playing")) s.playing = j.at("playing").get<bool>();
    if (j.contains("steps")) s.steps = j.at("steps").get<long long>();
    if (j.contains("noise")) s.noise = j.at("noise").get<std::string>();
    parse_noise_spec(s.noise);  // a bad SPEC names this file, not a later engine error
    if (j.contains("seed")) s.seed = j.at("seed").get<std::uint64_t>();
    if (s.steps < 0) throw std::runtime_error("steps must be >= 0");
  } catch (const std::exception& e) {
    throw std::runtime_error("scenario " + name_or_path + ": " + e.what());
  }
  return s;
}

}  // namespace signlab
