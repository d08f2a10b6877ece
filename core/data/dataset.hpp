#pragma once
// A labelled data set held in memory, immutable once built: problems share one through a
// shared_ptr<const Dataset>, so many problem objects (and threads) read the same 188 MB of pixels.
#include <cstdint>
#include <string>
#include <vector>

namespace signlab::data {

struct Dataset {
  int count = 0;     // examples
  int features = 0;  // inputs per example (784 pixels for Fashion-MNIST)
  int classes = 0;   // labels are 0 .. classes−1
  std::vector<float> x;          // count × features, row-major (example i is x[i·features .. ])
  std::vector<std::uint8_t> y;   // count labels
  std::string source;            // where it came from, for messages ("…/train-images-idx3-ubyte.gz")

  const float* row(int i) const { return x.data() + static_cast<std::size_t>(i) * features; }
};

// Throws std::invalid_argument unless the sizes agree (x has count·features entries, y count) and every
// label is below `classes`.
void validate(const Dataset& ds);

}  // namespace signlab::data
