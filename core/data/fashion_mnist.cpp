#include "core/data/fashion_mnist.hpp"
#include "core/spec/quote.hpp"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "core/data/idx.hpp"

namespace signlab::data {
namespace {

constexpr int kSide = 28;
constexpr int kClasses = 10;

// The .gz file if present, else the unpacked one; throws with install advice when neither exists.
std::string find_file(const std::string& dir, const std::string& stem) {
  const std::filesystem::path base = std::filesystem::path(dir) / stem;
  std::error_code ec;
  const std::string gz = base.string() + ".gz";
  if (std::filesystem::exists(gz, ec)) return gz;
  if (std::filesystem::exists(base, ec)) return base.string();
  throw std::runtime_error("fashion-mnist: " + quote_input(gz) + " not found. Run scripts/install-deps.sh (or `apt-get install "
                           "dataset-fashion-mnist`), or point " + std::string(kFashionMnistEnv) +
                           " at a directory holding the IDX files");
}

}  // namespace

std::string fashion_mnist_dir() {
  const char* env = std::getenv(kFashionMnistEnv);
  return env && *env ? std::string(env) : std::string(kFashionMnistDefaultDir);
}

Dataset load_fashion_mnist(const std::string& dir, Split split) {
  const std::string prefix = split == Split::Train ? "train" : "t10k";
  const std::string image_path = find_file(dir, prefix + "-images-idx3-ubyte");
  const std::string label_path = find_file(dir, prefix + "-labels-idx1-ubyte");
  const IdxArray images = read_idx(image_path);
  const IdxArray labels = read_idx(label_path);
  if (images.dims.size() != 3 || images.dims[1] != kSide || images.dims[2] != kSide)
    throw std::runtime_error("fashion-mnist: " + quote_input(image_path) + ": expected N×28×28 images");
  if (labels.dims.size() != 1) throw std::runtime_error("fashion-mnist: " + quote_input(label_path) + ": expected a 1-D label array");
  if (images.dims[0] != labels.dims[0])
    throw std::runtime_error("fashion-mnist: " + std::to_string(images.dims[0]) + " images in " + quote_input(image_path) +
                             " but " + std::to_string(labels.dims[0]) + " labels in " + quote_input(label_path));
  Dataset ds;
  ds.count = static_cast<int>(images.dims[0]);
  ds.features = kSide * kSide;
  ds.classes = kClasses;
  ds.source = image_path;
  ds.x.resize(images.data.size());
  for (std::size_t i = 0; i < ds.x.size(); ++i) ds.x[i] = static_cast<float>(images.data[i]) / 255.0f;
  ds.y = labels.data;
  for (std::size_t i = 0; i < ds.y.size(); ++i) {
    if (ds.y[i] >= kClasses)
      throw std::runtime_error("fashion-mnist: " + quote_input(label_path) + ": label " + std::to_string(ds.y[i]) +
                               " of example " + std::to_string(i) + " is not in 0..9");
  }
  return ds;
}

std::shared_ptr<const Dataset> fashion_mnist_train() {
  // Held under the mutex while loading (about a second), so two threads asking at once decompress once.
  static std::mutex mutex;
  static std::shared_ptr<const Dataset> cached;
  const std::lock_guard lock(mutex);
  if (!cached) cached = std::make_shared<const Dataset>(load_fashion_mnist(fashion_mnist_dir(), Split::Train));
  return cached;
}

}  // namespace signlab::data
