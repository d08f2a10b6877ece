#pragma once
// A vertical colour bar for the heat map: the colour map from t = 0 (bottom) to t = 1 (top), with
// tick labels of real loss values placed on the log scale of a LossScale.
#include <imgui.h>

#include <string>
#include <utility>

#include "core/landscape/colormap.hpp"

namespace signlab::plot {

// Draws the bar filling [min, max]; tick marks and labels go to the right of max.x (reserve
// colorbar_labels_width() there), the label (may be null) above min.y (one text line).
// Labels: the grid minimum and maximum at the ends, and fmin + 10^k for the decades in between.
void colorbar(ImDrawList* dl, ImVec2 min, ImVec2 max, const LossScale& scale, const char* label);

// The labels of the bar's two ends (minimum, maximum): with the digits that tell them apart.
std::pair<std::string, std::string> colorbar_end_labels(const LossScale& scale);

// Width the tick marks and labels of colorbar() take to the right of the bar.
float colorbar_labels_width(const LossScale& scale);

}  // namespace signlab::plot
