#include "core/engine/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <stdexcept>

#include "core/io/scenario.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/spec/spec_parse.hpp"
#include "core/sys/thread_spawn.hpp"

namespace signlab {
namespace {

using Clock = std::chrono::steady_clock;

// After commands asked for a grid, the engine waits this long for it before publishing. A 2-D analytic
// grid (about a millisecond) then arrives in the very snapshot that shows the command, as if computed in
// place: no frame with a stale picture or a progress note. A costly one keeps computing on the worker
// and the engine goes on; the wait is no longer than one of its step chunks (2–4 ms).
constexpr std::chrono::milliseconds kGridGrace{5};
// At start nothing is waiting on the engine yet: give the first grid longer (slow sanitizer builds).
constexpr std::chrono::milliseconds kFirstGridGrace{100};
// While a grid is computed the idle engine wakes this often to collect it and publish its progress.
constexpr double kGridPollSeconds = 0.01;

// Above this dimension the plane cannot follow a run: every resample copies the run's whole point.
constexpr int kFollowMaxDim = 1 << 20;

// keep_progress replays at most this many steps per run (the replay runs inside one command).
constexpr std::int64_t kMaxReplaySteps = 200000;

// Commands after which a replay of saved steps no longer leads to the saved picture (or the user asked
// for something else): they stop it. Views, selections, speed, Play and sweeps leave it running.
bool stops_replay(const Command& c) {
  return std::holds_alternative<cmd::AddRun>(c) || std::holds_alternative<cmd::RemoveRun>(c) ||
         std::holds_alternative<cmd::SetParam>(c) || std::holds_alternative<cmd::SetRunPaused>(c) ||
         std::holds_alternative<cmd::Pause>(c) || std::holds_alternative<cmd::StepN>(c) ||
         std::holds_alternative<cmd::Reset>(c) || std::holds_alternative<cmd::SetProblem>(c) ||
         std::holds_alternative<cmd::SetStart>(c) || std::holds_alternative<cmd::SetStartXY>(c) ||
         std::holds_alternative<cmd::SetOracle>(c) || std::holds_alternative<cmd::Replay>(c);
}

// The commands that can make a set-up in progress moot, each with its counter (kSupersedingKinds), or -1.
// Not the commands that follow a SetOracle as part of the same change (a demo or a session adds runs, sets
// the start, steps): they need its result.
int supersedes_setup(const Command& c) {
  if (std::holds_alternative<cmd::SetOracle>(c)) return 0;
  if (std::holds_alternative<cmd::SetProblem>(c)) return 1;
  if (std::holds_alternative<cmd::Pause>(c)) return 2;
  return -1;
}

std::string too_many_runs() {
  return "at most " + std::to_string(kMaxRaceRuns) + " runs race at once: remove one to add another";
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

Engine::Engine(const EngineConfig& config)
    : experiment_(config.problem ? Experiment(config.problem, config.problem_spec, config.trace_capacity)
                                 : Experiment(config.problem_spec, config.trace_capacity)),
      config_(config) {
  if (config.optimizer_specs.size() > static_cast<std::size_t>(kMaxRaceRuns))
    throw std::invalid_argument(std::to_string(config.optimizer_specs.size()) + " runs: " + too_many_runs());
  for (const auto& s : config.optimizer_specs) experiment_.add_run(s);
  view_ = experiment_.problem()->default_view();
  request_grid();
  if (grid_pending_) grid_worker_.wait_for(grid_generation_, kFirstGridGrace);
  collect_grid();
  grid_asked_ = false;
  publish();
  thread_ = sys::try_spawn_thread([this] { loop(); });
  // Without its thread there is no engine: the start fails with a message (not std::terminate).
  if (!thread_.joinable())
    throw std::runtime_error("engine: the system refused a thread for the engine (out of threads or memory)");
}

Engine::~Engine() {
  {
    std::lock_guard lock(queue_mutex_);
    stop_ = true;
  }
  queue_cv_.notify_all();
  thread_.join();
  // Sweep threads use the process-wide registries: let them stop (within one chunk, ~5 ms, or one step of
  // a slow problem) before anything is torn down.
  if (sweep_) sweep_->cancel();
  for (auto& j : retired_sweeps_) j->wait();
  if (sweep_) sweep_->wait();
}

void Engine::send(Command c) {
  if (const int k = supersedes_setup(c); k >= 0) superseding_sent_[static_cast<std::size_t>(k)].fetch_add(1);
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(std::move(c));
  }
  queue_cv_.notify_all();
}

std::shared_ptr<const Snapshot> Engine::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

std::shared_ptr<const Snapshot> Engine::sync() {
  const std::uint64_t ticket = ++next_ticket_;
  send(cmd::Barrier{ticket});
  std::unique_lock lock(snapshot_mutex_);
  snapshot_cv_.wait(lock, [&] { return snapshot_->applied_ticket >= ticket; });
  return snapshot_;
}

std::shared_ptr<const Snapshot> Engine::sync_landscape() {
  sync();
  std::unique_lock lock(snapshot_mutex_);
  snapshot_cv_.wait(lock, [&] { return !snapshot_->grid_computing; });
  return snapshot_;
}

void Engine::request_grid() {
  ++grid_generation_;  // whatever the worker is computing now answers an older question
  const auto p = experiment_.problem();
  if (p->dim() < 2) {
    grid_.reset();
    grid_pending_ = false;
    return;
  }
  GridJob job{p, view_, config_.grid_resolution, nullptr, grid_generation_};
  if (p->dim() > 2) {
    // The plane through the start (shared and immutable: no copy), or through the followed run's point.
    job.base = experiment_.shared_start();
    if (const Run* r = slice_run_ >= 0 ? experiment_.find_run(slice_run_) : nullptr) {
      job.base = std::make_shared<const std::vector<double>>(r->x());
      job.plane_run = r->id();
      job.plane_step = r->step();
    }
  }
  grid_job_ = job;
  plane_requested_at_ = Clock::now();
  grid_worker_.post(std::move(job));
  grid_pending_ = true;
  grid_asked_ = true;
}

bool Engine::collect_grid() {
  std::optional<GridResult> r = grid_worker_.take();
  if (!r || !grid_pending_ || r->job.generation != grid_generation_) return false;
  if (r->preview) {
    // A coarse picture of the asked view: shown now, while the full grid is still on its way.
    grid_ = std::move(r->grid);
    grid_shown_ = std::move(r->job);
    return true;
  }
  grid_pending_ = false;
  if (r->grid) {
    grid_ = std::move(r->grid);
    grid_shown_ = std::move(r->job);
    grid_error_.clear();
  } else {
    grid_error_ = r->error;
    last_error_ = "landscape: " + r->error;
  }
  return true;
}

void Engine::follow_plane() {
  if (slice_run_ < 0 || grid_pending_ || experiment_.problem()->dim() <= 2) return;
  const Run* r = experiment_.find_run(slice_run_);
  if (!r) {
    slice_run_ = -1;  // the run was removed: back to the plane through the start
    request_grid();
    return;
  }
  const bool moved = grid_job_.plane_run != r->id() || grid_job_.plane_step != r->step();
  const double since = std::chrono::duration<double>(Clock::now() - plane_requested_at_).count();
  if (moved && since >= config_.plane_follow_period) request_grid();
}

void Engine::apply(Command& c) {
  if (stops_replay(c)) replay_left_ = 0;
  if (const int k = supersedes_setup(c); k >= 0) ++superseding_applied_[static_cast<std::size_t>(k)];
  try {
    std::visit(
        Overloaded{
            [&](cmd::AddRun& a) {
              if (experiment_.runs().size() >= static_cast<std::size_t>(kMaxRaceRuns))
                throw std::invalid_argument("cannot add " + a.optimizer_spec + ": " + too_many_runs());
              experiment_.add_run(a.optimizer_spec);
            },
            [&](cmd::RemoveRun& a) { experiment_.remove_run(a.id); },
            [&](cmd::SetParam& a) { experiment_.set_param(a.id, a.name, a.value); },
            [&](cmd::SetRunPaused& a) { experiment_.set_run_paused(a.id, a.paused); },
            [&](cmd::Play&) { playing_ = true; },
            [&](cmd::Pause&) {
              playing_ = false;
              pending_steps_ = 0;
            },
            [&](cmd::StepN& a) { pending_steps_ += std::max<std::int64_t>(a.n, 0); },
            [&](cmd::Replay& a) {
              if (a.steps < 0 || a.steps > kMaxSessionSteps)
                throw std::invalid_argument("replay of " + std::to_string(a.steps) + " steps (allowed: 0 to " +
                                            std::to_string(kMaxSessionSteps) + ")");
              replay_left_ = replay_total_ = a.steps;
            },
            [&](cmd::Reset&) { experiment_.reset(); },
            [&](cmd::SetProblem& a) {
              std::int64_t reached = 0;
              for (const auto& r : experiment_.runs()) reached = std::max(reached, r->step());
              const bool same_family = parse_spec(a.spec).name == parse_spec(experiment_.problem_spec()).name;
              const NoiseModel& noise = experiment_.oracle_setup().noise;
              // A newer problem or Pause stops it (not a newer oracle: a demo sets its problem, then its noise).
              const NoiseSetupControl control =
                  setup_control("setting up the finite-sum noise for " + a.spec, "components", false);
              experiment_.set_problem(a.spec, noise.finite_sum() ? &control : nullptr);
              // A parameter slider keeps the view (the class compares pictures) and shows the old grid
              // until the new one arrives; a new problem frames itself, and the old problem's picture
              // would only mislead.
              if (!(a.keep_progress && same_family)) {
                view_ = experiment_.problem()->default_view();
                grid_.reset();
              }
              if (experiment_.problem()->dim() > kFollowMaxDim) slice_run_ = -1;
              request_grid();
              if (a.keep_progress) experiment_.step_all(std::min<std::int64_t>(reached, kMaxReplaySteps));
            },
            [&](cmd::SelectRun& a) { geometry_.select(a.id); },
            [&](cmd::SetGeometryAxes& a) { geometry_.set_axes(a.i, a.j); },
            [&](cmd::SetSpeed& a) {
              if (!(a.steps_per_s > 0) || !std::isfinite(a.steps_per_s))
                throw std::invalid_argument("speed must be a positive number of steps per second");
              steps_per_s_ = a.steps_per_s;
              flat_out_ = a.flat_out;
            },
            [&](cmd::SetStart& a) {
              experiment_.set_start(std::move(a.x));
              // For d > 2 the heat map's plane goes through the start (SetStartXY moves it within the plane).
              if (experiment_.problem()->dim() > 2) request_grid();
            },
            [&](cmd::SetStartXY& a) { experiment_.set_start_xy(a.x0, a.x1); },
            [&](cmd::SetView& a) {
              if (!(a.box.x1 > a.box.x0) || !(a.box.y1 > a.box.y0)) throw std::invalid_argument("empty view");
              view_ = a.box;
              if (a.resolution >= 2) config_.grid_resolution = std::min(a.resolution, 1024);
              request_grid();
            },
            [&](cmd::SetSlicePlane& a) {
              if (a.run_id >= 0 && !experiment_.find_run(a.run_id))
                throw std::invalid_argument("no run " + std::to_string(a.run_id) + " to centre the landscape on");
              if (a.run_id >= 0 && experiment_.problem()->dim() > kFollowMaxDim)
                throw std::invalid_argument("the landscape follows a run only up to d = " + std::to_string(kFollowMaxDim));
              if (a.run_id == slice_run_) return;
              slice_run_ = a.run_id;
              if (experiment_.problem()->dim() > 2) request_grid();
            },
            [&](cmd::Barrier& a) { applied_ticket_ = a.ticket; },
            [&](cmd::StartSweep& a) {
              SweepConfig c;
              c.problem = experiment_.problem_spec();
              c.optimizer = a.optimizer_spec;
              c.axes = std::move(a.axes);
              c.steps = a.steps;
              c.oracle = experiment_.oracle_setup();
              c.start = experiment_.start();
              // Leave a core to the race and the UI.
              c.threads = std::max(2u, std::thread::hardware_concurrency()) - 1;
              if (sweep_) {
                sweep_->cancel();
                retired_sweeps_.push_back(std::move(sweep_));
              }
              std::erase_if(retired_sweeps_, [](const auto& j) { return j->ended(); });
              sweep_ = std::make_unique<SweepJob>(++sweeps_started_, std::move(c));
            },
            [&](cmd::SetOracle& a) {
              Run::OracleSetup setup{parse_noise_spec(a.noise_spec), a.seed};  // throws before any change
              const NoiseSetupControl control = setup_control("setting up the finite-sum noise", "components", true);
              experiment_.set_oracle(std::move(setup), &control);  // cancelled: the old oracle stays
            },
            [&](cmd::CancelSweep&) {
              if (sweep_) sweep_->cancel();
            },
        },
        c);
  } catch (const NoiseSetupCancelled& e) {
    last_error_ = std::string(e.what()) + " by a newer command (nothing changed)";
  } catch (const std::exception& e) {
    last_error_ = e.what();  // shown by the UI; the engine goes on
  }
  setup_ = {};  // a set-up ends with its command, finished or not
}

bool Engine::superseded(bool by_oracle) const {
  for (std::size_t k = by_oracle ? 0 : 1; k < kSupersedingKinds; ++k)
    if (superseding_sent_[k].load() > superseding_applied_[k]) return true;
  return false;
}

NoiseSetupControl Engine::setup_control(std::string what, std::string unit, bool by_oracle) {
  setup_cancel_ = superseded(by_oracle);  // already superseded: stop at the first component
  setup_ = {};
  auto last = std::make_shared<Clock::time_point>(Clock::now());
  return NoiseSetupControl{
      &setup_cancel_,
      [this, what = std::move(what), unit = std::move(unit), last, by_oracle](std::int64_t done, std::int64_t total) {
        if (superseded(by_oracle)) setup_cancel_ = true;
        const auto now = Clock::now();
        // The first report and then at the snapshot rate: the UI sees the set-up start and move.
        if (setup_.active() && now - *last < std::chrono::duration<double>(1.0 / config_.publish_hz)) return;
        *last = now;
        setup_ = {what, done, total, unit};
        publish();  // nothing has changed yet (the set-up comes before any change): a consistent picture
      }};
}

void Engine::publish() {
  auto s = std::make_shared<Snapshot>();
  s->seq = ++seq_;
  s->applied_ticket = applied_ticket_;
  s->problem_spec = experiment_.problem_spec();
  s->noise_spec = format_noise_spec(experiment_.oracle_setup().noise);
  s->seed = experiment_.oracle_setup().seed;
  if (sweep_) {
    const std::uint64_t version = sweep_->version();  // before view(): a point landing between re-publishes
    s->sweep = sweep_->view();
    sweep_published_ = version;
  }
  s->problem_name = parse_spec(s->problem_spec).name;
  s->problem = experiment_.problem();
  s->dim = s->problem->dim();
  s->start = experiment_.shared_start();
  s->minimizers_xy = experiment_.minimizers_xy();
  s->view = view_;
  s->grid = grid_;
  s->grid_computing = grid_pending_;
  s->grid_error = grid_error_;
  s->grid_progress = grid_pending_ ? grid_worker_.progress() : 1.0;
  s->grid_centre = grid_shown_.base;
  s->grid_plane_run = grid_shown_.plane_run;
  s->grid_plane_step = grid_shown_.plane_step;
  s->slice_run = slice_run_;
  published_grid_progress_ = s->grid_progress;
  s->playing = playing_;
  s->flat_out = flat_out_;
  s->steps_per_s = steps_per_s_;
  s->engine_steps_per_s = rate_.rate(Clock::now());
  s->total_steps = total_steps_;
  s->replay_left = replay_left_;
  s->replay_total = replay_total_;
  s->last_error = last_error_;
  s->setup = setup_;
  s->geometry = geometry_.view(experiment_);
  s->runs.reserve(experiment_.runs().size());
  for (const auto& r : experiment_.runs()) {
    RunView v;
    v.id = r->id();
    v.color = r->color();
    v.optimizer = r->info().name;
    v.spec = format_spec(r->info().name, r->info().params, r->params());
    v.params = r->params();
    v.state = r->state();
    v.step = r->step();
    v.evals = r->evals();
    v.seconds = r->seconds();
    v.diverged_at = r->diverged_at();
    v.error = r->error();
    StepNote note = r->note();
    v.note = std::move(note.text);
    v.note_warns = note.warns;
    v.singular_values = r->last_singular_values();
    v.x = r->head(kRunViewCoords);
    v.float_path = r->float_path();
    v.now = r->metrics();
    v.trace = r->trace().points();
    s->runs.push_back(std::move(v));
  }
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(s);
  }
  snapshot_cv_.notify_all();
}

void Engine::loop() {
  const auto publish_period = std::chrono::duration<double>(1.0 / config_.publish_hz);
  auto last_publish = Clock::now();
  rate_.restart(Clock::now());
  // Paced playing: the number of steps due is the elapsed time × speed since the pace origin.
  auto pace_t0 = Clock::now();
  double paced_done = 0;
  bool was_paced = false;
  // Steps per chunk, sized to about 2 ms of work, so commands and snapshots are never held up for long.
  // Starts at one step: on a 10⁸-dimensional problem one step of eight runs can take a second.
  std::int64_t chunk = 1;
  auto timed_step = [&](std::int64_t n) {
    const auto t0 = Clock::now();
    experiment_.step_all(n);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (ms < 1.0 && n >= chunk && chunk < (1 << 20)) chunk *= 2;
    if (ms > 4.0 && chunk > 1) chunk /= 2;
  };
  std::vector<Command> batch;
  std::deque<Command> backlog;  // commands wait here behind a StepN until its steps are done

  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      if (stop_) return;
      batch.swap(queue_);
    }
    for (auto& c : batch) backlog.push_back(std::move(c));
    batch.clear();
    bool had_commands = false;
    while (!backlog.empty() && pending_steps_ == 0) {
      apply(backlog.front());
      backlog.pop_front();
      had_commands = true;
    }
    if (had_commands) chunk = 1;  // the problem or the runs may have changed: probe the cost again
    if (grid_asked_) {
      grid_worker_.wait_for(grid_generation_, kGridGrace);
      grid_asked_ = false;
    }
    const bool grid_news = collect_grid();

    std::int64_t taken = 0;
    bool publish_now = false;
    const bool paced = playing_ && !flat_out_;
    if (paced && !was_paced) {
      pace_t0 = Clock::now();
      paced_done = 0;
    }
    was_paced = paced;
    if (pending_steps_ > 0) {
      const std::int64_t n = std::min<std::int64_t>(pending_steps_, chunk);
      timed_step(n);
      taken += n;
      pending_steps_ -= n;
    } else if (replay_left_ > 0) {
      // Before playing: the saved picture first, then the race goes on from it.
      const std::int64_t n = std::min<std::int64_t>(replay_left_, chunk);
      timed_step(n);
      taken += n;
      replay_left_ -= n;
      if (replay_left_ == 0) publish_now = true;  // the end of the replay shows at once
    } else if (playing_ && flat_out_) {
      timed_step(chunk);
      taken += chunk;
    } else if (paced) {
      const double due = std::chrono::duration<double>(Clock::now() - pace_t0).count() * steps_per_s_;
      // Never try to catch up more than a quarter second of work (after a stall or a speed change).
      if (due - paced_done > steps_per_s_ * 0.25) paced_done = due - steps_per_s_ * 0.25;
      const auto n = std::min(static_cast<std::int64_t>(due - paced_done), chunk);
      if (n > 0) {
        timed_step(n);
        paced_done += static_cast<double>(n);
        taken += n;
      }
    }
    total_steps_ += taken * static_cast<std::int64_t>(experiment_.runs().size());

    const auto now = Clock::now();
    if (taken > 0) rate_.add(now, taken * static_cast<std::int64_t>(experiment_.runs().size()));
    else if (!playing_ && pending_steps_ == 0) rate_.restart(now);  // not stepping: nothing to measure
    follow_plane();  // before publishing: a snapshot without a grid in progress shows the newest plane
    // A grid in progress publishes its progress at the snapshot rate even while nothing steps.
    const bool due = now - last_publish >= publish_period;
    const bool grid_moved = grid_pending_ && grid_worker_.progress() != published_grid_progress_;
    const bool sweep_news = sweep_ && sweep_->version() != sweep_published_;
    if (had_commands || publish_now || grid_news || geometry_.has_news() ||
        ((taken > 0 || grid_moved || sweep_news) && due)) {
      publish();
      last_publish = now;
    }

    const bool busy = pending_steps_ > 0 || replay_left_ > 0 || (playing_ && flat_out_);
    if (!busy) {
      // Idle or paced: sleep until a command arrives or the next step (or publish) is due.
      double wait_s = 0.05;
      if (paced) wait_s = std::clamp(1.0 / steps_per_s_, 0.0005, publish_period.count());
      if (grid_pending_) wait_s = std::min(wait_s, kGridPollSeconds);
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait_for(lock, std::chrono::duration<double>(wait_s), [&] { return stop_ || !queue_.empty(); });
    }
  }
}

}  // namespace signlab
