// The built-in teaching demos: each one a race set up to show one claim of ALGORITHMS.md ("Test problems
// to reproduce the seeds' claims"), with what to watch for. Learning rates were chosen by running each
// demo with `signlab run` so every optimizer makes visible progress in the first few thousand steps and
// none diverges; the descriptions claim only what those runs show.
#include "core/io/scenario.hpp"

namespace signlab {
namespace {

Scenario demo(std::string name, std::string title, std::string about, std::string problem,
              std::vector<std::string> optimizers, std::string noise = "none", std::uint64_t seed = 0) {
  Scenario s;
  s.name = std::move(name);
  s.title = std::move(title);
  s.about = std::move(about);
  s.problem = std::move(problem);
  s.optimizers = std::move(optimizers);
  s.noise = std::move(noise);
  s.seed = seed;
  return s;
}

// Demos that race methods paying different numbers of evaluations a step open the Curves on evaluations.
Scenario on_evals(Scenario s) {
  s.curves_x = "evals";
  return s;
}

}  // namespace

const std::vector<Scenario>& builtin_scenarios() {
  static const std::vector<Scenario> all = {
      default_scenario(),
      demo("linf-steepest", "Sign descent is steepest descent in ℓ∞",
           "A 50-dimensional quadratic with a diagonal Hessian (λ_max/λ̄ = 20). steepest-linf takes the ℓ∞ "
           "steepest-descent step ‖g‖₁/L∞·sign(g), gd-l2 the ℓ2 one g/L₂, each constant estimated at the start "
           "(its gradients counted in evals). Open Geometry: ρ_diag = 1 and R > 1 "
           "(sign guaranteed more progress); drag θ to rotate the eigenbasis and watch ρ_diag fall.",
           "quadratic:d=50,ratio=20,theta=0,seed=1",
           {"steepest-linf", "gd-l2", "signsgd:lr=0.01", "lion:lr=0.01"}),
      on_evals(demo("heavy-tails", "Heavy-tailed noise: SGD against sign methods",
           "Student-t gradient noise with ν = 1.5 (infinite variance). SGD's path jumps with every outlier; "
           "a sign caps each step at ±lr, and majority votes or minibatches of signs (counted as several "
           "evaluations a step) steady it further.",
           "quadratic:cond=10",
           {"sgd:lr=0.02", "signsgd:lr=0.003", "minibatch-signsgd:lr=0.003", "mv-signsgd-1:lr=0.003"},
           "student:sigma=3,nu=1.5", 1)),
      on_evals(demo("variance-reduction", "SSVR against signSGD and Signum at equal gradient evaluations",
           "Gaussian noise on Rosenbrock. SSVR's STORM-type estimator costs two gradients a step (its evals "
           "count runs twice as fast): compare the curves at equal evaluations, and try β.",
           "rosenbrock", {"ssvr:lr=0.002,beta=0.05", "signsgd:lr=0.002", "signum:lr=0.002"}, "gauss:sigma=2", 2)),
      demo("zero-order", "Sign methods without gradients",
           "jaguar-signsgd estimates one coordinate's derivative from two noisy function values a step; "
           "comps-sgd only compares f at two points along a random direction. signSGD with noisy gradients "
           "for reference.",
           "quadratic:cond=10", {"jaguar-signsgd:lr=0.003", "comps-sgd:lr=0.003", "signsgd:lr=0.003"},
           "gauss:sigma=0.5", 3),
      demo("muon", "Muon on an ill-conditioned matrix problem",
           "min ½‖A·W − B‖²_F with cond(A) = 1000. Muon orthogonalises its momentum (Newton–Schulz, NS5); "
           "muon-exact uses the SVD's U·Vᵀ. The Runs panel shows the update's singular values: NS5's spread "
           "around 1, the exact ones sit at 1.",
           "matrix-lsq:cond=1000", {"muon:lr=0.02", "muon-exact:lr=0.02", "signsgd:lr=0.002", "adam:lr=0.01"}),
      demo("fashion-mnist", "Logistic regression on Fashion-MNIST",
           "A softmax classifier on 1000 Fashion-MNIST images (d = 7850) on the float32 kernels. The heat map "
           "is the plane of the first two class biases; the curves show the training loss.",
           "fmnist-logreg", {"signsgd:lr=1e-3", "adam:lr=1e-3", "lion:lr=1e-4"}),
      demo("million", "A million parameters",
           "½·Σλ_i·x_i² with d = 10⁶ and λ from 1 to 1/100: every step of every run is one fused pass of the "
           "SIMD kernels over a million floats.",
           "separable:d=1000000,cond=100", {"signsgd:lr=1e-3", "adam:lr=1e-2", "lion:lr=1e-3", "sgd:lr=0.5"}),
  };
  return all;
}

}  // namespace signlab
