#pragma once
// Heat map + contour lines of a loss grid, drawn by shaders/heatmap.{vert,frag} from a float texture.
// Needs a current GL 3.3 core context for everything except construction.
#include <string>

#include "app/gfx/shader_program.hpp"
#include "core/landscape/colormap.hpp"

namespace signlab::gfx {

class HeatmapRenderer {
 public:
  HeatmapRenderer() = default;
  ~HeatmapRenderer();  // frees every GL object it created (the context must still be current)
  HeatmapRenderer(const HeatmapRenderer&) = delete;
  HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

  // Builds the shader program, the colour map texture (colormap_table(256)) and an empty grid.
  // On failure returns false and sets *error (file names + driver log) for the app to show.
  bool init(std::string* error);
  bool ready() const;

  // The loss grid: nx × ny floats, row-major, row 0 = lowest y, i.e. values[j * nx + i] is the
  // sample at (x_i, y_j). Samples sit on the corners of the drawn rectangle's pixel grid (the first
  // and last samples land exactly on the edges). Non-finite values: NaN draws grey, +inf the top colour.
  void upload_grid(const float* values, int nx, int ny);
  // The loss → colour mapping (usually make_loss_scale(grid.fmin, grid.fmax)).
  void set_scale(const LossScale& scale);
  // Number of contour bands: lines at t = k / n for k = 1 .. n − 1; 0 turns the lines off. Default 14.
  void set_contours(int n);
  // Contour line width in pixels (default 1.2) and how much a line darkens the colour (0..1, default 0.45).
  void set_line_style(float width_px, float darkening);

  // Renders the heat map into the renderer's own w×h RGBA8 colour texture (recreated when the size
  // changes) and returns that texture's GL id (0 if not initialised or w, h <= 0). The texture is in
  // GL's orientation (lowest y in row 0), so it can be copied into a framebuffer unflipped
  // (glBlitFramebuffer); ImGui::Image shows it upright with uv0 = (0, 1), uv1 = (1, 0). Saves and restores the GL
  // state it touches (framebuffer, viewport, program, VAO, active texture and bindings, enables).
  unsigned render(int w, int h);
  // The texture of the last render() (0 before the first).
  unsigned texture() const { return color_tex_; }
  int width() const { return fbo_w_; }
  int height() const { return fbo_h_; }

  // Draws into the currently bound draw framebuffer over the viewport rectangle (x, y, w, h) in GL
  // window coordinates (y up, lowest grid y at the bottom; flip_y puts it at the top instead).
  // Saves and restores the same state as render(). Used for off-screen capture (OffscreenTarget).
  void draw(int x, int y, int w, int h, bool flip_y = false);

 private:
  bool ensure_target(int w, int h);
  void release();

  ShaderProgram program_;
  unsigned vao_ = 0;
  unsigned grid_tex_ = 0;
  unsigned cmap_tex_ = 0;
  unsigned fbo_ = 0;
  unsigned color_tex_ = 0;
  int fbo_w_ = 0, fbo_h_ = 0;
  int grid_nx_ = 0, grid_ny_ = 0;
  int cmap_n_ = 0;
  LossScale scale_ = make_loss_scale(0.0, 1.0);
  int contours_ = 14;
  float line_width_ = 1.2f;
  float line_darkening_ = 0.45f;
  // Uniform locations.
  int u_grid_ = -1, u_cmap_ = -1, u_fmin_ = -1, u_delta_ = -1, u_log_lo_ = -1, u_log_hi_ = -1;
  int u_contours_ = -1, u_line_width_ = -1, u_line_darkening_ = -1, u_flip_y_ = -1;
};

}  // namespace signlab::gfx
