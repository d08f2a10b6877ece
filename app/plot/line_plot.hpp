#pragma once
// Line plots on ImDrawList with linear or log axes. Series are decimated to the pixel width before
// they reach the draw list (per pixel column: first, min, max and last point), so a 10^6-point curve
// costs what ~2000 points do.
#include <imgui.h>

#include <cstdint>

#include "app/plot/layers.hpp"

namespace signlab::plot {

struct PlotSeries {
  const double* x;    // n x values, non-decreasing (the hover readout assumes it); nullptr → 0, 1, 2, ...
  const double* y;    // n y values
  int n;
  ImU32 color;
  const char* label;  // legend and hover text; nullptr or "" → not in the legend
};

struct PlotOptions {
  const char* x_label = nullptr;
  const char* y_label = nullptr;
  bool log_y = true;
  bool log_x = false;
  // Optional caching: with a host the plot is drawn into a cached layer, redrawn when `content` (a
  // token that changes with the data, e.g. the snapshot's sequence number) changes, at the host's
  // rate; while hovered it is drawn live, every frame, with the cursor and readout.
  LayerHost* layers = nullptr;
  std::uint64_t content = 0;
};

// One framed plot as a single ImGui item of `size` (size.x <= 0: the available width; size.y <= 0:
// the available height, at least 12 lines). Axis ranges come from the data (x: data range; y linear:
// padded by 5 %; y log: widened to whole decades). Non-finite points, and non-positive ones on a log
// axis, are skipped. Draws grid lines, tick labels, axis labels, a legend in the top-right corner and,
// while hovered, a vertical cursor with each series' value at that x in a tooltip.
void line_plot(const char* id, ImVec2 size, const PlotSeries* series, int count, const PlotOptions& opt);

}  // namespace signlab::plot
