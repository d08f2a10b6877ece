// Scenarios and saved sessions: the JSON the GUI autosaves reads back to the same scenario.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

#include "core/engine/experiment.hpp"
#include "core/io/scenario.hpp"
#include "core/problems/noise_spec.hpp"

namespace signlab {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("signlab_scenario_test_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}

TEST(Scenario, DefaultIsTheRosenbrockRaceOfFourOptimizers) {
  const Scenario s = default_scenario();
  EXPECT_EQ(s.problem, "rosenbrock");
  ASSERT_EQ(s.optimizers.size(), 4u);
  EXPECT_EQ(s.optimizers[0].rfind("signsgd", 0), 0u);
  EXPECT_EQ(s.optimizers[3].rfind("adam", 0), 0u);
  EXPECT_EQ(load_scenario("default").optimizers, s.optimizers);
}

TEST(Scenario, SaveThenLoadRoundTrips) {
  Scenario s;
  s.problem = "quadratic:cond=100,angle=30";
  s.optimizers = {"lion:lr=0.001", "sgd"};
  s.start = std::vector<double>{0.25, -1.5};
  s.steps_per_s = 1234;
  s.playing = false;
  s.steps = 777;
  s.noise = "student:sigma=2,nu=1.5";
  s.seed = 9;
  s.curves_x = "time";
  const fs::path p = scratch("nested/dir/session.json");
  std::string err;
  ASSERT_TRUE(save_scenario(s, p.string(), &err)) << err;
  EXPECT_FALSE(fs::exists(p.string() + ".tmp"));
  const Scenario r = load_scenario(p.string());
  EXPECT_EQ(r.problem, s.problem);
  EXPECT_EQ(r.optimizers, s.optimizers);
  ASSERT_TRUE(r.start.has_value());
  EXPECT_EQ(*r.start, *s.start);
  EXPECT_EQ(r.steps_per_s, 1234);
  EXPECT_FALSE(r.playing);
  EXPECT_EQ(r.steps, 777);
  EXPECT_EQ(r.noise, "student:sigma=2,nu=1.5");
  EXPECT_EQ(r.seed, 9u);
  EXPECT_EQ(r.curves_x, "time");
  // Exact gradients (the default) are not written, and read back as exact.
  const fs::path q = scratch("exact.json");
  ASSERT_TRUE(save_scenario(default_scenario(), q.string(), &err)) << err;
  EXPECT_EQ(load_scenario(q.string()).noise, "none");
  EXPECT_EQ(load_scenario(q.string()).curves_x, "step");
}

TEST(Scenario, DemosThatCompareCostsOpenTheCurvesOnEvaluations) {
  EXPECT_EQ(load_scenario("variance-reduction").curves_x, "evals");
  EXPECT_EQ(load_scenario("heavy-tails").curves_x, "evals");
  EXPECT_EQ(load_scenario("default").curves_x, "step");
  for (const Scenario& sc : builtin_scenarios()) EXPECT_GE(curves_axis_index(sc.curves_x), 0) << sc.name;
  EXPECT_EQ(curves_axis_index("evals"), 1);
  EXPECT_EQ(curves_axis_index("bits"), -1);
}

TEST(Scenario, LastUsesTheStateDirectory) {
  const fs::path dir = scratch("state");
  ::setenv("XDG_STATE_HOME", dir.c_str(), 1);
  EXPECT_EQ(last_session_path(), (dir / "signlab" / "last.json").string());
  Scenario s = default_scenario();
  s.steps = 42;
  std::string err;
  ASSERT_TRUE(save_scenario(s, last_session_path(), &err)) << err;
  EXPECT_EQ(load_scenario("last").steps, 42);
  ::unsetenv("XDG_STATE_HOME");
}

// What load_scenario says about `path` ("" when it loads).
std::string message(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const std::exception& e) {
    return std::string(e.what());
  }
  return std::string();
}

// A name or a file's bytes echoed into the one-line error are escaped: a newline or ESC[2J in them must
// not break the line or act on the terminal.
TEST(Scenario, MessagesEscapeControlCharactersInNamesAndContent) {
  std::string m = message("demo\n\x1b[2J");
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  EXPECT_EQ(m.find('\x1b'), std::string::npos) << m;
  EXPECT_NE(m.find("demo\\n\\x1b[2J"), std::string::npos) << m;
  const fs::path bad = scratch("control.json");
  std::ofstream(bad) << "{\"problem\": \x1b[2J}";
  m = message(bad.string());
  EXPECT_NE(m.find("not valid JSON"), std::string::npos) << m;
  EXPECT_EQ(m.find('\x1b'), std::string::npos) << m;
}

TEST(Scenario, BadFilesNameTheProblem) {
  EXPECT_NE(message("/nonexistent/x.json").find("built-in: last, default, linf-steepest"), std::string::npos);
  const fs::path bad = scratch("bad.json");
  std::ofstream(bad) << "{ not json";
  EXPECT_NE(message(bad.string()).find("not valid JSON"), std::string::npos);
  const fs::path wrong = scratch("wrong.json");
  std::ofstream(wrong) << R"({"optimizers": "lion"})";
  EXPECT_NE(message(wrong.string()).find(wrong.string()), std::string::npos);
  const fs::path neg = scratch("neg.json");
  std::ofstream(neg) << R"({"steps": -5})";
  EXPECT_NE(message(neg.string()).find("steps"), std::string::npos);
  const fs::path axis = scratch("axis.json");
  std::ofstream(axis) << R"({"curves_x": "bits"})";
  EXPECT_NE(message(axis.string()).find("curves_x 'bits' (allowed: step, evals, time)"), std::string::npos)
      << message(axis.string());
  const fs::path noise = scratch("noise.json");
  std::ofstream(noise) << R"({"noise": "cauchy:sigma=1"})";
  const std::string m = message(noise.string());
  EXPECT_NE(m.find(noise.string()), std::string::npos) << m;
  EXPECT_NE(m.find("unknown noise 'cauchy'"), std::string::npos) << m;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Names in `dir` other than `keep`: temporaries a save left behind.
std::vector<std::string> others_in(const fs::path& dir, const std::string& keep) {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != keep) v.push_back(e.path().filename().string());
  return v;
}

// The disk fills up under an autosave: the kernel refuses the bytes (here through RLIMIT_FSIZE, which
// fails write() with EFBIG as a full disk fails it with ENOSPC, without root). The save must say so and
// leave the last good session byte for byte, with no temporary behind.
TEST(Scenario, AFailedSaveKeepsThePreviousSession) {
  const fs::path dir = scratch("full");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path p = dir / "last.json";
  Scenario old = default_scenario();
  old.steps = 1234;
  std::string err;
  ASSERT_TRUE(save_scenario(old, p.string(), &err)) << err;
  const std::string before = read_all(p);
  ASSERT_GT(before.size(), 64u);

  Scenario next = default_scenario();
  next.optimizers.assign(40, "adam:lr=0.02");  // far more than the 64 bytes the "disk" takes
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of a signal
  struct rlimit tiny = saved;
  tiny.rlim_cur = 64;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
  const bool ok = save_scenario(next, p.string(), &err);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_FALSE(ok);
  EXPECT_NE(err.find("previous file is kept"), std::string::npos) << err;
  EXPECT_NE(err.find(std::strerror(EFBIG)), std::string::npos) << err;
  EXPECT_EQ(read_all(p), before);
  EXPECT_EQ(load_scenario(p.string()).steps, 1234);
  EXPECT_TRUE(others_in(dir, "last.json").empty());
}

// A file may not ask for more than a session replays or a race holds; the message names the field and the cap.
TEST(Scenario, StepsAndRunsBeyondTheCapsAreRefused) {
  auto message = [](const std::string& json) {
    const fs::path p = scratch("caps.json");
    std::ofstream(p) << json;
    try {
      load_scenario(p.string());
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string cap = std::to_string(kMaxSessionSteps);
  for (const char* steps : {"9.2e18", "1e300", "18446744073709551615", "9223372036854775807", "100000001"}) {
    SCOPED_TRACE(steps);
    const std::string m = message(std::string(R"({"steps": )") + steps + "}");
    EXPECT_NE(m.find("steps = "), std::string::npos) << m;
    EXPECT_NE(m.find("at most " + cap), std::string::npos) << m;
  }
  EXPECT_NE(message(R"({"steps": 2.5})").find("whole number"), std::string::npos);
  EXPECT_NE(message(R"({"steps": "many"})").find("steps must be a number"), std::string::npos);
  EXPECT_EQ(message("{\"steps\": " + cap + "}"), "");
  EXPECT_EQ(message(R"({"steps": 1e3})"), "");

  nlohmann::json many = {{"optimizers", std::vector<std::string>(kMaxRaceRuns + 1, "sgd")}};
  const std::string m = message(many.dump());
  EXPECT_NE(m.find("optimizers: " + std::to_string(kMaxRaceRuns + 1) + " runs"), std::string::npos) << m;
  EXPECT_NE(m.find(std::to_string(kMaxRaceRuns)), std::string::npos) << m;
  many["optimizers"] = std::vector<std::string>(kMaxRaceRuns, "sgd");
  EXPECT_EQ(message(many.dump()), "");
}

// Every demo runs as shipped: its problem, optimizers and noise are valid, every optimizer can run on the
// problem, none diverges or fails in its first 100 steps, and all but at most one lower the loss.
TEST(Scenario, EveryBuiltInDemoRuns) {
  std::set<std::string> names;
  for (const Scenario& sc : builtin_scenarios()) {
    SCOPED_TRACE(sc.name);
    EXPECT_TRUE(names.insert(sc.name).second) << "duplicate name";
    EXPECT_FALSE(sc.title.empty());
    EXPECT_FALSE(sc.about.empty());
    EXPECT_EQ(load_scenario(sc.name).problem, sc.problem);
    Experiment e(sc.problem, 64);
    e.set_oracle({parse_noise_spec(sc.noise), sc.seed});
    std::vector<double> before;
    for (const auto& o : sc.optimizers) e.add_run(o);
    for (const auto& r : e.runs()) before.push_back(r->metrics().loss);
    e.step_all(100);
    int improved = 0;
    for (std::size_t k = 0; k < e.runs().size(); ++k) {
      const signlab::Run& r = *e.runs()[k];
      SCOPED_TRACE(sc.optimizers[k]);
      EXPECT_EQ(r.state(), RunState::Running) << r.error();
      EXPECT_TRUE(std::isfinite(r.metrics().loss));
      improved += r.metrics().loss < before[k];
    }
    // Under heavy-tailed noise SGD may end above its start (that is the demo's point); most runs do not.
    EXPECT_GE(improved, static_cast<int>(e.runs().size()) - 1);
  }
  EXPECT_GE(names.size(), 7u);
}

}  // namespace
}  // namespace signlab
