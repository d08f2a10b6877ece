// Engine and experiment: determinism under any chunking, live parameter changes, isolated divergence,
// bounded memory, and the threaded engine's command/snapshot protocol.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#include "core/engine/engine.hpp"
#include "core/engine/experiment.hpp"
#include "core/io/scenario.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {
namespace {

const std::vector<std::string> kAll = {"sgd:lr=1e-4", "momentum:lr=1e-4,nesterov=1", "adam:lr=0.01",
                                       "adamw:lr=0.01",   "signsgd:lr=1e-3",           "signum:lr=1e-3",
                                       "lion:lr=1e-3,wd=0.1"};

bool bit_equal(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void expect_same_runs(const Experiment& a, const Experiment& b) {
  ASSERT_EQ(a.runs().size(), b.runs().size());
  for (std::size_t k = 0; k < a.runs().size(); ++k) {
    const signlab::Run& ra = *a.runs()[k];
    const signlab::Run& rb = *b.runs()[k];
    EXPECT_EQ(ra.step(), rb.step());
    EXPECT_TRUE(bit_equal(ra.x(), rb.x())) << ra.info().name;
    const auto& pa = ra.trace().points();
    const auto& pb = rb.trace().points();
    ASSERT_EQ(pa.size(), pb.size());
    for (std::size_t i = 0; i < pa.size(); ++i) {
      EXPECT_EQ(pa[i].step, pb[i].step);
      EXPECT_EQ(std::memcmp(&pa[i].x0, &pb[i].x0, sizeof(double)), 0);
      EXPECT_EQ(std::memcmp(&pa[i].x1, &pb[i].x1, sizeof(double)), 0);
    }
  }
}

TEST(EngineExperiment, SameTrajectoriesWhateverTheChunkSizes) {
  Experiment one("rosenbrock", 64), big("rosenbrock", 64), odd("rosenbrock", 64);
  for (auto* e : {&one, &big, &odd})
    for (const auto& s : kAll) e->add_run(s);
  for (int i = 0; i < 3000; ++i) one.step_all(1);
  big.step_all(3000);
  for (std::int64_t done = 0, chunk = 1; done < 3000; chunk = chunk * 3 % 97 + 1) {
    const std::int64_t n = std::min<std::int64_t>(chunk, 3000 - done);
    odd.step_all(n);
    done += n;
  }
  expect_same_runs(one, big);
  expect_same_runs(one, odd);
  EXPECT_NE(one.runs()[4]->x(), one.start());  // the runs really moved
}

TEST(EngineExperiment, ParameterChangeAppliesToTheNextStepWithoutReset) {
  Experiment e("quadratic:cond=4,angle=0");
  const int id = e.add_run("sgd:lr=0.1");
  signlab::Run& r = *e.find_run(id);
  e.step_all(1);
  const std::vector<double> x1 = r.x();
  std::vector<double> g(2);
  e.problem()->gradient(x1, g);
  e.set_param(id, "lr", 0.01);
  e.step_all(1);
  EXPECT_EQ(r.step(), 2);  // not reset
  EXPECT_DOUBLE_EQ(r.x()[0], x1[0] - 0.01 * g[0]);
  EXPECT_DOUBLE_EQ(r.x()[1], x1[1] - 0.01 * g[1]);
  EXPECT_THROW(e.set_param(id, "lr", -1.0), SpecError);
  EXPECT_THROW(e.set_param(id, "beta", 0.5), SpecError);
}

TEST(EngineExperiment, DivergingRunStopsAndTheOthersGoOn) {
  Experiment e("rosenbrock");
  const int bad = e.add_run("sgd:lr=1");
  const int good = e.add_run("signsgd:lr=1e-3");
  e.step_all(500);
  const signlab::Run& b = *e.find_run(bad);
  const signlab::Run& g = *e.find_run(good);
  EXPECT_EQ(b.state(), RunState::Diverged);
  EXPECT_GT(b.diverged_at(), 0);
  EXPECT_EQ(b.step(), b.diverged_at());
  EXPECT_EQ(g.state(), RunState::Running);
  EXPECT_EQ(g.step(), 500);
  e.step_all(10);
  EXPECT_EQ(b.step(), b.diverged_at());  // stays stopped
  EXPECT_EQ(g.step(), 510);
  e.reset();
  EXPECT_EQ(e.find_run(bad)->state(), RunState::Running);
}

TEST(EngineTrace, MemoryStaysBoundedAndKeepsTheWholeRun) {
  Experiment e("rosenbrock", 128);
  e.add_run("signsgd:lr=1e-4");
  e.step_all(200000);
  const auto& t = e.runs()[0]->trace();
  EXPECT_LE(t.points().size(), 128u);
  EXPECT_GE(t.points().size(), 64u);
  EXPECT_EQ(t.points().front().step, 0);
  EXPECT_GT(t.points().back().step, 200000 - 2 * t.stride());
  for (std::size_t i = 1; i < t.points().size(); ++i) {
    EXPECT_EQ(t.points()[i].step % t.stride(), 0);
    EXPECT_GT(t.points()[i].step, t.points()[i - 1].step);
  }
}

TEST(EngineTrace, DecimationKeepsEvalsAndSecondsWithTheirStep) {
  DecimatedTrace t(16);
  for (std::int64_t k = 0; k <= 1000; ++k) {
    if (!t.wants(k)) continue;
    TracePoint p;
    p.step = k;
    p.evals = 3 * k + 1;       // a cost that is not the step
    p.seconds = 0.25 * k * k;  // nor linear in it
    t.push(p);
  }
  ASSERT_GT(t.stride(), 32);  // several halvings
  for (const TracePoint& p : t.points()) {
    EXPECT_EQ(p.evals, 3 * p.step + 1) << "step " << p.step;
    EXPECT_EQ(p.seconds, 0.25 * p.step * p.step) << "step " << p.step;
  }
}

TEST(EngineTrace, RunsRecordEvalsAndTheirOwnSteppingTimeAtEveryPoint) {
  // Methods that pay more than one evaluation a step (ssvr two, after a first step of one;
  // minibatch-signsgd four), in many chunks: the trace decimates between them.
  const auto make = [] {
    auto e = std::make_unique<Experiment>("rosenbrock", 64);
    e->add_run("ssvr:lr=1e-3");
    e->add_run("minibatch-signsgd:lr=1e-3,batch=4");
    e->set_oracle(Run::OracleSetup{parse_noise_spec("gauss:sigma=0.5"), 3});
    return e;
  };
  const auto chunked = make(), single = make();
  for (int i = 0; i < 50; ++i) chunked->step_all(97);
  // The evals after every step, one step at a time.
  std::vector<std::vector<std::int64_t>> evals_at(2, std::vector<std::int64_t>{0});
  for (int k = 0; k < 50 * 97; ++k) {
    single->step_all(1);
    for (std::size_t r = 0; r < 2; ++r) evals_at[r].push_back(single->runs()[r]->evals());
  }
  for (std::size_t k = 0; k < 2; ++k) {
    const signlab::Run& r = *chunked->runs()[k];
    const auto& pts = r.trace().points();
    ASSERT_GT(pts.size(), 16u);
    EXPECT_GT(r.trace().stride(), 1);
    EXPECT_GE(r.evals(), 2 * r.step() - 1) << r.info().name;
    EXPECT_EQ(pts.front().seconds, 0.0);
    for (std::size_t i = 0; i < pts.size(); ++i) {
      EXPECT_EQ(pts[i].evals, evals_at[k][static_cast<std::size_t>(pts[i].step)]) << r.info().name << " at " << pts[i].step;
      if (i > 0) {
        EXPECT_GE(pts[i].seconds, pts[i - 1].seconds) << r.info().name;
      }
    }
    EXPECT_GT(r.seconds(), 0.0);
    EXPECT_LE(pts.back().seconds, r.seconds());
  }
}

TEST(EngineExperiment, CountsOracleCallsAndChecksStart) {
  Experiment e("rosenbrock");
  e.add_run("adam");
  e.step_all(25);
  EXPECT_EQ(e.runs()[0]->evals(), 25);
  EXPECT_THROW(e.set_start({1.0, 2.0, 3.0}), std::invalid_argument);
  EXPECT_THROW(e.add_run("nosuch"), SpecError);
  EXPECT_THROW(e.set_problem("nosuch"), SpecError);
  EXPECT_EQ(e.problem_spec(), "rosenbrock");  // a bad SPEC changes nothing
}

EngineConfig config_with_all() {
  EngineConfig c;
  c.problem_spec = "rosenbrock";
  c.optimizer_specs = kAll;
  c.grid_resolution = 32;
  return c;
}

TEST(EngineThread, StepChunksGiveIdenticalTrajectories) {
  Engine a(config_with_all()), b(config_with_all());
  a.send(cmd::StepN{1000});
  for (int i = 0; i < 10; ++i) b.send(cmd::StepN{i % 2 ? 50 : 150});
  const auto sa = a.sync();
  const auto sb = b.sync();
  ASSERT_EQ(sa->runs.size(), sb->runs.size());
  for (std::size_t k = 0; k < sa->runs.size(); ++k) {
    EXPECT_EQ(sa->runs[k].step, 1000);
    EXPECT_EQ(sb->runs[k].step, 1000);
    EXPECT_TRUE(bit_equal(sa->runs[k].x, sb->runs[k].x)) << sa->runs[k].optimizer;
  }
}

TEST(EngineThread, ParameterChangeBetweenStepsMatchesTheSynchronousExperiment) {
  EngineConfig c;
  c.problem_spec = "rosenbrock";
  c.optimizer_specs = {"lion:lr=1e-3"};
  Engine eng(c);
  const int id = eng.sync()->runs[0].id;
  eng.send(cmd::StepN{100});
  eng.send(cmd::SetParam{id, "lr", 1e-2});
  eng.send(cmd::StepN{100});
  const auto s = eng.sync();

  Experiment ref("rosenbrock");
  const int rid = ref.add_run("lion:lr=1e-3");
  ref.step_all(100);
  ref.set_param(rid, "lr", 1e-2);
  ref.step_all(100);
  EXPECT_TRUE(bit_equal(s->runs[0].x, ref.runs()[0]->x()));
  EXPECT_DOUBLE_EQ(s->runs[0].params.at("lr"), 1e-2);
}

TEST(EngineThread, PlayFlatOutPauseAndErrors) {
  Engine eng(config_with_all());
  eng.send(cmd::SetSpeed{100, true});
  eng.send(cmd::Play{});
  auto s = eng.sync();
  EXPECT_TRUE(s->playing);
  for (int i = 0; i < 200 && eng.snapshot()->total_steps == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  eng.send(cmd::Pause{});
  s = eng.sync();
  const auto steps = s->runs[0].step;
  EXPECT_GT(steps, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(eng.sync()->runs[0].step, steps);  // paused means paused
  eng.send(cmd::AddRun{"nosuch"});
  s = eng.sync();
  EXPECT_NE(s->last_error.find("nosuch"), std::string::npos);
  EXPECT_EQ(s->runs.size(), kAll.size());
  eng.send(cmd::SetProblem{"himmelblau"});
  s = eng.sync_landscape();  // the grid comes from the grid worker
  EXPECT_EQ(s->problem_name, "himmelblau");
  ASSERT_TRUE(s->grid);
  EXPECT_EQ(s->runs[0].step, 0);  // changing the problem resets the runs
}

TEST(EngineThread, PacedSpeedIsRoughlyHonoured) {
  EngineConfig c;
  c.optimizer_specs = {"signsgd:lr=1e-4"};
  Engine eng(c);
  eng.send(cmd::SetSpeed{1000, false});
  eng.send(cmd::Play{});
  eng.sync();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  eng.send(cmd::Pause{});
  const auto steps = eng.sync()->runs[0].step;
  // 1000 steps/s for 0.3 s: generous bounds (sanitizers and loaded CI machines are slow).
  EXPECT_GT(steps, 30);
  EXPECT_LT(steps, 1000);
}

}  // namespace
}  // namespace signlab

namespace signlab {
namespace {

TEST(EngineGeometry, SelectedRunGetsReportSeriesAndLastSteps) {
  EngineConfig c;
  c.problem_spec = "quadratic:cond=10,angle=0";
  c.optimizer_specs = {"signsgd:lr=1e-2", "sgd:lr=0.05"};
  c.grid_resolution = 16;
  Engine eng(c);
  const int second = eng.sync()->runs[1].id;
  eng.send(cmd::SelectRun{second});
  eng.send(cmd::StepN{40});
  const auto s = eng.sync();
  const GeometryView& g = s->geometry;
  EXPECT_EQ(g.run_id, second);
  EXPECT_EQ(g.step, 40);
  EXPECT_DOUBLE_EQ(g.lr, 0.05);
  ASSERT_TRUE(g.report);
  // angle 0: H = diag(10, 1), exactly diagonal.
  EXPECT_DOUBLE_EQ(g.report->rho_diag, 1.0);
  EXPECT_NEAR(g.report->lambda_max, 10.0, 1e-12);
  ASSERT_TRUE(g.report->linf.exact.has_value());
  EXPECT_NEAR(*g.report->linf.exact, 11.0, 1e-12);  // Σ|H_ii| for a diagonal H
  ASSERT_EQ(g.series.size(), s->runs[1].trace.size());  // one sample per trace point (d = 2)
  EXPECT_EQ(g.series.front().step, 0);
  EXPECT_TRUE(std::isnan(g.series.front().local_linf));
  // First pair, by hand: x0 = (−1.5, 1), g0 = H·x0 = (−15, 1), Δx = −0.05·g0 = (0.75, −0.05),
  // Δg = H·Δx = (7.5, −0.05).
  ASSERT_GE(g.series.size(), 2u);
  EXPECT_EQ(g.series[1].step, 1);
  EXPECT_NEAR(g.series[1].local_l2, std::sqrt(7.5 * 7.5 + 0.05 * 0.05) / std::sqrt(0.75 * 0.75 + 0.05 * 0.05), 1e-12);
  EXPECT_NEAR(g.series[1].local_linf, (7.5 + 0.05) / 0.75, 1e-12);
  for (const auto& smp : g.series) {
    if (std::isnan(smp.local_l2)) continue;
    EXPECT_GE(smp.local_l2, 1.0 - 1e-9);  // a Rayleigh-like quotient of H: within [λ_min, λ_max]
    EXPECT_LE(smp.local_l2, 10.0 + 1e-9);
  }
  ASSERT_EQ(g.last_steps.size(), 2u);
  // sgd's last step is −lr·∇f at the previous point; its length is positive and finite.
  ASSERT_EQ(g.last_steps[1].dx.size(), 2u);
  EXPECT_GT(std::hypot(g.last_steps[1].dx[0], g.last_steps[1].dx[1]), 0.0);
  // signSGD moves every coordinate by exactly lr.
  EXPECT_NEAR(std::fabs(g.last_steps[0].dx[0]), 1e-2, 1e-15);
}

TEST(EngineGeometry, KeepProgressReplaysTheRaceOnTheNewProblem) {
  EngineConfig c;
  c.problem_spec = "quadratic:cond=10,angle=0";
  c.optimizer_specs = {"signsgd:lr=1e-3"};
  c.grid_resolution = 16;
  Engine eng(c);
  eng.send(cmd::StepN{300});
  eng.send(cmd::SetProblem{"quadratic:cond=10,angle=40", true});
  auto s = eng.sync();
  EXPECT_EQ(s->problem_spec, "quadratic:cond=10,angle=40");
  EXPECT_EQ(s->runs[0].step, 300);
  Experiment ref("quadratic:cond=10,angle=40");
  ref.add_run("signsgd:lr=1e-3");
  ref.step_all(300);
  EXPECT_EQ(s->runs[0].x, ref.runs()[0]->x());
  eng.send(cmd::SetProblem{"rosenbrock"});
  s = eng.sync();
  EXPECT_EQ(s->runs[0].step, 0);
}

}  // namespace
}  // namespace signlab

namespace signlab {
namespace {

// Reopening a session replays its steps in the background: the engine answers commands at once, shows
// the replay's progress, keeps it through view changes and stops it on a change to the race.
TEST(EngineThread, ReplayRunsBehindCommandsAndAChangeStopsIt) {
  EngineConfig c;
  c.optimizer_specs = {"signsgd:lr=1e-4"};
  Engine eng(c);
  eng.send(cmd::Replay{kMaxSessionSteps});
  auto s = eng.sync();  // not held up behind 10⁸ steps
  EXPECT_EQ(s->replay_total, kMaxSessionSteps);
  EXPECT_GT(s->replay_left, 0);
  for (int i = 0; i < 400 && eng.snapshot()->runs[0].step == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  s = eng.snapshot();
  EXPECT_GT(s->runs[0].step, 0);
  EXPECT_EQ(s->runs[0].step, s->replay_total - s->replay_left);  // one snapshot, one moment
  eng.send(cmd::SetView{Box{-1, 1, -1, 1}, 64});
  eng.send(cmd::SelectRun{s->runs[0].id});
  s = eng.sync();
  EXPECT_GT(s->replay_left, 0) << "a view change does not stop the replay";
  eng.send(cmd::Pause{});
  s = eng.sync();
  EXPECT_EQ(s->replay_left, 0);
  const auto stopped_at = s->runs[0].step;
  EXPECT_LT(stopped_at, kMaxSessionSteps);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(eng.sync()->runs[0].step, stopped_at);

  // A replay to the end lands exactly where the same steps taken at once do.
  eng.send(cmd::Reset{});
  eng.send(cmd::Replay{5000});
  eng.send(cmd::AddRun{"adam:lr=0.01"});  // a change to the race: stops that replay...
  s = eng.sync();
  EXPECT_EQ(s->replay_left, 0);
  eng.send(cmd::Reset{});
  eng.send(cmd::Replay{5000});  // ...and a new one runs to its end
  eng.sync();
  for (int i = 0; i < 1000 && eng.snapshot()->replay_left > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  s = eng.sync();
  ASSERT_EQ(s->replay_left, 0);
  EngineConfig c2;
  c2.optimizer_specs = {"signsgd:lr=1e-4", "adam:lr=0.01"};
  Engine ref(c2);
  ref.send(cmd::StepN{5000});
  const auto r = ref.sync();
  ASSERT_EQ(s->runs.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(s->runs[k].step, 5000);
    EXPECT_TRUE(bit_equal(s->runs[k].x, r->runs[k].x)) << k;
  }
  eng.send(cmd::Replay{kMaxSessionSteps + 1});
  s = eng.sync();
  EXPECT_NE(s->last_error.find("replay"), std::string::npos) << s->last_error;
  EXPECT_EQ(s->replay_left, 0);
}

TEST(EngineThread, TheRaceHoldsAtMostTheCapOfRuns) {
  EngineConfig c;
  c.optimizer_specs.assign(kMaxRaceRuns, "sgd");
  Engine eng(c);
  eng.send(cmd::AddRun{"adam"});
  const auto s = eng.sync();
  EXPECT_EQ(s->runs.size(), static_cast<std::size_t>(kMaxRaceRuns));
  EXPECT_NE(s->last_error.find("at most " + std::to_string(kMaxRaceRuns) + " runs"), std::string::npos) << s->last_error;
  c.optimizer_specs.push_back("adam");
  EXPECT_THROW(Engine{c}, std::invalid_argument);
}

}  // namespace
}  // namespace signlab
