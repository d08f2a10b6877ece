#pragma once
// A matrix drawn as a grid of coloured cells (ImDrawList rectangles) on a diverging colour map that is
// symmetric about 0: −scale blue, 0 white, +scale red. For small matrices such as a Hessian (no
// texture, no GL): at most max_cells × max_cells cells are drawn.
#include <imgui.h>

namespace signlab::plot {

// The colour of v on the diverging map of half-range `scale` (> 0): v/scale is clamped to [−1, 1];
// blue below 0, white at 0, red above. NaN (or a non-positive scale) gives grey.
ImU32 diverging_color(double v, double scale);

struct MatrixHeatmapResult {
  ImVec2 min{0, 0}, max{0, 0};  // the cells' rectangle on screen
  int shown_rows = 0, shown_cols = 0;  // the top-left block drawn (≤ max_cells each)
  int hovered_row = -1, hovered_col = -1;  // the cell under the mouse (−1: none)
  bool clicked = false;                    // left click on the hovered cell this frame
};

// One ImGui item of `size` (square cells: the block is centred in it). Element (i, j) is
// data[i + j·ld] (column-major, Eigen's default). Row 0 is at the top. While hovered, a tooltip shows
// the element's value. `highlight_row`/`highlight_col` (≥ 0) outline cell (r, c), (c, r), (r, r) and
// (c, c) of that pair of coordinates when they are shown.
MatrixHeatmapResult matrix_heatmap(const char* id, const double* data, int rows, int cols, int ld, double scale,
                                   ImVec2 size, int max_cells = 64, int highlight_row = -1, int highlight_col = -1);

// A vertical bar of the diverging map from −scale (bottom) to +scale (top), filling [min, max]; tick
// labels (−scale, 0, +scale) to the right of max.x, the label (may be null) above min.y. `saturated`:
// some values lie beyond ±scale (drawn in the end colours): the end labels read "≤ −s" and "≥ s".
void diverging_colorbar(ImDrawList* dl, ImVec2 min, ImVec2 max, double scale, const char* label,
                        bool saturated = false);

// Width the tick marks and labels of diverging_colorbar() take to the right of the bar.
float diverging_colorbar_labels_width(double scale, bool saturated = false);

}  // namespace signlab::plot
