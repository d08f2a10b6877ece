#pragma once
// Keeps the Geometry window's data for the selected run: the full report at its current point and
// the geometry along its path. Lives in the engine thread; publish() asks it for a GeometryView.
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "core/engine/experiment.hpp"
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

 private:
  struct Cached {
    GeometrySample sample;
    std::vector<double> x, g;
  };
  Cached sample_at(const Problem& p, std::vector<double> x, std::int64_t step) const;
  void add_publish_sample(const Problem& p, const Run& r);
  std::vector<GeometrySample> series(const Run& r);

  int selected_ = -1;
  int axis_i_ = 0, axis_j_ = 1;
  std::shared_ptr<const Problem> problem_;   // what the caches belong to
  int cached_run_ = -1;
  std::int64_t last_step_ = -1;              // of the cached run; a smaller step means it was reset
  std::shared_ptr<const geometry::GeometryReport> report_;
  std::int64_t report_step_ = -1;
  std::map<std::int64_t, Cached> samples_;   // by step
};

}  // namespace signlab
