// The grid worker (core/engine/grid_worker.hpp) computes landscape grids off the engine thread: the
// newest request wins, a superseded grid stops at its next row, and a worker destroyed mid-grid leaves
// nothing dangling. The engine goes on applying commands and stepping while a grid is computed, and
// publishes the grid of the newest view once it is there.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/engine/grid_worker.hpp"
#include "core/problems/logreg.hpp"
#include "core/problems/mlp.hpp"
#include "core/sys/thread_spawn.hpp"

namespace signlab {
namespace {

// Holds every caller until opened; tells whether someone is waiting.
class Gate {
 public:
  void pass() const {
    std::unique_lock lock(m_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
    --waiting_;
  }
  void open() {
    std::lock_guard lock(m_);
    open_ = true;
    cv_.notify_all();
  }
  void wait_until_someone_waits() const {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return waiting_ > 0; });
  }

 private:
  mutable std::mutex m_;
  mutable std::condition_variable cv_;
  mutable int waiting_ = 0;
  bool open_ = false;
};

// ½‖x‖² in 2-D whose value waits at a gate inside [-10, 10]² (where the grids are sampled) and counts
// those calls. The runs start at (50, 50), outside: stepping never waits.
class GatedBowl final : public Problem {
 public:
  explicit GatedBowl(std::shared_ptr<Gate> gate) : gate_(std::move(gate)) {}
  int dim() const override { return 2; }
  double value(std::span<const double> x) const override {
    if (std::abs(x[0]) <= 10 && std::abs(x[1]) <= 10) {
      ++calls_;
      gate_->pass();
    }
    return 0.5 * (x[0] * x[0] + x[1] * x[1]);
  }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    g[0] = x[0];
    g[1] = x[1];
  }
  void hessian(std::span<const double>, std::span<double> H) const override {
    H[0] = H[3] = 1;
    H[1] = H[2] = 0;
  }
  std::vector<double> default_start() const override { return {50, 50}; }
  Box default_view() const override { return {-1, 1, -1, 1}; }
  int calls() const { return calls_; }

 private:
  std::shared_ptr<Gate> gate_;
  mutable std::atomic<int> calls_{0};
};

bool same_box(const Box& a, const Box& b) { return a.x0 == b.x0 && a.x1 == b.x1 && a.y0 == b.y0 && a.y1 == b.y1; }

TEST(EngineGridWorker, NewestRequestWinsAndASupersededGridStopsAtItsNextRow) {
  auto gate = std::make_shared<Gate>();
  auto bowl = std::make_shared<const GatedBowl>(gate);
  GridWorker w;
  EXPECT_FALSE(w.busy());
  w.post({bowl, {-1, 1, -1, 1}, 16, nullptr, 1});
  gate->wait_until_someone_waits();  // the first grid is in its first row
  EXPECT_TRUE(w.busy());
  EXPECT_FALSE(w.take().has_value());
  w.post({bowl, {-2, 2, -2, 2}, 16, nullptr, 2});  // waits behind the running one...
  w.post({bowl, {-3, 3, -2, 2}, 16, nullptr, 3});  // ...and is replaced by this one
  EXPECT_EQ(w.progress(), 0.0);                    // the newest has not started
  gate->open();
  w.wait_idle();
  const auto r = w.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->job.generation, 3u);
  ASSERT_TRUE(r->grid) << r->error;
  EXPECT_TRUE(same_box(r->grid->box, {-3, 3, -2, 2}));
  EXPECT_EQ(r->grid->nx, 16);
  EXPECT_NEAR(r->grid->at(0, 0), 0.5 * (9 + 4), 1e-6);
  // The first grid stopped after one row of 16; the second never ran; the third ran whole.
  EXPECT_EQ(bowl->calls(), 16 + 16 * 16);
  EXPECT_EQ(w.stopped(), 1u);
  EXPECT_EQ(w.progress(), 1.0);
  EXPECT_FALSE(w.take().has_value());  // once
}

TEST(EngineGridWorker, ProgressIsReportedAndDestructionMidGridIsSafe) {
  // Progress per row, and cancellation, on the plain function.
  auto open = std::make_shared<Gate>();
  open->open();
  const GatedBowl bowl(open);
  std::vector<double> seen;
  const auto g = compute_grid_cancellable(bowl, {-1, 1, -1, 1}, 8, 4, {}, [&](double done) {
    seen.push_back(done);
    return seen.size() < 2;
  });
  EXPECT_FALSE(g.has_value());
  EXPECT_EQ(seen, (std::vector<double>{0.25, 0.5}));

  auto gate = std::make_shared<Gate>();
  {
    GridWorker w;
    w.post({std::make_shared<const GatedBowl>(gate), {-1, 1, -1, 1}, 64, nullptr, 1});
    gate->wait_until_someone_waits();
  }  // destroyed while the grid waits at the gate
  gate->open();  // the detached job stops at the end of its row, into state nobody reads
}

EngineConfig gated_config(const std::shared_ptr<const GatedBowl>& bowl) {
  EngineConfig c;
  c.problem = bowl;
  c.problem_spec = "gated-bowl";
  c.optimizer_specs = {"signsgd:lr=1e-3"};
  c.grid_resolution = 16;
  return c;
}

TEST(EngineGridWorker, CommandsAndStepsGoOnWhileAGridIsComputed) {
  auto gate = std::make_shared<Gate>();
  auto bowl = std::make_shared<const GatedBowl>(gate);
  Engine eng(gated_config(bowl));
  gate->wait_until_someone_waits();  // the first grid is stuck in its first row
  eng.send(cmd::StepN{25});
  eng.send(cmd::SetSpeed{123, false});
  eng.send(cmd::AddRun{"lion:lr=1e-3"});
  auto s = eng.sync();
  ASSERT_EQ(s->runs.size(), 2u);
  EXPECT_EQ(s->runs[0].step, 25);
  EXPECT_EQ(s->steps_per_s, 123);
  EXPECT_TRUE(s->grid_computing);
  EXPECT_FALSE(s->grid);  // nothing finished yet for this problem
  EXPECT_EQ(bowl->calls(), 1);
  gate->open();
  s = eng.sync_landscape();
  EXPECT_FALSE(s->grid_computing);
  EXPECT_EQ(s->grid_progress, 1.0);
  ASSERT_TRUE(s->grid);
  EXPECT_TRUE(same_box(s->grid->box, s->view));
  EXPECT_EQ(s->grid->nx, 16);
}

TEST(EngineGridWorker, TheNewestViewIsPublishedAndOlderGridsStopEarly) {
  auto gate = std::make_shared<Gate>();
  auto bowl = std::make_shared<const GatedBowl>(gate);
  Engine eng(gated_config(bowl));
  gate->wait_until_someone_waits();
  const Box a{-2, 2, -2, 2}, b{-3, 1, -1, 2};
  eng.send(cmd::SetView{a, 16});
  eng.send(cmd::SetView{b, 16});
  auto s = eng.sync();
  EXPECT_TRUE(same_box(s->view, b));
  EXPECT_TRUE(s->grid_computing);
  EXPECT_EQ(s->grid_progress, 0.0);  // b waits for the stuck first grid to stop
  gate->open();
  s = eng.sync_landscape();
  ASSERT_TRUE(s->grid);
  EXPECT_TRUE(same_box(s->grid->box, b));
  // The start-up grid stopped after its first row; view a was replaced before it started.
  EXPECT_EQ(bowl->calls(), 16 + 16 * 16);

  // With the gate open a grid is cheap: it comes with the command's own snapshot (no stale frame)
  // unless the machine is very busy, and in any case once computed.
  const Box c{0, 4, 0, 3};
  eng.send(cmd::SetView{c, 16});
  s = eng.sync_landscape();
  EXPECT_TRUE(same_box(s->grid->box, c));
}

// f on the (x0, x1) plane through `centre`, at the grid's sample (i, j).
double plane_value(const Problem& p, const LandscapeGrid& g, std::vector<double> centre, int i, int j) {
  centre[0] = g.box.x0 + (g.box.x1 - g.box.x0) * i / (g.nx - 1);
  centre[1] = g.box.y0 + (g.box.y1 - g.box.y0) * j / (g.ny - 1);
  return p.value(centre);
}

TEST(EngineSlicePlane, FollowsTheChosenRunAndFallsBackToTheStart) {
  EngineConfig c;
  c.problem_spec = "quadratic:d=6,ratio=4,theta=0.4";
  c.optimizer_specs = {"signsgd:lr=0.05", "lion:lr=0.01"};
  c.grid_resolution = 8;
  c.plane_follow_period = 0;  // resample at every move (the app: twice a second at most)
  Engine eng(c);
  auto s = eng.sync_landscape();
  ASSERT_TRUE(s->grid);
  EXPECT_EQ(s->grid_plane_run, -1);
  EXPECT_EQ(s->slice_run, -1);
  EXPECT_NEAR(s->grid->at(2, 5), plane_value(*s->problem, *s->grid, s->start_point(), 2, 5), 1e-4 * (1 + s->grid->at(2, 5)));

  const int id = s->runs[1].id;
  eng.send(cmd::SetSlicePlane{id});
  eng.send(cmd::StepN{20});
  s = eng.sync_landscape();
  EXPECT_EQ(s->slice_run, id);
  ASSERT_TRUE(s->grid);
  ASSERT_TRUE(s->grid_centre);
  EXPECT_EQ(s->grid_plane_run, id);
  EXPECT_EQ(s->grid_plane_step, 20);
  EXPECT_EQ(*s->grid_centre, s->runs[1].x);  // the run's point at step 20, all six coordinates
  EXPECT_NE(*s->grid_centre, s->start_point());
  for (const auto& [i, j] : {std::pair{0, 0}, std::pair{3, 6}, std::pair{7, 7}})
    EXPECT_NEAR(s->grid->at(i, j), plane_value(*s->problem, *s->grid, s->runs[1].x, i, j), 1e-4 * (1 + s->grid->at(i, j)));

  // A run that does not move is not resampled.
  const auto again = eng.sync_landscape();
  EXPECT_EQ(again->grid, s->grid);

  // A bad run id is refused; removing the followed run goes back to the start.
  eng.send(cmd::SetSlicePlane{999});
  s = eng.sync();
  EXPECT_NE(s->last_error.find("999"), std::string::npos);
  eng.send(cmd::RemoveRun{id});
  s = eng.sync_landscape();
  EXPECT_EQ(s->slice_run, -1);
  EXPECT_EQ(s->grid_plane_run, -1);
  EXPECT_EQ(s->grid_centre.get(), s->start.get());
}

TEST(EngineSlicePlane, TwoDimensionalProblemsIgnoreThePlane) {
  EngineConfig c;
  c.optimizer_specs = {"signsgd:lr=1e-3"};
  c.grid_resolution = 8;
  Engine eng(c);
  const auto before = eng.sync_landscape();
  eng.send(cmd::SetSlicePlane{before->runs[0].id});
  eng.send(cmd::StepN{5});
  const auto s = eng.sync_landscape();
  EXPECT_EQ(s->slice_run, before->runs[0].id);
  EXPECT_EQ(s->grid, before->grid);  // the plane is the whole space: nothing to resample
  EXPECT_EQ(s->grid_plane_run, -1);
}

}  // namespace
}  // namespace signlab

namespace signlab {
namespace {

// A small classifier data set (as in fmnist_problems_test): 600 examples of 30 features, 10 classes, so the
// logits take three blocks of examples.
std::shared_ptr<const data::Dataset> small_data() {
  std::mt19937_64 rng(11);
  auto ds = std::make_shared<data::Dataset>();
  ds->count = 600;
  ds->features = 30;
  ds->classes = 10;
  ds->source = "synthetic";
  ds->x.resize(static_cast<std::size_t>(ds->count) * ds->features);
  for (float& v : ds->x) v = static_cast<float>(static_cast<double>(rng() >> 11) * 0x1.0p-53);
  for (int i = 0; i < ds->count; ++i) ds->y.push_back(static_cast<std::uint8_t>((i * 7 + 1) % ds->classes));
  return ds;
}

// A classifier's plane (Problem::plane_values, one forward pass then O(n) a point) tells its progress per
// block of examples and per row, always increasing up to 1, and stops when asked: it used to run to the
// end in silence, so the heat map said "0 %" for seconds and a superseded view could not stop it.
TEST(EngineGridWorker, APlaneOfADataSetReportsIncreasingProgressAndStopsWhenAsked) {
  const LogReg logreg(small_data(), 600, 1e-4);
  const Mlp mlp(small_data(), 600, 4, 1e-4, 3);
  for (const Problem* p : {static_cast<const Problem*>(&logreg), static_cast<const Problem*>(&mlp)}) {
    SCOPED_TRACE(p->dim());
    const std::vector<double> base = p->default_start();
    std::vector<double> seen;
    const auto g = compute_grid_cancellable(*p, {-2, 2, -1, 1}, 12, 8, base, [&](double done) {
      seen.push_back(done);
      return true;
    });
    ASSERT_TRUE(g.has_value());
    ASSERT_EQ(seen.size(), 3u + 8u);  // three blocks of examples, then eight rows
    for (std::size_t k = 1; k < seen.size(); ++k) EXPECT_GT(seen[k], seen[k - 1]) << k;
    EXPECT_GT(seen.front(), 0.0);
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
    EXPECT_EQ(g->nx, 12);
    std::vector<double> x = base;
    x[0] = 2;
    x[1] = 1;
    EXPECT_NEAR(g->at(11, 7), p->value(x), 1e-6);  // stored as float

    // Asked to stop in the logits (second block) and in the rows (third row): no call after that.
    for (const std::size_t stop_at : {2u, 6u}) {
      std::size_t calls = 0;
      const auto stopped = compute_grid_cancellable(*p, {-2, 2, -1, 1}, 12, 8, base, [&](double) {
        return ++calls < stop_at;
      });
      EXPECT_FALSE(stopped.has_value());
      EXPECT_EQ(calls, stop_at);
    }
  }
}

// LogReg whose full-resolution plane waits at a gate: the preview's moment can be looked at.
class GatedPlane final : public Problem {
 public:
  GatedPlane(std::shared_ptr<const Problem> inner, std::shared_ptr<Gate> gate) : inner_(std::move(inner)), gate_(std::move(gate)) {}
  int dim() const override { return inner_->dim(); }
  double value(std::span<const double> x) const override { return inner_->value(x); }
  void gradient(std::span<const double> x, std::span<double> g) const override { inner_->gradient(x, g); }
  void hessian(std::span<const double> x, std::span<double> H) const override { inner_->hessian(x, H); }
  std::vector<double> default_start() const override { return inner_->default_start(); }
  Box default_view() const override { return inner_->default_view(); }
  PlaneResult plane_values(std::span<const double> base, std::span<const double> xs, std::span<const double> ys,
                           std::span<double> out, const WorkProgress& progress) const override {
    if (xs.size() > static_cast<std::size_t>(kPreviewResolution)) gate_->pass();
    return inner_->plane_values(base, xs, ys, out, progress);
  }

 private:
  std::shared_ptr<const Problem> inner_;
  std::shared_ptr<Gate> gate_;
};

// A costly plane comes first as a coarse preview of the same box (at once), then in full; the progress
// covers both. A superseded job stops inside the plane.
TEST(EngineGridWorker, ACostlyPlaneArrivesFirstAsACoarsePreview) {
  auto inner = std::make_shared<const LogReg>(small_data(), 600, 1e-4);
  auto gate = std::make_shared<Gate>();
  auto p = std::make_shared<const GatedPlane>(inner, gate);
  GridWorker w;
  const Box box{-3, 3, -2, 2};
  w.post({p, box, 128, nullptr, 1});
  ASSERT_TRUE(w.wait_for(1, std::chrono::seconds(30)));
  gate->wait_until_someone_waits();  // the full grid has started
  const auto first = w.take();
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->preview);
  ASSERT_TRUE(first->grid);
  EXPECT_EQ(first->grid->nx, kPreviewResolution);
  EXPECT_TRUE(same_box(first->grid->box, box));
  const LandscapeGrid direct = compute_grid(*inner, box, kPreviewResolution, kPreviewResolution, inner->default_start());
  EXPECT_EQ(first->grid->values, direct.values);
  EXPECT_TRUE(w.busy());
  EXPECT_DOUBLE_EQ(w.progress(), 0.2);  // the preview's 64² of 64² + 128² samples, the full grid not begun
  gate->open();
  w.wait_idle();
  const auto full = w.take();
  ASSERT_TRUE(full.has_value());
  EXPECT_FALSE(full->preview);
  ASSERT_TRUE(full->grid);
  EXPECT_EQ(full->grid->nx, 128);
  EXPECT_EQ(w.progress(), 1.0);

  // A newer request stops a plane in progress (at its next row or block), and only the newest answers.
  auto gate2 = std::make_shared<Gate>();
  auto slow = std::make_shared<const GatedPlane>(inner, gate2);
  w.post({slow, box, 128, nullptr, 2});
  gate2->wait_until_someone_waits();
  w.post({inner, {-1, 1, -1, 1}, 16, nullptr, 3});  // cancels job 2 while it waits at the gate
  gate2->open();
  w.wait_idle();
  const auto last = w.take();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->job.generation, 3u);
  EXPECT_EQ(w.stopped(), 1u);
}

// In the engine, the preview is the published picture (of the asked box) while the full grid is computed;
// the snapshot still says "computing" until the full one replaces it.
TEST(EngineGridWorker, TheEnginePublishesThePreviewThenTheFullGrid) {
  auto gate = std::make_shared<Gate>();
  auto p = std::make_shared<const GatedPlane>(std::make_shared<const LogReg>(small_data(), 600, 1e-4), gate);
  EngineConfig c;
  c.problem = p;
  c.problem_spec = "gated-plane";
  c.optimizer_specs = {"signsgd:lr=1e-3"};
  c.grid_resolution = 128;
  Engine eng(c);
  gate->wait_until_someone_waits();  // the preview is done, the full grid waits
  std::shared_ptr<const Snapshot> s;
  for (int i = 0; i < 500; ++i) {
    s = eng.sync();
    if (s->grid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(s->grid);
  EXPECT_EQ(s->grid->nx, kPreviewResolution);
  EXPECT_TRUE(same_box(s->grid->box, s->view));
  EXPECT_TRUE(s->grid_computing);
  gate->open();
  s = eng.sync_landscape();
  ASSERT_TRUE(s->grid);
  EXPECT_EQ(s->grid->nx, 128);
  EXPECT_FALSE(s->grid_computing);
}

// The system refuses every thread while this lives (sys::try_spawn_thread's test seam).
struct NoThreads {
  explicit NoThreads(int allowed = 0) { sys::set_thread_limit_for_testing(allowed); }
  ~NoThreads() { sys::set_thread_limit_for_testing(-1); }
};

// Without its thread the worker does not abort the app: every job is answered at once with why.
TEST(EngineGridWorker, WithoutAThreadEveryJobIsAnsweredWithWhy) {
  std::unique_ptr<GridWorker> w;
  {
    NoThreads none;
    w = std::make_unique<GridWorker>();
  }
  w->post({std::shared_ptr<const Problem>(make_problem("rosenbrock")), {-1, 1, -1, 1}, 16, nullptr, 7});
  EXPECT_TRUE(w->wait_for(7, std::chrono::seconds(10)));
  EXPECT_FALSE(w->busy());
  const auto r = w->take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->job.generation, 7u);
  EXPECT_FALSE(r->grid);
  EXPECT_EQ(r->error, kNoGridThread);
}

}  // namespace
}  // namespace signlab
