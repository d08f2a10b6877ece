// The IDX reader (core/data/idx.hpp) on bytes written here, plain and gzip-compressed, and each of its
// error messages; the Fashion-MNIST loader's own checks on small synthetic IDX files.
#include <gtest/gtest.h>
#include <zlib.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/data/fashion_mnist.hpp"
#include "core/data/idx.hpp"

namespace signlab::data {
namespace {

using Bytes = std::vector<std::uint8_t>;

// A fresh directory per test, removed at the end.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("signlab-idx-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void write_plain(const std::string& path, const Bytes& b) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

void write_gzip(const std::string& path, const Bytes& b) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, b.data(), static_cast<unsigned>(b.size())), static_cast<int>(b.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

// Header for unsigned bytes in the given dimensions, followed by `payload`.
Bytes idx_bytes(const std::vector<std::uint32_t>& dims, const Bytes& payload) {
  Bytes b = {0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims) {
    b.push_back(static_cast<std::uint8_t>(d >> 24));
    b.push_back(static_cast<std::uint8_t>(d >> 16));
    b.push_back(static_cast<std::uint8_t>(d >> 8));
    b.push_back(static_cast<std::uint8_t>(d));
  }
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes counting(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return b;
}

// The message of the runtime_error read_idx throws, or a failure when it throws none.
std::string idx_error(const std::string& path) {
  try {
    read_idx(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error reading " << path;
  return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Idx, ReadsPlainFile) {
  TempDir dir;
  const Bytes payload = counting(2 * 3 * 4);
  write_plain(dir.file("a.idx"), idx_bytes({2, 3, 4}, payload));
  const IdxArray a = read_idx(dir.file("a.idx"));
  EXPECT_EQ(a.dims, (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(a.data, payload);
}

TEST(Idx, ReadsGzipFileAndBigEndianSizes) {
  TempDir dir;
  // 300 = 0x012C needs two bytes, so a little-endian reading would give a different size.
  const Bytes payload = counting(300);
  write_gzip(dir.file("a.idx.gz"), idx_bytes({300}, payload));
  const IdxArray a = read_idx(dir.file("a.idx.gz"));
  EXPECT_EQ(a.dims, (std::vector<std::size_t>{300}));
  EXPECT_EQ(a.data, payload);
}

TEST(Idx, MissingFileIsNamed) {
  TempDir dir;
  const std::string msg = idx_error(dir.file("nope.gz"));
  EXPECT_TRUE(contains(msg, dir.file("nope.gz"))) << msg;
  EXPECT_TRUE(contains(msg, "no such file")) << msg;
}

TEST(Idx, BadMagicIsNamed) {
  TempDir dir;
  Bytes b = idx_bytes({4}, counting(4));
  b[2] = 0x0D;  // float data: not supported
  write_plain(dir.file("float.idx"), b);
  std::string msg = idx_error(dir.file("float.idx"));
  EXPECT_TRUE(contains(msg, "bad magic 0x00000d01")) << msg;
  EXPECT_TRUE(contains(msg, dir.file("float.idx"))) << msg;
  write_gzip(dir.file("text.gz"), Bytes{'h', 'e', 'l', 'l', 'o'});
  msg = idx_error(dir.file("text.gz"));
  EXPECT_TRUE(contains(msg, "bad magic 0x68656c6c")) << msg;
  write_plain(dir.file("zero-dims.idx"), Bytes{0, 0, 8, 0});
  EXPECT_TRUE(contains(idx_error(dir.file("zero-dims.idx")), "bad magic"));
}

TEST(Idx, TruncatedFilesAreNamed) {
  TempDir dir;
  write_plain(dir.file("short-magic.idx"), Bytes{0, 0});
  EXPECT_TRUE(contains(idx_error(dir.file("short-magic.idx")), "truncated")) << idx_error(dir.file("short-magic.idx"));
  Bytes header = idx_bytes({5, 6}, {});
  header.resize(6);  // the first size is cut
  write_plain(dir.file("short-header.idx"), header);
  std::string msg = idx_error(dir.file("short-header.idx"));
  EXPECT_TRUE(contains(msg, "truncated: the header ends before size 1 of 2")) << msg;
  Bytes b = idx_bytes({10, 10}, counting(99));
  write_plain(dir.file("short-data.idx"), b);
  msg = idx_error(dir.file("short-data.idx"));
  EXPECT_TRUE(contains(msg, "truncated: the header says 100 bytes of data, the file has 99")) << msg;
  write_gzip(dir.file("short-data.gz"), b);
  msg = idx_error(dir.file("short-data.gz"));
  EXPECT_TRUE(contains(msg, "the file has 99")) << msg;
}

TEST(Idx, CutGzipStreamIsTruncation) {
  TempDir dir;
  write_gzip(dir.file("full.gz"), idx_bytes({4000}, counting(4000)));
  std::ifstream in(dir.file("full.gz"), std::ios::binary);
  Bytes gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(gz.size(), 40u);
  gz.resize(gz.size() / 2);
  write_plain(dir.file("cut.gz"), gz);
  const std::string msg = idx_error(dir.file("cut.gz"));
  EXPECT_TRUE(contains(msg, "truncated") || contains(msg, "corrupt")) << msg;
  EXPECT_TRUE(contains(msg, dir.file("cut.gz"))) << msg;
}

TEST(Idx, TrailingBytesAreAnError) {
  TempDir dir;
  write_plain(dir.file("long.idx"), idx_bytes({3}, counting(4)));
  EXPECT_TRUE(contains(idx_error(dir.file("long.idx")), "more data than the header's 3 bytes"));
}

// A fake Fashion-MNIST directory: n images of 28×28 and `labels` labels.
void write_fashion(const TempDir& dir, std::uint32_t n, std::uint32_t labels, std::uint8_t label_value = 3) {
  write_gzip(dir.file("train-images-idx3-ubyte.gz"), idx_bytes({n, 28, 28}, counting(n * 784)));
  write_gzip(dir.file("train-labels-idx1-ubyte.gz"), idx_bytes({labels}, Bytes(labels, label_value)));
}

TEST(FashionMnistLoader, ScalesPixelsToUnitInterval) {
  TempDir dir;
  write_fashion(dir, 3, 3);
  const Dataset ds = load_fashion_mnist(dir.file(""), Split::Train);
  EXPECT_EQ(ds.count, 3);
  EXPECT_EQ(ds.features, 784);
  EXPECT_EQ(ds.classes, 10);
  ASSERT_EQ(ds.x.size(), 3u * 784u);
  const Bytes raw = counting(3 * 784);
  for (std::size_t i = 0; i < raw.size(); ++i) ASSERT_FLOAT_EQ(ds.x[i], raw[i] / 255.0f) << i;
  EXPECT_EQ(ds.y, Bytes(3, 3));
  EXPECT_NO_THROW(validate(ds));
}

TEST(FashionMnistLoader, CountMismatchIsNamed) {
  TempDir dir;
  write_fashion(dir, 4, 3);
  try {
    load_fashion_mnist(dir.file(""), Split::Train);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "4 images")) << e.what();
    EXPECT_TRUE(contains(e.what(), "3 labels")) << e.what();
  }
}

TEST(FashionMnistLoader, LabelOutOfRangeIsNamed) {
  TempDir dir;
  write_fashion(dir, 2, 2, 10);
  try {
    load_fashion_mnist(dir.file(""), Split::Train);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "label 10")) << e.what();
  }
}

TEST(FashionMnistLoader, MissingFilesSayHowToInstall) {
  TempDir dir;
  try {
    load_fashion_mnist(dir.file(""), Split::Test);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "t10k-images-idx3-ubyte.gz")) << e.what();
    EXPECT_TRUE(contains(e.what(), "scripts/install-deps.sh")) << e.what();
    EXPECT_TRUE(contains(e.what(), "dataset-fashion-mnist")) << e.what();
    EXPECT_TRUE(contains(e.what(), "SIGNLAB_FASHION_MNIST_DIR")) << e.what();
  }
}

TEST(FashionMnistLoader, DirectoryComesFromTheEnvironment) {
  const char* old = std::getenv(kFashionMnistEnv);
  const std::string saved = old ? old : "";
  ::setenv(kFashionMnistEnv, "/tmp/somewhere", 1);
  EXPECT_EQ(fashion_mnist_dir(), "/tmp/somewhere");
  ::setenv(kFashionMnistEnv, "", 1);
  EXPECT_EQ(fashion_mnist_dir(), kFashionMnistDefaultDir);
  if (old) ::setenv(kFashionMnistEnv, saved.c_str(), 1);
  else ::unsetenv(kFashionMnistEnv);
}

// The real training set (Debian's dataset-fashion-mnist, a build dependency): 60000 images, labels 0..9,
// every class present, read once and shared.
TEST(FashionMnistLoader, RealTrainingSetIsCachedAndShared) {
  const auto a = fashion_mnist_train();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->count, 60000);
  EXPECT_EQ(a->features, 784);
  std::vector<int> per_class(10, 0);
  for (std::uint8_t y : a->y) {
    ASSERT_LT(y, 10);
    ++per_class[y];
  }
  for (int c = 0; c < 10; ++c) EXPECT_EQ(per_class[c], 6000) << c;  // Fashion-MNIST is balanced
  float lo = 1, hi = 0;
  for (float v : a->x) lo = std::min(lo, v), hi = std::max(hi, v);
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 1.0f);
  EXPECT_EQ(fashion_mnist_train().get(), a.get());
}

}  // namespace
}  // namespace signlab::data
