#version 330 core
// Heat map of a loss grid with contour lines.
// grid: GL_R32F texture of the losses, nx × ny texels, texel (0, 0) at the lowest x and y; the grid's
// samples sit on texel centres, so uv = 0 and uv = 1 hit the first and last samples exactly.
// colormap: 1-D RGB texture of n colours (colormap_table), entry 0 at t = 0 and entry n-1 at t = 1.
// The loss is mapped to t ∈ [0, 1] exactly like signlab::LossScale::t (core/landscape/colormap.hpp):
//   t = (log10(f − fmin + delta) − log_lo) / (log_hi − log_lo)
// and contour lines are drawn at t = k / contours, k = 1 .. contours − 1.
uniform sampler2D grid;
uniform sampler1D colormap;
uniform float fmin;
uniform float delta;
uniform float log_lo;
uniform float log_hi;
uniform int contours;          // number of bands; 0 disables the lines
uniform float line_width;      // contour line width in pixels
uniform float line_darkening;  // 0 = invisible lines, 1 = black lines

in vec2 v_uv;
out vec4 frag_color;

const float kInvLn10 = 0.43429448190325176;

float loss_t(float f) {
  float arg = max(f - fmin + delta, delta);
  return clamp((log(arg) * kInvLn10 - log_lo) / (log_hi - log_lo), 0.0, 1.0);
}

void main() {
  vec2 size = vec2(textureSize(grid, 0));
  vec2 tc = (vec2(0.5) + v_uv * (size - vec2(1.0))) / size;
  float f = texture(grid, tc).r;
  if (isnan(f)) {  // undefined loss (diverged evaluation): neutral grey, no contours
    frag_color = vec4(0.5, 0.5, 0.5, 1.0);
    return;
  }
  if (isinf(f) && f < 0.0) f = fmin;
  float t = loss_t(f);

  float n = float(textureSize(colormap, 0));
  vec3 color = texture(colormap, (0.5 + t * (n - 1.0)) / n).rgb;

  if (contours > 0) {
    float level = t * float(contours);
    float k = floor(level + 0.5);
    float fw = max(fwidth(level), 1e-6);
    float dist_px = abs(level - k) / fw;  // distance to the nearest line, in pixels
    float half_w = 0.5 * line_width;
    float on_line = 1.0 - smoothstep(half_w - 0.5, half_w + 0.5, dist_px);
    // Only interior levels, and fade out where the lines crowd closer than ~3 pixels.
    if (k < 0.5 || k > float(contours) - 0.5) on_line = 0.0;
    on_line *= 1.0 - smoothstep(0.2, 0.4, fw);
    color *= 1.0 - line_darkening * on_line;
  }
  frag_color = vec4(color, 1.0);
}
