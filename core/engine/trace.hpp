#pragma once
// A run's recorded history with bounded memory: points are kept at a stride that doubles whenever the
// buffer fills (every other point is dropped), so 10^8 steps cost what `capacity` points do.
#include <cstdint>
#include <vector>

namespace signlab {

// One recorded point; its step, evals and seconds are the three x axes the Curves offer, kept
// together so decimation can never misalign them.
struct TracePoint {
  std::int64_t step = 0;
  std::int64_t evals = 0;   // oracle calls so far
  double seconds = 0;       // time spent in this run's steps so far (Run::seconds)
  double loss = 0;
  double grad_l2 = 0;
  double grad_l1 = 0;
  double x0 = 0, x1 = 0;  // the first two coordinates: what a landscape shows
};

class DecimatedTrace {
 public:
  explicit DecimatedTrace(std::size_t capacity = 4096);
  // True when a point for `step` should be recorded (cheap: the hot loop asks every step).
  bool wants(std::int64_t step) const { return step % stride_ == 0; }
  void push(const TracePoint& p);
  void clear();
  const std::vector<TracePoint>& points() const { return points_; }
  std::int64_t stride() const { return stride_; }
  std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::int64_t stride_ = 1;
  std::vector<TracePoint> points_;
};

}  // namespace signlab
