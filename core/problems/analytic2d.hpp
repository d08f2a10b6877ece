#pragma once
// The classic 2-D test functions (DESIGN.md, "2-D problems"). Each is a final class holding only its
// parameters, set once in the constructor: every method is const and touches no shared state, so the
// UI thread and the engine thread may evaluate the same object at once. The hot methods do no
// allocation and no indirection beyond the one virtual call, so value/gradient cost a few ns.
#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {

// Common base: the dimension is fixed, and the spans are assumed to hold 2 (gradient) or 4 (Hessian)
// entries; that contract is checked by assert only, since these calls sit in the innermost loop.
class Problem2D : public Problem {
 public:
  int dim() const final { return 2; }
};

// (a − x)² + b·(y − x²)²: a curved, flat-bottomed valley; minimum 0 at (a, a²).
class Rosenbrock final : public Problem2D {
 public:
  explicit Rosenbrock(double a = 1.0, double b = 100.0);
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;
  Box default_view() const override;
  std::vector<std::vector<double>> minimizers() const override;

 private:
  double a_, b_;
};

// (x² + y − 11)² + (x + y² − 7)²: four global minima of value 0, one local maximum, four saddles.
class Himmelblau final : public Problem2D {
 public:
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;
  Box default_view() const override;
  std::vector<std::vector<double>> minimizers() const override;
};

// Σ_{i=1..3} (c_i − x + x·yⁱ)², c = (1.5, 2.25, 2.625): sharp ridges, minimum 0 at (3, 0.5).
class Beale final : public Problem2D {
 public:
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;
  Box default_view() const override;
  std::vector<std::vector<double>> minimizers() const override;
};

// 2A + Σ (x_i² − A·cos(2π x_i)): a bowl covered in a grid of local minima; global minimum 0 at 0.
class Rastrigin2D final : public Problem2D {
 public:
  explicit Rastrigin2D(double A = 10.0);
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;
  Box default_view() const override;
  std::vector<std::vector<double>> minimizers() const override;

 private:
  double A_;
};

// x² − c·y²: a strict saddle at the origin, unbounded below, so no minimiser.
class Saddle final : public Problem2D {
 public:
  explicit Saddle(double c = 1.0);
  double value(std::span<const double> x) const override;
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  std::vector<double> default_start() const override;
  Box default_view() const override;

 private:
  double c_;
};

// Registry entries (name, formula, parameters, factory), kept next to the math they describe.
ProblemInfo rosenbrock_info();
ProblemInfo himmelblau_info();
ProblemInfo beale_info();
ProblemInfo rastrigin_info();
ProblemInfo saddle_info();

}  // namespace signlab
