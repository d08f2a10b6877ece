#pragma once
// A scenario: the problem, the racing optimizers and how they start. The built-in default is what the
// app opens on; JSON files (assets/scenarios/*.json or any path) describe teaching demos.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace signlab {

// What a scenario or a saved session may hold. Every run is drawn every frame (paths, points, curves,
// its block in the Runs panel), so the frame time grows with the run count: the race holds at most
// kMaxRaceRuns (the engine refuses more). The saved steps are replayed on load, in the background but at
// the runs' own cost, so a file may ask for at most kMaxSessionSteps per run.
inline constexpr int kMaxRaceRuns = 32;
inline constexpr long long kMaxSessionSteps = 100'000'000;

struct Scenario {
  std::string name;
  std::string title;  // built-in demos: a one-line title and what to watch for (shown in the UI)
  std::string about;
  std::string problem = "rosenbrock";
  std::vector<std::string> optimizers;
  std::optional<std::vector<double>> start;
  std::string noise = "none";  // the runs' stochastic oracle (a noise SPEC) and the seed of its samples
  std::uint64_t seed = 0;
  double steps_per_s = 300;
  bool playing = true;
  // Steps to replay on load (0..kMaxSessionSteps): runs are deterministic, so a saved session comes back
  // as it was left.
  long long steps = 0;
  // The Curves' x axis: "step", "evals" (oracle evaluations: demos that compare costs open on it)
  // or "time" (seconds spent in each run's steps).
  std::string curves_x = "step";
};

// The x axes the Curves offer, in the order of their index (UiState::curves_x); -1 for another name.
inline constexpr const char* kCurvesAxes[] = {"step", "evals", "time"};
int curves_axis_index(const std::string& name);

// The Rosenbrock race of signSGD, Signum, LION and Adam from one start.
Scenario default_scenario();

// The built-in teaching demos (core/io/demos.cpp), "default" first.
const std::vector<Scenario>& builtin_scenarios();

// "default", a built-in demo's name, "last", or a path to a JSON file {"problem": SPEC, "optimizers": [SPEC...], "start": [x...],
// "noise": SPEC, "seed": N, "steps_per_s": N, "playing": bool, "steps": N, "curves_x": "step"|"evals"|"time"}.
// Throws std::runtime_error naming the file and the bad field, among them more than kMaxRaceRuns optimizers or
// more than kMaxSessionSteps steps.
Scenario load_scenario(const std::string& name_or_path);

// Writes `s` as JSON (the format load_scenario reads) with write_file_atomically (core/io/atomic_file.hpp):
// a crash or a full disk never leaves a truncated file, and a failed write keeps the previous one.
// Returns false and sets *error (saying why) on failure.
bool save_scenario(const Scenario& s, const std::string& path, std::string* error);

// Where the GUI keeps the running session ($XDG_STATE_HOME or ~/.local/state, then signlab/last.json);
// `signlab --scenario last` reopens it.
std::string last_session_path();

}  // namespace signlab
