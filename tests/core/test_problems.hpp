#pragma once
// Small fixtures shared by the core tests: a dense quadratic with a known Hessian, and the message of the
// SpecError a problem SPEC throws.
#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/problems/problem.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::test {

// f(x) = ½xᵀHx with a dense row-major H.
class DenseQuadratic final : public Problem {
 public:
  DenseQuadratic(int d, std::vector<double> h) : d_(d), h_(std::move(h)) {}
  static DenseQuadratic h2() { return DenseQuadratic(2, {3.0, 1.0, 1.0, 2.0}); }
  static DenseQuadratic diagonal(const std::vector<double>& diag) {
    const int d = static_cast<int>(diag.size());
    std::vector<double> h(static_cast<std::size_t>(d * d), 0.0);
    for (int i = 0; i < d; ++i) h[static_cast<std::size_t>(i * d + i)] = diag[static_cast<std::size_t>(i)];
    return DenseQuadratic(d, h);
  }
  int dim() const override { return d_; }
  double value(std::span<const double> x) const override {
    std::vector<double> g(static_cast<std::size_t>(d_));
    gradient(x, g);
    double s = 0.0;
    for (int i = 0; i < d_; ++i) s += 0.5 * x[i] * g[i];
    return s;
  }
  void gradient(std::span<const double> x, std::span<double> g) const override {
    for (int i = 0; i < d_; ++i) {
      double s = 0.0;
      for (int j = 0; j < d_; ++j) s += h_[static_cast<std::size_t>(i * d_ + j)] * x[j];
      g[i] = s;
    }
  }
  void hessian(std::span<const double>, std::span<double> h) const override {
    std::copy(h_.begin(), h_.end(), h.begin());
  }
  std::vector<double> default_start() const override { return std::vector<double>(d_, 1.0); }
  Box default_view() const override { return {}; }

 private:
  int d_;
  std::vector<double> h_;
};

// The message of the SpecError thrown for `spec`, or a test failure when none is thrown.
inline std::string spec_error(const std::string& spec) {
  try {
    make_problem(spec);
  } catch (const SpecError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no SpecError for '" << spec << "'";
  return {};
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace signlab::test
