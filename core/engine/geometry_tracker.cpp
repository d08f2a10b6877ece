#include "core/engine/geometry_tracker.hpp"

#include <cmath>
#include <limits>

#include "core/geometry/geometry.hpp"

namespace signlab {

static_assert(GeometryTracker::kMaxDim <= kLastStepMaxDim, "runs keep Δx for every d the unit-ball view shows");
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool all_finite(const std::vector<double>& x) {
  for (double xi : x)
    if (!std::isfinite(xi)) return false;
  return true;
}

geometry::GeometryOptions sample_options() {
  geometry::GeometryOptions o;
  o.keep_hessian = false;
  return o;
}

}  // namespace

void GeometryTracker::select(int run_id) {
  if (run_id != selected_) clear();
  selected_ = run_id;
}

void GeometryTracker::set_axes(int i, int j) {
  axis_i_ = i;
  axis_j_ = j;
}

void GeometryTracker::clear() {
  ++generation_;  // results of jobs posted before now are for another problem, run or path
  report_x_.clear();
  report_error_.clear();
  requested_step_ = -1;
  cached_run_ = -1;
  last_step_ = -1;
  report_.reset();
  report_step_ = -1;
  samples_.clear();
}

GeometryTracker::Cached GeometryTracker::cached_from(const geometry::GeometryReport& rep, std::vector<double> x,
                                                     std::int64_t step) {
  Cached c;
  c.sample.step = step;
  c.sample.rho_diag = rep.rho_diag;
  c.sample.linf_lower = rep.linf.lower.value;
  c.sample.linf_upper = rep.linf.upper.value;
  c.sample.l2_smooth = rep.l2_smooth;
  c.sample.progress_ratio = rep.progress_ratio;
  c.sample.l1_l2_ratio = rep.grad.l1_l2_ratio;
  c.x = std::move(x);
  c.g = rep.gradient;
  return c;
}

GeometryTracker::Cached GeometryTracker::sample_at(const Problem& p, std::vector<double> x, std::int64_t step) const {
  const geometry::GeometryReport rep = geometry::compute_geometry(p, x, sample_options());
  return cached_from(rep, std::move(x), step);
}

// For d > 2 the trace keeps only two coordinates, so the path is sampled where the worker's reports were
// taken (each report is also a sample), at most one per finished job.
void GeometryTracker::add_sample(Cached c) {
  const std::int64_t step = c.sample.step;
  samples_.insert_or_assign(step, std::move(c));
  while (samples_.size() > 2048) {  // thin out: drop every other sample
    bool drop = false;
    for (auto it = samples_.begin(); it != samples_.end();) {
      it = drop ? samples_.erase(it) : std::next(it);
      drop = !drop;
    }
  }
}

std::vector<GeometrySample> GeometryTracker::series(const Run& r) {
  const Problem& p = *problem_;
  if (p.dim() == 2) {
    // The trace holds whole points: sample them (new ones first-come, a bounded number per call).
    int budget = kSamplesPerPublish;
    for (const TracePoint& t : r.trace().points()) {
      if (samples_.count(t.step)) continue;
      if (budget-- <= 0) break;
      samples_.emplace(t.step, sample_at(p, {t.x0, t.x1}, t.step));
    }
    // Drop samples of points the trace no longer keeps.
    if (samples_.size() > 2 * r.trace().points().size()) {
      std::map<std::int64_t, Cached> kept;
      for (const TracePoint& t : r.trace().points())
        if (auto it = samples_.find(t.step); it != samples_.end()) kept.emplace(t.step, std::move(it->second));
      samples_.swap(kept);
    }
  }
  std::vector<GeometrySample> out;
  out.reserve(samples_.size());
  const Cached* prev = nullptr;
  for (const auto& [step, c] : samples_) {
    GeometrySample s = c.sample;
    s.local_linf = s.local_l2 = kNaN;
    if (prev) {
      const auto ls = geometry::local_smoothness(prev->x, prev->g, c.x, c.g);
      s.local_linf = ls.linf;
      s.local_l2 = ls.l2;
    }
    out.push_back(s);
    prev = &c;
  }
  return out;
}

GeometryView GeometryTracker::view(const Experiment& e) {
  GeometryView v;
  if (e.problem() != problem_) {
    clear();
    problem_ = e.problem();
  }
  const Run* r = nullptr;
  for (const auto& run : e.runs())
    if (run->id() == selected_) r = run.get();
  if (!r && !e.runs().empty()) {  // nothing (valid) selected: follow the first run
    select(e.runs().front()->id());
    r = e.runs().front().get();
  }
  const int d = problem_->dim();
  v.axis_i = axis_i_ >= 0 && axis_i_ < d ? axis_i_ : 0;
  v.axis_j = axis_j_ >= 0 && axis_j_ < d && axis_j_ != v.axis_i ? axis_j_ : (v.axis_i == 0 ? std::min(1, d - 1) : 0);
  if (!r) return v;
  if (r->id() != cached_run_ || r->step() < last_step_) {
    clear();
    cached_run_ = r->id();
  }
  last_step_ = r->step();
  v.run_id = r->id();
  v.step = r->step();
  if (auto it = r->params().find("lr"); it != r->params().end()) v.lr = it->second;
  if (d > kMaxDim) {
    v.error = "d = " + std::to_string(d) + ": geometry is computed up to d = " + std::to_string(kMaxDim);
    return v;
  }
  // Every run's whole Δx, for the unit-ball view: only where geometry is shown at all (d ≤ kMaxDim), not a
  // d-sized copy per run per snapshot on a 10⁸-dimensional problem.
  for (const auto& run : e.runs()) v.last_steps.push_back({run->id(), run->color(), run->last_step()});
  if (d > 2) return view_from_worker(*r, v);
  v.x = r->x();
  if (!all_finite(v.x)) {
    v.error = "the run diverged: no geometry at a non-finite point";
    return v;
  }
  try {
    if (!report_ || report_step_ != r->step()) {
      report_ = std::make_shared<const geometry::GeometryReport>(geometry::compute_geometry(*problem_, v.x));
      report_step_ = r->step();
    }
    v.report = report_;
    v.series = series(*r);
  } catch (const std::exception& ex) {
    v.error = ex.what();
  }
  return v;
}

// d > 2: the report comes from the worker thread; the view shows the newest finished one (its own step
// and point) while the next is computed, so the engine never waits for a report.
GeometryView GeometryTracker::view_from_worker(const Run& r, GeometryView& v) {
  if (std::optional<GeometryResult> done = worker_.take(); done && done->job.generation == generation_) {
    if (done->report) {
      report_ = done->report;
      report_step_ = done->job.step;
      report_x_ = done->job.x;
      add_sample(cached_from(*report_, done->job.x, done->job.step));
      report_error_.clear();
    } else {
      report_error_ = done->error;
    }
  }
  if (requested_step_ != r.step() && !worker_.busy()) {
    std::vector<double> x = r.x();
    if (all_finite(x)) {
      worker_.post({problem_, std::move(x), r.step(), generation_});
      requested_step_ = r.step();
    } else if (!report_) {
      v.error = "the run diverged: no geometry at a non-finite point";
    }
  }
  if (!report_) {
    if (v.error.empty())
      v.error = report_error_.empty() ? "computing the geometry (d = " + std::to_string(problem_->dim()) + ") ..."
                                      : report_error_;
    return v;
  }
  v.step = report_step_;
  v.x = report_x_;
  v.report = report_;
  v.series = series(r);
  return v;
}

}  // namespace signlab
