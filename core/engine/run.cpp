#include "core/engine/run.hpp"

#include <cmath>
#include <stdexcept>

#include "core/spec/spec_parse.hpp"

namespace signlab {

Run::Run(int id, int color, ResolvedOptimizer opt, const Problem& problem, std::vector<double> start,
         std::size_t trace_capacity)
    : id_(id), color_(color), opt_(std::move(opt)), problem_(&problem), oracle_(problem),
      trace_(trace_capacity) {
  reset(problem, std::move(start));
}

void Run::reset(const Problem& problem, std::vector<double> start) {
  problem_ = &problem;
  oracle_ = Oracle(problem);
  const int d = problem.dim();
  if (static_cast<int>(start.size()) != d)
    throw std::invalid_argument("start point has " + std::to_string(start.size()) +
                                " coordinates, the problem has " + std::to_string(d));
  x_ = std::move(start);
  grad_.assign(d, 0.0);
  optimizer_ = make_optimizer(opt_, d);
  step_ = 0;
  diverged_at_ = -1;
  if (state_ == RunState::Diverged) state_ = RunState::Running;
  trace_.clear();
  record();
  if (blown_up()) {
    state_ = RunState::Diverged;
    diverged_at_ = 0;
  }
}

std::int64_t Run::advance(std::int64_t n) {
  if (state_ != RunState::Running) return 0;
  const std::span<double> x(x_);
  for (std::int64_t i = 0; i < n; ++i) {
    optimizer_->step(x, oracle_);
    ++step_;
    bool bad = false;
    for (double v : x_) bad |= !(std::fabs(v) <= kDivergedParam);  // also catches NaN
    if (bad || trace_.wants(step_)) {
      record();
      if (bad || blown_up()) {
        state_ = RunState::Diverged;
        diverged_at_ = step_;
        return i + 1;
      }
    }
  }
  return n;
}

RunMetrics Run::metrics() const {
  RunMetrics m;
  m.loss = problem_->value(x_);
  problem_->gradient(x_, grad_);
  for (double g : grad_) {
    m.grad_l2 += g * g;
    m.grad_l1 += std::fabs(g);
  }
  m.grad_l2 = std::sqrt(m.grad_l2);
  return m;
}

void Run::record() {
  const RunMetrics m = metrics();
  TracePoint p;
  p.step = step_;
  p.evals = oracle_.evals();
  p.loss = m.loss;
  p.grad_l2 = m.grad_l2;
  p.grad_l1 = m.grad_l1;
  p.x0 = x_.empty() ? 0.0 : x_[0];
  p.x1 = x_.size() > 1 ? x_[1] : 0.0;
  trace_.push(p);
}

bool Run::blown_up() const {
  for (double v : x_)
    if (!(std::fabs(v) <= kDivergedParam)) return true;
  const auto& pts = trace_.points();
  if (pts.empty()) return false;
  const double loss = pts.back().loss;
  return !(std::fabs(loss) <= kDivergedLoss);
}

void Run::set_param(const std::string& name, double value) {
  const ParamSpec* p = find_param(opt_.info->params, name);
  if (!p) throw SpecError(opt_.info->name + ": unknown key '" + name + "'");
  check_value(*p, value, opt_.info->name);
  opt_.values[name] = value;
  optimizer_->configure(opt_.values);
}

void Run::set_paused(bool paused) {
  if (state_ == RunState::Diverged) return;
  state_ = paused ? RunState::Paused : RunState::Running;
}

}  // namespace signlab
