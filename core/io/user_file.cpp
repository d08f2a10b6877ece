#include "core/io/user_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/spec/quote.hpp"

namespace signlab {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

[[noreturn]] void fail(const std::string& path, std::string_view what, const std::string& why) {
  throw UserFileError(std::string(what) + quote_input(path) + ": " + why);
}

void check_stat(const struct stat& st, const std::string& path, std::size_t max_bytes, std::string_view what) {
  if (!S_ISREG(st.st_mode)) fail(path, what, std::string(kind_of(st.st_mode)) + ", not a regular file");
  if (static_cast<unsigned long long>(st.st_size) > max_bytes)
    fail(path, what, format_bytes(static_cast<double>(st.st_size)) + ", larger than the cap of " +
                         format_bytes(static_cast<double>(max_bytes)));
}

}  // namespace

std::string format_bytes(double bytes) {
  static const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 6) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[48];
  if (u == 0) std::snprintf(buf, sizeof buf, "%.0f bytes", bytes);
  else std::snprintf(buf, sizeof buf, "%.3g %s", bytes, units[u]);
  return buf;
}

int open_user_file(const std::string& path, std::size_t max_bytes, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail(path, what, std::string("cannot read it (") + std::strerror(errno) + ")");
  check_stat(st, path, max_bytes, what);
  // O_NONBLOCK: should a FIFO have replaced the file since stat(), open() still returns at once.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) fail(path, what, std::string("cannot read it (") + std::strerror(errno) + ")");
  struct stat st2 {};
  if (::fstat(fd, &st2) != 0 || !S_ISREG(st2.st_mode) || static_cast<unsigned long long>(st2.st_size) > max_bytes) {
    ::close(fd);
    check_stat(st2, path, max_bytes, what);
    fail(path, what, "changed while it was opened");
  }
  // Regular files ignore O_NONBLOCK, but clear it so every later read is an ordinary blocking one.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

std::string read_user_file(const std::string& path, std::size_t max_bytes, std::string_view what) {
  const int fd = open_user_file(path, max_bytes, what);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      fail(path, what, std::strerror(err));
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::close(fd);
      fail(path, what, "grew past the cap of " + format_bytes(static_cast<double>(max_bytes)) + " while read");
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace signlab
