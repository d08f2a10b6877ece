// Optimizer update rules checked against hand arithmetic (ALGORITHMS.md, "Baselines" and "Sign methods").
// The references below are written as scalar formulas per coordinate, deliberately not sharing any code
// with core/optim, on f(x) = ½xᵀHx with H = [[3, 1], [1, 2]] (non-diagonal, so coordinates interact):
//   g1 = 3·x1 + x2,   g2 = x1 + 2·x2.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/optim/adam.hpp"
#include "core/optim/optimizer.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/optim/sgd_momentum.hpp"
#include "core/optim/sign_methods.hpp"
#include "core/spec/spec_parse.hpp"
#include "tests/core/test_problems.hpp"

namespace signlab {
namespace {

using test::DenseQuadratic;

// 1e-12 relative, as the brief asks; an exact 0 must be matched exactly.
void expect_rel(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, 1e-12 * std::abs(expected)) << what;
}

// Steps `opt` once from x on H2 and compares with the hand values (a1, a2).
struct Bench2 {
  DenseQuadratic problem = DenseQuadratic::h2();
  Oracle oracle{problem};
  std::vector<double> x{1.0, -2.0};

  void step_and_check(Optimizer& opt, double a1, double a2, int t) {
    opt.step(x, oracle);
    expect_rel(x[0], a1, "x1 after step " + std::to_string(t));
    expect_rel(x[1], a2, "x2 after step " + std::to_string(t));
  }
};

template <class Opt, class... Args>
std::unique_ptr<Opt> make(const ParamValues& values, Args... args) {
  auto opt = std::make_unique<Opt>(args...);
  opt->configure(values);
  opt->reset(2);
  return opt;
}

bool message_has(const SpecError& e, const std::string& part) {
  return std::string(e.what()).find(part) != std::string::npos;
}

// ---- baselines ----------------------------------------------------------------------------------

TEST(OptimBaselines, SgdFirstThreeSteps) {
  auto opt = make<Sgd>({{"lr", 0.1}});
  Bench2 b;
  // g = (3 − 2, 1 − 4) = (1, −3)               → x = (1 − 0.1, −2 + 0.3)     = (0.9, −1.7)
  b.step_and_check(*opt, 0.9, -1.7, 1);
  // g = (2.7 − 1.7, 0.9 − 3.4) = (1, −2.5)     → x = (0.9 − 0.1, −1.7 + 0.25) = (0.8, −1.45)
  b.step_and_check(*opt, 0.8, -1.45, 2);
  // g = (2.4 − 1.45, 0.8 − 2.9) = (0.95, −2.1) → x = (0.8 − 0.095, −1.45 + 0.21) = (0.705, −1.24)
  b.step_and_check(*opt, 0.705, -1.24, 3);
}

void check_momentum(bool nesterov) {
  const double lr = 0.05, mu = 0.8;
  auto opt = make<Momentum>({{"lr", lr}, {"mu", mu}, {"nesterov", nesterov ? 1.0 : 0.0}});
  Bench2 b;
  double x1 = 1.0, x2 = -2.0, b1 = 0.0, b2 = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const double g1 = 3.0 * x1 + x2;
    const double g2 = x1 + 2.0 * x2;
    b1 = mu * b1 + g1;
    b2 = mu * b2 + g2;
    if (nesterov) {
      x1 = x1 - lr * (g1 + mu * b1);
      x2 = x2 - lr * (g2 + mu * b2);
    } else {
      x1 = x1 - lr * b1;
      x2 = x2 - lr * b2;
    }
    b.step_and_check(*opt, x1, x2, t);
  }
}

TEST(OptimBaselines, MomentumFirstThreeSteps) {
  // Step 1 by hand: g = (1, −3), b = g, x = (1 − 0.05, −2 + 0.15) = (0.95, −1.85).
  check_momentum(false);
}

TEST(OptimBaselines, NesterovFirstThreeSteps) {
  // Step 1 by hand: b = g = (1, −3), x = x − 0.05·(g + 0.8·g) = (1 − 0.09, −2 + 0.27) = (0.91, −1.73).
  check_momentum(true);
}

TEST(OptimBaselines, MomentumStepOneLiteral) {
  auto plain = make<Momentum>({{"lr", 0.05}, {"mu", 0.8}, {"nesterov", 0.0}});
  auto nest = make<Momentum>({{"lr", 0.05}, {"mu", 0.8}, {"nesterov", 1.0}});
  Bench2 a, b;
  a.step_and_check(*plain, 0.95, -1.85, 1);
  b.step_and_check(*nest, 0.91, -1.73, 1);
}

// torch Adam/AdamW by hand; `decoupled` selects adamw's shrink instead of adam's L2 term.
void check_adam(bool decoupled) {
  const double lr = 0.05, beta1 = 0.8, beta2 = 0.95, eps = 1e-3, wd = decoupled ? 0.2 : 0.1;
  const ParamValues values{{"lr", lr}, {"beta1", beta1}, {"beta2", beta2}, {"eps", eps}, {"wd", wd}};
  auto opt = make<Adam>(values, decoupled ? Adam::Decay::Decoupled : Adam::Decay::L2);
  Bench2 b;
  double x1 = 1.0, x2 = -2.0, m1 = 0.0, m2 = 0.0, v1 = 0.0, v2 = 0.0;
  for (int t = 1; t <= 3; ++t) {
    double g1 = 3.0 * x1 + x2;
    double g2 = x1 + 2.0 * x2;
    if (decoupled) {
      x1 = x1 * (1.0 - lr * wd);
      x2 = x2 * (1.0 - lr * wd);
    } else {
      g1 = g1 + wd * x1;
      g2 = g2 + wd * x2;
    }
    m1 = beta1 * m1 + (1.0 - beta1) * g1;
    m2 = beta1 * m2 + (1.0 - beta1) * g2;
    v1 = beta2 * v1 + (1.0 - beta2) * g1 * g1;
    v2 = beta2 * v2 + (1.0 - beta2) * g2 * g2;
    const double c1 = 1.0 - std::pow(beta1, t);
    const double c2 = 1.0 - std::pow(beta2, t);
    x1 = x1 - lr * (m1 / c1) / (std::sqrt(v1 / c2) + eps);
    x2 = x2 - lr * (m2 / c1) / (std::sqrt(v2 / c2) + eps);
    b.step_and_check(*opt, x1, x2, t);
  }
  EXPECT_EQ(opt->steps(), 3);
}

TEST(OptimBaselines, AdamL2FirstThreeSteps) { check_adam(false); }

TEST(OptimBaselines, AdamWFirstThreeSteps) { check_adam(true); }

TEST(OptimBaselines, AdamStepOneIsNearlyASignStep) {
  // At t = 1, m̂ = g and v̂ = g², so each coordinate moves by lr·|g|/(|g| + ε) against g.
  // adam, wd = 0.1: g = (1 + 0.1, −3 − 0.2) = (1.1, −3.2).
  auto opt = make<Adam>({{"lr", 0.05}, {"beta1", 0.8}, {"beta2", 0.95}, {"eps", 1e-3}, {"wd", 0.1}},
                        Adam::Decay::L2);
  Bench2 b;
  b.step_and_check(*opt, 1.0 - 0.05 * 1.1 / 1.101, -2.0 + 0.05 * 3.2 / 3.201, 1);
}

// ---- sign methods -------------------------------------------------------------------------------

TEST(OptimSign, SignSgdFirstThreeSteps) {
  auto opt = make<SignSgd>({{"lr", 0.1}});
  Bench2 b;
  // g = (1, −3)          → x = (0.9, −1.9)
  b.step_and_check(*opt, 0.9, -1.9, 1);
  // g = (0.8, −2.9)      → x = (0.8, −1.8)
  b.step_and_check(*opt, 0.8, -1.8, 2);
  // g = (0.6, −2.8)      → x = (0.7, −1.7)
  b.step_and_check(*opt, 0.7, -1.7, 3);
}

double hand_sign(double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); }

TEST(OptimSign, SignumFirstThreeSteps) {
  // lr is large enough that g1 changes sign at step 2 while m1 does not (|m| ≥ 0.18 throughout, far
  // from a rounding-sensitive 0), so a Signum that took sign(g) instead of sign(m) would fail here.
  const double lr = 0.5, beta = 0.7, wd = 0.2;
  auto opt = make<Signum>({{"lr", lr}, {"beta", beta}, {"wd", wd}});
  Bench2 b;
  double x1 = 1.0, x2 = -2.0, m1 = 0.0, m2 = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const double g1 = 3.0 * x1 + x2;
    const double g2 = x1 + 2.0 * x2;
    m1 = beta * m1 + (1.0 - beta) * g1;
    m2 = beta * m2 + (1.0 - beta) * g2;
    x1 = x1 - lr * (hand_sign(m1) + wd * x1);
    x2 = x2 - lr * (hand_sign(m2) + wd * x2);
    b.step_and_check(*opt, x1, x2, t);
  }
}

TEST(OptimSign, SignumStepOneLiteral) {
  // m = 0.3·(1, −3); x = (1 − 0.1·(1 + 0.2), −2 − 0.1·(−1 − 0.4)) = (0.88, −1.86).
  auto opt = make<Signum>({{"lr", 0.1}, {"beta", 0.7}, {"wd", 0.2}});
  Bench2 b;
  b.step_and_check(*opt, 0.88, -1.86, 1);
}

TEST(OptimSign, LionFirstThreeSteps) {
  // From (0.5, 1) the gradient flips sign within three steps, so sign(c) depends on the momentum:
  // memory decaying with β1 instead of β2, swapped betas, or c = g would each give another path.
  // min |c| over the three steps is about 0.15, so rounding cannot flip a sign.
  const double lr = 0.4, beta1 = 0.5, beta2 = 0.9, wd = 0.1;
  auto opt = make<Lion>({{"lr", lr}, {"beta1", beta1}, {"beta2", beta2}, {"wd", wd}});
  Bench2 b;
  b.x = {0.5, 1.0};
  double x1 = 0.5, x2 = 1.0, m1 = 0.0, m2 = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const double g1 = 3.0 * x1 + x2;
    const double g2 = x1 + 2.0 * x2;
    const double c1 = beta1 * m1 + (1.0 - beta1) * g1;
    const double c2 = beta1 * m2 + (1.0 - beta1) * g2;
    x1 = x1 * (1.0 - lr * wd) - lr * hand_sign(c1);
    x2 = x2 * (1.0 - lr * wd) - lr * hand_sign(c2);
    m1 = beta2 * m1 + (1.0 - beta2) * g1;
    m2 = beta2 * m2 + (1.0 - beta2) * g2;
    b.step_and_check(*opt, x1, x2, t);
  }
}

TEST(OptimSign, LionFlipPathLiteral) {
  // The same run as above with the arithmetic done on paper (shrink 1 − 0.4·0.1 = 0.96):
  //   t=1: g = (2.5, 2.5), c = 0.5·g → x = (0.48 − 0.4, 0.96 − 0.4) = (0.08, 0.56); m = 0.1·g = (0.25, 0.25)
  //   t=2: g = (0.8, 1.2), c = 0.125 + 0.5·g = (0.525, 0.725) → x = (0.0768 − 0.4, 0.5376 − 0.4)
  //        = (−0.3232, 0.1376); m = 0.225 + 0.1·g = (0.305, 0.345)
  //   t=3: g = (−0.8320, −0.0480), c = 0.5·m + 0.5·g = (−0.2635, 0.1485)
  //        → x = (−0.310272 + 0.4, 0.132096 − 0.4) = (0.089728, −0.267904)
  auto opt = make<Lion>({{"lr", 0.4}, {"beta1", 0.5}, {"beta2", 0.9}, {"wd", 0.1}});
  Bench2 b;
  b.x = {0.5, 1.0};
  b.step_and_check(*opt, 0.08, 0.56, 1);
  b.step_and_check(*opt, -0.3232, 0.1376, 2);
  b.step_and_check(*opt, 0.089728, -0.267904, 3);
}

TEST(OptimSign, LionStepOneLiteral) {
  // c = 0.2·(1, −3); x = (1·0.985 − 0.05, −2·0.985 + 0.05) = (0.935, −1.92).
  auto opt = make<Lion>({{"lr", 0.05}, {"beta1", 0.8}, {"beta2", 0.95}, {"wd", 0.3}});
  Bench2 b;
  b.step_and_check(*opt, 0.935, -1.92, 1);
}

TEST(OptimSign, SignOfZeroIsZero) {
  EXPECT_EQ(sign0(0.0), 0.0);
  EXPECT_EQ(sign0(-0.0), 0.0);
  EXPECT_EQ(sign0(std::numeric_limits<double>::quiet_NaN()), 0.0);
  EXPECT_EQ(sign0(1e-300), 1.0);
  EXPECT_EQ(sign0(-5.0), -1.0);
}

TEST(OptimSign, ZeroGradientCoordinateStaysPut) {
  // At x = (1, −3): g = (3 − 3, 1 − 6) = (0, −5) exactly, so x1 must not move.
  DenseQuadratic problem = DenseQuadratic::h2();
  Oracle oracle(problem);
  auto sgd = make<SignSgd>({{"lr", 0.1}});
  std::vector<double> x{1.0, -3.0};
  sgd->step(x, oracle);
  EXPECT_EQ(x[0], 1.0);
  expect_rel(x[1], -2.9, "x2");

  // LION from zero momentum: c = (1 − β1)·g has the same zero, and wd = 0 leaves x1 alone too.
  auto lion = make<Lion>({{"lr", 0.1}, {"beta1", 0.9}, {"beta2", 0.99}, {"wd", 0.0}});
  std::vector<double> y{1.0, -3.0};
  lion->step(y, oracle);
  EXPECT_EQ(y[0], 1.0);
  expect_rel(y[1], -2.9, "y2");
}

// ---- state handling -----------------------------------------------------------------------------

TEST(OptimConfigure, LrChangeMidRunKeepsAdamState) {
  const double beta1 = 0.8, beta2 = 0.95, eps = 1e-3;
  ParamValues values{{"lr", 0.05}, {"beta1", beta1}, {"beta2", beta2}, {"eps", eps}, {"wd", 0.0}};
  auto opt = make<Adam>(values, Adam::Decay::L2);
  Bench2 b;
  double x1 = 1.0, x2 = -2.0, m1 = 0.0, m2 = 0.0, v1 = 0.0, v2 = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const double lr = t < 3 ? 0.05 : 0.01;  // the slider moves between steps 2 and 3
    if (t == 3) {
      values["lr"] = 0.01;
      opt->configure(values);
    }
    const double g1 = 3.0 * x1 + x2;
    const double g2 = x1 + 2.0 * x2;
    m1 = beta1 * m1 + (1.0 - beta1) * g1;
    m2 = beta1 * m2 + (1.0 - beta1) * g2;
    v1 = beta2 * v1 + (1.0 - beta2) * g1 * g1;
    v2 = beta2 * v2 + (1.0 - beta2) * g2 * g2;
    const double c1 = 1.0 - std::pow(beta1, t);  // t keeps counting across configure()
    const double c2 = 1.0 - std::pow(beta2, t);
    x1 = x1 - lr * (m1 / c1) / (std::sqrt(v1 / c2) + eps);
    x2 = x2 - lr * (m2 / c1) / (std::sqrt(v2 / c2) + eps);
    b.step_and_check(*opt, x1, x2, t);
  }
}

TEST(OptimConfigure, LrChangeMidRunKeepsMomentumBuffer) {
  ParamValues values{{"lr", 0.05}, {"mu", 0.8}, {"nesterov", 0.0}};
  auto opt = make<Momentum>(values);
  Bench2 b;
  double x1 = 1.0, x2 = -2.0, b1 = 0.0, b2 = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const double lr = t < 3 ? 0.05 : 0.01;
    if (t == 3) {
      values["lr"] = 0.01;
      opt->configure(values);
    }
    b1 = 0.8 * b1 + (3.0 * x1 + x2);
    b2 = 0.8 * b2 + (x1 + 2.0 * x2);
    x1 = x1 - lr * b1;
    x2 = x2 - lr * b2;
    b.step_and_check(*opt, x1, x2, t);
  }
}

TEST(OptimConfigure, ResetRestartsTheRun) {
  // After reset, every optimizer repeats its first steps bit for bit (state and Adam's t back to 0).
  DenseQuadratic problem = DenseQuadratic::h2();
  for (const OptimizerInfo& info : optimizer_registry()) {
    auto opt = info.make();
    ParamValues values = default_values(info.params);
    values["lr"] = 0.05;
    opt->configure(values);
    try {
      opt->reset(2);
    } catch (const std::invalid_argument&) {
      continue;  // matrix methods refuse a vector problem (optim_family_test covers them)
    }
    Oracle oracle(problem);
    std::vector<double> first{1.0, -2.0}, second{1.0, -2.0};
    for (int t = 0; t < 3; ++t) opt->step(first, oracle);
    opt->reset(2);
    for (int t = 0; t < 3; ++t) opt->step(second, oracle);
    EXPECT_EQ(first, second) << info.name;
  }
}

TEST(OptimConfigure, EvalsCountOnePerStep) {
  // The one-gradient-per-step methods; the others' costs are checked in optim_family_test.
  DenseQuadratic problem = DenseQuadratic::h2();
  // steepest-linf and gd-l2 with a given constant (their default estimate costs more, once: step_constant_test).
  for (const char* name : {"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion", "auto-lr",
                           "steepest-linf:linf=8", "gd-l2:l2=4"}) {
    auto opt = make_optimizer(resolve_optimizer(name), 2);
    Oracle oracle(problem);
    std::vector<double> x{1.0, -2.0};
    for (int t = 1; t <= 5; ++t) {
      opt->step(x, oracle);
      EXPECT_EQ(oracle.evals(), t) << name;
    }
  }
}

TEST(OptimConfigure, AnyDimensionDescends) {
  // d = 7, dense SPD H = I + 0.1·11ᵀ: every optimizer with its defaults lowers f over 200 steps.
  const int d = 7;
  std::vector<double> h(d * d, 0.1);
  for (int i = 0; i < d; ++i) h[i * d + i] += 1.0;
  DenseQuadratic problem(d, h);
  for (const std::string& name : optimizer_names()) {
    std::unique_ptr<Optimizer> opt;
    try {
      opt = make_optimizer(resolve_optimizer(name), problem);
    } catch (const std::invalid_argument&) {
      continue;  // matrix methods need a matrix parameter (matrix_lsq_test runs them)
    }
    Oracle oracle(problem);
    std::vector<double> x(d);
    for (int i = 0; i < d; ++i) x[i] = (i % 2 ? -1.0 : 1.0) * (1.0 + i);
    const double f0 = problem.value(x);
    for (int t = 0; t < 200; ++t) opt->step(x, oracle);
    const double f1 = problem.value(x);
    EXPECT_TRUE(std::isfinite(f1)) << name;
    EXPECT_LT(f1, f0) << name;
  }
}

// ---- registry -----------------------------------------------------------------------------------

TEST(OptimRegistry, FixedOrderAndCompleteEntries) {
  const std::vector<std::string> expected{"sgd", "momentum", "adam", "adamw", "signsgd", "signum", "lion"};
  const std::vector<std::string> names = optimizer_names();
  ASSERT_GE(names.size(), expected.size());
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 7), expected);  // the family follows
  for (const OptimizerInfo& info : optimizer_registry()) {
    EXPECT_FALSE(info.label.empty()) << info.name;
    EXPECT_FALSE(info.summary.empty()) << info.name;
    if (std::find(expected.begin(), expected.end(), info.name) != expected.end()) {
      EXPECT_EQ(info.provenance, "exact") << info.name;
    }
    ASSERT_TRUE(info.make) << info.name;
    EXPECT_EQ(find_optimizer(info.name), &info);
    for (const ParamSpec& p : info.params) {
      EXPECT_FALSE(p.help.empty()) << info.name << "." << p.name;
      EXPECT_LE(p.min, p.def) << info.name << "." << p.name;
      EXPECT_LE(p.def, p.max) << info.name << "." << p.name;
    }
  }
  EXPECT_FALSE(find_optimizer("lion")->guidance.empty());
  EXPECT_EQ(find_optimizer("nope"), nullptr);
}

TEST(OptimRegistry, DefaultsFromAlgorithmsMd) {
  const ResolvedOptimizer adam = resolve_optimizer("adam");
  EXPECT_EQ(adam.values.at("lr"), 1e-3);
  EXPECT_EQ(adam.values.at("beta1"), 0.9);
  EXPECT_EQ(adam.values.at("beta2"), 0.999);
  EXPECT_EQ(adam.values.at("eps"), 1e-8);
  EXPECT_EQ(adam.values.at("wd"), 0.0);
  EXPECT_EQ(resolve_optimizer("adamw").values.at("wd"), 1e-2);
  const ResolvedOptimizer lion = resolve_optimizer("lion");
  EXPECT_EQ(lion.values.at("lr"), 1e-4);
  EXPECT_EQ(lion.values.at("beta1"), 0.9);
  EXPECT_EQ(lion.values.at("beta2"), 0.99);
  EXPECT_EQ(lion.values.at("wd"), 0.0);
  const ResolvedOptimizer signum = resolve_optimizer("signum");
  EXPECT_EQ(signum.values.at("beta"), 0.9);
  EXPECT_EQ(signum.values.at("wd"), 0.0);
}

TEST(OptimRegistry, ResolveOverridesDefaults) {
  const ResolvedOptimizer r = resolve_optimizer("lion:lr=1e-3,beta1=0.95");
  ASSERT_NE(r.info, nullptr);
  EXPECT_EQ(r.info->name, "lion");
  EXPECT_EQ(r.values.at("lr"), 1e-3);
  EXPECT_EQ(r.values.at("beta1"), 0.95);
  EXPECT_EQ(r.values.at("beta2"), 0.99);  // default kept
  EXPECT_EQ(resolve_optimizer("momentum:nesterov=1").values.at("nesterov"), 1.0);
}

TEST(OptimRegistry, UnknownNameListsAllowed) {
  try {
    resolve_optimizer("lamb:lr=1");
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_TRUE(message_has(e, "unknown optimizer 'lamb'")) << e.what();
    EXPECT_TRUE(message_has(e, "sgd, momentum, adam, adamw, signsgd, signum, lion")) << e.what();
  }
}

TEST(OptimRegistry, UnknownKeyNamed) {
  try {
    resolve_optimizer("lion:gamma=0.5");
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_TRUE(message_has(e, "gamma")) << e.what();
    EXPECT_TRUE(message_has(e, "lion")) << e.what();
  }
}

TEST(OptimRegistry, OutOfRangeNamed) {
  try {
    resolve_optimizer("adam:beta1=1.5");
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_TRUE(message_has(e, "beta1")) << e.what();
    EXPECT_TRUE(message_has(e, "adam")) << e.what();
  }
  EXPECT_THROW(resolve_optimizer("signsgd:lr=0"), SpecError);  // below the log-scale floor 1e-8
  EXPECT_THROW(resolve_optimizer("momentum:nesterov=0.5"), SpecError);  // a toggle is 0 or 1
}

TEST(OptimRegistry, MalformedNumberNamed) {
  try {
    resolve_optimizer("signum:lr=1e-3x");
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_TRUE(message_has(e, "1e-3x")) << e.what();
    EXPECT_TRUE(message_has(e, "lr")) << e.what();
  }
}

TEST(OptimRegistry, MakeOptimizerConfiguresAndResets) {
  // adamw defaults from the registry: step 1 is the hand formula with lr 1e-3, wd 1e-2, eps 1e-8.
  auto opt = make_optimizer(resolve_optimizer("adamw"), 2);
  Bench2 b;
  const double shrink = 1.0 - 1e-3 * 1e-2;
  // g = (1, −3); m̂ = g, √v̂ = |g|.
  b.step_and_check(*opt, 1.0 * shrink - 1e-3 * 1.0 / (1.0 + 1e-8), -2.0 * shrink + 1e-3 * 3.0 / (3.0 + 1e-8), 1);
}

}  // namespace
}  // namespace signlab
