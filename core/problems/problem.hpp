#pragma once
// An objective f: R^d -> R with exact derivatives. Implementations are immutable after construction,
// so the UI may evaluate one (hover read-outs) while the engine thread steps runs on it.
#include <array>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/spec/param_spec.hpp"

namespace signlab {

// Axis-aligned 2-D rectangle in parameter space: the default view of a landscape.
struct Box {
  double x0 = -1, x1 = 1, y0 = -1, y1 = 1;
};

// What can be known of a problem without building it (problem_registry's describe_problem): enough to
// check every other argument (a start's length, a matrix method) and the memory it needs before paying
// for construction (a d = 10⁸ curvature vector, a dense d = 2000 rotation, a data set read from disk).
struct ProblemShape {
  int dim = 0;                          // 0 only when it takes building to know (a matrix read from a file)
  std::pair<int, int> matrix = {0, 0};  // matrix_shape() of the built problem
  double bytes = 0;                     // at least this much memory is allocated to build it
};

// Told the share of a long computation done (0..1], often; returning false asks it to stop.
using WorkProgress = std::function<bool(double done)>;

// What Problem::plane_values did.
enum class PlaneResult {
  Unsupported,  // the problem knows no faster way than value() per point; `out` is untouched
  Done,         // `out` holds the plane
  Stopped,      // the progress callback asked to stop; `out` is incomplete
};

class Problem {
 public:
  virtual ~Problem() = default;
  virtual int dim() const = 0;
  virtual double value(std::span<const double> x) const = 0;
  // g has dim() entries.
  virtual void gradient(std::span<const double> x, std::span<double> g) const = 0;
  // H is dim()×dim(), row-major.
  virtual void hessian(std::span<const double> x, std::span<double> H) const = 0;
  // Optional exact Hessian-vector product out = H(x)·v (all dim() entries). Returns false when the
  // problem does not provide one; core/geometry then uses central differences of gradients.
  virtual bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const {
    (void)x, (void)v, (void)out;
    return false;
  }
  virtual std::vector<double> default_start() const = 0;
  virtual Box default_view() const = 0;
  // ---- float32 evaluation, for the high-dimensional path (core/engine/float_run.hpp) ----
  // The defaults go through value()/gradient() with one conversion each way (exact, but O(d) extra memory
  // and traffic); problems built for large d override them with native float loops and say so.
  virtual double value_f(std::span<const float> x) const;
  virtual void gradient_f(std::span<const float> x, std::span<float> g) const;
  // f(x) and g = ∇f(x) together (the default calls both; a problem may share work between them).
  virtual double value_and_gradient_f(std::span<const float> x, std::span<float> g) const {
    gradient_f(x, g);
    return value_f(x);
  }
  virtual bool native_float() const { return false; }
  // Roughly how many multiply-adds one value() plus gradient() costs; the default, d, fits problems that
  // touch each coordinate a few times. The UI evaluates f and ∇f under the mouse every frame only when this
  // is small; problems on data sets report their real cost (examples × work per example).
  virtual double evaluation_cost() const { return static_cast<double>(dim()); }
  // For f(x) = Σ_i f_i(x_i) (a sum over coordinates): out = f_i(t), returning true. Lets a landscape slice of a
  // large-d problem cost O(1) per grid point after one O(d) pass. The default (false) means "not separable".
  virtual bool separable_term(int i, double t, double& out) const {
    (void)i, (void)t, (void)out;
    return false;
  }
  // f on the plane of the first two coordinates through `base` (d > 2): out[j·xs.size() + i] = f(x) where x is
  // base with x0 = xs[i] and x1 = ys[j]. Returns Unsupported (the default) when the problem knows no faster way
  // than one value() per point; the landscape grid then calls value(). Problems whose whole-data value is costly
  // but whose x0, x1 enter f simply (the output biases of a classifier) override it, and tell `progress` (when
  // set) the share done at least once per row of the plane and per block of examples, stopping when it says so:
  // a plane of a large data set takes seconds, and the user may have moved on.
  virtual PlaneResult plane_values(std::span<const double> base, std::span<const double> xs,
                                   std::span<const double> ys, std::span<double> out,
                                   const WorkProgress& progress) const {
    (void)base, (void)xs, (void)ys, (void)out, (void)progress;
    return PlaneResult::Unsupported;
  }
  // Known minimiser(s), for marking on the landscape; may be empty.
  virtual std::vector<std::vector<double>> minimizers() const { return {}; }
  // Their first two coordinates (what the landscape marks). The default reduces minimizers(); a problem of
  // very large d overrides it so no d-sized vector is built just to keep two numbers.
  virtual std::vector<std::array<double, 2>> minimizers_xy() const;
  // (rows, cols) when x is a matrix W flattened row-major (x[r·cols + c] = W(r, c)); {0, 0} when the
  // parameter is not a matrix. Matrix optimizers (muon & co.) require it.
  virtual std::pair<int, int> matrix_shape() const { return {0, 0}; }
  // dim() and matrix_shape() (the bytes are the registry's estimate, not known here: 0).
  ProblemShape shape() const { return {dim(), matrix_shape(), 0.0}; }
};

// H (dim()×dim(), row-major) assembled from dim() exact Hessian-vector products with the unit vectors, for
// problems that have hvp() but no cheaper closed form. Throws std::logic_error when p.hvp() returns false.
void hessian_by_hvp(const Problem& p, std::span<const double> x, std::span<double> H);

}  // namespace signlab
