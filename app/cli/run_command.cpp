// signlab run: races optimizers on a problem headless and writes the documented CSV.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "app/cli/args.hpp"
#include "core/spec/quote.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/failure.hpp"
#include "app/cli/interrupt.hpp"
#include "app/cli/preflight.hpp"
#include "app/cli/progress.hpp"
#include "core/engine/memory_plan.hpp"
#include "core/engine/experiment.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::cli {
namespace {

// "lion" when the name is unique among the runs, else "lion_1", "lion_2", ... in SPEC order.
std::vector<std::string> run_labels(const Experiment& e) {
  std::map<std::string, int> count, seen;
  for (const auto& r : e.runs()) ++count[r->info().name];
  std::vector<std::string> out;
  for (const auto& r : e.runs()) {
    const std::string& n = r->info().name;
    out.push_back(count[n] == 1 ? n : n + "_" + std::to_string(++seen[n]));
  }
  return out;
}

int interrupted_before_rows() {
  std::fputs("run: interrupted during the set-up; nothing was written\n", stderr);
  return kExitInterrupted;
}

void write_row(std::FILE* f, const std::string& label, const Run& r, int xcols) {
  const RunMetrics m = r.metrics();
  std::fprintf(f, "%s,%lld,%lld,%.17g,%.17g,%.17g", label.c_str(), static_cast<long long>(r.step()),
               static_cast<long long>(r.evals()), m.loss, m.grad_l2, m.grad_l1);
  for (const double xi : r.head(static_cast<std::size_t>(xcols))) std::fprintf(f, ",%.17g", xi);
  std::fputc('\n', f);
}

}  // namespace

int run_command(int argc, char** argv) {
  std::string doing = "checking the arguments";  // for an out-of-memory message
  try {
    Args args("run", argc, argv, 2,
              {{"problem"}, {"opt", true, true}, {"steps"}, {"seed"}, {"every"}, {"start"}, {"noise"}, {"csv"}});
    const std::string problem = args.require("problem");
    if (args.all("opt").empty()) throw UsageError("run: missing --opt (at least one optimizer SPEC)");
    const long long steps = args.integer("steps", -1, 0, 1'000'000'000'000LL);
    if (steps < 0) throw UsageError("run: missing --steps");
    const long long every = args.integer("every", 1, 1, 1'000'000'000'000LL);
    const long long seed = args.integer("seed", 0, 0, (1LL << 62));
    const std::string csv = args.require("csv");
    const auto start = args.numbers("start");
    // Every argument is checked before anything costly is built (a d = 10⁸ problem, finite-sum noise).
    const RacePlan plan = check_race("run", problem, args.all("opt"), args.get("noise"), start);
    check_writable("run", "csv", csv);

    // Sizes that cannot fit are refused before anything is allocated, with the bytes they need.
    check_memory("run", plan_memory(plan.shape, plan.optimizers, plan.noise),
                 std::to_string(plan.optimizers.size()) + (plan.optimizers.size() == 1 ? " run on " : " runs on ") +
                     escape_input(problem));

    // Long set-up and long steps say what they are doing on stderr; Ctrl+C stops them and keeps the rows
    // written so far.
    ProgressTicker ticker("run");
    InterruptGuard interrupt;
    const auto interrupted = [&] { return interrupt.flag().load(); };

    doing = "building problem " + escape_input(problem);
    ticker.set(doing);
    Experiment e(problem);
    if (start) e.set_start(*start);
    if (interrupted()) return interrupted_before_rows();
    // Every run draws the same samples (same noise, same seed): a fair race. A finite sum's set-up is
    // done once here for every run, with progress, and Ctrl+C cancels it.
    doing = "setting up the noise";
    if (plan.noise.finite_sum()) ticker.set("setting up the finite-sum noise", 0, plan.noise.components, "components");
    else ticker.set(doing);
    NoiseSetupControl control{&interrupt.flag(), [&](std::int64_t done, std::int64_t) { ticker.update(done); }};
    try {
      e.set_oracle({plan.noise, static_cast<std::uint64_t>(seed)}, &control);
    } catch (const NoiseSetupCancelled&) {
      return interrupted_before_rows();
    }
    for (const auto& spec : args.all("opt")) {
      doing = "creating the run of " + escape_input(spec) + " (d = " + std::to_string(plan.shape.dim) + ")";
      ticker.set(doing);
      e.add_run(spec);
    }
    doing = "writing the CSV";

    std::FILE* f = csv == "-" ? stdout : std::fopen(csv.c_str(), "w");
    if (!f) throw UsageError("run: cannot write --csv " + quote_input(csv) + ": " + std::strerror(errno));
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f == stdout ? nullptr : f, std::fclose);

    const int d = e.problem()->dim();
    const int xcols = d <= 8 ? d : 0;
    std::fputs("run,step,evals,loss,grad_l2,grad_l1", f);
    for (int i = 0; i < xcols; ++i) std::fprintf(f, ",x%d", i);
    std::fputc('\n', f);

    const auto labels = run_labels(e);
    bool stopped = false;
    for (std::size_t k = 0; k < e.runs().size() && !stopped; ++k) {
      Run& r = *e.runs()[k];
      doing = "stepping " + labels[k] + " (d = " + std::to_string(d) + ")";
      ticker.set("stepping " + labels[k] + " (run " + std::to_string(k + 1) + " of " + std::to_string(e.runs().size()) + ")",
                 0, steps, "steps");
      write_row(f, labels[k], r, xcols);
      // Chunks grow from one step while they take under 50 ms, so Ctrl+C and the progress line come
      // promptly even when a step takes seconds; the trajectory does not depend on the chunking.
      std::int64_t chunk = 1;
      while (r.step() < steps && r.state() == RunState::Running) {
        if (interrupted()) {
          stopped = true;
          break;
        }
        const std::int64_t to_row = every - r.step() % every;
        const std::int64_t n = std::min<std::int64_t>({chunk, to_row, steps - r.step()});
        const auto t0 = std::chrono::steady_clock::now();
        r.advance(n);
        if (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(50)) chunk = std::min<std::int64_t>(2 * chunk, 1 << 20);
        ticker.update(r.step());
        // After every K-th update, and once where a run diverged (its last, non-finite state).
        if (r.step() % every == 0 || r.state() == RunState::Diverged) write_row(f, labels[k], r, xcols);
      }
      if (r.state() == RunState::Failed)
        throw UsageError("run: " + labels[k] + " cannot run on " + quote_input(problem) + ": " + r.error());
      if (r.state() == RunState::Diverged)
        std::fprintf(stderr, "run: %s diverged at step %lld\n", labels[k].c_str(),
                     static_cast<long long>(r.diverged_at()));
      if (stopped)
        std::fprintf(stderr, "run: interrupted at step %lld of %s; wrote the rows so far\n",
                     static_cast<long long>(r.step()), labels[k].c_str());
    }
    if (std::ferror(f) || (f != stdout && std::fflush(f) != 0))
      throw UsageError("run: error writing --csv " + quote_input(csv) + ": " + std::strerror(errno));
    if (stopped) return kExitInterrupted;
    return 0;
  } catch (...) {
    return report_failure("run", doing);
  }
}

}  // namespace signlab::cli
