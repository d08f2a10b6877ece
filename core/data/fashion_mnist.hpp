#pragma once
// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28×28 grey images of clothes in 10 classes, 60000 for training
// and 10000 for testing, as the IDX files of Debian's dataset-fashion-mnist package.
// Pixels become floats in [0, 1] (byte / 255); labels stay 0..9.
#include <memory>
#include <string>

#include "core/data/dataset.hpp"

namespace signlab::data {

inline constexpr const char* kFashionMnistEnv = "SIGNLAB_FASHION_MNIST_DIR";
inline constexpr const char* kFashionMnistDefaultDir = "/usr/share/datasets/fashion-mnist";

enum class Split { Train, Test };

// $SIGNLAB_FASHION_MNIST_DIR when set and not empty, else the Debian package's directory.
std::string fashion_mnist_dir();

// Reads `<dir>/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz` (or the same names unpacked, without .gz).
// Throws std::runtime_error naming the file and the fault; a missing file's message says how to install
// the data. Not cached: each call decompresses again.
Dataset load_fashion_mnist(const std::string& dir, Split split);

// The training set from fashion_mnist_dir(), read once per process and shared (thread-safe). A failed load
// is not remembered: the next call tries again (say, after the package was installed).
std::shared_ptr<const Dataset> fashion_mnist_train();

}  // namespace signlab::data
