// The lr-free references gd-l2 and steepest-linf: by default they estimate their constant (L₂, L∞) through
// the oracle at the first step, paying for it in evaluations, and so converge where the old fixed defaults
// (l2 = 10, linf = 100) oscillated or diverged; a fixed constant is checked against the exact geometry at
// the start and the run says what it will do. The linf-steepest demo's claim is held from engine numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/engine/experiment.hpp"
#include "core/engine/step_constant_note.hpp"
#include "core/geometry/geometry.hpp"
#include "core/io/scenario.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/optim/smoothness_estimate.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

// The linf-steepest demo's quadratic (λ_max = 20, λ̄ = 1), and the same turned to θ = 1.5 (L∞ ≈ 452).
const char* kDemo = "quadratic:d=50,ratio=20,theta=0,seed=1";
const char* kRotated = "quadratic:d=50,ratio=20,theta=1.5,seed=1";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(StepConstant, EstimatesMatchTheExactGeometryAndCountTheirGradients) {
  const auto p = make_problem(kRotated);
  const std::vector<double> x = p->default_start();
  const geometry::GeometryReport exact = geometry::compute_geometry(*p, x);
  Oracle o(*p);
  std::vector<double> g(x.size());
  o.gradient(x, g, 0);
  const SmoothnessEstimate l2 = estimate_l2(o, x, g, 0);
  EXPECT_NEAR(l2.value, exact.l2_smooth, 1e-5 * exact.l2_smooth);
  EXPECT_EQ(o.grads(), 1 + l2.gradients);
  EXPECT_LE(l2.gradients, 40);
  const SmoothnessEstimate linf = estimate_linf(o, x, g, 0);
  EXPECT_NEAR(linf.value, exact.linf.upper.value, 1e-5 * exact.linf.upper.value);
  EXPECT_GE(linf.value, exact.linf.lower.value * (1 - 1e-6));
  EXPECT_EQ(linf.gradients, 50);  // one column of H per coordinate
  EXPECT_EQ(o.grads(), 1 + l2.gradients + 50);
}

double loss_after(const std::string& problem, const std::string& opt, int steps, RunState* state = nullptr,
                  std::int64_t* evals = nullptr) {
  Experiment e(problem);
  const int id = e.add_run(opt);
  e.step_all(steps);
  const Run* r = e.find_run(id);
  if (state) *state = r->state();
  if (evals) *evals = r->evals();
  return r->metrics().loss;
}

TEST(StepConstant, DefaultsConvergeWhereTheOldFixedValuesDidNot) {
  const double f0 = loss_after(kDemo, "sgd", 0);
  // gd-l2 on the d = 50 quadratic (λ_max = 20): l2 = 10 is 2/λ_max, the top mode flips sign forever.
  EXPECT_GT(loss_after(kDemo, "gd-l2:l2=10", 300), 1e-3 * f0);
  std::int64_t evals = 0;
  EXPECT_LT(loss_after(kDemo, "gd-l2", 300, nullptr, &evals), 1e-6 * f0);
  EXPECT_GT(evals, 300);  // the estimate's gradient differences are charged
  // steepest-linf after θ is turned to 1.5: linf = 100 blows up, the estimate descends steadily.
  const double r0 = loss_after(kRotated, "sgd", 0);
  RunState state = RunState::Running;
  const double fixed = loss_after(kRotated, "steepest-linf:linf=100", 300, &state);
  EXPECT_TRUE(state == RunState::Diverged || !(fixed < r0)) << fixed;
  EXPECT_LT(loss_after(kRotated, "steepest-linf", 300, &state, &evals), 1e-3 * r0);
  EXPECT_EQ(state, RunState::Running);
  EXPECT_EQ(evals, 300 + 50);  // d = 50 gradient differences once, at the first step
}

TEST(StepConstant, TheRunSaysWhatItsConstantIsAndWhatItWillDo) {
  Experiment e(kDemo);  // λ_max = 20
  const int half = e.add_run("gd-l2:l2=10");
  const int shorter = e.add_run("gd-l2:l2=5");
  const int fine = e.add_run("gd-l2:l2=20");
  const int est = e.add_run("gd-l2");
  const StepNote n_half = e.find_run(half)->note();
  EXPECT_TRUE(n_half.warns);
  EXPECT_TRUE(contains(n_half.text, "fixed L₂ = 10 = λ_max/2")) << n_half.text;
  EXPECT_TRUE(contains(n_half.text, "oscillates forever")) << n_half.text;
  EXPECT_TRUE(contains(e.find_run(shorter)->note().text, "diverges")) << e.find_run(shorter)->note().text;
  EXPECT_FALSE(e.find_run(fine)->note().warns) << e.find_run(fine)->note().text;
  EXPECT_EQ(e.find_run(est)->note().text, "");  // nothing estimated yet
  e.step_all(1);
  const std::string n_est = e.find_run(est)->note().text;
  EXPECT_TRUE(contains(n_est, "L₂ = 20 estimated at step 0")) << n_est;
  EXPECT_TRUE(contains(n_est, "charged")) << n_est;
  // A slider set to a fixed value replaces the estimate's note with the check; back to 0 re-estimates here.
  e.set_param(est, "l2", 10.0);
  EXPECT_TRUE(e.find_run(est)->note().warns);
  e.set_param(est, "l2", 0.0);
  const std::int64_t before = e.find_run(est)->evals();
  e.step_all(1);
  EXPECT_GT(e.find_run(est)->evals() - before, 1);
  EXPECT_TRUE(contains(e.find_run(est)->note().text, "estimated at step 1")) << e.find_run(est)->note().text;

  Experiment r(kRotated);
  const int linf = r.add_run("steepest-linf:linf=50");
  const StepNote n = r.find_run(linf)->note();
  EXPECT_TRUE(n.warns);
  EXPECT_TRUE(contains(n.text, "fixed L∞ = 50 < L∞/2")) << n.text;
}

TEST(StepConstant, LinfSteepestDemoEndsWithSteepestLinfBelowGdL2) {
  const Scenario* demo = nullptr;
  for (const Scenario& s : builtin_scenarios())
    if (s.name == "linf-steepest") demo = &s;
  ASSERT_NE(demo, nullptr);
  Experiment e(demo->problem);
  int linf = -1, l2 = -1;
  for (const std::string& spec : demo->optimizers) {
    const int id = e.add_run(spec);
    if (resolve_optimizer(spec).info->name == "steepest-linf") linf = id;
    if (resolve_optimizer(spec).info->name == "gd-l2") l2 = id;
  }
  ASSERT_GE(linf, 0);
  ASSERT_GE(l2, 0);
  e.step_all(200);
  const signlab::Run& a = *e.find_run(linf);
  const signlab::Run& b = *e.find_run(l2);
  EXPECT_LT(a.metrics().loss, b.metrics().loss);
  EXPECT_EQ(a.state(), RunState::Running);
  EXPECT_EQ(b.state(), RunState::Running);
  // Its claim survives the rotation the demo invites (θ to 1): no divergence, both still converge.
  const std::string spec = demo->problem;
  const std::size_t at = spec.find("theta=0");
  ASSERT_NE(at, std::string::npos);
  e.set_problem(spec.substr(0, at) + "theta=1" + spec.substr(at + 7));
  const double f0 = e.find_run(linf)->metrics().loss;
  e.step_all(300);
  EXPECT_EQ(e.find_run(linf)->state(), RunState::Running);
  EXPECT_LT(e.find_run(linf)->metrics().loss, 1e-6 * f0);
  EXPECT_LT(e.find_run(l2)->metrics().loss, 1e-6 * f0);
}

}  // namespace
}  // namespace signlab
