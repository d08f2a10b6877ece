// The CLI contract (DESIGN.md): `run` writes the documented CSV; every kind of bad input exits non-zero
// with one line naming the bad part; `landscape` writes PNG and CSV; `shot` renders real GUI frames
// (these need a display: `make test` runs the suite under xvfb-run).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/registry_test_names.hpp"

#include "tests/cli/cli_harness.hpp"

#include <array>
#include <cctype>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/problems/problem_registry.hpp"
#include "stb_image.h"

namespace {

namespace fs = std::filesystem;

using signlab::cli_test::Result;
using signlab::cli_test::slurp;

fs::path temp_dir() {
  static const fs::path dir = signlab::cli_test::temp_dir("cli_test");
  return dir;
}

Result run(const std::string& args) { return signlab::cli_test::run_signlab(temp_dir(), args); }

std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(Cli, RunWritesTheDocumentedCsv) {
  const fs::path csv = temp_dir() / "run.csv";
  const Result r = run("run --problem rosenbrock --opt signsgd:lr=1e-3 --opt lion --opt lion:lr=1e-3 --steps 10 "
                       "--every 5 --seed 3 --start 0.5,-0.25 --csv " + csv.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = read_csv(csv);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"run", "step", "evals", "loss", "grad_l2", "grad_l1", "x0", "x1"}));
  ASSERT_EQ(rows.size(), 1u + 3u * 3u);  // steps 0, 5, 10 for each of three runs
  EXPECT_EQ(rows[1][0], "signsgd");
  EXPECT_EQ(rows[4][0], "lion_1");
  EXPECT_EQ(rows[7][0], "lion_2");
  EXPECT_EQ(rows[1][1], "0");
  EXPECT_EQ(rows[2][1], "5");
  EXPECT_EQ(rows[3][1], "10");
  EXPECT_EQ(rows[3][2], "10");  // one gradient per step
  // Step 0 is the start, and its loss is Rosenbrock's there.
  const double x = std::stod(rows[1][6]), y = std::stod(rows[1][7]);
  EXPECT_EQ(x, 0.5);
  EXPECT_EQ(y, -0.25);
  EXPECT_NEAR(std::stod(rows[1][3]), (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), 1e-12);
  // signSGD moves every coordinate by exactly lr per step here: ∇f = (99, −100) at the start and
  // keeps its signs for these five steps.
  EXPECT_NEAR(std::stod(rows[2][6]), 0.5 - 5e-3, 1e-12);
  EXPECT_NEAR(std::stod(rows[2][7]), -0.25 + 5e-3, 1e-12);
}

TEST(Cli, RunToStdoutRoundTripsNumbers) {
  const Result r = run("run --problem quadratic:cond=3,angle=10 --opt sgd:lr=0.1 --steps 3 --csv -");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 5);
  EXPECT_NE(r.out.find("sgd,3,3,"), std::string::npos);
}

TEST(Cli, NoisyRunsAreFixedByTheSeedAndChargeEveryOracleCall) {
  const std::string base = "run --problem quadratic:cond=10,angle=20 --opt ssvr --opt signsgd:lr=1e-3 --steps 20 "
                           "--noise gauss:sigma=20 --csv - --seed ";  // σ ≫ ‖∇f‖: signs flip
  const Result a = run(base + "7"), b = run(base + "7"), c = run(base + "8");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);  // same seed: the same samples, bit for bit
  EXPECT_NE(a.out, c.out);  // another seed: other samples
  // ssvr evaluates two gradients per step after its first: 1 + 2·19 = 39 oracle calls at step 20.
  EXPECT_NE(a.out.find("ssvr,20,39,"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("signsgd,20,20,"), std::string::npos);
  const Result exact = run("run --problem quadratic:cond=10,angle=20 --opt signsgd:lr=1e-3 --steps 20 --csv -");
  const Result none = run("run --problem quadratic:cond=10,angle=20 --opt signsgd:lr=1e-3 --steps 20 --csv - "
                          "--noise none --seed 7");
  EXPECT_EQ(exact.out, none.out);
}

TEST(Cli, SsvrFsWithoutAFiniteSumIsRefusedWithTheFix) {
  // The issue's command: without components=M, ssvr-fs got the exact gradient for one evaluation per pass.
  const Result r = run("run --problem quadratic:d=50,ratio=10,theta=0.5 --noise gauss:sigma=5 --seed 1 "
                       "--opt ssvr-fs:lr=0.002 --opt signsgd:lr=0.002 --steps 2000 --every 2000 --csv -");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("add components=M"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--noise gauss:sigma=5,components=100"), std::string::npos) << r.err;
  // With the finite sum it runs, and its full passes cost m = 100 gradients each.
  const Result ok = run("run --problem quadratic:d=50,ratio=10,theta=0.5 --noise gauss:sigma=5,components=100 "
                        "--seed 1 --opt ssvr-fs:lr=0.002 --steps 100 --every 100 --csv -");
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("ssvr-fs,100,298,"), std::string::npos) << ok.out;  // 100 + 2·99
}

TEST(Cli, LargeDimensionalRunsStepOnTheFloatKernelsAndKeepTheContract) {
  // separable:d=20000,cond=100 from all ones; signSGD moves every coordinate by exactly lr a step, so after
  // 10 steps of lr 0.01 every x_i = 0.9 and f = ½·0.81·Σλ_i (Σλ_i computed here from the definition).
  const Result r = run("run --problem separable:d=20000,cond=100 --opt signsgd:lr=0.01 --opt adam --steps 10 "
                       "--every 10 --csv -");
  ASSERT_EQ(r.code, 0) << r.err;
  std::stringstream ss(r.out);
  std::string header, row0, row10;
  std::getline(ss, header);
  std::getline(ss, row0);
  std::getline(ss, row10);
  EXPECT_EQ(header, "run,step,evals,loss,grad_l2,grad_l1");  // no x columns for d > 8
  double sum = 0;
  for (int i = 0; i < 20000; ++i) sum += static_cast<float>(std::exp(-std::log(100.0) * i / 19999.0));
  EXPECT_EQ(row0.rfind("signsgd,0,0,", 0), 0u) << row0;
  EXPECT_NEAR(std::stod(row0.substr(12)), 0.5 * sum, 1e-6 * sum);
  EXPECT_EQ(row10.rfind("signsgd,10,10,", 0), 0u) << row10;
  EXPECT_NEAR(std::stod(row10.substr(14)), 0.5 * 0.81 * sum, 1e-5 * sum);
  EXPECT_NE(r.out.find("adam,10,10,"), std::string::npos);
}

struct BadCase {
  const char* args;
  const char* must_mention;
};

class CliBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(CliBadInput, ExitsNonZeroWithOneLineNamingTheBadPart) {
  const BadCase c = GetParam();
  const std::string csv = (temp_dir() / "bad.csv").string();
  std::string args = c.args;
  if (args.find("--csv") == std::string::npos && args.rfind("run", 0) == 0) args += " --csv " + csv;
  const Result r = run(args);
  EXPECT_NE(r.code, 0) << args;
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(c.must_mention), std::string::npos) << "stderr: " << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cli, CliBadInput,
    ::testing::Values(
        BadCase{"run --problem nosuch --opt sgd --steps 5", "nosuch"},
        BadCase{"run --problem nosuch --opt sgd --steps 5", "rosenbrock"},  // lists what is allowed
        BadCase{"run --problem rosenbrock --opt nosuchopt --steps 5", "nosuchopt"},
        BadCase{"run --problem rosenbrock --opt nosuchopt --steps 5", "lion"},
        BadCase{"run --problem rosenbrock --opt lion:betta=0.9 --steps 5", "betta"},
        BadCase{"run --problem rosenbrock --opt lion:betta=0.9 --steps 5", "beta1"},
        BadCase{"run --problem rosenbrock --opt lion:beta1=1.5 --steps 5", "beta1"},
        BadCase{"run --problem rosenbrock --opt lion:beta1=1.5 --steps 5", "range"},
        BadCase{"run --problem rosenbrock --opt lion:lr=abc --steps 5", "abc"},
        BadCase{"run --problem quadratic:cond=1e9 --opt sgd --steps 5", "cond"},
        BadCase{"run --problem quadratic:cond=x1 --opt sgd --steps 5", "x1"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5x", "--steps"},
        BadCase{"run --problem rosenbrock --opt sgd --steps -3", "--steps"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --start 1,2,3", "coordinates"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --start 1,zz", "zz"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --bogus 1", "--bogus"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --csv /nonexistent-dir/x.csv", "/nonexistent-dir/x.csv"},
        BadCase{"run --opt sgd --steps 5", "--problem"},
        BadCase{"landscape --problem rosenbrock --png /nonexistent-dir/x.png", "/nonexistent-dir/x.png"},
        BadCase{"landscape --problem rosenbrock --range 1:0,0:1 --png x.png", "--range"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --noise pink:sigma=1", "pink"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --noise gauss:sigma=-1", "sigma"},
        BadCase{"run --problem rosenbrock --opt sgd --steps 5 --noise student:nu=abc", "abc"},
        BadCase{"run --problem rosenbrock --opt muon --steps 5", "muon"},
        BadCase{"shot --curves-x bits --png x.png", "--curves-x 'bits' (allowed: step, evals, time)"},
        BadCase{"frobnicate", "frobnicate"}));

// Every argument is checked before anything costly is built: each case here would otherwise build a
// d = 10⁸ problem (seconds, gigabytes), ten million finite-sum components (minutes), a dense d = 2000
// rotation or read the Fashion-MNIST files (pointed at a folder that does not exist, so reading fails
// with another message) before finding the bad part.
TEST(Cli, BadArgumentsAreFoundBeforeAnythingCostlyIsBuilt) {
  const std::string big = "--problem separable:d=100000000 ";
  const std::string no_data = "";  // the data folder is pointed nowhere for the whole test (below)
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"run --problem matrix-lsq:m=11,n=23 --opt ssvr:lr=-1e308 --noise student:components=10000000 --steps 1 --csv -",
       "ssvr: lr=-1e+308 out of range"},
      {"run " + big + "--opt sgd --opt 'ssvr:lr=1,lr=2' --steps 1 --csv /dev/null", "ssvr: key 'lr' given twice"},
      {"run " + big + "--opt sgd --start 1,2 --steps 1 --csv /dev/null", "--start has 2 coordinates"},
      {"run " + big + "--opt sgd --steps 1 --csv /nonexistent-dir/x.csv", "cannot write --csv '/nonexistent-dir/x.csv'"},
      {"run " + big + "--opt sgd --noise gauss:components=10000000,sigma=-1 --steps 1 --csv -", "sigma=-1"},
      {"run " + big + "--opt muon --steps 1 --csv -", "muon needs a problem whose parameter is a matrix"},
      {"run " + big + "--opt sgd --steps 1 --csv " + temp_dir().string(), "it is a folder"},
      {"sweep " + big + "--opt sgd --vary lr=1e-3:20:log:4 --steps 1 --csv -", "lr=20 out of range"},
      {"sweep " + big + "--opt sgd --vary lr=1e-3:1:log:4 --start 1 --steps 1 --csv -", "--start has 1 numbers"},
      {"landscape " + big + "--png x.png", "landscapes need d=2"},
      {"landscape --problem rosenbrock --png /nonexistent-dir/x.png", "cannot write --png '/nonexistent-dir/x.png'"},
      {"geometry --problem quadratic:d=2000,theta=3 --at 1,2", "--at has 2 coordinates"},
      {no_data + "run --problem fmnist-mlp:width=1024 --opt adam:beta1=2 --steps 1 --csv -", "beta1=2 out of range"},
      {no_data + "run --problem fmnist-logreg --opt sgd --start 0 --steps 1 --csv -", "--start has 1 coordinates"},
      {no_data + "geometry --problem fmnist-mlp:width=3 --at 0", "the problem has d = 2395"},
      {"shot " + big + "--opt sgd:lr=abc --png x.png", "lr='abc' is not a number"},
      {"shot " + big + "--opt sgd --png /nonexistent-dir/x.png", "cannot write --png"},
      {"shot " + big + "--opt sgd --sweep lion:beta1=7 --vary lr=1e-3:1e-2:log:3 --png x.png", "beta1=7 out of range"},
  };
  const char* old_dir = std::getenv("SIGNLAB_FASHION_MNIST_DIR");
  const std::string saved = old_dir ? old_dir : "";
  ::setenv("SIGNLAB_FASHION_MNIST_DIR", "/nonexistent-signlab-data", 1);  // inherited by the child
  for (const auto& [args, message] : cases) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args << "\nstderr: " << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << args << "\nstderr: " << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << "\nstderr: " << r.err;
  }
  if (old_dir) ::setenv("SIGNLAB_FASHION_MNIST_DIR", saved.c_str(), 1);
  else ::unsetenv("SIGNLAB_FASHION_MNIST_DIR");
  // The same folder does make a data problem fail, once the arguments are good: the check above was real.
  ::setenv("SIGNLAB_FASHION_MNIST_DIR", "/nonexistent-signlab-data", 1);
  const Result loads = run("run --problem fmnist-logreg --opt sgd --steps 1 --csv -");
  if (old_dir) ::setenv("SIGNLAB_FASHION_MNIST_DIR", saved.c_str(), 1);
  else ::unsetenv("SIGNLAB_FASHION_MNIST_DIR");
  EXPECT_EQ(loads.code, 2);
  EXPECT_NE(loads.err.find("fashion-mnist"), std::string::npos) << loads.err;
}

// Files that never end: a device or a FIFO without a writer is refused before it is opened (under
// `timeout`, so a regression fails instead of hanging the suite; 124 is timeout's status).
TEST(Cli, FilesThatNeverEndAreRefused) {
  const fs::path fifo = temp_dir() / "fifo";
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& path : {std::string("/dev/zero"), fifo.string()}) {
    const std::string kind = path == "/dev/zero" ? "a character device, not a regular file" : "a FIFO (pipe), not a regular file";
    for (const std::string& args : {"run --problem quadratic:hessian=" + path + " --opt sgd --steps 1 --csv -",
                                    "geometry --problem quadratic:hessian=" + path,
                                    "shot --scenario " + path + " --png x.png", "--scenario " + path}) {
      const Result r = signlab::cli_test::run_signlab(temp_dir(), args, "timeout 20");
      EXPECT_EQ(r.code, 2) << args << "\nstderr: " << r.err;
      EXPECT_EQ(count_lines(r.err), 1) << args << "\nstderr: " << r.err;
      EXPECT_NE(r.err.find("'" + path + "': " + kind), std::string::npos) << args << "\nstderr: " << r.err;
    }
  }
  fs::remove(fifo);
}

// The signlab under test is built with the same flags as this test.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitizedBuild = true;
#else
constexpr bool kSanitizedBuild = false;
#endif

// Running out of memory is one line saying what was being allocated, exit status 1, not an abort with a
// bare std::bad_alloc. prlimit caps the address space at 500 MB; a d = 3·10⁷ run needs more.
TEST(Cli, OutOfMemoryIsOneLineSayingWhat) {
  if (kSanitizedBuild) GTEST_SKIP() << "ASan reserves terabytes of shadow address space: an address-space cap aborts it";
  if (std::system("prlimit --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "prlimit (util-linux) is missing";
  for (const std::string& args : {std::string("run --problem separable:d=30000000 --opt sgd --steps 1 --csv /dev/null"),
                                  std::string("sweep --problem separable:d=30000000 --opt sgd --vary lr=1e-3:1e-2:log:2 "
                                              "--threads 1 --steps 1 --csv /dev/null")}) {
    const Result r = signlab::cli_test::run_signlab(temp_dir(), args, "prlimit --as=500000000");
    EXPECT_EQ(r.code, 1) << args << "\nstderr: " << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << args << "\nstderr: " << r.err;
    EXPECT_NE(r.err.find("memory"), std::string::npos) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.err.find("std::bad_alloc"), std::string::npos) << r.err;
  }
}

// Sizes that cannot fit are refused before allocating, naming the bytes needed and available: 4096 adam
// runs at d = 10⁸ need at least 6 TiB (a sweep's 256 concurrent runs, 381 GiB). prlimit keeps a
// regression from eating the machine: it would end in an allocation failure instead.
TEST(Cli, SizesThatCannotFitAreRefusedWithTheBytes) {
  std::string opts;
  for (int i = 0; i < 4096; ++i) opts += " --opt adam";
  // Under ASan no cap (its shadow memory needs terabytes of address space); its allocator refuses a
  // terabyte request itself.
  const std::string guard =
      !kSanitizedBuild && std::system("prlimit --version >/dev/null 2>&1") == 0 ? "prlimit --as=4000000000" : "";
  const Result race = signlab::cli_test::run_signlab(
      temp_dir(), "run --problem separable:d=100000000" + opts + " --steps 1 --csv /dev/null", guard);
  EXPECT_EQ(race.code, 1) << race.err;
  EXPECT_EQ(count_lines(race.err), 1) << race.err;
  // adam on the float32 path: x, g, m, v, 4 bytes each, so 1.6·10⁹ bytes a run; λ in float, the start in double.
  EXPECT_NE(race.err.find("run: not enough memory for 4096 runs on separable:d=100000000: at least 5.96 TiB needed "
                          "(problem 381 MiB, start 763 MiB, runs 5.96 TiB, noise 0 bytes), "),
            std::string::npos) << race.err;
  EXPECT_NE(race.err.find(" available (MemAvailable)"), std::string::npos) << race.err;
  const Result sweep = signlab::cli_test::run_signlab(
      temp_dir(), "sweep --problem separable:d=100000000 --opt adam --vary lr=1e-3:1e-2:log:256 --threads 256 --steps 1 --csv /dev/null",
      guard);
  EXPECT_EQ(sweep.code, 1) << sweep.err;
  EXPECT_NE(sweep.err.find("sweep: not enough memory for 256 concurrent runs"), std::string::npos) << sweep.err;
}

// Long set-up and long steps print progress on stderr about once a second, and Ctrl+C stops them: exit
// 130, the rows that finished written. The child is signalled once its progress line shows it busy.
TEST(Cli, LongRunsShowProgressAndStopOnCtrlC) {
  const fs::path out = temp_dir() / "int.csv", err = temp_dir() / "int.err";
  struct Case {
    std::vector<std::string> args;
    std::string busy, last;
  };
  const std::vector<Case> cases = {
      {{"sweep", "--problem", "matrix-lsq:m=11,n=23", "--opt", "sgd", "--vary", "lr=1e-3:1e-2:log:4", "--noise",
        "gauss:components=10000000", "--steps", "10", "--csv", out.string()},
       "sweep: setting up the finite-sum noise: ", "sweep: interrupted; wrote the 0 finished points"},
      {{"run", "--problem", "matrix-lsq:m=11,n=23", "--opt", "ssvr", "--noise", "student:components=10000000",
        "--steps", "1", "--csv", out.string()},
       "run: setting up the finite-sum noise: ", "run: interrupted during the set-up; nothing was written"},
      {{"run", "--problem", "separable:d=10000000", "--opt", "adam", "--steps", "1000000", "--every", "1",
        "--csv", out.string()},
       "run: stepping adam (run 1 of 1): ", "run: interrupted at step "},
  };
  for (const Case& c : cases) {
    fs::remove(out);
    const pid_t pid = signlab::cli_test::spawn_signlab(c.args, out, err);
    ASSERT_GT(pid, 0);
    const bool busy = signlab::cli_test::wait_for_text(err, c.busy, 60);
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const std::string text = slurp(err);
    EXPECT_TRUE(busy) << text;
    ASSERT_TRUE(WIFEXITED(status)) << text;
    EXPECT_EQ(WEXITSTATUS(status), 130) << text;
    EXPECT_NE(text.find(c.last), std::string::npos) << text;
  }
  // The rows up to the interruption are whole rows, the first at step 0.
  const auto rows = read_csv(out);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "adam");
  EXPECT_EQ(rows[1][1], "0");
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].size(), rows[0].size()) << i;
}

// A SPEC, a flag value or a path holding a newline and ESC[2J (clear screen) is echoed escaped: one line,
// no raw control character. /bin/sh's printf makes the bytes.
TEST(Cli, ControlCharactersInInputAreEscapedInTheOneLineError) {
  const std::string evil = "\"$(printf 'x\\n\\033[2J')\"";
  for (const std::string& args :
       {"run --problem rosenbrock --opt lion:lr=" + evil + " --steps 1 --csv -",
        "run --problem rosenbrock --opt " + evil + " --steps 1 --csv -",
        "run --problem " + evil + ":a=1 --opt sgd --steps 1 --csv -",
        "run --problem rosenbrock --opt sgd --steps " + evil + " --csv -",
        "run --problem rosenbrock --opt sgd --steps 1 --start 1," + evil + " --csv -",
        "run --problem rosenbrock --opt sgd --steps 1 --noise " + evil + " --csv -",
        "run --problem rosenbrock --opt sgd --steps 1 --csv /nonexistent-dir/" + evil,
        "sweep --problem rosenbrock --opt sgd --vary " + evil + "=1:2:log:2 --steps 1 --csv -",
        "landscape --problem rosenbrock --range " + evil + " --png x.png",
        "run --problem rosenbrock --opt sgd --steps 1 --csv - " + evil,
        evil}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(count_lines(r.err), 1) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << args;
    EXPECT_NE(r.err.find("x\\n\\x1b[2J"), std::string::npos) << args << "\nstderr: " << r.err;
  }
}

TEST(Cli, LandscapeWritesPngAndCsv) {
  const fs::path png = temp_dir() / "land.png", csv = temp_dir() / "land.csv";
  const Result r = run("landscape --problem himmelblau --grid 64 --range -5:5,-5:5 --png " + png.string() +
                       " --csv " + csv.string());
  ASSERT_EQ(r.code, 0) << r.err;
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 64);
  EXPECT_EQ(h, 64);
  stbi_image_free(px);
  const auto rows = read_csv(csv);
  ASSERT_EQ(rows.size(), 1u + 64u * 64u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"x", "y", "loss"}));
  const double x = std::stod(rows[1][0]), y = std::stod(rows[1][1]);
  EXPECT_EQ(x, -5.0);
  EXPECT_EQ(y, -5.0);
  const double f = (x * x + y - 11) * (x * x + y - 11) + (x + y * y - 7) * (x + y * y - 7);
  EXPECT_NEAR(std::stod(rows[1][2]), f, 1e-6 * f);
}

bool have_display() { return std::getenv("DISPLAY") != nullptr; }

// The GUI smoke test: a real offscreen render of every registered problem (its default SPEC) shows
// the landscape and every run. The 2-D problems take 800 steps and every trajectory must show on the
// heat map; the others (up to d = 12 730, a full pass over 1000 images a step) take 20, which on the
// (x0, x1) plane through the start may not leave the start's pixels.
class CliShot : public ::testing::TestWithParam<std::string> {};

TEST_P(CliShot, ShowsLandscapeAndEveryTrajectory) {
  if (!have_display()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (make test does)";
  const std::string problem = GetParam();
  const std::set<std::string> planar = {"rosenbrock", "himmelblau", "beale", "rastrigin", "saddle", "quadratic"};
  const bool trajectories = planar.count(problem) > 0;
  const fs::path png = temp_dir() / ("shot_" + problem + ".png");
  const fs::path layout = temp_dir() / ("shot_" + problem + ".json");
  const Result r = run("shot --problem " + problem + " --frames 3 --size 1000x640 --warmup " +
                       (trajectories ? "800" : "20") + " --png " + png.string() + " --layout " + layout.string());
  ASSERT_EQ(r.code, 0) << r.err;
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 1000);
  EXPECT_EQ(h, 640);
  std::set<unsigned> colours;
  for (int i = 0; i < w * h; i += 7) colours.insert(px[3 * i] << 16 | px[3 * i + 1] << 8 | px[3 * i + 2]);
  EXPECT_GT(colours.size(), 200u) << "the picture is (nearly) uniform";

  const auto j = nlohmann::json::parse(slurp(layout));
  const auto rect = j.at("landscape").get<std::vector<double>>();
  ASSERT_EQ(rect.size(), 4u);
  ASSERT_GT(rect[2] - rect[0], 100);
  ASSERT_GT(rect[3] - rect[1], 100);
  // The legend repeats every colour: only pixels outside it prove a trajectory was drawn.
  const auto legend = j.at("landscape_legend").get<std::vector<double>>();
  auto in_legend = [&](int x, int y) { return x >= legend[0] && x <= legend[2] && y >= legend[1] && y <= legend[3]; };
  const auto run_colors = j.at("run_colors").get<std::vector<std::array<int, 3>>>();
  ASSERT_EQ(run_colors.size(), 4u);  // the default scenario's four optimizers
  for (const auto& c : trajectories ? run_colors : decltype(run_colors){}) {
    int hits = 0;
    for (int y = static_cast<int>(rect[1]); y < static_cast<int>(rect[3]); ++y)
      for (int x = static_cast<int>(rect[0]); x < static_cast<int>(rect[2]); ++x) {
        if (in_legend(x, y)) continue;
        const unsigned char* p = px + 3 * (y * w + x);
        if (std::abs(p[0] - c[0]) <= 24 && std::abs(p[1] - c[1]) <= 24 && std::abs(p[2] - c[2]) <= 24) ++hits;
      }
    EXPECT_GE(hits, 15) << "run colour " << c[0] << "," << c[1] << "," << c[2] << " not drawn in the landscape";
  }
  stbi_image_free(px);
}

// The benchmark's command: one JSON line of frame statistics; the picture still has the curves (cached
// layers copied into the frame) and the landscape.
// A window short of threads fails with one line saying so, not SIGABRT: the engine's own thread is refused
// (0: every spawn; 2: its workers start, the engine does not).
TEST(Cli, ShotWithoutThreadsFailsWithAMessage) {
  if (!have_display()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (make test does)";
  for (const std::string limit : {"0", "2"}) {
    const Result r = signlab::cli_test::run_signlab(temp_dir(), "shot --frames 1 --png " + (temp_dir() / "nt.png").string(),
                                                    "SIGNLAB_TEST_THREAD_LIMIT=" + limit);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("signlab: engine: the system refused a thread for the engine"), std::string::npos) << r.err;
  }
}

TEST(Cli, ShotStatsPrintsFrameTimesWithLiveRunsAndCachedLayers) {
  if (!have_display()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (make test does)";
  const fs::path png = temp_dir() / "shot_stats.png";
  const Result r = run("shot --frames 40 --size 1000x640 --runs 3 --stats --png " + png.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("frames").get<int>(), 40);
  EXPECT_EQ(j.at("runs").get<int>(), 3);
  for (const char* key : {"frame_ms_median", "frame_ms_p99", "build_ms_median", "raster_ms_median"})
    EXPECT_GT(j.at(key).get<double>(), 0.0) << key;
  EXPECT_GE(j.at("frame_ms_p99").get<double>(), j.at("frame_ms_median").get<double>());
  // The engine measures its rate over at least 2 s: a short shot may end before that (null), but a
  // measured rate of runs playing flat out is never 0.
  const auto& rate = j.at("engine_steps_per_s");
  EXPECT_TRUE(rate.is_null() || rate.get<double>() > 0.0) << rate;
  const double share = j.at("layer_redraw_share").get<double>();
  EXPECT_GE(share, 0.0);
  EXPECT_LE(share, 1.0);

  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  ASSERT_NE(px, nullptr);
  // The bottom-left area (the loss and gradient plots) and the right column (runs) are not blank.
  auto colours_in = [&](int x0, int y0, int x1, int y1) {
    std::set<unsigned> c;
    for (int y = y0; y < y1; y += 2)
      for (int x = x0; x < x1; x += 2) c.insert(px[3 * (y * w + x)] << 16 | px[3 * (y * w + x) + 1] << 8 | px[3 * (y * w + x) + 2]);
    return c.size();
  };
  EXPECT_GT(colours_in(0, h * 7 / 10, w * 6 / 10, h * 9 / 10), 20u) << "no curves";
  EXPECT_GT(colours_in(w * 2 / 3, 0, w, h / 2), 20u) << "no runs window";
  stbi_image_free(px);
}

// The ceilings a window keeps (runs drawn every frame, steps replayed on opening) refuse a file or a
// command line beyond them before any window opens, naming what is too large.
TEST(Cli, ScenariosAndShotsBeyondTheCapsAreRefused) {
  const fs::path huge = temp_dir() / "huge_steps.json";
  std::ofstream(huge) << R"({"problem": "rosenbrock", "optimizers": ["sgd"], "steps": 9.2e18})";
  Result r = run("--scenario " + huge.string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("steps = 9.2e+18"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("at most 100000000"), std::string::npos) << r.err;
  r = run("shot --scenario " + huge.string() + " --png " + (temp_dir() / "never.png").string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("steps"), std::string::npos) << r.err;

  r = run("shot --runs 33 --png " + (temp_dir() / "never.png").string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("runs"), std::string::npos) << r.err;
  std::string opts;
  for (int k = 0; k < 33; ++k) opts += " --opt sgd";
  r = run("shot" + opts + " --png " + (temp_dir() / "never.png").string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("33 runs"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(temp_dir() / "never.png"));
}

INSTANTIATE_TEST_SUITE_P(Cli, CliShot, ::testing::ValuesIn(signlab::problem_names()),
                         signlab::test::RegistryTestName());

}  // namespace
