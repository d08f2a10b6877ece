#pragma once
// Keeps the Geometry window's data for the selected run: the full report at its current point and
// the geometry along its path. Lives in the engine thread; publish() asks it for a GeometryView.
// 2-D reports cost microseconds and are computed in place; for d > 2 they are computed by a
// GeometryWorker thread and the view shows the newest finished one (with its own step and point).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/experiment.hpp"
#include "core/engine/geometry_worker.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab {

class GeometryTracker {
 public:
  // Dimensions above this get no report (the dense Hessian would cost too much per snapshot).
  static constexpr int kMaxDim = 2000;
  // New path samples computed per snapshot at most, so a long jump never stalls the engine.
  static constexpr int kSamplesPerPublish = 256;

  void select(int run_id);
  void set_axes(int i, int j);
  // Forget everything computed (problem changed).
  void clear();
  GeometryView view(const Experiment& e);
  // A report finished since the last view(): worth publishing even when nothing else changed.
  bool has_news() const { return worker_.has_result(); }

 private:
  struct Cached {
    GeometrySample sample;
    std::vector<double> x, g;
  };
  static Cached cached_from(const geometry::GeometryReport& rep, std::vector<double> x, std::int64_t step);
  Cached sample_at(const Problem& p, std::vector<double> x, std::int64_t step) const;
  void add_sample(Cached c);
  std::vector<GeometrySample> series(const Run& r);
  GeometryView view_from_worker(const Run& r, GeometryView& v);

  int selected_ = -1;
  int axis_i_ = 0, axis_j_ = 1;
  std::shared_ptr<const Problem> problem_;   // what the caches belong to
  int cached_run_ = -1;
  std::int64_t last_step_ = -1;              // of the cached run; a smaller step means it was reset
  std::shared_ptr<const geometry::GeometryReport> report_;
  std::int64_t report_step_ = -1;
  std::map<std::int64_t, Cached> samples_;   // by step
  std::vector<double> report_x_;             // the point report_ is about (d > 2)
  std::string report_error_;                 // why the worker's last report failed
  std::int64_t requested_step_ = -1;         // the step of the last job posted
  std::uint64_t generation_ = 0;             // bumped by clear(): older worker results are dropped
  GeometryWorker worker_;
};

}  // namespace signlab
