#include "core/io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace signlab {

int FileSystemCalls::open(const char* path, int flags, mode_t mode) { return ::open(path, flags, mode); }
ssize_t FileSystemCalls::write(int fd, const void* data, std::size_t n) { return ::write(fd, data, n); }
int FileSystemCalls::fsync(int fd) { return ::fsync(fd); }
int FileSystemCalls::close(int fd) { return ::close(fd); }
int FileSystemCalls::rename(const char* from, const char* to) { return ::rename(from, to); }
int FileSystemCalls::unlink(const char* path) { return ::unlink(path); }

namespace {

// Per process; with the pid it makes every temporary name unique among live writers.
std::atomic<unsigned long> temp_counter{0};

bool fail(std::string* error, const std::string& what, const std::string& path, int err) {
  if (error) *error = "cannot " + what + " " + path + ": " + std::strerror(err);
  return false;
}

// Every byte, across short writes and signals.
bool write_all(FileSystemCalls& calls, int fd, std::string_view content, int* err) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = calls.write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *err = n < 0 ? errno : ENOSPC;  // a write of 0 bytes makes no progress: the device is full
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error) {
  FileSystemCalls posix;
  return write_file_atomically(path, content, error, posix);
}

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error,
                           FileSystemCalls& calls) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // a failure shows as the open's error below

  // O_EXCL: a name left by a crashed process whose pid was reused is skipped, never written through.
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(temp_counter.fetch_add(1));
    fd = calls.open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) return fail(error, "create", tmp, errno);
  }
  if (fd < 0) return fail(error, "create", tmp, EEXIST);

  // From here on a failure removes the temporary; the old file has not been touched.
  auto abandon = [&](const std::string& what, int err, bool close_fd) {
    if (close_fd) calls.close(fd);
    calls.unlink(tmp.c_str());
    return fail(error, what, tmp, err);
  };
  int err = 0;
  if (!write_all(calls, fd, content, &err)) return abandon("write", err, true);
  if (calls.fsync(fd) != 0) return abandon("flush to disk", errno, true);
  // A close can report an error of a write the system deferred; the descriptor is gone either way.
  if (calls.close(fd) != 0) return abandon("close", errno, false);
  if (calls.rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    calls.unlink(tmp.c_str());
    return fail(error, "replace", path, e);
  }
  // The rename lives in the directory: sync it too, or a power cut may bring back the old entry.
  const int dfd = calls.open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd < 0) return fail(error, "open the directory of", path, errno);
  const bool synced = calls.fsync(dfd) == 0 || errno == EINVAL;
  const int sync_err = errno;
  calls.close(dfd);
  if (!synced) return fail(error, "sync the directory of", path, sync_err);
  return true;
}

}  // namespace signlab
