#pragma once
// One problem and the runs racing on it, stepped synchronously. The engine thread owns one of these;
// the CLI drives one directly. Every run depends only on its own state, so the same commands give the
// same trajectories bit for bit however the steps are chunked.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/run.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {

class Experiment {
 public:
  // Throws SpecError on a bad problem SPEC.
  explicit Experiment(const std::string& problem_spec, std::size_t trace_capacity = 4096);
  // A ready-made problem known as `spec` (tests: one whose f waits on a gate).
  Experiment(std::shared_ptr<const Problem> problem, const std::string& spec, std::size_t trace_capacity = 4096);

  // Replaces the problem; every run restarts from the new problem's default start. The shared noise is
  // rebuilt for a new d first (a finite sum's set-up; `control` may cancel it, and then nothing changes).
  void set_problem(const std::string& spec, const NoiseSetupControl* control = nullptr);
  void set_problem(std::shared_ptr<const Problem> problem, const std::string& spec,
                   const NoiseSetupControl* control = nullptr);
  // Adds a run from an optimizer SPEC; returns its id. Throws SpecError.
  int add_run(const std::string& optimizer_spec);
  bool remove_run(int id);
  void set_param(int id, const std::string& name, double value);
  void set_run_paused(int id, bool paused);
  // Sets the start of all runs (and resets them). Throws std::invalid_argument on a wrong length.
  void set_start(std::vector<double> x);
  // Sets the first two coordinates of the start, keeping the rest (and resets). Throws for d < 2.
  void set_start_xy(double x0, double x1);
  void reset();
  // Stochastic oracle for every run (default: exact gradients) and the seed of its samples. Resets.
  // A finite sum's set-up (m·d draws) is done here, once, and shared by every run; `control` reports its
  // progress and may cancel it (NoiseSetupCancelled; nothing changes then).
  void set_oracle(Run::OracleSetup setup, const NoiseSetupControl* control = nullptr);
  const Run::OracleSetup& oracle_setup() const { return oracle_; }
  // Advances every running run by n steps; returns the total number of steps taken.
  std::int64_t step_all(std::int64_t n);

  const std::string& problem_spec() const { return problem_spec_; }
  std::shared_ptr<const Problem> problem() const { return problem_; }
  const std::vector<double>& start() const { return *start_; }
  // The problem's known minimisers in their first two coordinates (computed once per problem).
  const std::vector<std::array<double, 2>>& minimizers_xy() const { return minimizers_xy_; }
  // The same start, shared (immutable: replaced, never modified), so a snapshot carries it without a copy.
  std::shared_ptr<const std::vector<double>> shared_start() const { return start_; }
  const std::vector<std::unique_ptr<Run>>& runs() const { return runs_; }
  Run* find_run(int id);

 private:
  int next_color() const;

  std::string problem_spec_;
  std::shared_ptr<const Problem> problem_;
  std::shared_ptr<const std::vector<double>> start_;
  std::vector<std::array<double, 2>> minimizers_xy_;
  std::vector<std::unique_ptr<Run>> runs_;
  std::size_t trace_capacity_;
  Run::OracleSetup oracle_;
  int next_id_ = 1;
};

}  // namespace signlab
