#pragma once
// An immutable picture of the experiment, published by the engine thread. The UI keeps the latest one
// it got and reads it without any lock while drawing.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/run.hpp"
#include "core/landscape/grid.hpp"

namespace signlab {

struct RunView {
  int id = 0;
  int color = 0;  // colour slot, stable for the run's life
  std::string optimizer;  // canonical name
  std::string spec;       // name:non-default params
  ParamValues params;
  RunState state = RunState::Running;
  std::int64_t step = 0;
  std::int64_t evals = 0;
  std::int64_t diverged_at = -1;
  std::vector<double> x;  // current point
  RunMetrics now;         // at x
  std::vector<TracePoint> trace;  // decimated history, ends at or before `step`
};

struct Snapshot {
  std::uint64_t seq = 0;
  std::uint64_t applied_ticket = 0;
  std::string problem_spec;
  std::string problem_name;
  std::shared_ptr<const Problem> problem;  // immutable: safe to evaluate from the UI thread
  int dim = 0;
  std::vector<double> start;
  Box view;                                      // the landscape region last requested
  std::shared_ptr<const LandscapeGrid> grid;     // sampled over `view` (null for d < 2)
  std::vector<RunView> runs;
  bool playing = false;
  bool flat_out = false;
  double steps_per_s = 0;          // requested speed per run
  double engine_steps_per_s = 0;   // measured, all runs together
  std::int64_t total_steps = 0;
  std::string last_error;          // the last command the engine refused, and why
};

}  // namespace signlab
