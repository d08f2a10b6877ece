#pragma once
// An off-screen framebuffer with an RGBA8 colour texture: `signlab shot` and `landscape --png`
// render into it and read the pixels back. Needs a current GL 3.3 core context.
#include <cstdint>
#include <string>
#include <vector>

namespace signlab::gfx {

class OffscreenTarget {
 public:
  OffscreenTarget() = default;
  ~OffscreenTarget();
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  // (Re)creates the framebuffer with a w×h RGBA8 colour texture (cleared to transparent black).
  // On failure returns false and sets *error (when non-null).
  bool create(int w, int h, std::string* error);
  // Frees the GL objects (no-op when there are none).
  void destroy();

  // Binds the framebuffer for drawing and reading and sets the viewport to its size, remembering the
  // previous framebuffer bindings and viewport; unbind() restores them. Not nestable.
  void bind();
  void unbind();

  // The pixels, RGBA, 4·w·h bytes, top row first (ready for write_png_rgba). Leaves the framebuffer
  // bindings and pack alignment as they were.
  std::vector<std::uint8_t> read_pixels() const;

  int width() const { return width_; }
  int height() const { return height_; }
  unsigned framebuffer() const { return fbo_; }
  unsigned color_texture() const { return color_; }
  bool valid() const { return fbo_ != 0; }

 private:
  unsigned fbo_ = 0;
  unsigned color_ = 0;
  int width_ = 0;
  int height_ = 0;
  // State saved by bind().
  int saved_draw_fbo_ = 0;
  int saved_read_fbo_ = 0;
  int saved_viewport_[4] = {0, 0, 0, 0};
  bool bound_ = false;
};

}  // namespace signlab::gfx
