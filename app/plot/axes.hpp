#pragma once
// Axes around a plot rectangle on an ImDrawList: frame, tick marks, tick labels, axis labels and
// (optionally) grid lines. Screen y grows downwards; the value axes have y up.
#include <imgui.h>

#include <vector>

#include "app/plot/ticks.hpp"

namespace signlab::plot {

// Maps values of one axis to screen pixels: lo → p0, hi → p1 (linearly, or linearly in log10).
struct AxisMap {
  double lo = 0.0, hi = 1.0;
  bool log = false;
  float p0 = 0.0f, p1 = 1.0f;
  float to_screen(double v) const;
  double to_value(float p) const;
};

// One axis: value range (lo < hi; for log axes lo > 0), scale and label (may be null).
struct AxisSpec {
  double lo = 0.0, hi = 1.0;
  bool log = false;
  const char* label = nullptr;
};

// The ticks draw_axes() puts on an axis `pixels` long (fewer when short).
std::vector<Tick> axis_ticks(const AxisSpec& axis, float pixels, bool horizontal);

// Room draw_axes() needs outside the plot rectangle: left of it for the y axis (tick labels of the
// given plot height + rotated label), below it for the x axis (tick labels + label).
float axes_left_margin(const AxisSpec& y, float plot_height);
float axes_bottom_margin(const AxisSpec& x);

// Frame, ticks and labels around [plot_min, plot_max] (x ticks below, y ticks left, y up);
// with `grid`, faint grid lines at every tick inside the rectangle.
void draw_axes(ImDrawList* dl, ImVec2 plot_min, ImVec2 plot_max, const AxisSpec& x, const AxisSpec& y,
               bool grid);

// Linear axes without grid lines, for the landscape: x from x0 (left) to x1, y from y0 (bottom) to y1.
void draw_axes_2d(ImDrawList* dl, ImVec2 plot_min, ImVec2 plot_max, double x0, double x1, double y0, double y1,
                  const char* x_label, const char* y_label);

// Text rotated a quarter turn counter-clockwise (reads bottom to top), centred on `center`, in the
// current font and size.
void add_text_vertical(ImDrawList* dl, ImVec2 center, ImU32 col, const char* text);

}  // namespace signlab::plot
