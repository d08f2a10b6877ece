#include "core/io/scenario.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace signlab {

Scenario default_scenario() {
  Scenario s;
  s.name = "default";
  s.problem = "rosenbrock";
  // Learning rates picked so all four reach the valley within seconds at the default speed and
  // their different paths (sign steps zig-zag at 45°, Adam curves) are easy to tell apart.
  s.optimizers = {"signsgd:lr=0.002", "signum:lr=0.002", "lion:lr=0.002", "adam:lr=0.02"};
  return s;
}

Scenario load_scenario(const std::string& name_or_path) {
  if (name_or_path == "default") return default_scenario();
  std::ifstream in(name_or_path);
  if (!in) throw std::runtime_error("scenario '" + name_or_path + "': no such built-in name or readable file (built-in: default)");
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
  } catch (const std::exception& e) {
    throw std::runtime_error("scenario " + name_or_path + ": " + e.what());
  }
  return s;
}

}  // namespace signlab
