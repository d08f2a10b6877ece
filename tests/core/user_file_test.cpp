// Files a user names must be regular files and are read up to a cap: a FIFO without a writer, /dev/zero,
// a folder or a file past the cap fail at once with a message naming the file, never hang or fill memory.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "core/data/idx.hpp"
#include "core/io/scenario.hpp"
#include "core/io/user_file.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab {
namespace {

namespace fs = std::filesystem;

fs::path scratch() {
  static const fs::path d = [] {
    const fs::path p = fs::temp_directory_path() / ("signlab_user_file_" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
  }();
  return d;
}

// A FIFO with no writer. Should a regression open it blocking, the watchdog opens the write end (which
// succeeds only while a reader waits) and closes it: the reader sees end-of-file and the test fails on
// its expectation instead of hanging.
class Fifo {
 public:
  explicit Fifo(const std::string& name) : path_(scratch() / name) {
    fs::remove(path_);
    EXPECT_EQ(::mkfifo(path_.c_str(), 0600), 0);
    watchdog_ = std::thread([this] {
      while (!done_) {
        const int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) {
          ::close(fd);
          unblocked_ = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  ~Fifo() {
    done_ = true;
    watchdog_.join();
    fs::remove(path_);
  }
  std::string path() const { return path_.string(); }
  bool unblocked_a_reader() const { return unblocked_; }

 private:
  fs::path path_;
  std::atomic<bool> done_{false}, unblocked_{false};
  std::thread watchdog_;
};

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(UserFile, ReadsARegularFileWhole) {
  const fs::path p = scratch() / "a.txt";
  std::ofstream(p) << "1,2\n3,4\n";
  EXPECT_EQ(read_user_file(p.string(), 100, "test "), "1,2\n3,4\n");
}

TEST(UserFile, RefusesWhatIsNotARegularFileBeforeOpeningIt) {
  Fifo fifo("fifo");
  const std::string m = message_of([&] { read_user_file(fifo.path(), 1 << 20, "test "); });
  EXPECT_TRUE(has(m, "test '" + fifo.path() + "': a FIFO (pipe), not a regular file")) << m;
  EXPECT_FALSE(fifo.unblocked_a_reader());
  EXPECT_TRUE(has(message_of([] { read_user_file("/dev/zero", 1 << 20, "test "); }), "'/dev/zero': a character device"));
  EXPECT_TRUE(has(message_of([] { read_user_file(scratch().string(), 1 << 20, "test "); }), "a folder"));
  EXPECT_TRUE(has(message_of([] { read_user_file("/nonexistent-signlab/x", 1 << 20, "test "); }), "No such file"));
}

TEST(UserFile, CapsWhatIsRead) {
  const fs::path p = scratch() / "big.txt";
  std::ofstream(p) << std::string(3000, 'x');
  const std::string m = message_of([&] { read_user_file(p.string(), 2048, "test "); });
  EXPECT_TRUE(has(m, "2.93 KiB, larger than the cap of 2 KiB")) << m;
  EXPECT_EQ(format_bytes(512.0 * (1 << 20)), "512 MiB");
  EXPECT_EQ(format_bytes(5.0e9), "4.66 GiB");
  EXPECT_EQ(format_bytes(100), "100 bytes");
}

// Every reader of a user's file goes through the check: a Hessian CSV, a scenario, an IDX file.
TEST(UserFile, EveryReaderRefusesFifosAndDevices) {
  Fifo fifo("reader_fifo");
  for (const std::string& path : {fifo.path(), std::string("/dev/zero")}) {
    const std::string kind = path == "/dev/zero" ? "a character device" : "a FIFO (pipe)";
    const std::string hessian = message_of([&] { make_problem("quadratic:hessian=" + path); });
    EXPECT_TRUE(has(hessian, "problem quadratic: hessian='" + path + "': " + kind)) << hessian;
    const std::string scenario = message_of([&] { load_scenario(path); });
    EXPECT_TRUE(has(scenario, "scenario '" + path + "': " + kind)) << scenario;
    const std::string idx = message_of([&] { data::read_idx(path); });
    EXPECT_TRUE(has(idx, "idx: '" + path + "': " + kind)) << idx;
  }
  EXPECT_FALSE(fifo.unblocked_a_reader());
}

}  // namespace
}  // namespace signlab
