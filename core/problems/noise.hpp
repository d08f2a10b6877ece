#pragma once
// Noise models for stochastic oracles, deterministic in (seed, sample id ξ).
//
// The model — per sample ξ a random shift z_ξ ∈ R^d and (optionally) a random diagonal curvature c_ξ:
//   f(x; ξ) = f(x) + ⟨z_ξ, x⟩ + ½·Σ_i c_ξ,i·x_i²,      ∇f(x; ξ) = ∇f(x) + z_ξ + c_ξ ⊙ x.
// So values, gradients and comparisons of one sample are consistent with each other (f(·; ξ) is a
// genuine function whose gradient is ∇f(·; ξ)), E_ξ[f(x; ξ)] = f(x) and E_ξ[∇f(x; ξ)] = ∇f(x).
// A zero-order difference (f(x+τe; ξ) − f(x−τe; ξ))/(2τ) sees exactly the gradient noise
// ⟨z_ξ + c_ξ ⊙ x, e⟩. Two gradients on the SAME sample differ by ∇f(x) − ∇f(y) + c_ξ ⊙ (x − y): with
// curvature 0 (additive noise, the default) the noise cancels exactly, which is the best case for
// STORM/SSVR/SARAH-type estimators; curvature > 0 makes the components differ in curvature too, as real
// finite sums do, so variance reduction has work left.
//
// Coordinates of z_ξ are i.i.d., symmetric, scale σ:
//   Gauss:     z_i ~ N(0, σ²)
//   StudentT:  z_i = σ·T_ν (heavy tails: E|z|^κ finite only for κ < ν; variance σ²ν/(ν−2) for ν > 2)
//   c_ξ,i ~ N(0, curvature²) in either case (0 by default).
// Finite sums: components = m > 0 turns the model into m FIXED samples ξ ∈ [0, m) with
//   z_ξ = w_ξ − (1/m)·Σ_j w_j   (w_j drawn from the model above; c_ξ centred the same way),
// so f = (1/m)·Σ_ξ f(·; ξ) holds exactly: the f(·; ξ) above are the components f_ξ.
//
// Every random number is a pure function of (seed, stream, ξ, coordinate, k) through a counter-based
// hash (splitmix64 finaliser), so no generator state is carried: the same seed reproduces a run bit for
// bit however its steps are chunked, and z_ξ can be recomputed on demand instead of being stored.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace signlab {

// splitmix64's output function (Steele, Lea, Flood 2014): a bijective 64-bit mixer.
inline std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A counter-based key: mixes the words one after another (order matters).
inline std::uint64_t hash_key(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0, std::uint64_t d = 0) {
  std::uint64_t h = splitmix64(a);
  h = splitmix64(h ^ b);
  h = splitmix64(h ^ c);
  return splitmix64(h ^ d);
}

// Uniform in (0, 1] from 53 high bits (never 0, so log() is safe).
inline double unit_open0(std::uint64_t bits) { return static_cast<double>((bits >> 11) + 1) * 0x1.0p-53; }
// Uniform in [0, 1).
inline double unit_closed0(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// A standard normal that is a pure function of `key` (Box–Muller on two hashed uniforms).
double normal_from_key(std::uint64_t key);
// A Student-t(ν) variate that is a pure function of `key` (Bailey's polar method, exact for any ν > 0).
double student_t_from_key(std::uint64_t key, double nu);

struct NoiseModel {
  enum class Kind { None, Gauss, StudentT };
  Kind kind = Kind::None;
  double sigma = 0.0;   // scale σ (σ = 0 is exact, whatever the kind)
  double nu = 3.0;      // Student-t degrees of freedom (> 0)
  int components = 0;   // m > 0: a finite sum of m fixed samples (see above); 0: a fresh sample each draw
  double curvature = 0.0;  // standard deviation of the per-sample diagonal curvature c_ξ,i

  bool operator==(const NoiseModel&) const = default;
  bool active() const { return (kind != Kind::None && sigma > 0.0) || curvature > 0.0; }
  bool finite_sum() const { return components > 0; }

  static NoiseModel none() { return {}; }
  static NoiseModel gauss(double sigma, int components = 0, double curvature = 0.0) {
    return {Kind::Gauss, sigma, 3.0, components, curvature};
  }
  static NoiseModel student_t(double sigma, double nu, int components = 0, double curvature = 0.0) {
    return {Kind::StudentT, sigma, nu, components, curvature};
  }
};

// Control of a finite sum's set-up (m·d draws: minutes for m = 10⁷): `cancel` is read after every
// component, `progress(done, total)` is called about every million draws and at the end (components done
// of m), from the constructing thread. Not merged with WorkProgress (core/problems/problem.hpp, a share
// 0..1 and "go on?"): its users print and show counts ("2,500,000 of 10,000,000 components") and Ctrl+C
// sets a flag from a signal handler, where no callback can be asked.
struct NoiseSetupControl {
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// Thrown by NoiseField's constructor when its control's cancel flag was set.
struct NoiseSetupCancelled : std::runtime_error {
  NoiseSetupCancelled() : std::runtime_error("noise: finite-sum set-up cancelled") {}
};

// z_ξ for one model and seed. Cheap to copy: the finite-sum means (computed once, m·d draws) are shared,
// immutable, by every copy, so an experiment computes them once for all its runs (and a sweep for all
// its points), however often they reset.
class NoiseField {
 public:
  NoiseField() = default;
  // Validates the model (σ ≥ 0 finite, ν > 0, components ≥ 0; throws std::invalid_argument) and, for a
  // finite sum, precomputes the mean of the m raw vectors (m·d draws, once; throws NoiseSetupCancelled
  // when `control` cancels it).
  NoiseField(const NoiseModel& model, std::uint64_t seed, int dim, const NoiseSetupControl* control = nullptr);
  // The constructor's checks alone (cheap: nothing is drawn).
  static void validate(const NoiseModel& model, int dim);

  const NoiseModel& model() const { return model_; }
  std::uint64_t seed() const { return seed_; }
  int dim() const { return dim_; }
  // Built for this model, seed and dimension (so it can stand in for a new NoiseField(model, seed, dim)).
  bool matches(const NoiseModel& model, std::uint64_t seed, int dim) const {
    return model_ == model && seed_ == seed && dim_ == dim;
  }
  // Bytes the finite-sum means take (0 without a finite sum): d doubles per kind of noise.
  static double setup_bytes(const NoiseModel& model, int dim);
  // How many finite-sum set-ups (the m·d draws) this process has computed: lets tests hold the sharing.
  static std::int64_t setups_computed();
  bool active() const { return model_.active(); }
  // Coordinate i of z_ξ and of c_ξ.
  double shift(std::uint64_t xi, int i) const;
  double curv(std::uint64_t xi, int i) const;
  // g += z_ξ + c_ξ ⊙ x   (the gradient noise at x)
  void add_gradient_noise(std::uint64_t xi, std::span<const double> x, std::span<double> g) const;
  // The same for the float32 path: each coordinate's noise is computed in double, then added and rounded.
  void add_gradient_noise(std::uint64_t xi, std::span<const float> x, std::span<float> g) const;
  // ⟨z_ξ, x⟩ + ½·Σ c_ξ,i·x_i²   (the value noise at x)
  double value_noise(std::uint64_t xi, std::span<const double> x) const;
  // ⟨z_ξ + c_ξ ⊙ x, e⟩   (the directional derivative of the value noise at x along e)
  double directional_noise(std::uint64_t xi, std::span<const double> x, std::span<const double> e) const;

 private:
  double raw_shift(std::uint64_t xi, int i) const;
  double raw_curv(std::uint64_t xi, int i) const;

  struct Means {
    std::vector<double> shift, curv;  // (1/m)·Σ_j of the raw draws; empty when that kind of noise is off
  };

  NoiseModel model_;
  std::uint64_t seed_ = 0;
  int dim_ = 0;
  bool has_shift_ = false, has_curv_ = false;
  std::shared_ptr<const Means> means_;  // finite sums only
};

}  // namespace signlab
