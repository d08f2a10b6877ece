#pragma once
// Run colours: saturated hues chosen to stand apart from each other and from the viridis heat map
// (purple-blue-green-yellow), so a trajectory is never lost in the landscape.
#include <imgui.h>

namespace signlab::ui {

// Secondary text (captions, units, hints) on the dark theme, one shade for every panel.
inline const ImVec4 kDim{0.65f, 0.65f, 0.7f, 1.0f};

inline constexpr int kPaletteSize = 8;
inline ImU32 run_color(int slot, int alpha = 255) {
  static constexpr unsigned char rgb[kPaletteSize][3] = {
      {255, 59, 48},    // red
      {255, 149, 0},    // orange
      {255, 45, 212},   // magenta
      {0, 229, 255},    // cyan
      {255, 255, 255},  // white
      {255, 214, 165},  // peach
      {170, 120, 255},  // lavender
      {140, 255, 80},   // lime
  };
  const auto* c = rgb[((slot % kPaletteSize) + kPaletteSize) % kPaletteSize];
  return IM_COL32(c[0], c[1], c[2], alpha);
}

}  // namespace signlab::ui
