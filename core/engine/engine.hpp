#pragma once
// The background thread that owns the experiment: it drains the command queue between steps, steps
// the runs at the requested speed (or flat out) and publishes immutable snapshots at most ~60 times a
// second. Readers never wait on stepping: the only lock they touch guards a pointer swap. Landscape
// grids are computed by a GridWorker thread, so a costly grid never holds up a command or a step.
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/engine/commands.hpp"
#include "core/engine/experiment.hpp"
#include "core/engine/geometry_tracker.hpp"
#include "core/engine/grid_worker.hpp"
#include "core/engine/rate_meter.hpp"
#include "core/engine/snapshot.hpp"
#include "core/engine/sweep_job.hpp"

namespace signlab {

// The race holds at most kMaxRaceRuns runs (core/io/scenario.hpp): AddRun beyond it is refused.
struct EngineConfig {
  std::string problem_spec = "rosenbrock";
  // When set, the engine starts on this problem, known as problem_spec (tests: one whose f waits on a gate).
  std::shared_ptr<const Problem> problem;
  std::vector<std::string> optimizer_specs;
  std::size_t trace_capacity = 4096;
  int grid_resolution = 256;
  double publish_hz = 60;
  // A heat-map plane through a moving run is resampled at most this often (seconds), and only once the
  // previous grid is finished, so a costly grid is never starved by newer ones.
  double plane_follow_period = 0.5;
};

class Engine final : public CommandSink {
 public:
  // Throws SpecError for a bad problem or optimizer SPEC in the config, std::invalid_argument for more
  // than kMaxRaceRuns of them, std::runtime_error when the system refuses the engine's thread. Refused
  // worker threads only degrade: no heat map (Snapshot::grid_error says why), no geometry report.
  explicit Engine(const EngineConfig& config);
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void send(Command c) override;
  std::shared_ptr<const Snapshot> snapshot() const;
  // Blocks until every command sent before this call has been applied and a snapshot showing it has
  // been published; returns that snapshot.
  std::shared_ptr<const Snapshot> sync();
  // As sync(), then blocks until a snapshot carries the landscape grid those commands asked for
  // (tests, and front ends that want the whole picture); returns that snapshot.
  std::shared_ptr<const Snapshot> sync_landscape();

 private:
  void loop();
  void apply(Command& c);
  void publish();
  // Asks the grid worker for the grid of the current problem, view and plane.
  void request_grid();
  // Adopts the worker's answer to the newest request; true when one arrived.
  bool collect_grid();
  // Asks for a new grid when the plane follows a run that has moved (see plane_follow_period).
  void follow_plane();
  // The control for a costly set-up inside the command being applied (`what`, in `unit`s): it publishes
  // the progress at the snapshot rate and cancels when a newer command that makes it moot is queued: a
  // newer SetProblem or Pause, and also a newer SetOracle when `by_oracle` (the set-up is an oracle's).
  NoiseSetupControl setup_control(std::string what, std::string unit, bool by_oracle);
  bool superseded(bool by_oracle) const;
  // Counters of the commands that supersede a set-up: SetOracle, SetProblem, Pause (supersedes_setup).
  static constexpr std::size_t kSupersedingKinds = 3;

  // Engine-thread state.
  Experiment experiment_;
  EngineConfig config_;
  Box view_;
  std::shared_ptr<const LandscapeGrid> grid_;  // the newest finished grid of this problem (maybe of an older view)
  std::uint64_t grid_generation_ = 0;          // of the newest grid request
  bool grid_pending_ = false;                  // that request is not answered yet
  bool grid_asked_ = false;                    // a request was made by the commands being applied
  std::string grid_error_;                     // why the newest request failed (Snapshot::grid_error)
  double published_grid_progress_ = 1.0;       // in the last snapshot
  int slice_run_ = -1;                         // the plane goes through this run's point (-1: the start)
  GridJob grid_job_;                           // the newest request (its plane)
  GridJob grid_shown_;                         // the request grid_ answers
  std::chrono::steady_clock::time_point plane_requested_at_;
  bool playing_ = false;
  bool flat_out_ = false;
  double steps_per_s_ = 200;
  std::int64_t pending_steps_ = 0;  // from StepN
  std::int64_t replay_left_ = 0;    // from Replay: taken between commands, stopped by a change to the race
  std::int64_t replay_total_ = 0;
  std::int64_t total_steps_ = 0;
  std::uint64_t applied_ticket_ = 0;
  std::uint64_t seq_ = 0;
  std::string last_error_;
  SetupProgress setup_;                         // the set-up in progress (published by setup_control)
  std::atomic<bool> setup_cancel_{false};       // read by the set-up after every component
  std::array<std::uint64_t, kSupersedingKinds> superseding_applied_{};  // of each kind, applied so far
  RateMeter rate_;  // steps per second, all runs together
  GeometryTracker geometry_;
  std::unique_ptr<SweepJob> sweep_;
  std::vector<std::unique_ptr<SweepJob>> retired_sweeps_;  // replaced, cancelled, maybe still stopping
  std::uint64_t sweeps_started_ = 0;
  std::uint64_t sweep_published_ = 0;  // the sweep version in the last snapshot
  GridWorker grid_worker_;

  // Shared with other threads.
  mutable std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::vector<Command> queue_;
  bool stop_ = false;
  // The same, sent so far (counted before they are queued, so never behind the engine's count): more
  // sent than applied means a newer one waits, and a set-up in progress is moot.
  std::array<std::atomic<std::uint64_t>, kSupersedingKinds> superseding_sent_{};

  mutable std::mutex snapshot_mutex_;  // held only to swap or copy the pointer
  std::condition_variable snapshot_cv_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::atomic<std::uint64_t> next_ticket_{0};

  std::thread thread_;
};

}  // namespace signlab
