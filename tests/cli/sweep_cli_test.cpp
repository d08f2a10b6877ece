// `signlab sweep`: the CSV (header, one row per grid point, last axis fastest), agreement with
// `signlab run` on the same values, and one-line errors with exit code 2.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_harness.hpp"

namespace {

namespace fs = std::filesystem;
using signlab::cli_test::Result;

fs::path temp_dir() {
  static const fs::path dir = signlab::cli_test::temp_dir("sweep_cli_test");
  return dir;
}

Result run(const std::string& args) { return signlab::cli_test::run_signlab(temp_dir(), args); }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

TEST(SweepCli, WritesOneRowPerGridPointLastAxisFastest) {
  const Result r = run("sweep --problem rosenbrock --opt lion --vary lr=1e-3:1e-2:log:3 --vary beta1=0.5:0.9:lin:2 "
                       "--steps 100 --csv -");
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = split(r.out, '\n');
  ASSERT_EQ(lines.back(), "");  // the output ends with a newline
  lines.pop_back();
  ASSERT_EQ(lines.size(), 7u) << r.out;
  EXPECT_EQ(lines[0], "lr,beta1,steps,evals,loss,grad_l2,grad_l1,diverged_at");
  const auto first = split(lines[1], ',');
  const auto second = split(lines[2], ',');
  ASSERT_EQ(first.size(), 8u) << lines[1];
  EXPECT_EQ(first[0], "0.001");
  EXPECT_EQ(first[1], "0.5");
  EXPECT_EQ(second[0], "0.001");
  EXPECT_EQ(second[1], "0.90000000000000002");
  EXPECT_EQ(first[2], "100");
  EXPECT_EQ(first[3], "100");
  EXPECT_EQ(first[7], "");  // did not diverge
  EXPECT_EQ(split(lines[6], ',')[0], "0.01");
  EXPECT_NE(r.err.find("sweep: 6/6 points"), std::string::npos) << r.err;  // progress on stderr
}

TEST(SweepCli, APointEqualsTheSameRun) {
  const Result s = run("sweep --problem himmelblau --opt adam:beta2=0.99 --vary lr=0.01:0.05:lin:2 --steps 50 "
                       "--seed 5 --noise gauss:sigma=0.3 --csv -");
  ASSERT_EQ(s.code, 0) << s.err;
  const Result r = run("run --problem himmelblau --opt adam:lr=0.05,beta2=0.99 --steps 50 --every 50 --seed 5 "
                       "--noise gauss:sigma=0.3 --csv -");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto sweep_last = split(split(s.out, '\n')[2], ',');
  const auto run_last = split(split(r.out, '\n')[2], ',');  // rows: header, step 0, step 50
  ASSERT_GE(run_last.size(), 6u) << r.out;
  EXPECT_EQ(run_last[1], "50");
  EXPECT_EQ(sweep_last[0], "0.050000000000000003");  // lr: the second of two values
  EXPECT_EQ(sweep_last[1], run_last[1]);  // steps
  EXPECT_EQ(sweep_last[2], run_last[2]);  // evals
  EXPECT_EQ(sweep_last[3], run_last[3]);  // loss, to the last digit
  EXPECT_EQ(sweep_last[4], run_last[4]);  // grad_l2
}

TEST(SweepCli, BadInputIsOneLineAndExitCode2) {
  struct Case {
    std::string args, says;
  };
  const std::vector<Case> cases = {
      {"sweep --problem rosenbrock --opt lion --steps 5 --csv -", "missing --vary"},
      {"sweep --problem rosenbrock --opt lion --vary lr=1:2 --steps 5 --csv -", "four parts"},
      {"sweep --problem rosenbrock --opt lion --vary gamma=1:2:lin:2 --steps 5 --csv -", "no parameter 'gamma'"},
      {"sweep --problem rosenbrock --opt lion --vary lr=1e-3:1e-2:log:2 --csv -", "missing --steps"},
      {"sweep --problem nowhere --opt lion --vary lr=1e-3:1e-2:log:2 --steps 5 --csv -", "nowhere"},
      {"sweep --problem rosenbrock --opt lion --vary lr=1e-3:1e-2:log:2 --steps 5 --csv /nonexistent/dir/x.csv",
       "cannot write --csv"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const Result r = run(c.args);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

}  // namespace

namespace {

// Short of threads, the sweep neither aborts nor changes a digit: it says how many threads it got. The
// system's refusal is injected (SIGNLAB_TEST_THREAD_LIMIT: the binary's spawns fail after N), and, where
// the test runs as root, also made real by `prlimit --nproc` (ulimit -u) for the user nobody (root ignores the limit).
TEST(SweepCli, RefusedThreadsFallBackWithTheSameResults) {
  const std::string args = "sweep --problem rosenbrock --opt sgd --vary lr=1e-4:1e-1:log:16 --steps 2000 --threads 16 --csv -";
  const Result all = run(args);
  ASSERT_EQ(all.code, 0) << all.err;
  for (const std::string limit : {"0", "3"}) {
    const Result few = signlab::cli_test::run_signlab(temp_dir(), args, "SIGNLAB_TEST_THREAD_LIMIT=" + limit);
    EXPECT_EQ(few.code, 0) << few.err;
    EXPECT_EQ(few.out, all.out);
    // (The count itself is held in core's sweep tests; here the progress ticker takes one of the threads.)
    EXPECT_NE(few.err.find(" of the 16 threads asked for; the results do not depend on it"), std::string::npos) << few.err;
  }
  if (::geteuid() != 0 || std::system("runuser -u nobody -- true >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "not root: the real ulimit -u case needs runuser";
  }
  // The case: 64 threads asked, about 20 processes allowed. Long points keep the threads alive.
  const std::string nobody = "sweep --problem rosenbrock --opt sgd --vary lr=1e-4:1e-1:log:64 --steps 100000 --threads 64 "
                             "--csv /dev/null";
  const std::string cmd = "timeout 120 runuser -u nobody -- prlimit --nproc=20:20 " + std::string(SIGNLAB_EXE) + " " +
                          nobody + " >/dev/null 2>" + (temp_dir() / "nobody.err").string();
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  const std::string err = signlab::cli_test::slurp(temp_dir() / "nobody.err");
  EXPECT_EQ(WEXITSTATUS(status), 0) << err;
  EXPECT_NE(err.find("of the 64 threads asked for"), std::string::npos) << err;
}

}  // namespace
