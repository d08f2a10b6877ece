// Problems: exact derivatives against finite differences, minimisers, views and SPEC handling.
// Every check iterates the registry, so a newly registered problem is covered without new code.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

// One problem with one set of parameter values; `label` names it in failure messages.
struct Config {
  const ProblemInfo* info;
  ParamValues values;
  std::string label;
};

std::string describe(const ProblemInfo& info, const ParamValues& values) {
  std::string s = info.name;
  char sep = ':';
  for (const auto& [k, v] : values) {
    s += sep + k + "=" + format_number(v);
    sep = ',';
  }
  return s;
}

// Defaults, then each parameter at both ends of its range (the extremes are where conditioning and
// cancellation are worst), then all parameters at once away from their defaults.
// The 2-D problems (the checks below are written for them; d-dimensional problems such as matrix-lsq
// have their own test files).
bool planar(const ProblemInfo& info) {
  return !info.loads_data && info.make(default_values(info.params))->dim() == 2;
}

std::vector<Config> all_configs() {
  std::vector<Config> out;
  for (const ProblemInfo& info : problem_registry()) {
    if (!planar(info)) continue;
    const ParamValues defaults = default_values(info.params);
    std::vector<ParamValues> sets = {defaults};
    ParamValues mixed = defaults;
    for (const ParamSpec& p : info.params) {
      for (double v : {p.min, p.max}) {
        ParamValues s = defaults;
        s[p.name] = v;
        sets.push_back(s);
      }
      mixed[p.name] = p.scale == Scale::Log ? std::sqrt(p.min * p.max) * 1.7 : p.min + 0.37 * (p.max - p.min);
      if (p.scale == Scale::Integer || p.scale == Scale::LogInteger) mixed[p.name] = std::round(mixed[p.name]);
    }
    if (!info.params.empty()) sets.push_back(mixed);
    for (const ParamValues& s : sets) out.push_back({&info, s, describe(info, s)});
  }
  return out;
}

// Uniform in [0, 1) from the raw 64 bits, so the points do not depend on the standard library's
// distribution implementation.
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::vector<std::array<double, 2>> points_in(const Box& b, std::uint64_t seed, int n = 50) {
  std::mt19937_64 rng(seed);
  std::vector<std::array<double, 2>> pts;
  for (int i = 0; i < n; ++i) {
    const double x = b.x0 + (b.x1 - b.x0) * unit(rng);
    const double y = b.y0 + (b.y1 - b.y0) * unit(rng);
    pts.push_back({x, y});
  }
  return pts;
}

// Step per coordinate, scaled with |x_i| so the perturbation is not lost to rounding far from 0.
double fd_step(double xi) { return 1e-6 * std::max(1.0, std::abs(xi)); }

TEST(ProblemRegistryTest, ListsTheCanonicalProblemsInOrder) {
  const std::vector<std::string> expected = {"rosenbrock", "himmelblau", "beale",
                                             "rastrigin",  "saddle",     "quadratic",
                                             "matrix-lsq", "separable",  "fmnist-logreg",
                                             "fmnist-mlp"};
  EXPECT_EQ(problem_names(), expected);
  for (const std::string& name : expected) {
    const ProblemInfo* info = find_problem(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->name, name);
    EXPECT_FALSE(info->formula.empty()) << name;
    ASSERT_TRUE(info->make) << name;
    for (const ParamSpec& p : info->params) {
      EXPECT_LE(p.min, p.def) << name << "." << p.name;
      EXPECT_LE(p.def, p.max) << name << "." << p.name;
      EXPECT_FALSE(p.help.empty()) << name << "." << p.name;
      if (p.scale == Scale::Log) {
        EXPECT_GT(p.min, 0.0) << name << "." << p.name;
      }
    }
  }
  EXPECT_EQ(find_problem("nope"), nullptr);
  EXPECT_EQ(find_problem(""), nullptr);
}

TEST(ProblemDerivativesTest, GradientMatchesCentralDifferences) {
  for (const Config& c : all_configs()) {
    SCOPED_TRACE(c.label);
    const auto p = c.info->make(c.values);
    ASSERT_EQ(p->dim(), 2);
    for (const auto& pt : points_in(p->default_view(), 12345)) {
      std::array<double, 2> g{};
      p->gradient(pt, g);
      const double f = p->value(pt);
      for (int i = 0; i < 2; ++i) {
        const double h = fd_step(pt[i]);
        auto xp = pt, xm = pt;
        xp[i] += h;
        xm[i] -= h;
        const double fd = (p->value(xp) - p->value(xm)) / (xp[i] - xm[i]);
        // Truncation error is O(h²) and negligible here; the second term bounds the rounding error
        // of the two function values divided by 2h.
        const double tol = 1e-6 * (1.0 + std::abs(g[i])) + 1e-14 * std::abs(f) / h;
        EXPECT_NEAR(g[i], fd, tol) << "at (" << pt[0] << ", " << pt[1] << "), i=" << i;
      }
    }
  }
}

TEST(ProblemDerivativesTest, HessianMatchesCentralDifferencesAndIsSymmetric) {
  for (const Config& c : all_configs()) {
    SCOPED_TRACE(c.label);
    const auto p = c.info->make(c.values);
    for (const auto& pt : points_in(p->default_view(), 67890)) {
      std::array<double, 4> H{};
      p->hessian(pt, H);
      EXPECT_EQ(H[1], H[2]) << "at (" << pt[0] << ", " << pt[1] << ")";
      std::array<double, 2> g{};
      p->gradient(pt, g);
      const double gscale = std::abs(g[0]) + std::abs(g[1]);
      for (int j = 0; j < 2; ++j) {
        const double h = fd_step(pt[j]);
        auto xp = pt, xm = pt;
        xp[j] += h;
        xm[j] -= h;
        std::array<double, 2> gp{}, gm{};
        p->gradient(xp, gp);
        p->gradient(xm, gm);
        for (int i = 0; i < 2; ++i) {
          const double fd = (gp[i] - gm[i]) / (xp[j] - xm[j]);
          const double hij = H[i * 2 + j];
          const double tol = 1e-6 * (1.0 + std::abs(hij)) + 1e-14 * gscale / h;
          EXPECT_NEAR(hij, fd, tol) << "H[" << i << "][" << j << "] at (" << pt[0] << ", " << pt[1] << ")";
        }
      }
    }
  }
}

// Every listed minimiser of the registered problems is a global minimum of value 0.
TEST(ProblemMinimizersTest, GradientVanishesAndValueIsTheKnownMinimum) {
  const std::map<std::string, double> known_min = {{"rosenbrock", 0.0}, {"himmelblau", 0.0},
                                                   {"beale", 0.0},      {"rastrigin", 0.0},
                                                   {"quadratic", 0.0}};
  const std::map<std::string, size_t> expected_count = {{"rosenbrock", 1}, {"himmelblau", 4},
                                                        {"beale", 1},      {"rastrigin", 1},
                                                        {"saddle", 0},     {"quadratic", 1}};
  for (const Config& c : all_configs()) {
    SCOPED_TRACE(c.label);
    const auto p = c.info->make(c.values);
    const auto mins = p->minimizers();
    ASSERT_TRUE(expected_count.count(c.info->name)) << "new problem: add its minimisers here";
    EXPECT_EQ(mins.size(), expected_count.at(c.info->name));
    for (const auto& m : mins) {
      ASSERT_EQ(m.size(), 2u);
      std::array<double, 2> g{};
      std::array<double, 4> H{};
      p->gradient(m, g);
      p->hessian(m, H);
      EXPECT_NEAR(g[0], 0.0, 1e-10) << "at (" << m[0] << ", " << m[1] << ")";
      EXPECT_NEAR(g[1], 0.0, 1e-10) << "at (" << m[0] << ", " << m[1] << ")";
      EXPECT_NEAR(p->value(m), known_min.at(c.info->name), 1e-20);
      // A minimum, not a saddle or maximum: the Hessian is positive semi-definite.
      EXPECT_GE(H[0], 0.0);
      EXPECT_GE(H[3], 0.0);
      EXPECT_GE(H[0] * H[3] - H[1] * H[2], -1e-9 * (1.0 + H[0] * H[3]));
    }
  }
}

// What the landscape marks (minimizers_xy) is the minimisers' first two coordinates, for every registered
// problem at its defaults, including those that compute it without building the d-sized minimisers.
TEST(ProblemMinimizersTest, XyAreTheFirstTwoCoordinatesOfTheMinimizers) {
  for (const std::string& name : problem_names()) {
    SCOPED_TRACE(name);
    const auto p = make_problem(name);
    std::vector<std::array<double, 2>> expected;
    for (const auto& m : p->minimizers())
      if (m.size() >= 2) expected.push_back({m[0], m[1]});
    EXPECT_EQ(p->minimizers_xy(), expected);
  }
  const auto big = make_problem("separable:d=3000000");
  ASSERT_EQ(big->minimizers_xy().size(), 1u);
  EXPECT_EQ(big->minimizers_xy()[0], (std::array<double, 2>{0.0, 0.0}));
}

// The irrational Himmelblau minima are fixed points of Newton's method to the last digits.
TEST(ProblemMinimizersTest, HimmelblauMinimaAreNewtonFixedPoints) {
  const auto p = make_problem("himmelblau");
  for (const auto& m : p->minimizers()) {
    std::array<double, 2> g{};
    std::array<double, 4> H{};
    p->gradient(m, g);
    p->hessian(m, H);
    const double det = H[0] * H[3] - H[1] * H[2];
    const double dx = (H[3] * g[0] - H[1] * g[1]) / det;
    const double dy = (H[0] * g[1] - H[2] * g[0]) / det;
    EXPECT_LT(std::abs(dx), 1e-14) << m[0];
    EXPECT_LT(std::abs(dy), 1e-14) << m[1];
  }
}

TEST(ProblemViewTest, ViewFramesStartAndMinimizers) {
  for (const Config& c : all_configs()) {
    SCOPED_TRACE(c.label);
    const auto p = c.info->make(c.values);
    const Box b = p->default_view();
    ASSERT_LT(b.x0, b.x1);
    ASSERT_LT(b.y0, b.y1);
    auto inside = [&](const std::vector<double>& x) {
      return x.size() == 2 && x[0] > b.x0 && x[0] < b.x1 && x[1] > b.y0 && x[1] < b.y1;
    };
    const auto start = p->default_start();
    EXPECT_TRUE(inside(start));
    for (const auto& m : p->minimizers()) EXPECT_TRUE(inside(m)) << m[0] << ", " << m[1];
    // The start must not be a critical point, or every optimizer would sit still.
    std::array<double, 2> g{};
    p->gradient(start, g);
    EXPECT_GT(std::hypot(g[0], g[1]), 1e-3);
    EXPECT_TRUE(std::isfinite(p->value(start)));
  }
}

TEST(ProblemQuadraticTest, HessianHasEigenvaluesCondAndOneAtTheAngle) {
  const auto p = make_problem("quadratic:cond=100,angle=30");
  std::array<double, 4> H{};
  const std::array<double, 2> x0{0.3, -0.7};
  p->hessian(x0, H);
  const double tr = H[0] + H[3], det = H[0] * H[3] - H[1] * H[2];
  EXPECT_NEAR(tr, 101.0, 1e-12);
  EXPECT_NEAR(det, 100.0, 1e-10);
  // The steep eigenvector points at 30°: H·v = cond·v.
  const double th = 30.0 * std::numbers::pi / 180.0;
  const double v0 = std::cos(th), v1 = std::sin(th);
  EXPECT_NEAR(H[0] * v0 + H[1] * v1, 100.0 * v0, 1e-12);
  EXPECT_NEAR(H[2] * v0 + H[3] * v1, 100.0 * v1, 1e-12);
  // And the value is ½·xᵀHx.
  const double q = 0.5 * (H[0] * x0[0] * x0[0] + 2 * H[1] * x0[0] * x0[1] + H[3] * x0[1] * x0[1]);
  EXPECT_NEAR(p->value(x0), q, 1e-12);

  const auto diag = make_problem("quadratic:cond=7,angle=0");
  diag->hessian(x0, H);
  EXPECT_NEAR(H[0], 7.0, 1e-15);
  EXPECT_NEAR(H[1], 0.0, 1e-15);
  EXPECT_NEAR(H[3], 1.0, 1e-15);
}

TEST(ProblemSpecTest, MakeProblemAppliesParameters) {
  for (const std::string& name : problem_names()) {
    if (!planar(*find_problem(name))) continue;
    const auto p = make_problem(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->dim(), 2) << name;
  }
  const auto r = make_problem("rosenbrock:a=2,b=10");
  const auto mins = r->minimizers();
  ASSERT_EQ(mins.size(), 1u);
  EXPECT_EQ(mins[0], (std::vector<double>{2.0, 4.0}));
  const std::array<double, 2> x{0.5, 1.0};
  EXPECT_DOUBLE_EQ(r->value(x), 1.5 * 1.5 + 10.0 * 0.75 * 0.75);

  const std::array<double, 2> y{0.0, 2.0};
  EXPECT_DOUBLE_EQ(make_problem("saddle:c=3")->value(y), -12.0);
  EXPECT_DOUBLE_EQ(make_problem("rastrigin:A=0")->value(std::array<double, 2>{0.5, 0.5}), 0.5);
}

using test::contains;
using test::spec_error;

TEST(ProblemSpecTest, UnknownProblemIsNamedWithTheAllowedList) {
  const std::string msg = spec_error("banana");
  EXPECT_TRUE(contains(msg, "unknown problem 'banana'")) << msg;
  EXPECT_TRUE(contains(msg, "rosenbrock, himmelblau, beale, rastrigin, saddle, quadratic")) << msg;
}

TEST(ProblemSpecTest, UnknownKeyIsNamed) {
  std::string msg = spec_error("rosenbrock:c=1");
  EXPECT_TRUE(contains(msg, "'c'")) << msg;
  EXPECT_TRUE(contains(msg, "a, b")) << msg;
  msg = spec_error("himmelblau:a=1");
  EXPECT_TRUE(contains(msg, "'a'")) << msg;
}

TEST(ProblemSpecTest, OutOfRangeValueIsNamedWithTheRange) {
  std::string msg = spec_error("rosenbrock:a=7");
  EXPECT_TRUE(contains(msg, "a=7")) << msg;
  EXPECT_TRUE(contains(msg, "0.1..5")) << msg;
  msg = spec_error("quadratic:cond=0.5");
  EXPECT_TRUE(contains(msg, "cond=0.5")) << msg;
  msg = spec_error("quadratic:angle=-91");
  EXPECT_TRUE(contains(msg, "angle=-91")) << msg;
}

TEST(ProblemSpecTest, MalformedNumberIsNamed) {
  std::string msg = spec_error("rastrigin:A=1x");
  EXPECT_TRUE(contains(msg, "'1x'")) << msg;
  msg = spec_error("quadratic:cond=");
  EXPECT_TRUE(contains(msg, "cond")) << msg;
  msg = spec_error("saddle:c=nan");
  EXPECT_TRUE(contains(msg, "'nan'")) << msg;
}

// Problems are immutable: many threads evaluating one object get the serial answers.
TEST(ProblemThreadSafetyTest, ConcurrentEvaluationMatchesSerial) {
  for (const ProblemInfo& info : problem_registry()) {
    if (!planar(info)) continue;
    SCOPED_TRACE(info.name);
    const auto p = info.make(default_values(info.params));
    const auto pts = points_in(p->default_view(), 4242, 200);
    std::vector<double> serial;
    for (const auto& pt : pts) serial.push_back(p->value(pt));
    std::vector<std::vector<double>> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results) {
      threads.emplace_back([&p, &pts, &r] {
        std::array<double, 2> g{};
        std::array<double, 4> H{};
        for (const auto& pt : pts) {
          p->gradient(pt, g);
          p->hessian(pt, H);
          r.push_back(p->value(pt));
        }
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_EQ(r, serial);
  }
}

}  // namespace
}  // namespace signlab

namespace signlab {
namespace {

// describe_problem is what the CLI checks arguments against before building: it must agree with the
// built problem (d, matrix shape) and refuse exactly the SPECs make_problem refuses, with the same words.
TEST(ProblemDescribeTest, AgreesWithTheBuiltProblemAndRefusesTheSameSpecs) {
  std::vector<std::string> specs = {"quadratic:d=7,ratio=3,theta=0.4", "quadratic:cond=10,angle=20", "quadratic:d=2,cond=5",
                                    "quadratic:d=40", "separable:d=3000,cond=10", "matrix-lsq:m=11,n=7,k=3"};
  for (const ProblemInfo& info : problem_registry())
    if (!info.loads_data) specs.push_back(info.name);
  for (const std::string& spec : specs) {
    const ProblemShape shape = describe_problem(spec);
    const auto p = make_problem(spec);
    EXPECT_EQ(shape.dim, p->dim()) << spec;
    EXPECT_EQ(shape.matrix, p->matrix_shape()) << spec;
    EXPECT_GE(shape.bytes, 0.0) << spec;
  }
  for (const std::string bad : {"separable:d=0", "separable:d=2e8", "separable:dd=3", "quadratic:d=5,ratio=6",
                                "quadratic:d=3,angle=1", "quadratic:d=3,cond=2,theta=1", "quadratic:bogus=1",
                                "quadratic:hessian=", "fmnist-mlp:width=0", "fmnist-logreg:n=1e9", "nosuch"}) {
    std::string made, described;
    try { make_problem(bad); } catch (const std::exception& e) { made = e.what(); }
    try { describe_problem(bad); } catch (const std::exception& e) { described = e.what(); }
    EXPECT_FALSE(described.empty()) << bad;
    const ProblemInfo* info = find_problem(parse_spec(bad).name);
    if (info == nullptr || !info->loads_data) {  // a data problem's make may fail on the data instead
      EXPECT_EQ(described, made) << bad;
    }
  }
  // The data problems' dimension comes from the SPEC alone (the data set is not read).
  EXPECT_EQ(describe_problem("fmnist-logreg").dim, 7850);
  EXPECT_EQ(describe_problem("fmnist-mlp:width=32").dim, 10 + 795 * 32);
  EXPECT_EQ(describe_problem("separable:d=100000000").dim, 100000000);
}

}  // namespace
}  // namespace signlab
