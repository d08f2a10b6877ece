#include "core/engine/run.hpp"
#include "core/spec/quote.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "core/spec/spec_parse.hpp"

namespace signlab {

Run::Run(int id, int color, ResolvedOptimizer opt, const Problem& problem, std::span<const double> start,
         std::size_t trace_capacity, OracleSetup oracle)
    : id_(id), color_(color), opt_(std::move(opt)), problem_(&problem), oracle_(problem), setup_(std::move(oracle)),
      trace_(trace_capacity) {
  reset(problem, start);
}

std::shared_ptr<const NoiseField> prepare_noise(const RunOracleSetup& setup, int d, const NoiseSetupControl* control) {
  if (setup.field && setup.field->matches(setup.noise, setup.seed, d)) return setup.field;
  return std::make_shared<const NoiseField>(setup.noise, setup.seed, d, control);
}

void Run::reset(const Problem& problem, std::span<const double> start) {
  problem_ = &problem;
  oracle_ = Oracle(problem);
  setup_.field = prepare_noise(setup_, problem.dim());  // throws std::invalid_argument on a bad model
  oracle_.set_noise(*setup_.field);
  const int d = problem.dim();
  if (static_cast<int>(start.size()) != d)
    throw std::invalid_argument("start point has " + std::to_string(start.size()) +
                                " coordinates, the problem has " + std::to_string(d));
  before_last_.clear();
  before_last_f_.clear();
  step_ = 0;
  seconds_ = 0;
  diverged_at_ = -1;
  error_.clear();
  if (state_ == RunState::Diverged || state_ == RunState::Failed) state_ = RunState::Running;
  const std::optional<FloatRule> rule = float_rule_from_name(opt_.info->name);
  const bool use_float =
      rule && path_ != NumericPath::Double && (path_ == NumericPath::Float || d >= kFloatPathMinDim);
  optimizer_.reset();
  float_.reset();
  std::vector<double>().swap(x_);  // clear() would keep a float-path cache's d doubles
  if (const std::string why = oracle_refusal(*opt_.info, setup_.noise); !why.empty()) {
    // The oracle changed under the run (a new noise): it stays, failed, and says why.
    state_ = RunState::Failed;
    error_ = why;
    x_.assign(start.begin(), start.end());
    grad_.assign(static_cast<std::size_t>(d), 0.0);
  } else if (use_float) {
    float_ = std::make_unique<FloatRun>(*rule, opt_.values, start);
    grad_.clear();
  } else {
    grad_.assign(static_cast<std::size_t>(d), 0.0);
    x_.assign(start.begin(), start.end());
    try {
      optimizer_ = make_optimizer(opt_, problem);  // matrix methods check the problem's shape here
    } catch (const std::invalid_argument& e) {
      state_ = RunState::Failed;
      error_ = e.what();
    }
  }
  step_geometry_.reset();
  if (has_step_constant(opt_.info->name)) step_geometry_ = step_geometry(problem, start);
  trace_.clear();
  record();
  if (state_ != RunState::Failed && blown_up()) {
    state_ = RunState::Diverged;
    diverged_at_ = 0;
  }
}

std::int64_t Run::advance(std::int64_t n) {
  if (state_ != RunState::Running) return 0;
  advancing_ = true;
  recording_s_ = 0;
  advance_start_ = std::chrono::steady_clock::now();
  const std::int64_t done = advance_steps(n);
  seconds_ = seconds_now();
  advancing_ = false;
  return done;
}

double Run::seconds_now() const {
  if (!advancing_) return seconds_;
  const std::chrono::duration<double> in_advance = std::chrono::steady_clock::now() - advance_start_;
  return seconds_ + std::max(0.0, in_advance.count() - recording_s_);
}

std::int64_t Run::advance_steps(std::int64_t n) {
  if (float_) return advance_float(n);
  const std::span<double> x(x_);
  for (std::int64_t i = 0; i < n; ++i) {
    if (i == n - 1 && keeps_last_step()) before_last_ = x_;  // only the final step's Δx is ever shown
    optimizer_->step(x, oracle_);
    bool bad = false;
    for (double v : x_) bad |= !(std::fabs(v) <= kDivergedParam);  // also catches NaN
    if (stopped_after_step(bad)) return i + 1;
  }
  return n;
}

// Counts the step, records it when the trace wants it (or it is bad), and stops the run on a blow-up.
bool Run::stopped_after_step(bool bad) {
  ++step_;
  if (!bad && !trace_.wants(step_)) return false;
  record();
  if (!bad && !blown_up()) return false;
  state_ = RunState::Diverged;
  diverged_at_ = step_;
  return true;
}

std::int64_t Run::advance_float(std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) {
    if (i == n - 1 && keeps_last_step()) before_last_f_.assign(float_->x().begin(), float_->x().end());
    float_->step(*problem_, oracle_);
    if (stopped_after_step(!(float_->max_abs() <= kDivergedParam))) return i + 1;  // also catches NaN
  }
  return n;
}

const std::vector<double>& Run::x() const {
  if (float_) float_->copy_to(x_);
  return x_;
}

std::vector<double> Run::head(std::size_t k) const {
  if (float_) return float_->head(k);
  return std::vector<double>(x_.begin(), x_.begin() + static_cast<std::ptrdiff_t>(std::min(k, x_.size())));
}

double Run::coord(std::size_t i) const { return float_ ? float_->coord(i) : x_[i]; }

std::vector<double> Run::last_step() const {
  if (float_) {
    if (before_last_f_.size() != float_->dim() || step_ == 0) return {};
    std::vector<double> dx(before_last_f_.size());
    for (std::size_t i = 0; i < dx.size(); ++i)
      dx[i] = static_cast<double>(float_->coord(i)) - static_cast<double>(before_last_f_[i]);
    return dx;
  }
  if (before_last_.size() != x_.size() || step_ == 0) return {};
  std::vector<double> dx(x_.size());
  for (std::size_t i = 0; i < x_.size(); ++i) dx[i] = x_[i] - before_last_[i];
  return dx;
}

RunMetrics Run::metrics() const {
  RunMetrics m;
  if (float_) {
    const FloatMetrics f = float_->metrics(*problem_);
    m.loss = f.loss;
    m.grad_l2 = f.grad_l2;
    m.grad_l1 = f.grad_l1;
    return m;
  }
  m.loss = problem_->value(x_);
  problem_->gradient(x_, grad_);
  for (double g : grad_) {
    m.grad_l2 += g * g;
    m.grad_l1 += std::fabs(g);
  }
  m.grad_l2 = std::sqrt(m.grad_l2);
  return m;
}

StepNote Run::note() const {
  if (optimizer_) {
    if (std::string n = optimizer_->note(); !n.empty()) return {std::move(n), false};
  }
  if (step_geometry_) return step_constant_note(opt_.info->name, opt_.values, *step_geometry_);
  return {};
}

void Run::record() {
  const auto t0 = std::chrono::steady_clock::now();
  TracePoint p;
  p.seconds = seconds_now();
  const RunMetrics m = metrics();
  p.step = step_;
  p.evals = oracle_.evals();
  p.loss = m.loss;
  p.grad_l2 = m.grad_l2;
  p.grad_l1 = m.grad_l1;
  const std::size_t d = static_cast<std::size_t>(problem_->dim());
  p.x0 = d > 0 ? coord(0) : 0.0;
  p.x1 = d > 1 ? coord(1) : 0.0;
  trace_.push(p);
  // The metrics are instrumentation (not oracle calls): their time is not the run's cost either.
  if (advancing_) recording_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool Run::blown_up() const {
  if (float_) {
    if (!(float_->max_abs() <= kDivergedParam)) return true;
  } else {
    for (double v : x_)
      if (!(std::fabs(v) <= kDivergedParam)) return true;
  }
  const auto& pts = trace_.points();
  if (pts.empty()) return false;
  const double loss = pts.back().loss;
  return !(std::fabs(loss) <= kDivergedLoss);
}

void Run::set_param(const std::string& name, double value) {
  const ParamSpec* p = find_param(opt_.info->params, name);
  if (!p) throw SpecError(opt_.info->name + ": unknown key " + quote_input(name));
  check_value(*p, value, opt_.info->name);
  opt_.values[name] = value;
  if (optimizer_) optimizer_->configure(opt_.values);
  if (float_) float_->configure(opt_.values);
}

void Run::set_paused(bool paused) {
  if (state_ == RunState::Diverged || state_ == RunState::Failed) return;
  state_ = paused ? RunState::Paused : RunState::Running;
}

}  // namespace signlab
