#pragma once
// Runs the signlab binary (SIGNLAB_EXE, set by CMake) the way a user's shell does and captures its
// exit code, stdout and stderr; shared by the CLI test files.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace signlab::cli_test {

namespace fs = std::filesystem;

struct Result {
  int code = 0;
  std::string out, err;
};

// A scratch folder for this test process (named after the suite, so parallel ctest runs never share).
inline fs::path temp_dir(const std::string& suite) {
  const fs::path d = fs::temp_directory_path() / ("signlab_" + suite + "_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `prefix` goes before the program, e.g. "timeout 20" so that a regression that hangs fails instead.
inline Result run_signlab(const fs::path& scratch, const std::string& args, const std::string& prefix = "") {
  static int counter = 0;
  const fs::path out = scratch / ("out" + std::to_string(counter) + ".txt");
  const fs::path err = scratch / ("err" + std::to_string(counter++) + ".txt");
  const std::string cmd = prefix + (prefix.empty() ? "" : " ") + std::string(SIGNLAB_EXE) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// Starts signlab with `args` (no shell) writing to `out` and `err`; returns its pid (waitpid it).
inline pid_t spawn_signlab(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::FILE* o = std::freopen(out.c_str(), "w", stdout);
    std::FILE* e = std::freopen(err.c_str(), "w", stderr);
    if (!o || !e) std::_Exit(99);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(SIGNLAB_EXE));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(SIGNLAB_EXE, argv.data());
    std::_Exit(98);
  }
  return pid;
}

// Waits (up to `seconds`) until `file` contains `text`; false on timeout.
inline bool wait_for_text(const fs::path& file, const std::string& text, double seconds) {
  for (int i = 0; i < static_cast<int>(seconds * 20); ++i) {
    if (slurp(file).find(text) != std::string::npos) return true;
    ::usleep(50'000);
  }
  return false;
}

}  // namespace signlab::cli_test
