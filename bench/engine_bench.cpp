// Engine throughput on 2-D problems: 8 runs (every optimizer of the registry, cycling) flat out.
// BM_Experiment_8Runs: the stepping loop alone, trajectory recording included (one core).
// BM_EngineThread_8Runs_FlatOut: the real engine thread for 0.5 s per iteration, snapshot
// publishing at 60 Hz included; reports steps_per_s over all runs.
// BM_RunHighD_<Path>/<rule>/<d>: one run on separable:d (exact gradients), one step per iteration, the
// divergence check and trajectory recording included; Float is the engine's kernel path, Double the rule
// in double precision. items_per_second counts parameters updated (ns per parameter = 1e9 / that).
#include <benchmark/benchmark.h>

#include <chrono>
#include <thread>

#include "core/engine/engine.hpp"
#include "core/engine/experiment.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

// The foundation's seven optimizers (and signSGD again): all run on any vector problem.
std::vector<std::string> eight_runs() {
  const std::vector<std::string> names = {"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion"};
  std::vector<std::string> specs;
  for (int i = 0; i < 8; ++i) specs.push_back(names[i % names.size()] + ":lr=1e-5");
  return specs;
}

void BM_Experiment_8Runs(benchmark::State& state) {
  Experiment e(state.range(0) == 0 ? "rosenbrock" : "quadratic:cond=100,angle=30");
  for (const auto& s : eight_runs()) e.add_run(s);
  const std::int64_t chunk = 4096;
  std::int64_t steps = 0;
  for (auto _ : state) {
    steps += e.step_all(chunk);
    if (e.runs()[0]->step() > 50'000'000) e.reset();
  }
  state.SetItemsProcessed(steps);
  state.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Experiment_8Runs)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_EngineThread_8Runs_FlatOut(benchmark::State& state) {
  EngineConfig c;
  c.problem_spec = "rosenbrock";
  c.optimizer_specs = eight_runs();
  Engine engine(c);
  engine.send(cmd::SetSpeed{1, true});
  std::int64_t steps = 0;
  double seconds = 0;
  for (auto _ : state) {
    const auto s0 = engine.sync();
    const auto t0 = std::chrono::steady_clock::now();
    engine.send(cmd::Play{});
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    engine.send(cmd::Pause{});
    const auto s1 = engine.sync();
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.SetIterationTime(dt);
    steps += s1->total_steps - s0->total_steps;
    seconds += dt;
    engine.send(cmd::Reset{});
  }
  state.counters["steps_per_s"] = static_cast<double>(steps) / seconds;
}
BENCHMARK(BM_EngineThread_8Runs_FlatOut)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

const char* const kHighDRules[] = {"lion:lr=1e-4", "adam:lr=1e-4", "signum:lr=1e-4", "sgd:lr=1e-4"};

void run_high_d(benchmark::State& state, NumericPath path) {
  const auto d = state.range(1);
  const auto problem = make_problem("separable:d=" + std::to_string(d));
  const std::string spec = kHighDRules[state.range(0)];
  Run r(1, 0, resolve_optimizer(spec), *problem, problem->default_start(), 4096);
  r.set_numeric_path(path);
  r.reset(*problem, problem->default_start());
  state.SetLabel(spec + (r.float_path() ? " (float kernels)" : " (double)"));
  for (auto _ : state) {
    r.advance(1);
    if (r.state() != RunState::Running) state.SkipWithError("run stopped");
  }
  state.SetItemsProcessed(state.iterations() * d);  // parameters updated per second
}
void BM_RunHighD_Float(benchmark::State& state) { run_high_d(state, NumericPath::Auto); }
void BM_RunHighD_Double(benchmark::State& state) { run_high_d(state, NumericPath::Double); }
void high_d_args(benchmark::internal::Benchmark* b) {
  for (std::int64_t rule = 0; rule < 4; ++rule)
    for (std::int64_t d : {10'000, 1'000'000, 10'000'000}) b->Args({rule, d});
  b->ArgNames({"rule", "d"})->Unit(benchmark::kMillisecond)->MinTime(0.2);
}
BENCHMARK(BM_RunHighD_Float)->Apply(high_d_args);
BENCHMARK(BM_RunHighD_Double)->Apply(high_d_args);

}  // namespace
}  // namespace signlab
