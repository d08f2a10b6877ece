// `signlab geometry`: the documented JSON keys with known values, the table, and one-line errors.
#include <gtest/gtest.h>

#include "tests/cli/cli_harness.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;

using signlab::cli_test::Result;
using signlab::cli_test::slurp;

fs::path temp_dir() {
  static const fs::path dir = signlab::cli_test::temp_dir("geometry_cli_test");
  return dir;
}

Result run(const std::string& args) { return signlab::cli_test::run_signlab(temp_dir(), args); }

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

const std::vector<std::string> kKeys = {
    "d",          "rho_diag",   "diag_frob_share", "lambda_max", "lambda_min",       "lambda_mean",
    "ratio_max_mean", "linf_exact", "linf_lower", "linf_upper", "linf_method",    "l2_smooth",
    "grad_l1",    "grad_l2",    "grad_l1_l2_ratio", "sqrt_d",  "density",          "progress_ratio"};

TEST(GeometryCli, JsonHasTheDocumentedKeysAndKnownValues) {
  // H = diag(100, 1), g = H·(1, 1) = (100, 1).
  const Result r = run("geometry --problem quadratic:cond=100,angle=0 --at 1,1 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 1) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& k : kKeys) EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["d"], 2);
  EXPECT_NEAR(j["rho_diag"].get<double>(), 1.0, 1e-15);
  EXPECT_NEAR(j["diag_frob_share"].get<double>(), 1.0, 1e-15);
  EXPECT_NEAR(j["lambda_max"].get<double>(), 100.0, 1e-10);
  EXPECT_NEAR(j["lambda_min"].get<double>(), 1.0, 1e-10);
  EXPECT_NEAR(j["lambda_mean"].get<double>(), 50.5, 1e-12);
  EXPECT_NEAR(j["ratio_max_mean"].get<double>(), 100.0 / 50.5, 1e-12);
  EXPECT_NEAR(j["linf_exact"].get<double>(), 101.0, 1e-10);
  EXPECT_NEAR(j["linf_lower"].get<double>(), 101.0, 1e-10);
  EXPECT_NEAR(j["linf_upper"].get<double>(), 101.0, 1e-10);
  EXPECT_NE(j["linf_method"].get<std::string>().find("exact"), std::string::npos);
  EXPECT_NEAR(j["l2_smooth"].get<double>(), 100.0, 1e-10);
  EXPECT_NEAR(j["grad_l1"].get<double>(), 101.0, 1e-12);
  EXPECT_NEAR(j["grad_l2"].get<double>(), std::sqrt(10001.0), 1e-12);
  EXPECT_NEAR(j["grad_l1_l2_ratio"].get<double>(), 101.0 / std::sqrt(10001.0), 1e-12);
  EXPECT_NEAR(j["sqrt_d"].get<double>(), std::sqrt(2.0), 1e-15);
  const double density = 101.0 * 101.0 / (2.0 * 10001.0);
  EXPECT_NEAR(j["density"].get<double>(), density, 1e-12);
  EXPECT_NEAR(j["progress_ratio"].get<double>(), density * 2.0 * 100.0 / 101.0, 1e-10);
}

TEST(GeometryCli, BracketAboveTheEnumerationLimitAndDefaultStart) {
  const Result r = run("geometry --problem quadratic:d=30,ratio=10,theta=0.5,seed=3 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["d"], 30);
  EXPECT_TRUE(j["linf_exact"].is_null());
  EXPECT_LE(j["linf_lower"].get<double>(), j["linf_upper"].get<double>());
  EXPECT_NE(j["linf_method"].get<std::string>().find("bracket"), std::string::npos);
  EXPECT_NEAR(j["lambda_max"].get<double>(), 10.0, 1e-9);
  EXPECT_NEAR(j["ratio_max_mean"].get<double>(), 10.0, 1e-9);
  EXPECT_LT(j["rho_diag"].get<double>(), 1.0);
  EXPECT_NEAR(j["sqrt_d"].get<double>(), std::sqrt(30.0), 1e-14);
}

TEST(GeometryCli, HessianFromAFile) {
  const fs::path csv = temp_dir() / "h.csv";
  std::ofstream(csv) << "2,1,0\n1,3,0\n0,0,-1\n";
  const Result r = run("geometry --problem quadratic:hessian=" + csv.string() + " --at 1,0,0 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["d"], 3);
  EXPECT_NEAR(j["rho_diag"].get<double>(), 6.0 / 8.0, 1e-15);
  EXPECT_NEAR(j["grad_l1"].get<double>(), 3.0, 1e-15);  // g = H·e₁ = (2, 1, 0)
  EXPECT_NEAR(j["linf_exact"].get<double>(), 3.0 + 4.0 + 1.0, 1e-12);  // s = (1, 1, ±1)
  EXPECT_LT(j["lambda_min"].get<double>(), 0.0);
}

TEST(GeometryCli, ZeroGradientGivesNulls) {
  const Result r = run("geometry --problem quadratic --at 0,0 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["density"].is_null());
  EXPECT_TRUE(j["progress_ratio"].is_null());
  EXPECT_EQ(j["grad_l1"].get<double>(), 0.0);
}

TEST(GeometryCli, TableWithoutJson) {
  const Result r = run("geometry --problem rosenbrock --at -1,1");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* k : {"rho_diag", "lambda_max", "L_inf", "progress_ratio", "density"})
    EXPECT_NE(r.out.find(k), std::string::npos) << k << "\n" << r.out;
}

TEST(GeometryCli, ErrorsAreOneLineWithExitCode2) {
  struct Case {
    std::string args, want;
  };
  const std::vector<Case> cases = {
      {"geometry --problem rosenbrock --at 1,2,3", "--at"},
      {"geometry --problem rosenbrock --at 1,x", "'x'"},
      {"geometry --problem banana --at 1,2", "banana"},
      {"geometry --problem quadratic:d=4,cond=3", "cond"},
      {"geometry --problem quadratic:hessian=/nonexistent.csv", "cannot read"},
      {"geometry --at 1,2", "--problem"},
      {"geometry --problem rosenbrock --bogus 1", "--bogus"},
  };
  for (const auto& c : cases) {
    const Result r = run(c.args);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_EQ(count_lines(r.err), 1) << c.args << ": " << r.err;
    EXPECT_NE(r.err.find(c.want), std::string::npos) << c.args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.args;
  }
}

}  // namespace
