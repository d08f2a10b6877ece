#pragma once
// The optimizer interface of the double-precision path (2-D problems and small d).
// An optimizer owns its state vectors; the caller owns x. Exact rules: ../shared/ALGORITHMS.md.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/problems/noise.hpp"
#include "core/problems/problem.hpp"
#include "core/spec/param_spec.hpp"

namespace signlab {

// Access to the objective that counts every call, so runs are compared at equal oracle cost.
//
// Exact or stochastic. With no noise set (the default), every call is exact and gradient() costs one
// predictable branch more than calling the problem directly: no virtual call, no allocation.
// With a noise model (core/problems/noise.hpp) the oracle is stochastic:
//   gradient(x, g)            one fresh sample:  ∇f(x; ξ) at a newly drawn ξ          (1 gradient)
//   gradient(x, g, xi)        the sample ξ you pass (draw it with draw_sample(); reuse it to evaluate two
//                             points on the same sample, as SSVR does)                 (1 gradient)
//   full_gradient(x, g)       the exact ∇f = mean over the m components of a finite sum  (m gradients).
//                             An exact oracle is a finite sum of one component (1 gradient: the same
//                             ∇f every call returns). A stochastic oracle without components has no
//                             full pass: it throws std::logic_error, so no rule sees ∇f for free.
//   value(x) / value(x, xi)   f(x; ξ), fresh or given sample                          (1 value)
//   compare(x, e, tau, xi)    sign(f(x+τe; ξ) − f(x−τe; ξ)) ∈ {−1, 0, 1}               (1 comparison)
// evals() = grads() + values() + comparisons() is the CSV `evals` column.
//
// Randomness: sample ids and the optimizer's own draws (random coordinates, directions) are pure
// functions of (seed, draw counter), so a run is reproduced bit for bit by its seed however its steps
// are chunked. How a run sets them (the engine):
//   Oracle oracle(problem);
//   oracle.set_noise(NoiseModel::gauss(0.5));   // or student_t(σ, ν), gauss(σ, m) for a finite sum of m,
//                                               // gauss(σ, m, c) with per-sample curvature noise c
//   oracle.set_seed(seed);                             // rewinds the draw counters too
// Both may be called in any order, before the first step; Run::reset rebuilds the oracle, so call them
// again after `oracle_ = Oracle(problem)`.
class Oracle {
 public:
  // Allocates nothing of size d: an oracle per run at d = 10⁸ must not cost more than the run's vectors.
  explicit Oracle(const Problem& p) : problem_(&p) {}

  // ---- configuration ----
  // Throws std::invalid_argument on a bad model. Keeps the counters and the seed.
  void set_noise(const NoiseModel& model) {
    noise_ = NoiseField(model, seed_, problem_->dim());
    noisy_ = noise_.active();
  }
  // The same with a field built beforehand (a finite sum's means are computed once and shared by every run
  // of an experiment); it must be for this problem's dimension, and its seed becomes the oracle's.
  void set_noise(const NoiseField& field) {
    if (field.dim() != problem_->dim()) throw std::invalid_argument("Oracle::set_noise: noise for another dimension");
    noise_ = field;
    seed_ = field.seed();
    noisy_ = noise_.active();
  }
  // Sets the seed of the noise, of the sample ids and of the optimizer's random draws, and rewinds the
  // sample counter. (The field is rebuilt only when the seed changes.)
  void set_seed(std::uint64_t seed) {
    if (!noise_.matches(noise_.model(), seed, problem_->dim())) noise_ = NoiseField(noise_.model(), seed, problem_->dim());
    seed_ = seed;
    samples_drawn_ = 0;
  }
  const NoiseModel& noise() const { return noise_.model(); }
  // The noise itself, for the float32 path, which evaluates the problem without this oracle.
  const NoiseField& noise_field() const { return noise_; }
  std::uint64_t seed() const { return seed_; }
  bool stochastic() const { return noisy_; }
  // m for a finite sum of m components, 0 otherwise.
  int components() const { return noise_.model().components; }

  // ---- gradients ----
  void gradient(std::span<const double> x, std::span<double> g) {
    ++grads_;
    problem_->gradient(x, g);
    if (noisy_) [[unlikely]]
      noise_.add_gradient_noise(draw_sample(), x, g);
  }
  void gradient(std::span<const double> x, std::span<double> g, std::uint64_t xi) {
    ++grads_;
    problem_->gradient(x, g);
    if (noisy_) noise_.add_gradient_noise(xi, x, g);
  }
  void full_gradient(std::span<const double> x, std::span<double> g) {
    if (!has_full_pass())
      throw std::logic_error("Oracle::full_gradient: a stochastic oracle without a finite sum has no full pass");
    const int m = components();
    grads_ += m > 0 ? m : 1;
    problem_->gradient(x, g);
  }
  // Whether full_gradient() may be called: a finite sum, or an exact oracle (a sum of one).
  bool has_full_pass() const { return !noisy_ || components() > 0; }

  // ---- function values and comparisons ----
  double value(std::span<const double> x) {
    if (!noisy_) {
      ++values_;
      return problem_->value(x);
    }
    return value(x, draw_sample());
  }
  double value(std::span<const double> x, std::uint64_t xi) {
    ++values_;
    const double f = problem_->value(x);
    return noisy_ ? f + noise_.value_noise(xi, x) : f;
  }
  // sign(f(x+τe; ξ) − f(x−τe; ξ)). The noise part of the difference is evaluated as 2τ·⟨z_ξ + c_ξ ⊙ x, e⟩
  // (the same number algebraically, without cancelling ⟨z_ξ, x⟩ against itself). x, e: dim() entries.
  int compare(std::span<const double> x, std::span<const double> e, double tau, std::uint64_t xi) {
    ++comparisons_;
    const std::size_t d = x.size();
    if (d > static_cast<std::size_t>(problem_->dim()))
      throw std::invalid_argument("Oracle::compare: x larger than the problem");
    if (scratch_.size() < 2 * d) scratch_.resize(2 * d);  // on first use: only comparison methods pay
    double* xp = scratch_.data();
    double* xm = scratch_.data() + d;
    for (std::size_t i = 0; i < d; ++i) {
      xp[i] = x[i] + tau * e[i];
      xm[i] = x[i] - tau * e[i];
    }
    double diff = problem_->value(std::span<const double>(xp, d)) - problem_->value(std::span<const double>(xm, d));
    if (noisy_) diff += 2.0 * tau * noise_.directional_noise(xi, x, e);
    return (diff > 0.0) - (diff < 0.0);
  }

  // ---- draws ----
  // A sample id: a fresh one each call; for a finite sum of m components, uniform in [0, m).
  std::uint64_t draw_sample() {
    const std::uint64_t c = samples_drawn_++;
    const int m = components();
    if (m > 0) return hash_key(seed_, kSampleStream, c) % static_cast<std::uint64_t>(m);
    return c;
  }
  // The optimizer's own randomness (random coordinates, directions), independent of the samples'
  // stream: the n-th draw of the run's seed, a pure function of (seed, n). The optimizer keeps n in its
  // state and zeroes it in reset(), so a reset optimizer repeats its draws exactly.
  std::uint64_t random_bits(std::uint64_t n) const { return hash_key(seed_, kRandomStream, n); }
  double uniform(std::uint64_t n) const { return unit_closed0(random_bits(n)); }    // [0, 1)
  double normal(std::uint64_t n) const { return normal_from_key(random_bits(n)); }  // N(0, 1)
  int random_index(std::uint64_t n, int size) const {  // uniform in [0, size)
    return static_cast<int>(random_bits(n) % static_cast<std::uint64_t>(size));
  }

  // ---- counters ----
  std::int64_t evals() const { return grads_ + values_ + comparisons_; }
  std::int64_t grads() const { return grads_; }
  std::int64_t values() const { return values_; }
  std::int64_t comparisons() const { return comparisons_; }
  // Charges n exact gradients evaluated outside this oracle (the float32 path evaluates the problem itself).
  void charge_gradients(std::int64_t n) { grads_ += n; }
  // Sets the total (as gradients; values and comparisons to 0).
  void set_evals(std::int64_t e) {
    grads_ = e;
    values_ = comparisons_ = 0;
  }
  const Problem& problem() const { return *problem_; }

 private:
  static constexpr std::uint64_t kSampleStream = 0x73616D706C65ull;  // "sample"
  static constexpr std::uint64_t kRandomStream = 0x72616E646F6Dull;  // "random"

  const Problem* problem_;
  bool noisy_ = false;
  NoiseField noise_;
  std::uint64_t seed_ = 0;
  std::uint64_t samples_drawn_ = 0;
  std::int64_t grads_ = 0, values_ = 0, comparisons_ = 0;
  std::vector<double> scratch_;  // x ± τe for compare(), sized on its first call
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // Lets an optimizer read what it needs of the problem beyond its dimension (matrix methods: the
  // matrix shape). make_optimizer(r, problem) calls it before reset(); the default ignores it. A shape,
  // not the problem, so an optimizer can be checked against a problem that is not built yet.
  virtual void bind(const ProblemShape& shape) { (void)shape; }
  // Sizes the state for dimension d and zeroes it (all state buffers start at 0) and the step count.
  // Throws std::invalid_argument when the optimizer cannot run on the bound problem (e.g. muon on a
  // problem without a matrix parameter), with a message for the user.
  virtual void reset(int d) = 0;
  // Reads every parameter it uses from `values` (complete: the registry fills defaults). Leaves the
  // state alone, so a slider acts on the next step without a reset.
  virtual void configure(const ParamValues& values) = 0;
  // One update of x in place.
  virtual void step(std::span<double> x, Oracle& oracle) = 0;
  // Introspection for the UI: singular values (descending) of the last orthogonalised update O of a
  // matrix method (muon: the NS5 output, computed on demand by an SVD of the stored O; muon-exact: ones).
  // Empty for every other optimizer and before the first step. Call from the thread that steps.
  virtual std::vector<double> last_singular_values() const { return {}; }
  // One line the UI shows under the run about the optimizer's own state (an estimated constant and what
  // it cost); empty for most. Call from the thread that steps.
  virtual std::string note() const { return {}; }
};

// sign with sign(0) = 0 (and sign(NaN) = 0), the convention of ALGORITHMS.md.
inline double sign0(double v) { return static_cast<double>((v > 0.0) - (v < 0.0)); }

}  // namespace signlab
