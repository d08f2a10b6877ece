// write_file_atomically: the old file survives every failure, byte for byte, and no temporary stays.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

#include "core/io/atomic_file.hpp"

namespace signlab {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("signlab_atomic_test_" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(dir)) v.push_back(e.path().filename().string());
  std::sort(v.begin(), v.end());
  return v;
}

// The real calls, except the one chosen to fail (as a full disk, a failing device or NFS would).
enum class FailAt { Nothing, FirstWrite, SecondWrite, ZeroWrite, Fsync, Close, Rename, DirectorySync };

class FailingCalls : public FileSystemCalls {
 public:
  explicit FailingCalls(FailAt at) : at_(at) {}
  std::vector<std::string> opened;

  int open(const char* path, int flags, mode_t mode) override {
    opened.emplace_back(path);
    const int fd = FileSystemCalls::open(path, flags, mode);
    if (flags & O_DIRECTORY) dir_fd_ = fd;
    return fd;
  }
  ssize_t write(int fd, const void* data, std::size_t n) override {
    ++writes_;
    if (at_ == FailAt::ZeroWrite) return 0;
    if ((at_ == FailAt::FirstWrite && writes_ == 1) || (at_ == FailAt::SecondWrite && writes_ == 2)) return refuse(ENOSPC);
    // Short writes: half of what is asked (at least one byte), so the loop must go on.
    return FileSystemCalls::write(fd, data, n > 1 ? n / 2 : n);
  }
  int fsync(int fd) override {
    if (at_ == FailAt::Fsync && fd != dir_fd_) return refuse(EIO);
    if (at_ == FailAt::DirectorySync && fd == dir_fd_) return refuse(EIO);
    return FileSystemCalls::fsync(fd);
  }
  int close(int fd) override {
    const int r = FileSystemCalls::close(fd);
    if (at_ == FailAt::Close && fd != dir_fd_) return refuse(EDQUOT);  // a deferred write error, reported at close
    return r;
  }
  int rename(const char* from, const char* to) override {
    if (at_ == FailAt::Rename) return refuse(EXDEV);
    return FileSystemCalls::rename(from, to);
  }

 private:
  static int refuse(int e) {
    errno = e;
    return -1;
  }
  FailAt at_;
  int writes_ = 0;
  int dir_fd_ = -2;
};

TEST(AtomicFile, WritesTheWholeContentThroughShortWritesAndLeavesNoTemporary) {
  const fs::path dir = fresh_dir("ok");
  const fs::path p = dir / "last.json";
  std::ofstream(p) << "old";
  const std::string content(10000, 'x');
  FailingCalls calls(FailAt::Nothing);
  std::string err;
  ASSERT_TRUE(write_file_atomically(p.string(), content, &err, calls)) << err;
  EXPECT_EQ(read_all(p), content);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"last.json"});
  // The directory was opened (to sync the rename) after the temporary.
  ASSERT_EQ(calls.opened.size(), 2u);
  EXPECT_EQ(calls.opened[1], dir.string());
}

TEST(AtomicFile, EveryFailureBeforeTheRenameKeepsTheOldFileAndRemovesTheTemporary) {
  const struct {
    FailAt at;
    const char* reason;
  } cases[] = {{FailAt::FirstWrite, std::strerror(ENOSPC)}, {FailAt::SecondWrite, std::strerror(ENOSPC)},
               {FailAt::ZeroWrite, std::strerror(ENOSPC)},  {FailAt::Fsync, std::strerror(EIO)},
               {FailAt::Close, std::strerror(EDQUOT)},      {FailAt::Rename, std::strerror(EXDEV)}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reason);
    SCOPED_TRACE(static_cast<int>(c.at));
    const fs::path dir = fresh_dir("fail" + std::to_string(static_cast<int>(c.at)));
    const fs::path p = dir / "last.json";
    const std::string old = "{\"steps\": 42}\n";
    std::ofstream(p) << old;
    FailingCalls calls(c.at);
    std::string err;
    EXPECT_FALSE(write_file_atomically(p.string(), std::string(5000, 'y'), &err, calls));
    EXPECT_NE(err.find(c.reason), std::string::npos) << err;
    EXPECT_EQ(read_all(p), old);
    EXPECT_EQ(names_in(dir), std::vector<std::string>{"last.json"});
  }
}

TEST(AtomicFile, AFailedDirectorySyncIsReported) {
  const fs::path dir = fresh_dir("dirsync");
  const fs::path p = dir / "f";
  FailingCalls calls(FailAt::DirectorySync);
  std::string err;
  EXPECT_FALSE(write_file_atomically(p.string(), "new", &err, calls));
  EXPECT_NE(err.find("sync the directory"), std::string::npos) << err;
  EXPECT_EQ(read_all(p), "new");  // renamed already: the content is whole, only its durability is in doubt
}

// Two writers (two GUI instances, or two saves in a row) never share a temporary name, and a name taken
// by someone else is skipped, not written through.
TEST(AtomicFile, EveryWriteHasItsOwnTemporary) {
  const fs::path dir = fresh_dir("names");
  const fs::path p = dir / "last.json";
  std::set<std::string> temps;
  for (int k = 0; k < 3; ++k) {
    FailingCalls calls(FailAt::Nothing);
    std::string err;
    std::string content = "v";
    content += std::to_string(k);
    ASSERT_TRUE(write_file_atomically(p.string(), content, &err, calls)) << err;
    temps.insert(calls.opened.front());
    EXPECT_NE(calls.opened.front().find(std::to_string(::getpid())), std::string::npos) << calls.opened.front();
  }
  EXPECT_EQ(temps.size(), 3u);

  // Someone else's temporary: the next name this process would pick is already there.
  class Collide : public FailingCalls {
   public:
    Collide() : FailingCalls(FailAt::Nothing) {}
    int open(const char* path, int flags, mode_t mode) override {
      if (!(flags & O_DIRECTORY) && !squatted_) {
        squatted_ = true;
        std::ofstream(path) << "someone else's";
      }
      return FailingCalls::open(path, flags, mode);
    }
    bool squatted_ = false;
  } collide;
  std::string err;
  ASSERT_TRUE(write_file_atomically(p.string(), "mine", &err, collide)) << err;
  ASSERT_GE(collide.opened.size(), 3u);
  EXPECT_EQ(read_all(collide.opened[0]), "someone else's");
  EXPECT_NE(collide.opened[1], collide.opened[0]);
  EXPECT_EQ(read_all(p), "mine");
}

// A real full file system: a 16 KiB tmpfs filled to the last page (needs root, or it is skipped).
TEST(AtomicFile, AFullTmpfsKeepsTheOldFile) {
  const fs::path dir = fresh_dir("tmpfs");
  if (::geteuid() != 0 || ::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=16k") != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here (needs root): " << std::strerror(errno);
  const fs::path p = dir / "last.json";
  const std::string old = "{\"steps\": 7}\n";
  std::string err;
  const bool saved = write_file_atomically(p.string(), old, &err);
  {
    std::ofstream fill(dir / "filler", std::ios::binary);
    const std::string block(4096, 'f');
    for (int k = 0; k < 16 && fill; ++k) fill << block << std::flush;
  }
  const bool ok = write_file_atomically(p.string(), std::string(12000, 'z'), &err);
  const std::string after = read_all(p);
  const auto names = names_in(dir);
  ::umount(dir.c_str());
  ASSERT_TRUE(saved);
  EXPECT_FALSE(ok);
  EXPECT_NE(err.find(std::strerror(ENOSPC)), std::string::npos) << err;
  EXPECT_EQ(after, old);
  EXPECT_EQ(names, (std::vector<std::string>{"filler", "last.json"}));
}

}  // namespace
}  // namespace signlab
