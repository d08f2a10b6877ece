#include "core/engine/experiment.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/spec/quote.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {

Experiment::Experiment(const std::string& problem_spec, std::size_t trace_capacity)
    : trace_capacity_(trace_capacity) {
  set_problem(problem_spec);
}

Experiment::Experiment(std::shared_ptr<const Problem> problem, const std::string& spec, std::size_t trace_capacity)
    : trace_capacity_(trace_capacity) {
  set_problem(std::move(problem), spec);
}

void Experiment::set_problem(const std::string& spec, const NoiseSetupControl* control) {
  set_problem(make_problem(spec), spec, control);  // throws before anything changes
}

void Experiment::set_problem(std::shared_ptr<const Problem> p, const std::string& spec,
                             const NoiseSetupControl* control) {
  // The runs' shared noise for the new d, before anything changes: a cancelled (or failed) set-up leaves
  // the old problem and its runs as they were, never a problem of one d with noise of another.
  std::shared_ptr<const NoiseField> field = oracle_.field;
  if (field && field->dim() != p->dim()) field = prepare_noise(oracle_, p->dim(), control);
  problem_ = std::move(p);
  problem_spec_ = spec;
  start_ = std::make_shared<const std::vector<double>>(problem_->default_start());
  minimizers_xy_ = problem_->minimizers_xy();
  if (field != oracle_.field) {
    oracle_.field = std::move(field);
    for (auto& r : runs_) r->set_oracle(oracle_);
  }
  reset();
}

int Experiment::next_color() const {
  // The lowest colour slot no live run uses, so a removed run's colour is reused.
  for (int c = 0;; ++c) {
    bool used = std::any_of(runs_.begin(), runs_.end(), [c](const auto& r) { return r->color() == c; });
    if (!used) return c;
  }
}

int Experiment::add_run(const std::string& optimizer_spec) {
  ResolvedOptimizer opt = resolve_optimizer(optimizer_spec);
  require_runs_on(opt, *problem_, oracle_.noise);  // refuse up front what cannot run here
  const int id = next_id_++;
  runs_.push_back(
      std::make_unique<Run>(id, next_color(), std::move(opt), *problem_, *start_, trace_capacity_, oracle_));
  return id;
}

bool Experiment::remove_run(int id) {
  auto it = std::find_if(runs_.begin(), runs_.end(), [id](const auto& r) { return r->id() == id; });
  if (it == runs_.end()) return false;
  runs_.erase(it);
  return true;
}

Run* Experiment::find_run(int id) {
  for (auto& r : runs_)
    if (r->id() == id) return r.get();
  return nullptr;
}

void Experiment::set_param(int id, const std::string& name, double value) {
  Run* r = find_run(id);
  if (!r) throw std::invalid_argument("no run with id " + std::to_string(id));
  r->set_param(name, value);
}

void Experiment::set_run_paused(int id, bool paused) {
  if (Run* r = find_run(id)) r->set_paused(paused);
}

void Experiment::set_start(std::vector<double> x) {
  if (static_cast<int>(x.size()) != problem_->dim())
    throw std::invalid_argument("start has " + std::to_string(x.size()) + " coordinates, problem " +
                                escape_input(problem_spec_) + " has " + std::to_string(problem_->dim()));
  start_ = std::make_shared<const std::vector<double>>(std::move(x));
  reset();
}

void Experiment::set_start_xy(double x0, double x1) {
  if (problem_->dim() < 2) throw std::invalid_argument("the start has fewer than two coordinates");
  std::vector<double> x = *start_;
  x[0] = x0;
  x[1] = x1;
  set_start(std::move(x));
}

void Experiment::set_oracle(Run::OracleSetup setup, const NoiseSetupControl* control) {
  // Validates before anything changes, and builds the noise once for every run (a finite sum's set-up).
  setup.field = prepare_noise(setup, problem_->dim(), control);
  oracle_ = std::move(setup);
  for (auto& r : runs_) r->set_oracle(oracle_);
  reset();
}

void Experiment::reset() {
  for (auto& r : runs_) r->reset(*problem_, *start_);
}

std::int64_t Experiment::step_all(std::int64_t n) {
  std::int64_t total = 0;
  for (auto& r : runs_) total += r->advance(n);
  return total;
}

}  // namespace signlab
