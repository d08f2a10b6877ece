#include "core/engine/sweep.hpp"
#include "core/sys/out_of_memory.hpp"
#include "core/sys/thread_spawn.hpp"
#include "core/spec/quote.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

std::vector<double> SweepAxis::values() const {
  std::vector<double> v(static_cast<std::size_t>(std::max(count, 1)));
  if (count <= 1) {
    v[0] = lo;
    return v;
  }
  for (int k = 0; k < count; ++k) {
    const double t = static_cast<double>(k) / (count - 1);
    v[k] = spacing == Spacing::Log ? lo * std::pow(hi / lo, t) : lo + (hi - lo) * t;
  }
  v.back() = hi;  // exactly the end the user typed, not lo·(hi/lo)¹ rounded
  return v;
}

SweepAxis parse_sweep_axis(std::string_view text) {
  const std::string what = "--vary " + quote_input(text);
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw SpecError(what + ": expected name=lo:hi:lin|log:count, e.g. lr=1e-4:1e-1:log:16");
  SweepAxis a;
  a.param = std::string(text.substr(0, eq));
  const std::string param = escape_input(a.param);  // echoed before it is checked against the optimizer
  std::vector<std::string> parts;
  std::string_view rest = text.substr(eq + 1);
  for (;;) {
    const auto colon = rest.find(':');
    parts.emplace_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest = rest.substr(colon + 1);
  }
  if (parts.size() != 4)
    throw SpecError(what + ": expected " + param + "=lo:hi:lin|log:count (four parts after '=')");
  a.lo = parse_number(parts[0], "--vary", a.param);
  a.hi = parse_number(parts[1], "--vary", a.param);
  if (parts[2] == "log") {
    a.spacing = SweepAxis::Spacing::Log;
  } else if (parts[2] == "lin") {
    a.spacing = SweepAxis::Spacing::Lin;
  } else {
    throw SpecError(what + ": spacing " + quote_input(parts[2]) + " must be lin or log");
  }
  const double count = parse_number(parts[3], "--vary", a.param + " count");
  if (!(count >= 1 && count <= kSweepMaxCount) || count != std::floor(count))
    throw SpecError(what + ": count " + escape_input(parts[3]) + " must be a whole number in [1, " +
                    std::to_string(kSweepMaxCount) + "]");
  a.count = static_cast<int>(count);
  if (a.spacing == SweepAxis::Spacing::Log && !(a.lo > 0 && a.hi > 0))
    throw SpecError(what + ": a log axis needs lo > 0 and hi > 0");
  return a;
}

namespace {

// The axis's values for parameter `p` (may be null): a log axis over a whole-number parameter
// (batch=1:64:log:7) lands on 1.9999…, so those are rounded.
std::vector<double> grid_values(const SweepAxis& a, const ParamSpec* p) {
  std::vector<double> v = a.values();
  if (p && (p->scale == Scale::Integer || p->scale == Scale::LogInteger))
    for (double& x : v) x = std::round(x);
  return v;
}

// Steps per advance() call between two looks at the cancel flag: chunks grow from one step while they
// take under kChunkSeconds, so a cancel waits at most about that long (or one step of a slow problem).
constexpr std::int64_t kMaxChunk = 4096;
constexpr double kChunkSeconds = 0.005;

}  // namespace

std::vector<double> sweep_point_values(const std::vector<std::vector<double>>& axis_values, std::int64_t index) {
  std::vector<double> v(axis_values.size());
  for (std::size_t a = axis_values.size(); a-- > 0;) {
    const auto n = static_cast<std::int64_t>(axis_values[a].size());
    v[a] = axis_values[a][static_cast<std::size_t>(index % n)];
    index /= n;
  }
  return v;
}

std::vector<std::vector<double>> sweep_axis_values(const SweepConfig& config) {
  const ResolvedOptimizer base = resolve_optimizer(config.optimizer);
  std::vector<std::vector<double>> out;
  for (const SweepAxis& a : config.axes) out.push_back(grid_values(a, find_param(base.info->params, a.param)));
  return out;
}

SweepResult run_sweep(const SweepConfig& config, const SweepProgress& progress, const std::atomic<bool>* cancel,
                      const std::function<void(std::int64_t, std::int64_t)>& setup_progress) {
  // ---- everything that can be wrong is found before the first step ----
  if (config.axes.empty()) throw std::invalid_argument("sweep: nothing to vary (give at least one --vary)");
  if (config.steps < 0) throw std::invalid_argument("sweep: steps must be >= 0");
  // The problem is built last, once everything else passed (building may take seconds and gigabytes).
  const ResolvedOptimizer base = resolve_optimizer(config.optimizer);
  const ProblemShape shape = describe_problem(config.problem);
  NoiseField::validate(config.oracle.noise, shape.dim);
  auto check_start = [](const std::vector<double>& start, int d) {
    if (start.size() != static_cast<std::size_t>(d))
      throw std::invalid_argument("sweep: --start has " + std::to_string(start.size()) +
                                  " numbers, the problem has d = " + std::to_string(d));
  };
  // d is known here for every problem but one read from a file (0): that one is checked once built.
  if (!config.start.empty() && shape.dim > 0) check_start(config.start, shape.dim);

  SweepResult result;
  std::vector<std::vector<double>> axis_values;
  std::set<std::string> seen;
  std::int64_t total = 1;
  for (const SweepAxis& a : config.axes) {
    const ParamSpec* p = find_param(base.info->params, a.param);
    if (!p) {
      std::vector<std::string> names;
      for (const ParamSpec& s : base.info->params) names.push_back(s.name);
      throw SpecError("sweep: " + base.info->name + " has no parameter " + quote_input(a.param) + " (parameters: " +
                      join_names(names) + ")");
    }
    if (!seen.insert(a.param).second) throw SpecError("sweep: " + quote_input(a.param) + " is varied twice");
    axis_values.push_back(grid_values(a, p));
    for (const double v : axis_values.back()) check_value(*p, v, "sweep: " + base.info->name);
    total *= a.count;
    if (total > kSweepMaxPoints)
      throw std::invalid_argument("sweep: more than " + std::to_string(kSweepMaxPoints) + " grid points");
    result.params.push_back(a.param);
  }
  require_runs_on(base, shape, config.oracle.noise);

  const std::shared_ptr<const Problem> problem = make_problem(config.problem);
  const std::vector<double> start = config.start.empty() ? problem->default_start() : config.start;
  check_start(start, problem->dim());

  // The noise once for every point (a finite sum's m·d draws), cancellable like the points.
  RunOracleSetup oracle = config.oracle;
  const NoiseSetupControl control{cancel, setup_progress};
  try {
    oracle.field = prepare_noise(oracle, problem->dim(), &control);
  } catch (const NoiseSetupCancelled&) {
    result.cancelled = true;
    return result;
  }

  // ---- the grid, spread over threads by a shared counter ----
  std::vector<SweepPoint> points(static_cast<std::size_t>(total));
  std::vector<char> finished(points.size(), 0);
  std::atomic<std::int64_t> next{0};
  std::int64_t done = 0;
  std::mutex mutex;  // guards `done`, the progress callback and the first error
  std::string error;
  bool out_of_memory = false;  // the first error was a std::bad_alloc
  std::atomic<bool> failed{false};  // one point's error stops the others: the sweep reports it
  auto stopped = [&] { return failed.load() || (cancel && cancel->load(std::memory_order_relaxed)); };

  auto worker = [&] {
    for (std::int64_t k; (k = next.fetch_add(1)) < total;) {
      if (stopped()) return;
      SweepPoint& pt = points[static_cast<std::size_t>(k)];
      pt.values = sweep_point_values(axis_values, k);
      ResolvedOptimizer opt = base;
      for (std::size_t a = 0; a < pt.values.size(); ++a) opt.values[result.params[a]] = pt.values[a];
      try {
        Run run(0, 0, std::move(opt), *problem, start, 64, oracle);
        std::int64_t chunk = 1;
        while (run.step() < config.steps && run.state() == RunState::Running && !stopped()) {
          const auto t0 = std::chrono::steady_clock::now();
          run.advance(std::min(chunk, config.steps - run.step()));
          if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < kChunkSeconds)
            chunk = std::min(2 * chunk, kMaxChunk);
        }
        if (run.state() == RunState::Failed) throw std::invalid_argument(run.error());
        if (run.step() < config.steps && run.state() == RunState::Running) return;  // cancelled mid-point
        pt.steps = run.step();
        pt.evals = run.evals();
        pt.final = run.metrics();
        pt.diverged_at = run.diverged_at();
      } catch (const std::bad_alloc&) {
        std::lock_guard lock(mutex);
        if (error.empty()) {
          error = "out of memory while running grid point " + std::to_string(k + 1) + " of " + std::to_string(total);
          out_of_memory = true;
        }
        failed = true;
        return;
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        if (error.empty()) error = e.what();
        failed = true;
        return;
      }
      std::lock_guard lock(mutex);
      finished[static_cast<std::size_t>(k)] = 1;
      ++done;
      if (progress) progress(pt, k, done, total);
    }
  };
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const auto n_threads =
      static_cast<unsigned>(std::min<std::int64_t>(config.threads > 0 ? config.threads : hw, total));
  // Fewer threads than asked when the system refuses some (ulimit -u, memory): the shared counter makes
  // the results the same, and this thread works too, so a sweep with no helper threads still finishes.
  std::vector<std::thread> pool;
  pool.reserve(n_threads);
  for (unsigned t = 1; t < n_threads; ++t) {
    std::thread th = sys::try_spawn_thread(worker);
    if (!th.joinable()) break;
    pool.push_back(std::move(th));
  }
  result.threads = static_cast<unsigned>(pool.size()) + 1;
  result.threads_asked = n_threads;
  worker();
  for (auto& t : pool) t.join();

  if (out_of_memory) throw sys::OutOfMemory("sweep: " + error);
  if (!error.empty()) throw std::invalid_argument("sweep: " + error);
  result.cancelled = done < total;
  for (std::size_t k = 0; k < points.size(); ++k)
    if (finished[k]) result.points.push_back(std::move(points[k]));
  return result;
}

}  // namespace signlab
