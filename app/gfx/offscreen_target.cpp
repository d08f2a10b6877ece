#include "app/gfx/offscreen_target.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <cstdio>

namespace signlab::gfx {

OffscreenTarget::~OffscreenTarget() { destroy(); }

void OffscreenTarget::destroy() {
  if (bound_) unbind();
  if (fbo_ != 0) glDeleteFramebuffers(1, &fbo_);
  if (color_ != 0) glDeleteTextures(1, &color_);
  fbo_ = color_ = 0;
  width_ = height_ = 0;
}

bool OffscreenTarget::create(int w, int h, std::string* error) {
  destroy();
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
  if (w <= 0 || h <= 0 || (max_size > 0 && (w > max_size || h > max_size))) {
    if (error) {
      *error = "off-screen target: bad size " + std::to_string(w) + "x" + std::to_string(h) +
               " (the driver allows up to " + std::to_string(max_size) + ")";
    }
    return false;
  }
  GLint prev_tex = 0, prev_draw = 0, prev_read = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);

  glGenTextures(1, &color_);
  glBindTexture(GL_TEXTURE_2D, color_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);

  glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_, 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  if (status == GL_FRAMEBUFFER_COMPLETE) {
    GLfloat prev_clear[4];
    glGetFloatv(GL_COLOR_CLEAR_VALUE, prev_clear);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glClearColor(prev_clear[0], prev_clear[1], prev_clear[2], prev_clear[3]);
  }

  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev_tex));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));

  if (status != GL_FRAMEBUFFER_COMPLETE) {
    destroy();
    if (error) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%04x", static_cast<unsigned>(status));
      *error = std::string("off-screen target: framebuffer incomplete (status ") + hex + ")";
    }
    return false;
  }
  width_ = w;
  height_ = h;
  return true;
}

void OffscreenTarget::bind() {
  if (fbo_ == 0) return;
  if (!bound_) {
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &saved_draw_fbo_);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &saved_read_fbo_);
    glGetIntegerv(GL_VIEWPORT, saved_viewport_);
    bound_ = true;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width_, height_);
}

void OffscreenTarget::unbind() {
  if (!bound_) return;
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(saved_draw_fbo_));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(saved_read_fbo_));
  glViewport(saved_viewport_[0], saved_viewport_[1], saved_viewport_[2], saved_viewport_[3]);
  bound_ = false;
}

std::vector<std::uint8_t> OffscreenTarget::read_pixels() const {
  if (fbo_ == 0) return {};
  GLint prev_read = 0, prev_pack = 4, prev_pack_row = 0, prev_buffer = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);
  glGetIntegerv(GL_PACK_ALIGNMENT, &prev_pack);
  glGetIntegerv(GL_PACK_ROW_LENGTH, &prev_pack_row);
  glGetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &prev_buffer);

  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
  glReadBuffer(GL_COLOR_ATTACHMENT0);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  const std::size_t row = static_cast<std::size_t>(width_) * 4;
  std::vector<std::uint8_t> pixels(row * static_cast<std::size_t>(height_));
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());

  glPixelStorei(GL_PACK_ALIGNMENT, prev_pack);
  glPixelStorei(GL_PACK_ROW_LENGTH, prev_pack_row);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, static_cast<GLuint>(prev_buffer));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));

  // GL returns the bottom row first; flip to top row first.
  for (int y = 0; y < height_ / 2; ++y) {
    std::uint8_t* a = pixels.data() + static_cast<std::size_t>(y) * row;
    std::uint8_t* b = pixels.data() + static_cast<std::size_t>(height_ - 1 - y) * row;
    std::swap_ranges(a, a + row, b);
  }
  return pixels;
}

}  // namespace signlab::gfx
