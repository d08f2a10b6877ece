// Sweeps in the engine (core/engine/sweep_job): points arrive in snapshots as they finish and equal
// run_sweep's, the race keeps stepping meanwhile, cancel stops, errors are shown, not thrown. Named
// Engine* so they also run under ThreadSanitizer.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "core/engine/engine.hpp"
#include "core/engine/sweep_job.hpp"
#include "tests/core/test_problems.hpp"
#include "core/sys/thread_spawn.hpp"

namespace signlab {
namespace {

using test::contains;

// Polls the engine's snapshots until `done(view)` holds for the sweep (or 60 s pass).
template <class Pred>
std::shared_ptr<const SweepView> wait_for_sweep(Engine& e, Pred done) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60)) {
    const auto s = e.sync();
    if (s->sweep && done(*s->sweep)) return s->sweep;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return nullptr;
}

TEST(EngineSweep, PointsArriveAndEqualTheHeadlessSweep) {
  EngineConfig cfg;
  cfg.problem_spec = "himmelblau";
  cfg.optimizer_specs = {"signsgd"};
  Engine e(cfg);
  const std::vector<SweepAxis> axes = {parse_sweep_axis("lr=1e-3:1e-1:log:3"), parse_sweep_axis("beta1=0.5:0.9:lin:2")};
  e.send(cmd::StartSweep{"adam", axes, 300});
  const auto v = wait_for_sweep(e, [](const SweepView& s) { return !s.running; });
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->error.empty()) << v->error;
  EXPECT_EQ(v->problem_spec, "himmelblau");
  EXPECT_EQ(v->params, (std::vector<std::string>{"lr", "beta1"}));
  EXPECT_EQ(v->log_axis, (std::vector<bool>{true, false}));
  ASSERT_EQ(v->total, 6);
  EXPECT_EQ(v->done, 6);
  EXPECT_FALSE(v->cancelled);

  SweepConfig c;
  c.problem = "himmelblau";
  c.optimizer = "adam";
  c.axes = axes;
  c.steps = 300;
  const SweepResult r = run_sweep(c);
  ASSERT_EQ(r.points.size(), 6u);
  std::int64_t best = -1;
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(v->loss[k], r.points[k].final.loss) << k;
    EXPECT_EQ(v->diverged_at[k], -1);
    if (best < 0 || r.points[k].final.loss < r.points[static_cast<std::size_t>(best)].final.loss)
      best = static_cast<std::int64_t>(k);
  }
  EXPECT_EQ(v->best, best);
}

TEST(EngineSweep, TheRaceKeepsSteppingWhileASweepRuns) {
  EngineConfig cfg;
  cfg.optimizer_specs = {"lion"};
  Engine e(cfg);
  e.send(cmd::StartSweep{"adam", {parse_sweep_axis("lr=1e-4:1e-1:log:64")}, 2'000'000});
  e.send(cmd::StepN{50});
  const auto s = e.sync();  // StepN's steps are done before the barrier is answered
  EXPECT_EQ(s->runs[0].step, 50);
  ASSERT_TRUE(s->sweep);
  EXPECT_TRUE(s->sweep->running);  // 64 points of 2e6 steps are far from done
  e.send(cmd::CancelSweep{});
  const auto v = wait_for_sweep(e, [](const SweepView& s) { return !s.running; });
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->cancelled);
  EXPECT_LT(v->done, v->total);
}

TEST(EngineSweep, ANewSweepReplacesTheRunningOne) {
  Engine e(EngineConfig{});
  e.send(cmd::StartSweep{"adam", {parse_sweep_axis("lr=1e-4:1e-1:log:64")}, 2'000'000});
  e.send(cmd::StartSweep{"signsgd", {parse_sweep_axis("lr=1e-3:1e-2:log:2")}, 10});
  const auto v = wait_for_sweep(e, [](const SweepView& s) { return s.id == 2 && !s.running; });
  ASSERT_TRUE(v);
  EXPECT_EQ(v->optimizer_spec, "signsgd");
  EXPECT_EQ(v->done, 2);
}

TEST(EngineSweep, ErrorsAreShownInTheViewNotThrown) {
  Engine e(EngineConfig{});
  e.send(cmd::StartSweep{"lion", {parse_sweep_axis("gamma=1:2:lin:2")}, 10});
  auto v = wait_for_sweep(e, [](const SweepView& s) { return !s.running; });
  ASSERT_TRUE(v);
  EXPECT_TRUE(contains(v->error, "no parameter 'gamma'")) << v->error;
  e.send(cmd::StartSweep{"lion", {parse_sweep_axis("lr=1e-4:1e-1:log:100"), parse_sweep_axis("beta1=0:0.9:lin:100")},
                         10});
  v = wait_for_sweep(e, [](const SweepView& s) { return s.id == 2 && !s.running; });
  ASSERT_TRUE(v);
  EXPECT_TRUE(contains(v->error, "at most 4096")) << v->error;
  EXPECT_EQ(v->total, 0);
}

// The system refuses every thread while this lives (sys::try_spawn_thread's test seam).
struct NoThreads {
  explicit NoThreads(int allowed = 0) { sys::set_thread_limit_for_testing(allowed); }
  ~NoThreads() { sys::set_thread_limit_for_testing(-1); }
};

// A sweep the system refuses a thread for ends at once and says why; the race goes on.
TEST(EngineSweep, ARefusedThreadEndsTheSweepWithAMessage) {
  EngineConfig cfg;
  cfg.optimizer_specs = {"sgd:lr=0.001"};
  Engine e(cfg);
  {
    NoThreads none;
    e.send(cmd::StartSweep{"sgd", {parse_sweep_axis("lr=1e-4:1e-2:log:3")}, 10});
    e.sync();
  }
  const auto v = wait_for_sweep(e, [](const SweepView& s) { return !s.running; });
  ASSERT_TRUE(v);
  EXPECT_TRUE(contains(v->error, "refused a thread")) << v->error;
  EXPECT_EQ(v->done, 0);
  e.send(cmd::StepN{4});
  EXPECT_EQ(e.sync()->runs[0].step, 4);
}

// Without its own thread there is no engine: the start fails with a message, not std::terminate. Its
// workers (started first) only degrade.
TEST(EngineSweep, ARefusedEngineThreadFailsTheStartWithAMessage) {
  for (int allowed : {0, 2}) {
    NoThreads some(allowed);
    try {
      Engine e(EngineConfig{});
      ADD_FAILURE() << "the engine started without its thread (allowed " << allowed << ")";
    } catch (const std::runtime_error& err) {
      EXPECT_TRUE(contains(err.what(), "refused a thread for the engine")) << err.what();
    }
  }
  Engine fine(EngineConfig{});  // and threads again once the system gives them
  EXPECT_TRUE(fine.sync()->last_error.empty());
}

}  // namespace
}  // namespace signlab
