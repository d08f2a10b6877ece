// The geometry worker (core/engine/geometry_worker.hpp) computes reports off the engine thread: a slow
// report never blocks the caller, a newer request replaces a waiting one, results come back once, and a
// worker destroyed mid-report leaves nothing dangling. And the engine's Geometry view for d > 2 comes
// from it: the report of a 50-dimensional quadratic arrives without anyone waiting on the engine.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "core/engine/engine.hpp"
#include "core/engine/experiment.hpp"
#include "core/engine/geometry_worker.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/sys/thread_spawn.hpp"

namespace signlab {
namespace {

// ½‖x‖² in 3-D whose Hessian waits for a gate: a report that takes as long as the test wants.
class GatedBowl final : public Problem {
 public:
  explicit GatedBowl(std::shared_future<void> gate) : gate_(std::move(gate)) {}
  int dim() const override { return 3; }
  double value(std::span<const double> x) const override { return 0.5 * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]); }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    for (int i = 0; i < 3; ++i) g[i] = x[i];
  }
  void hessian(std::span<const double>, std::span<double> H) const override {
    gate_.wait();
    for (int i = 0; i < 9; ++i) H[i] = i % 4 == 0 ? 1.0 : 0.0;
  }
  std::vector<double> default_start() const override { return {1, 1, 1}; }
  Box default_view() const override { return {}; }

 private:
  std::shared_future<void> gate_;
};

TEST(EngineGeometryWorker, SlowReportsNeverBlockAndTheNewestRequestWins) {
  std::promise<void> open;
  auto bowl = std::make_shared<const GatedBowl>(open.get_future().share());
  GeometryWorker w;
  EXPECT_FALSE(w.busy());
  w.post({bowl, {1, 2, 3}, 1, 7});
  EXPECT_TRUE(w.busy());
  EXPECT_FALSE(w.take().has_value());  // still gated: returns at once, nothing yet
  w.post({bowl, {4, 5, 6}, 2, 7});     // waits behind the running one...
  w.post({bowl, {0, 0, 2}, 3, 7});     // ...and is replaced by this one
  EXPECT_TRUE(w.busy());
  open.set_value();
  w.wait_idle();
  EXPECT_FALSE(w.busy());
  ASSERT_TRUE(w.has_result());
  const auto r = w.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->job.step, 3);  // step 2 never ran; step 1's result was superseded
  EXPECT_EQ(r->job.generation, 7u);
  ASSERT_TRUE(r->report);
  EXPECT_EQ(r->report->d, 3);
  EXPECT_NEAR(r->report->lambda_max, 1.0, 1e-12);
  EXPECT_NEAR(r->report->grad.l2, 2.0, 1e-12);  // ∇f = x = (0, 0, 2)
  EXPECT_FALSE(w.take().has_value());  // once
}

TEST(EngineGeometryWorker, FailuresComeBackAsErrorsAndDestructionMidReportIsSafe) {
  {
    GeometryWorker w;
    w.post({std::shared_ptr<const Problem>(make_problem("rosenbrock")), {1, 2, 3}, 4, 0});  // wrong length
    w.wait_idle();
    const auto r = w.take();
    ASSERT_TRUE(r.has_value());
    EXPECT_FALSE(r->report);
    EXPECT_FALSE(r->error.empty());
  }
  std::promise<void> open;
  {
    GeometryWorker w;
    w.post({std::make_shared<const GatedBowl>(open.get_future().share()), {1, 1, 1}, 1, 0});
    while (!w.busy()) std::this_thread::yield();
  }  // destroyed while the report waits at the gate
  open.set_value();  // the detached job finishes into state nobody reads
}

TEST(EngineGeometryWorker, EngineViewOfALargerProblemComesFromTheWorker) {
  EngineConfig c;
  c.problem_spec = "quadratic:d=50,ratio=10,theta=0.3";
  c.optimizer_specs = {"signsgd:lr=1e-2"};
  c.grid_resolution = 16;
  Engine eng(c);
  eng.send(cmd::StepN{40});
  std::shared_ptr<const Snapshot> s = eng.sync();
  for (int i = 0; i < 2000 && !(s->geometry.report && s->geometry.step == 40); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    s = eng.snapshot();
  }
  const GeometryView& g = s->geometry;
  ASSERT_TRUE(g.report) << g.error;
  EXPECT_EQ(g.step, 40);
  EXPECT_EQ(g.report->d, 50);
  EXPECT_NEAR(g.report->lambda_max, 10.0, 1e-9);
  // The report is about the run's point at step 40.
  Experiment ref(c.problem_spec);
  ref.add_run("signsgd:lr=1e-2");
  ref.step_all(40);
  EXPECT_EQ(g.x, ref.runs()[0]->x());
  EXPECT_FALSE(g.series.empty());
  EXPECT_EQ(g.series.back().step, 40);
}

// The system refuses every thread while this lives (sys::try_spawn_thread's test seam).
struct NoThreads {
  explicit NoThreads(int allowed = 0) { sys::set_thread_limit_for_testing(allowed); }
  ~NoThreads() { sys::set_thread_limit_for_testing(-1); }
};

// Without its thread the worker does not abort the app: every job is answered at once with why, and the
// engine's Geometry view of a d > 2 problem says it.
TEST(EngineGeometryWorker, WithoutAThreadEveryJobIsAnsweredWithWhy) {
  std::unique_ptr<GeometryWorker> w;
  {
    NoThreads none;
    w = std::make_unique<GeometryWorker>();
  }
  w->post({std::shared_ptr<const Problem>(make_problem("quadratic:d=5")), std::vector<double>(5, 1.0), 3, 0});
  EXPECT_FALSE(w->busy());
  const auto r = w->take();
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->report);
  EXPECT_EQ(r->error, kNoGeometryThread);
}

}  // namespace
}  // namespace signlab
