// cmd::SetOracle: the engine's runs take the noise SPEC and seed (the same samples as an Experiment set up
// the same way), the snapshot reports them, and a bad SPEC is refused with nothing changed.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "core/engine/engine.hpp"
#include "core/engine/experiment.hpp"
#include "core/problems/noise_spec.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

TEST(EngineOracle, RunsTakeTheNoiseAndTheSnapshotSaysSo) {
  EngineConfig cfg;
  cfg.optimizer_specs = {"signsgd:lr=0.01"};
  Engine e(cfg);
  e.send(cmd::SetOracle{"student:sigma=2,nu=1.5", 7});
  e.send(cmd::StepN{200});
  const auto s = e.sync();
  EXPECT_EQ(s->noise_spec, "student:sigma=2,nu=1.5");
  EXPECT_EQ(s->seed, 7u);
  ASSERT_EQ(s->runs.size(), 1u);

  Experiment ref("rosenbrock");
  ref.set_oracle({parse_noise_spec("student:sigma=2,nu=1.5"), 7});
  ref.add_run("signsgd:lr=0.01");
  ref.step_all(200);
  EXPECT_EQ(s->runs[0].x, ref.runs()[0]->x());  // the same samples, bit for bit

  Experiment exact("rosenbrock");
  exact.add_run("signsgd:lr=0.01");
  exact.step_all(200);
  EXPECT_NE(s->runs[0].x, exact.runs()[0]->x());  // the noise really changed the path

  e.send(cmd::SetOracle{"cauchy", 1});
  const auto bad = e.sync();
  EXPECT_TRUE(test::contains(bad->last_error, "unknown noise 'cauchy'")) << bad->last_error;
  EXPECT_EQ(bad->noise_spec, "student:sigma=2,nu=1.5");  // unchanged
  EXPECT_EQ(bad->seed, 7u);
}

}  // namespace
}  // namespace signlab

namespace signlab {
namespace {

// A finite sum too big to finish within the test (10⁷ components × d = 10⁴: 10¹¹ draws, many minutes):
// only a cancel ends it.
const char* const kEndlessSetup = "gauss:sigma=1,components=10000000";
const char* const kWideProblem = "separable:d=10000";

// Polls the published snapshots (no sync(): its barrier waits behind the set-up) until `done` holds or a
// generous deadline passes; returns the last snapshot seen.
template <class F>
std::shared_ptr<const Snapshot> wait_for(const Engine& e, F done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto s = e.snapshot();
  while (!done(*s) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    s = e.snapshot();
  }
  return s;
}

// An engine on kWideProblem with a Gaussian oracle, then asked for kEndlessSetup: the set-up it is
// busy with when this returns.
std::unique_ptr<Engine> engine_setting_up_an_endless_sum() {
  EngineConfig cfg;
  cfg.problem_spec = kWideProblem;
  cfg.optimizer_specs = {"signsgd:lr=0.01"};
  auto e = std::make_unique<Engine>(cfg);
  e->send(cmd::SetOracle{"gauss:sigma=1", 3});
  e->sync();
  e->send(cmd::SetOracle{kEndlessSetup, 4});
  return e;
}

// A long set-up publishes its progress, and a newer oracle stops it: the newer one is applied, the
// cancelled one never was, and nothing is left half-built.
TEST(EngineOracle, ALongSetUpShowsProgressAndANewerOracleStopsIt) {
  const auto engine = engine_setting_up_an_endless_sum();
  Engine& e = *engine;
  const std::int64_t setups = NoiseField::setups_computed();  // the endless one cannot have finished
  const auto busy = wait_for(e, [](const Snapshot& s) { return s.setup.active() && s.setup.done > 0; });
  ASSERT_TRUE(busy->setup.active()) << "no set-up progress was published";
  EXPECT_TRUE(test::contains(busy->setup.what, "finite-sum noise")) << busy->setup.what;
  EXPECT_EQ(busy->setup.unit, "components");
  EXPECT_EQ(busy->setup.total, 10000000);
  EXPECT_GT(busy->setup.done, 0);
  EXPECT_LT(busy->setup.done, busy->setup.total);
  EXPECT_EQ(busy->noise_spec, "gauss:sigma=1");  // published mid set-up: the old oracle, whole

  e.send(cmd::SetOracle{"student:sigma=2,nu=1.5", 5});
  const auto after = wait_for(e, [](const Snapshot& s) { return s.noise_spec == "student:sigma=2,nu=1.5"; });
  EXPECT_EQ(after->noise_spec, "student:sigma=2,nu=1.5");
  EXPECT_EQ(after->seed, 5u);
  EXPECT_FALSE(after->setup.active());
  EXPECT_TRUE(test::contains(after->last_error, "cancelled by a newer command")) << after->last_error;
  EXPECT_EQ(NoiseField::setups_computed(), setups);  // the cancelled finite sum was never finished
  e.send(cmd::StepN{10});
  const auto stepped = e.sync();
  ASSERT_EQ(stepped->runs.size(), 1u);
  EXPECT_EQ(stepped->runs[0].step, 10);
}

// Pause stops it too, and the previous oracle stays with runs that step.
TEST(EngineOracle, PauseStopsALongSetUpAndKeepsThePreviousOracle) {
  const auto engine = engine_setting_up_an_endless_sum();
  Engine& e = *engine;
  ASSERT_TRUE(wait_for(e, [](const Snapshot& s) { return s.setup.active(); })->setup.active());
  e.send(cmd::Pause{});
  const auto after = e.sync();  // returns only once the set-up has stopped
  EXPECT_FALSE(after->setup.active());
  EXPECT_EQ(after->noise_spec, "gauss:sigma=1");
  EXPECT_EQ(after->seed, 3u);
  EXPECT_TRUE(test::contains(after->last_error, "cancelled")) << after->last_error;
  e.send(cmd::StepN{5});
  EXPECT_EQ(e.sync()->runs[0].step, 5);
}

// The commands a demo or a session sends after its oracle (runs, start, steps) do not cancel its set-up.
TEST(EngineOracle, CommandsThatNeedTheOracleDoNotCancelItsSetUp) {
  EngineConfig cfg;
  cfg.optimizer_specs = {"signsgd:lr=0.01"};
  Engine e(cfg);
  e.send(cmd::SetOracle{"gauss:sigma=1,components=20000", 2});
  e.send(cmd::AddRun{"sgd:lr=0.001"});
  e.send(cmd::SetStartXY{0.5, 0.5});
  e.send(cmd::StepN{3});
  const auto s = e.sync();
  EXPECT_EQ(s->noise_spec, "gauss:sigma=1,components=20000");
  EXPECT_TRUE(s->last_error.empty()) << s->last_error;
  ASSERT_EQ(s->runs.size(), 2u);
  EXPECT_EQ(s->runs[1].step, 3);
}

}  // namespace
}  // namespace signlab
