#include "app/gfx/heatmap_renderer.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <vector>

#include "app/gfx/shader_program.hpp"

namespace signlab::gfx {
namespace {

constexpr GLuint kGridUnit = 0;
constexpr GLuint kCmapUnit = 1;
constexpr int kColormapSize = 256;

// The GL state draw() changes, captured on construction and put back on destruction.
class SavedState {
 public:
  SavedState() {
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &draw_fbo_);
    glGetIntegerv(GL_VIEWPORT, viewport_);
    glGetIntegerv(GL_CURRENT_PROGRAM, &program_);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao_);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &active_texture_);
    glGetIntegerv(GL_POLYGON_MODE, polygon_mode_);
    glActiveTexture(GL_TEXTURE0 + kGridUnit);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &tex_grid_unit_);
    glGetIntegerv(GL_SAMPLER_BINDING, &sampler_grid_unit_);
    glActiveTexture(GL_TEXTURE0 + kCmapUnit);
    glGetIntegerv(GL_TEXTURE_BINDING_1D, &tex_cmap_unit_);
    glGetIntegerv(GL_SAMPLER_BINDING, &sampler_cmap_unit_);
    blend_ = glIsEnabled(GL_BLEND);
    depth_ = glIsEnabled(GL_DEPTH_TEST);
    scissor_ = glIsEnabled(GL_SCISSOR_TEST);
    cull_ = glIsEnabled(GL_CULL_FACE);
    stencil_ = glIsEnabled(GL_STENCIL_TEST);
  }
  ~SavedState() {
    set(GL_BLEND, blend_);
    set(GL_DEPTH_TEST, depth_);
    set(GL_SCISSOR_TEST, scissor_);
    set(GL_CULL_FACE, cull_);
    set(GL_STENCIL_TEST, stencil_);
    glActiveTexture(GL_TEXTURE0 + kCmapUnit);
    glBindTexture(GL_TEXTURE_1D, static_cast<GLuint>(tex_cmap_unit_));
    glBindSampler(kCmapUnit, static_cast<GLuint>(sampler_cmap_unit_));
    glActiveTexture(GL_TEXTURE0 + kGridUnit);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(tex_grid_unit_));
    glBindSampler(kGridUnit, static_cast<GLuint>(sampler_grid_unit_));
    glActiveTexture(static_cast<GLenum>(active_texture_));
    glPolygonMode(GL_FRONT_AND_BACK, static_cast<GLenum>(polygon_mode_[0]));
    glBindVertexArray(static_cast<GLuint>(vao_));
    glUseProgram(static_cast<GLuint>(program_));
    glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(draw_fbo_));
  }
  SavedState(const SavedState&) = delete;
  SavedState& operator=(const SavedState&) = delete;

 private:
  static void set(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }

  GLint draw_fbo_ = 0, program_ = 0, vao_ = 0, active_texture_ = GL_TEXTURE0;
  GLint viewport_[4] = {0, 0, 0, 0};
  GLint polygon_mode_[2] = {GL_FILL, GL_FILL};
  GLint tex_grid_unit_ = 0, tex_cmap_unit_ = 0, sampler_grid_unit_ = 0, sampler_cmap_unit_ = 0;
  GLboolean blend_ = GL_FALSE, depth_ = GL_FALSE, scissor_ = GL_FALSE, cull_ = GL_FALSE, stencil_ = GL_FALSE;
};

// Uploads a float texture with the unpack state forced to tightly packed rows, restoring it after.
void upload_float_texture(GLenum target, GLint internal, GLsizei w, GLsizei h, GLenum format, const float* data) {
  GLint align = 4, row = 0, skip_rows = 0, skip_pixels = 0, buffer = 0;
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &align);
  glGetIntegerv(GL_UNPACK_ROW_LENGTH, &row);
  glGetIntegerv(GL_UNPACK_SKIP_ROWS, &skip_rows);
  glGetIntegerv(GL_UNPACK_SKIP_PIXELS, &skip_pixels);
  glGetIntegerv(GL_PIXEL_UNPACK_BUFFER_BINDING, &buffer);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
  glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
  if (target == GL_TEXTURE_1D) {
    glTexImage1D(GL_TEXTURE_1D, 0, internal, w, 0, format, GL_FLOAT, data);
  } else {
    glTexImage2D(target, 0, internal, w, h, 0, format, GL_FLOAT, data);
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, align);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, row);
  glPixelStorei(GL_UNPACK_SKIP_ROWS, skip_rows);
  glPixelStorei(GL_UNPACK_SKIP_PIXELS, skip_pixels);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, static_cast<GLuint>(buffer));
}

void set_linear_clamp(GLenum target) {
  glTexParameteri(target, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(target, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(target, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  if (target != GL_TEXTURE_1D) glTexParameteri(target, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace

HeatmapRenderer::~HeatmapRenderer() { release(); }

void HeatmapRenderer::release() {
  program_.release();
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (grid_tex_) glDeleteTextures(1, &grid_tex_);
  if (cmap_tex_) glDeleteTextures(1, &cmap_tex_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (color_tex_) glDeleteTextures(1, &color_tex_);
  vao_ = grid_tex_ = cmap_tex_ = fbo_ = color_tex_ = 0;
  fbo_w_ = fbo_h_ = grid_nx_ = grid_ny_ = cmap_n_ = 0;
}

bool HeatmapRenderer::ready() const { return program_.valid() && vao_ != 0 && grid_tex_ != 0 && cmap_tex_ != 0; }

bool HeatmapRenderer::init(std::string* error) {
  release();
  if (!program_.build("heatmap.vert", "heatmap.frag", error)) return false;
  u_grid_ = program_.uniform("grid");
  u_cmap_ = program_.uniform("colormap");
  u_fmin_ = program_.uniform("fmin");
  u_delta_ = program_.uniform("delta");
  u_log_lo_ = program_.uniform("log_lo");
  u_log_hi_ = program_.uniform("log_hi");
  u_contours_ = program_.uniform("contours");
  u_line_width_ = program_.uniform("line_width");
  u_line_darkening_ = program_.uniform("line_darkening");
  u_flip_y_ = program_.uniform("flip_y");
  if (u_grid_ < 0 || u_cmap_ < 0 || u_log_lo_ < 0 || u_log_hi_ < 0) {
    if (error) {
      *error = "shaders/heatmap.vert + shaders/heatmap.frag: the program lacks the uniforms grid, colormap, "
               "log_lo or log_hi";
    }
    release();
    return false;
  }

  GLint prev_tex_2d = 0, prev_tex_1d = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex_2d);
  glGetIntegerv(GL_TEXTURE_BINDING_1D, &prev_tex_1d);

  glGenVertexArrays(1, &vao_);

  const std::vector<float> table = colormap_table(kColormapSize);
  cmap_n_ = kColormapSize;
  glGenTextures(1, &cmap_tex_);
  glBindTexture(GL_TEXTURE_1D, cmap_tex_);
  set_linear_clamp(GL_TEXTURE_1D);
  glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_BASE_LEVEL, 0);
  glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MAX_LEVEL, 0);
  upload_float_texture(GL_TEXTURE_1D, GL_RGB32F, cmap_n_, 1, GL_RGB, table.data());

  // A 1×1 grid until the first upload, so drawing before it is harmless.
  const float zero = 0.0f;
  glGenTextures(1, &grid_tex_);
  glBindTexture(GL_TEXTURE_2D, grid_tex_);
  set_linear_clamp(GL_TEXTURE_2D);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 0);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
  upload_float_texture(GL_TEXTURE_2D, GL_R32F, 1, 1, GL_RED, &zero);
  grid_nx_ = grid_ny_ = 1;

  glBindTexture(GL_TEXTURE_1D, static_cast<GLuint>(prev_tex_1d));
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev_tex_2d));
  return true;
}

void HeatmapRenderer::upload_grid(const float* values, int nx, int ny) {
  if (!grid_tex_ || !values || nx <= 0 || ny <= 0) return;
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glBindTexture(GL_TEXTURE_2D, grid_tex_);
  upload_float_texture(GL_TEXTURE_2D, GL_R32F, nx, ny, GL_RED, values);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev));
  grid_nx_ = nx;
  grid_ny_ = ny;
}

void HeatmapRenderer::set_scale(const LossScale& scale) { scale_ = scale; }

void HeatmapRenderer::set_contours(int n) { contours_ = std::max(n, 0); }

void HeatmapRenderer::set_line_style(float width_px, float darkening) {
  line_width_ = std::max(width_px, 0.0f);
  line_darkening_ = std::clamp(darkening, 0.0f, 1.0f);
}

bool HeatmapRenderer::ensure_target(int w, int h) {
  if (fbo_ && color_tex_ && w == fbo_w_ && h == fbo_h_) return true;
  GLint prev_tex = 0, prev_draw = 0, prev_read = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);

  if (!color_tex_) glGenTextures(1, &color_tex_);
  glBindTexture(GL_TEXTURE_2D, color_tex_);
  set_linear_clamp(GL_TEXTURE_2D);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  if (!fbo_) glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_tex_, 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;

  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev_tex));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));
  if (!complete) {
    glDeleteFramebuffers(1, &fbo_);
    glDeleteTextures(1, &color_tex_);
    fbo_ = color_tex_ = 0;
    fbo_w_ = fbo_h_ = 0;
    return false;
  }
  fbo_w_ = w;
  fbo_h_ = h;
  return true;
}

unsigned HeatmapRenderer::render(int w, int h) {
  if (!ready() || w <= 0 || h <= 0) return 0;
  if (!ensure_target(w, h)) return 0;
  GLint prev_draw = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_);
  draw(0, 0, w, h);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  return color_tex_;
}

void HeatmapRenderer::draw(int x, int y, int w, int h, bool flip_y) {
  if (!ready() || w <= 0 || h <= 0) return;
  SavedState saved;

  glViewport(x, y, w, h);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_CULL_FACE);
  glDisable(GL_STENCIL_TEST);
  glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);

  glUseProgram(program_.id());
  glActiveTexture(GL_TEXTURE0 + kGridUnit);
  glBindTexture(GL_TEXTURE_2D, grid_tex_);
  glBindSampler(kGridUnit, 0);
  glActiveTexture(GL_TEXTURE0 + kCmapUnit);
  glBindTexture(GL_TEXTURE_1D, cmap_tex_);
  glBindSampler(kCmapUnit, 0);

  glUniform1i(u_grid_, static_cast<GLint>(kGridUnit));
  glUniform1i(u_cmap_, static_cast<GLint>(kCmapUnit));
  glUniform1f(u_fmin_, static_cast<float>(scale_.fmin));
  glUniform1f(u_delta_, static_cast<float>(scale_.delta));
  glUniform1f(u_log_lo_, static_cast<float>(scale_.log_lo));
  glUniform1f(u_log_hi_, static_cast<float>(scale_.log_hi));
  glUniform1i(u_contours_, contours_);
  glUniform1f(u_line_width_, line_width_);
  glUniform1f(u_line_darkening_, line_darkening_);
  glUniform1i(u_flip_y_, flip_y ? 1 : 0);

  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace signlab::gfx
