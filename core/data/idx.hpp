#pragma once
// IDX files, the container of the MNIST family (LeCun's format): a big-endian magic 0x00 0x00 TYPE NDIMS,
// NDIMS big-endian uint32 sizes, then the data in row-major order. Only TYPE 0x08 (unsigned bytes) is read:
// it is what every image and label file of MNIST and Fashion-MNIST uses.
// Plain and gzip-compressed files are read the same way (zlib reads a plain file through unchanged).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace signlab::data {

struct IdxArray {
  std::vector<std::size_t> dims;   // e.g. {60000, 28, 28} for images, {60000} for labels
  std::vector<std::uint8_t> data;  // product(dims) bytes, row-major
};

// Reads the whole file. Throws std::runtime_error naming `path` and the fault: the file cannot be opened,
// the magic is wrong (not 0x0000 08 NN with 1 ≤ NN ≤ 4), the header or the data is shorter than the sizes
// say, bytes follow the data, or the gzip stream is corrupt.
IdxArray read_idx(const std::string& path);

}  // namespace signlab::data
