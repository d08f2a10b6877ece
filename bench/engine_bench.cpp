// Engine throughput on 2-D problems: 8 runs (every optimizer of the registry, cycling) flat out.
// BM_Experiment_8Runs: the stepping loop alone, trajectory recording included (one core).
// BM_EngineThread_8Runs_FlatOut: the real engine thread for 0.5 s per iteration, snapshot
// publishing at 60 Hz included; reports steps_per_s over all runs.
#include <benchmark/benchmark.h>

#include <chrono>
#include <thread>

#include "core/engine/engine.hpp"
#include "core/engine/experiment.hpp"

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

}  // namespace
}  // namespace signlab
