// signlab sweep: one optimizer over a grid of hyperparameter values, one CSV row per grid point.
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "app/cli/args.hpp"
#include "core/spec/quote.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/failure.hpp"
#include "app/cli/interrupt.hpp"
#include "app/cli/preflight.hpp"
#include "app/cli/progress.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/engine/sweep.hpp"
#include "core/problems/noise_spec.hpp"

namespace signlab::cli {
namespace {

void write_point(std::FILE* f, const SweepPoint& p) {
  for (const double v : p.values) std::fprintf(f, "%.17g,", v);
  std::fprintf(f, "%lld,%lld,%.17g,%.17g,%.17g,", static_cast<long long>(p.steps), static_cast<long long>(p.evals),
               p.final.loss, p.final.grad_l2, p.final.grad_l1);
  if (p.diverged_at >= 0) std::fprintf(f, "%lld", static_cast<long long>(p.diverged_at));
  std::fputc('\n', f);
}

}  // namespace

int sweep_command(int argc, char** argv) {
  std::string doing = "checking the arguments";
  try {
    Args args("sweep", argc, argv, 2,
              {{"problem"}, {"opt"}, {"vary", true, true}, {"steps"}, {"seed"}, {"start"}, {"noise"}, {"threads"},
               {"csv"}});
    SweepConfig c;
    c.problem = args.require("problem");
    c.optimizer = args.require("opt");
    if (args.all("vary").empty())
      throw UsageError("sweep: missing --vary (e.g. --vary lr=1e-4:1e-1:log:16; repeat it for a second axis)");
    for (const auto& v : args.all("vary")) c.axes.push_back(parse_sweep_axis(v));
    c.steps = args.integer("steps", -1, 0, 1'000'000'000'000LL);
    if (c.steps < 0) throw UsageError("sweep: missing --steps");
    const long long seed = args.integer("seed", 0, 0, (1LL << 62));
    c.oracle = {args.has("noise") ? parse_noise_spec(*args.get("noise")) : NoiseModel::none(),
                static_cast<std::uint64_t>(seed)};
    if (auto start = args.numbers("start")) c.start = *start;
    c.threads = static_cast<unsigned>(args.integer("threads", 0, 0, 256));
    const std::string csv = args.require("csv");
    {
      // One run per thread at a time: refuse grids whose concurrent runs cannot fit, before building.
      const ProblemShape shape = describe_problem(c.problem);
      const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
      const int at_once = static_cast<int>(c.threads > 0 ? c.threads : hw);
      check_memory("sweep", plan_memory(shape, {resolve_optimizer(c.optimizer)}, c.oracle.noise, at_once),
                   std::to_string(at_once) + " concurrent runs on " + escape_input(c.problem));
    }

    // Open the output before hours of work, so a bad path fails at once.
    std::FILE* f = csv == "-" ? stdout : std::fopen(csv.c_str(), "w");
    if (!f) throw UsageError("sweep: cannot write --csv " + quote_input(csv) + ": " + std::strerror(errno));
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f == stdout ? nullptr : f, std::fclose);

    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    auto last_report = t0;
    // Until the first point finishes, the ticker shows the set-up (the problem, a finite sum's draws).
    ProgressTicker ticker("sweep");
    if (c.oracle.noise.finite_sum()) ticker.set("setting up the finite-sum noise", 0, c.oracle.noise.components, "components");
    else ticker.set("building the problem and starting the points");
    auto report = [&](const SweepPoint&, std::int64_t, std::int64_t done, std::int64_t total) {
      ticker.quiet();
      const auto now = clock::now();
      if (done < total && now - last_report < std::chrono::seconds(1)) return;
      last_report = now;
      std::fprintf(stderr, "sweep: %lld/%lld points, %.1f s\n", static_cast<long long>(done),
                   static_cast<long long>(total), std::chrono::duration<double>(now - t0).count());
    };
    SweepResult r;
    doing = "running the sweep";
    {
      // Ctrl+C stops the sweep after the running points' current chunk; what finished is still written.
      const InterruptGuard interrupt;
      r = run_sweep(c, report, &interrupt.flag(), [&](std::int64_t done, std::int64_t) { ticker.update(done); });
    }
    if (r.threads < r.threads_asked)
      std::fprintf(stderr, "sweep: the system gave %u of the %u threads asked for; the results do not depend on it\n",
                   r.threads, r.threads_asked);

    for (const auto& name : r.params) std::fprintf(f, "%s,", name.c_str());
    std::fputs("steps,evals,loss,grad_l2,grad_l1,diverged_at\n", f);
    for (const SweepPoint& p : r.points) write_point(f, p);
    if (std::ferror(f) || (f != stdout && std::fflush(f) != 0))
      throw UsageError("sweep: error writing --csv " + quote_input(csv) + ": " + std::strerror(errno));
    if (r.cancelled) {
      std::fprintf(stderr, "sweep: interrupted; wrote the %zu finished points\n", r.points.size());
      return kExitInterrupted;
    }
    return 0;
  } catch (...) {
    return report_failure("sweep", doing);
  }
}

}  // namespace signlab::cli
