#include "core/io/png.hpp"
#include "core/spec/quote.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

// Declarations only: the implementation lives in Debian's libstb, which the core links.
#include "stb_image_write.h"

namespace signlab {
namespace {

struct Sink {
  std::FILE* file = nullptr;
  bool ok = true;
  int err = 0;
};

void write_to_sink(void* context, void* data, int size) {
  auto* sink = static_cast<Sink*>(context);
  if (!sink->ok || size <= 0) return;
  if (std::fwrite(data, 1, static_cast<std::size_t>(size), sink->file) != static_cast<std::size_t>(size)) {
    sink->ok = false;
    sink->err = errno;
  }
}

bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

bool write_png(const std::string& path, int w, int h, int channels, const std::vector<std::uint8_t>& pixels,
               std::string* error) {
  const std::string where = "cannot write PNG " + quote_input(path) + ": ";
  if (w <= 0 || h <= 0 || w > (1 << 15) || h > (1 << 15)) {
    return fail(error, where + "bad image size " + std::to_string(w) + "x" + std::to_string(h));
  }
  const std::size_t need = static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * channels;
  if (pixels.size() < need) {
    return fail(error, where + "pixel buffer has " + std::to_string(pixels.size()) + " bytes, " +
                           std::to_string(w) + "x" + std::to_string(h) + "x" + std::to_string(channels) +
                           " needs " + std::to_string(need));
  }
  errno = 0;
  Sink sink;
  sink.file = std::fopen(path.c_str(), "wb");
  if (!sink.file) {
    return fail(error, where + "cannot open for writing (" + std::strerror(errno) + ")");
  }
  const int encoded = stbi_write_png_to_func(write_to_sink, &sink, w, h, channels, pixels.data(), w * channels);
  const bool closed = std::fclose(sink.file) == 0;
  if (!closed && sink.ok) {
    sink.ok = false;
    sink.err = errno;
  }
  if (!encoded) return fail(error, where + "PNG encoding failed");
  if (!sink.ok) {
    return fail(error, where + "write failed (" + std::string(sink.err ? std::strerror(sink.err) : "unknown error") +
                           ")");
  }
  return true;
}

}  // namespace

bool write_png_rgba(const std::string& path, int w, int h, const std::vector<std::uint8_t>& rgba,
                    std::string* error) {
  return write_png(path, w, h, 4, rgba, error);
}

bool write_png_rgb(const std::string& path, int w, int h, const std::vector<std::uint8_t>& rgb,
                   std::string* error) {
  return write_png(path, w, h, 3, rgb, error);
}

}  // namespace signlab
