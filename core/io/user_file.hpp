#pragma once
// Reading a file a user named (hessian=FILE.csv, a scenario JSON, the IDX data files): it must be a
// regular file, checked with stat() before it is opened, since opening a FIFO without a writer blocks
// forever and /dev/zero or a terminal never ends; and what is read is capped, so a huge or growing file
// fails with a message naming the file and the cap instead of filling memory.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace signlab {

// A scenario or session JSON file: a few kilobytes in practice; 16 MiB leaves room for long start vectors.
inline constexpr std::size_t kScenarioMaxBytes = std::size_t{16} << 20;

struct UserFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Opens `path` for reading after checking that it is a regular file of at most max_bytes (then again on
// the open descriptor, so a file swapped in between is caught). Returns the descriptor (close it).
// Throws UserFileError "<what>'<path>': ..." (what ends in its own separator, e.g. "scenario ") naming what is wrong (missing, a FIFO, a device, a folder,
// too large for the cap).
int open_user_file(const std::string& path, std::size_t max_bytes, std::string_view what);

// The whole file (open_user_file's checks), failing as well when it grows past max_bytes while read.
std::string read_user_file(const std::string& path, std::size_t max_bytes, std::string_view what);

// "512 MiB", "3.2 GB"-style text for messages: bytes in binary units with three significant digits.
std::string format_bytes(double bytes);

}  // namespace signlab
