// The Fashion-MNIST problems through the CLI: a few signSGD steps on the real data decrease the loss from
// ln 10, and missing data files make `run` fail with one line that says how to install them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_harness.hpp"

namespace {

namespace fs = std::filesystem;
using signlab::cli_test::Result;

fs::path temp_dir() {
  static const fs::path dir = signlab::cli_test::temp_dir("fmnist_cli_test");
  return dir;
}

Result run(const std::string& args) { return signlab::cli_test::run_signlab(temp_dir(), args); }

// The loss column of each row of `name` in a `run` CSV (header run,step,evals,loss,...).
std::vector<double> losses(const std::string& csv, const std::string& name) {
  std::vector<double> out;
  std::stringstream ss(csv);
  std::string line;
  while (std::getline(ss, line)) {
    if (line.rfind(name + ",", 0) != 0) continue;
    std::stringstream row(line);
    std::string cell;
    for (int k = 0; k < 4; ++k) std::getline(row, cell, ',');
    out.push_back(std::stod(cell));
  }
  return out;
}

TEST(CliFmnist, SignSgdStepsDecreaseTheLogregLoss) {
  const Result r = run("run --problem fmnist-logreg:n=200,l2=0 --opt signsgd:lr=1e-3 --steps 20 --every 5 --csv -");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<double> f = losses(r.out, "signsgd");
  ASSERT_EQ(f.size(), 5u) << r.out;  // steps 0, 5, 10, 15, 20
  EXPECT_NEAR(f[0], std::log(10.0), 1e-6);  // x = 0, float32 path
  for (std::size_t k = 1; k < f.size(); ++k) EXPECT_LT(f[k], f[k - 1]) << "step " << 5 * k;
  EXPECT_LT(f.back(), f.front() - 0.1);
}

TEST(CliFmnist, SignSgdStepsDecreaseTheMlpLoss) {
  const Result r = run("run --problem fmnist-mlp:n=200,width=4 --opt signsgd:lr=1e-3 --steps 10 --every 10 --csv -");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<double> f = losses(r.out, "signsgd");
  ASSERT_EQ(f.size(), 2u) << r.out;
  EXPECT_LT(f[1], f[0]);
}

TEST(CliFmnist, MissingDataSaysHowToInstallIt) {
  const fs::path empty = temp_dir() / "no-data";
  fs::create_directories(empty);
  ::setenv("SIGNLAB_FASHION_MNIST_DIR", empty.c_str(), 1);
  const Result r = run("run --problem fmnist-logreg --opt signsgd --steps 1 --csv -");
  ::unsetenv("SIGNLAB_FASHION_MNIST_DIR");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("scripts/install-deps.sh"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("train-images-idx3-ubyte.gz"), std::string::npos) << r.err;
}

}  // namespace
