#pragma once
// Line plots on ImDrawList with linear or log axes. Series are decimated to the pixel width before
// they reach the draw list (per pixel column: first, min, max and last point), so a 10^6-point curve
// costs what ~2000 points do.
#include <imgui.h>

#include <cstdint>
#include <string>

#include "app/plot/layers.hpp"
#include "core/scales/log_axis_range.hpp"

namespace signlab::plot {

struct PlotSeries {
  const double* x;    // n x values, non-decreasing (the hover readout assumes it); nullptr → 0, 1, 2, ...
  const double* y;    // n y values
  int n;
  ImU32 color;
  const char* label;  // legend and hover text; nullptr or "" → not in the legend
  // Log y: its values do not raise the axis (a run that blew up); beyond the top they are drawn at
  // the top edge.
  bool clip_top = false;
};

// What a plot showed (for tests and callers that label around it): the axis ranges and the note.
struct PlotAxesReport {
  double x_lo = 0, x_hi = 0, y_lo = 0, y_hi = 0;
  std::string x_label, y_label;
  std::string note;  // empty: none (e.g. "values below 1e-9 and zeros at the bottom edge")
};

struct PlotOptions {
  const char* x_label = nullptr;
  const char* y_label = nullptr;
  bool log_y = true;
  bool log_x = false;
  // Log y: exact zeros are drawn at the bottom edge (otherwise left out), and the axis reaches at most
  // this many decades below the top of the data (core/scales/log_axis_range.hpp); smaller values are
  // drawn at the bottom edge too. A note in the plot's corner says so.
  bool zeros_at_floor = false;
  double log_max_decades = kLogAxisMaxDecades;
  PlotAxesReport* report = nullptr;  // filled when not null and the plot is drawn this frame
  // Optional caching: with a host the plot is drawn into a cached layer, redrawn when `content` (a
  // token that changes with the data, e.g. the snapshot's sequence number) changes, at the host's
  // rate; while hovered it is drawn live, every frame, with the cursor and readout.
  LayerHost* layers = nullptr;
  std::uint64_t content = 0;
};

// One framed plot as a single ImGui item of `size` (size.x <= 0: the available width; size.y <= 0:
// the available height, at least 12 lines). Axis ranges come from the data (x: data range; y linear:
// padded by 5 %; y log: whole decades, LogAxisRangeBuilder). Non-finite points, and non-positive ones
// on a log axis (but zeros with zeros_at_floor), are skipped. Draws grid lines, tick labels, axis labels, a legend in the top-right corner and,
// while hovered, a vertical cursor with each series' value at that x in a tooltip.
void line_plot(const char* id, ImVec2 size, const PlotSeries* series, int count, const PlotOptions& opt);

}  // namespace signlab::plot
