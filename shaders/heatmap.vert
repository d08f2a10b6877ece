#version 330 core
// Full-screen quad for the heat map: four vertices from gl_VertexID (draw GL_TRIANGLE_STRIP, 4),
// no vertex buffer. uv = (0, 0) at the lowest x and y of the grid.
// flip_y = 1 puts the lowest y at the top of the framebuffer: the texture rows then come out top
// row first, which is what ImGui::Image shows upright with its default uv0 = (0, 0), uv1 = (1, 1).
uniform int flip_y;
out vec2 v_uv;

void main() {
  vec2 uv = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_uv = uv;
  vec2 pos = uv * 2.0 - 1.0;
  if (flip_y != 0) pos.y = -pos.y;
  gl_Position = vec4(pos, 0.0, 1.0);
}
