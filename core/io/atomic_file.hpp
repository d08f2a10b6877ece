#pragma once
// Replacing a file so that it is never lost: after a crash, a full disk or a failed write, the path holds
// either its old content, untouched, or the whole new one.
//
// The content goes to a temporary file of its own in the same directory (the path, the process id and a
// counter: two processes, or two threads, never share one), is written, flushed and fsync'ed, closed (a
// close can report a deferred write error, as on NFS), and only then renamed over the path; the directory
// is fsync'ed so the rename itself survives a power cut. Any failure before the rename removes the
// temporary and leaves the old file as it was.
#include <cstddef>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace signlab {

// The system calls an atomic write goes through, POSIX semantics (-1 and errno on failure). Tests
// substitute one that fails at a chosen call, as a full disk or a failing device would.
class FileSystemCalls {
 public:
  virtual ~FileSystemCalls() = default;
  virtual int open(const char* path, int flags, mode_t mode);
  virtual ssize_t write(int fd, const void* data, std::size_t n);
  virtual int fsync(int fd);
  virtual int close(int fd);
  virtual int rename(const char* from, const char* to);
  virtual int unlink(const char* path);
};

// Writes `content` to `path` as described above, creating missing parent directories. Returns false and
// sets *error (naming the file, the step that failed and the system's reason) on failure; then the old
// file, if any, is unchanged and no temporary is left behind. The one failure after the rename, a
// directory that cannot be fsync'ed, is reported too (the new content is in place but may not survive a
// power cut); file systems that do not sync directories at all (EINVAL) count as success.
bool write_file_atomically(const std::string& path, std::string_view content, std::string* error);
bool write_file_atomically(const std::string& path, std::string_view content, std::string* error,
                           FileSystemCalls& calls);

}  // namespace signlab
