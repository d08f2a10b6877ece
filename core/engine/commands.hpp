#pragma once
// What the UI (or a test) asks of the engine. Plain values: the engine applies them between steps.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/engine/sweep.hpp"
#include "core/problems/problem.hpp"

namespace signlab::cmd {

struct AddRun { std::string optimizer_spec; };
struct RemoveRun { int id; };
struct SetParam { int id; std::string name; double value; };
struct SetRunPaused { int id; bool paused; };
struct Play {};
struct Pause {};
struct StepN { std::int64_t n; };  // n steps of every running run, then stop
// A saved session's steps, taken in the background: unlike StepN, later commands do not wait for them (the
// window opens at once, the snapshot shows the progress), and a command that changes the race (runs, their
// parameters, the problem, start or oracle, Reset, Pause, StepN, a newer Replay) stops what is left.
struct Replay { std::int64_t steps; };
struct Reset {};
// keep_progress: after the switch, re-run every run to the step it had reached (capped), so a slider
// on a problem parameter (the quadratic's rotation θ) shows the whole race again at once.
struct SetProblem { std::string spec; bool keep_progress = false; };
struct SelectRun { int id; };                 // the run the Geometry window analyses
struct SetGeometryAxes { int i; int j; };     // coordinates of the unit-ball view (d > 2)
struct SetSpeed { double steps_per_s; bool flat_out; };
struct SetStart { std::vector<double> x; };
// Moves the first two coordinates of the start (the landscape's Ctrl+click), keeping the others: no
// d-sized vector crosses the queue for a 10⁸-dimensional problem.
struct SetStartXY { double x0, x1; };
struct SetView { Box box; int resolution; };  // the landscape region to sample
struct Barrier { std::uint64_t ticket; };     // answered by the snapshot's `applied_ticket`
// A hyperparameter sweep of `optimizer_spec` on the current problem, start, noise and seed (replaces a
// running one); the snapshot's `sweep` shows it as its points finish.
struct StartSweep { std::string optimizer_spec; std::vector<SweepAxis> axes; std::int64_t steps; };
struct CancelSweep {};
// The stochastic oracle of every run: a noise SPEC (core/problems/noise_spec.hpp) and the seed of its
// samples. Resets the runs (their samples change).
struct SetOracle { std::string noise_spec; std::uint64_t seed = 0; };
// d > 2: the heat map shows f on the (x0, x1) plane through the start (run_id -1) or through that run's
// current point, followed as the run moves.
struct SetSlicePlane { int run_id; };

}  // namespace signlab::cmd

namespace signlab {

using Command = std::variant<cmd::AddRun, cmd::RemoveRun, cmd::SetParam, cmd::SetRunPaused, cmd::Play,
                             cmd::Pause, cmd::StepN, cmd::Reset, cmd::SetProblem, cmd::SetSpeed,
                             cmd::SetStart, cmd::SetView, cmd::Barrier, cmd::SelectRun,
                             cmd::SetGeometryAxes, cmd::SetStartXY, cmd::StartSweep, cmd::CancelSweep,
                             cmd::SetOracle, cmd::SetSlicePlane, cmd::Replay>;

// Where panels send their commands; the engine implements it, tests record into a vector.
class CommandSink {
 public:
  virtual ~CommandSink() = default;
  virtual void send(Command c) = 0;
};

}  // namespace signlab
