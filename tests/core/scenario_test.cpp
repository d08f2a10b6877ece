// Scenarios and saved sessions: the JSON the GUI autosaves reads back to the same scenario.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
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

TEST(Scenario, BadFilesNameTheProblem) {
  auto message = [](const std::string& path) {
    try {
      load_scenario(path);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
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
