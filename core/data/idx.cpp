#include "core/data/idx.hpp"
#include "core/io/user_file.hpp"
#include "core/spec/quote.hpp"

#include <zlib.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace signlab::data {
namespace {

constexpr std::uint8_t kTypeUnsignedByte = 0x08;
constexpr int kMaxDims = 4;
// Refuses headers that promise more than this (a corrupt size field must not become a 4 GB allocation).
constexpr std::size_t kMaxBytes = std::size_t{1} << 31;
// The file itself (compressed or not) is no larger than the data it may hold plus its header.
constexpr std::size_t kIdxMaxFileBytes = kMaxBytes + 4096;

std::string hex_bytes(const unsigned char* b, int n) {
  static const char* digits = "0123456789abcdef";
  std::string s = "0x";
  for (int i = 0; i < n; ++i) {
    s += digits[b[i] >> 4];
    s += digits[b[i] & 15];
  }
  return s;
}

// Owns the gzFile so every throw below closes it.
class GzReader {
 public:
  explicit GzReader(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw std::runtime_error("idx: cannot open " + quote_input(path) + ": no such file");
    // A regular file only (a FIFO would block the open, a device never end); its decompressed size is
    // capped by the header check below (at most 2 GB).
    const int fd = open_user_file(path, kIdxMaxFileBytes, "idx: ");
    file_ = gzdopen(fd, "rb");
    if (!file_) {
      ::close(fd);
      throw std::runtime_error("idx: cannot open " + quote_input(path) + ": " + std::strerror(errno));
    }
  }
  ~GzReader() {
    if (file_) gzclose(file_);
  }
  GzReader(const GzReader&) = delete;
  GzReader& operator=(const GzReader&) = delete;

  // Reads up to n bytes; returns how many arrived (fewer only at the end of the data). Throws when zlib
  // reports a corrupt stream (a gzip file cut short is reported as short data, not as corrupt).
  std::size_t read(void* out, std::size_t n) {
    auto* p = static_cast<unsigned char*>(out);
    std::size_t got = 0;
    while (got < n) {
      const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n - got, 1u << 30));
      const int r = gzread(file_, p + got, chunk);
      if (r < 0) {
        int code = 0;
        const char* msg = gzerror(file_, &code);
        if (code == Z_BUF_ERROR) return got;  // "unexpected end of file": the compressed stream was cut
        throw std::runtime_error("idx: " + quote_input(path_) + ": corrupt gzip data (" + (msg ? msg : "zlib error") + ")");
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    return got;
  }

 private:
  std::string path_;
  gzFile file_ = nullptr;
};

}  // namespace

IdxArray read_idx(const std::string& path) {
  GzReader in(path);
  unsigned char magic[4];
  if (in.read(magic, 4) < 4) throw std::runtime_error("idx: " + quote_input(path) + ": truncated: shorter than the 4-byte magic");
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != kTypeUnsignedByte || magic[3] < 1 || magic[3] > kMaxDims)
    throw std::runtime_error("idx: " + quote_input(path) + ": bad magic " + hex_bytes(magic, 4) +
                             " (expected 0x000008NN: unsigned bytes in NN = 1..4 dimensions)");
  IdxArray a;
  std::size_t total = 1;
  for (int k = 0; k < magic[3]; ++k) {
    unsigned char b[4];
    if (in.read(b, 4) < 4)
      throw std::runtime_error("idx: " + quote_input(path) + ": truncated: the header ends before size " + std::to_string(k + 1) +
                               " of " + std::to_string(magic[3]));
    const std::size_t size = (std::size_t{b[0]} << 24) | (std::size_t{b[1]} << 16) | (std::size_t{b[2]} << 8) | b[3];
    a.dims.push_back(size);
    if (size != 0 && total > kMaxBytes / size)
      throw std::runtime_error("idx: " + quote_input(path) + ": the sizes promise more than 2 GB of data");
    total *= size;
  }
  a.data.resize(total);
  const std::size_t got = in.read(a.data.data(), total);
  if (got < total)
    throw std::runtime_error("idx: " + quote_input(path) + ": truncated: the header says " + std::to_string(total) +
                             " bytes of data, the file has " + std::to_string(got));
  unsigned char extra;
  if (in.read(&extra, 1) != 0)
    throw std::runtime_error("idx: " + quote_input(path) + ": more data than the header's " + std::to_string(total) + " bytes");
  return a;
}

}  // namespace signlab::data
