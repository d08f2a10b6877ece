#pragma once
// An objective f: R^d -> R with exact derivatives. Implementations are immutable after construction,
// so the UI may evaluate one (hover read-outs) while the engine thread steps runs on it.
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
  // Known minimiser(s), for marking on the landscape; may be empty.
  virtual std::vector<std::vector<double>> minimizers() const { return {}; }
  // (rows, cols) when x is a matrix W flattened row-major (x[r·cols + c] = W(r, c)); {0, 0} when the
  // parameter is not a matrix. Matrix optimizers (muon & co.) require it.
  virtual std::pair<int, int> matrix_shape() const { return {0, 0}; }
};

}  // namespace signlab
