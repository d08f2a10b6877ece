#include "core/optim/smoothness_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "core/geometry/linf.hpp"
#include "core/geometry/spectrum.hpp"

namespace signlab {

namespace {

double max_abs(std::span<const double> v) {
  double m = 0.0;
  for (double a : v) m = std::max(m, std::fabs(a));
  return m;
}

// out = H_ξ·v by a forward difference of two gradients on the sample ξ (charges 1 gradient).
class SampleHvp {
 public:
  SampleHvp(Oracle& oracle, std::span<const double> x, std::span<const double> g, std::uint64_t xi)
      : oracle_(oracle), x_(x), g_(g), xi_(xi), xh_(x.size()), gh_(x.size()), scale_(std::max(1.0, max_abs(x))) {}

  void operator()(std::span<const double> v, std::span<double> out) {
    const double vmax = max_abs(v);
    if (!(vmax > 0.0)) {
      std::fill(out.begin(), out.end(), 0.0);
      return;
    }
    const double h = std::sqrt(std::numeric_limits<double>::epsilon()) * scale_ / vmax;
    for (std::size_t i = 0; i < x_.size(); ++i) xh_[i] = x_[i] + h * v[i];
    oracle_.gradient(xh_, gh_, xi_);
    ++products_;
    for (std::size_t i = 0; i < x_.size(); ++i) out[i] = (gh_[i] - g_[i]) / h;
  }
  std::int64_t products() const { return products_; }

 private:
  Oracle& oracle_;
  std::span<const double> x_, g_;
  std::uint64_t xi_;
  std::vector<double> xh_, gh_;
  double scale_;
  std::int64_t products_ = 0;
};

}  // namespace

SmoothnessEstimate estimate_l2(Oracle& oracle, std::span<const double> x, std::span<const double> g,
                               std::uint64_t xi) {
  const int d = static_cast<int>(x.size());
  SampleHvp hvp(oracle, x, g, xi);
  const geometry::MatVec op = [&hvp](std::span<const double> v, std::span<double> out) { hvp(v, out); };
  const geometry::LanczosResult lz = geometry::lanczos(d, op, std::min(d, 40), oracle.seed() + 1);
  SmoothnessEstimate e;
  e.value = std::max(std::fabs(lz.lambda_max) + lz.residual_max, std::fabs(lz.lambda_min) + lz.residual_min);
  e.gradients = hvp.products();
  e.method = "Lanczos, " + std::to_string(e.gradients) + " gradients";
  return e;
}

SmoothnessEstimate estimate_linf(Oracle& oracle, std::span<const double> x, std::span<const double> g,
                                 std::uint64_t xi) {
  const int d = static_cast<int>(x.size());
  if (d > kDenseEstimateMaxDim) {
    SmoothnessEstimate e = estimate_l2(oracle, x, g, xi);
    e.value *= d;
    e.method = "d·L₂ bound, " + e.method;
    return e;
  }
  SampleHvp hvp(oracle, x, g, xi);
  Eigen::MatrixXd H(d, d);
  std::vector<double> unit(static_cast<std::size_t>(d), 0.0), col(static_cast<std::size_t>(d));
  for (int j = 0; j < d; ++j) {
    unit[static_cast<std::size_t>(j)] = 1.0;
    hvp(unit, col);
    unit[static_cast<std::size_t>(j)] = 0.0;
    for (int i = 0; i < d; ++i) H(i, j) = col[static_cast<std::size_t>(i)];
  }
  const Eigen::MatrixXd S = 0.5 * (H + H.transpose());
  const geometry::LinfResult r = geometry::linf_smoothness(S);
  SmoothnessEstimate e;
  e.value = r.exact ? *r.exact : r.upper.value;
  e.gradients = hvp.products();
  e.method = std::string(r.exact ? "exact" : "certified upper end") + " for H of " + std::to_string(e.gradients) +
             " gradients";
  return e;
}

void SmoothnessConstant::reset() {
  estimated_ = false;
  step_ = 0;
  note_.clear();
  if (param_ > 0.0) value_ = param_;
}

void SmoothnessConstant::configure(double param) {
  if (param == 0.0 && param_ != 0.0) estimated_ = false;  // back to "estimate": at the next step's point
  param_ = param;
  if (param_ > 0.0) {
    value_ = param_;
    note_.clear();
  }
}

double SmoothnessConstant::gradient_and_constant(std::span<const double> x, std::span<double> g, Oracle& oracle) {
  const std::int64_t step = step_++;
  if (param_ > 0.0 || estimated_) {
    oracle.gradient(x, g);
    return value_;
  }
  const std::uint64_t xi = oracle.draw_sample();
  oracle.gradient(x, g, xi);
  const SmoothnessEstimate e = estimator_(oracle, x, g, xi);
  estimated_ = true;
  char buf[64];
  if (e.value > 0.0 && std::isfinite(e.value)) {
    value_ = e.value;
    std::snprintf(buf, sizeof buf, "%.4g", value_);
    note_ = std::string(symbol_) + " = " + buf + " estimated at step " + std::to_string(step) + " (" + e.method +
            ", charged)";
  } else {
    value_ = 1.0;  // no curvature at x (H = 0 here): any constant is as good as another
    note_ = std::string(symbol_) + ": no curvature at step " + std::to_string(step) + " to estimate from (" +
            e.method + "); using 1";
  }
  return value_;
}

}  // namespace signlab
