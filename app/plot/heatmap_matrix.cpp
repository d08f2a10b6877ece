#include "app/plot/heatmap_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "app/plot/ticks.hpp"

namespace signlab::plot {
namespace {

constexpr float kTickLen = 4.0f;
constexpr float kGap = 3.0f;

struct Anchor {
  double t;
  float r, g, b;
};
// Deep blue → light blue → near white → light red → deep red, piecewise linear in RGB.
constexpr Anchor kAnchors[] = {
    {-1.0, 30, 70, 170}, {-0.5, 120, 165, 225}, {0.0, 246, 246, 246}, {0.5, 235, 150, 125}, {1.0, 170, 25, 35},
};
constexpr int kAnchorCount = static_cast<int>(sizeof kAnchors / sizeof kAnchors[0]);

ImU32 color_at_t(double t) {
  t = std::clamp(t, -1.0, 1.0);
  int k = 0;
  while (k < kAnchorCount - 2 && t > kAnchors[k + 1].t) ++k;
  const Anchor& a = kAnchors[k];
  const Anchor& b = kAnchors[k + 1];
  const float u = static_cast<float>((t - a.t) / (b.t - a.t));
  auto mix = [u](float x, float y) { return static_cast<int>(std::lround(x + (y - x) * u)); };
  return IM_COL32(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255);
}

}  // namespace

ImU32 diverging_color(double v, double scale) {
  if (!std::isfinite(v) || !(scale > 0.0) || !std::isfinite(scale)) return IM_COL32(128, 128, 128, 255);
  return color_at_t(v / scale);
}

MatrixHeatmapResult matrix_heatmap(const char* id, const double* data, int rows, int cols, int ld, double scale,
                                   ImVec2 size, int max_cells, int highlight_row, int highlight_col) {
  MatrixHeatmapResult res;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  size.x = std::max(size.x, 8.0f);
  size.y = std::max(size.y, 8.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  if (!data || rows <= 0 || cols <= 0) return res;

  max_cells = std::max(1, max_cells);
  res.shown_rows = std::min(rows, max_cells);
  res.shown_cols = std::min(cols, max_cells);
  const float cell = std::max(1.0f, std::floor(std::min(size.x / res.shown_cols, size.y / res.shown_rows)));
  const float w = cell * res.shown_cols, h = cell * res.shown_rows;
  res.min = ImVec2(std::floor(origin.x + 0.5f * (size.x - w)), std::floor(origin.y + 0.5f * (size.y - h)));
  res.max = ImVec2(res.min.x + w, res.min.y + h);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int j = 0; j < res.shown_cols; ++j) {
    const float x0 = res.min.x + cell * j;
    for (int i = 0; i < res.shown_rows; ++i) {
      const float y0 = res.min.y + cell * i;
      const double v = data[static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * static_cast<std::size_t>(ld)];
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + cell, y0 + cell), diverging_color(v, scale));
    }
  }
  dl->AddRect(ImVec2(res.min.x - 1, res.min.y - 1), ImVec2(res.max.x + 1, res.max.y + 1),
              ImGui::GetColorU32(ImGuiCol_Border, 1.0f));

  // The 2×2 sub-block of a pair of coordinates (the unit-ball view's axes).
  if (highlight_row >= 0 && highlight_col >= 0) {
    const ImU32 hl = IM_COL32(20, 20, 20, 255);
    const int idx[2] = {highlight_row, highlight_col};
    for (int a : idx)
      for (int b : idx) {
        if (a >= res.shown_rows || b >= res.shown_cols) continue;
        const ImVec2 p0(res.min.x + cell * b, res.min.y + cell * a);
        dl->AddRect(p0, ImVec2(p0.x + cell, p0.y + cell), hl, 0.0f, 0, cell >= 6 ? 2.0f : 1.0f);
      }
  }

  if (hovered) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x >= res.min.x && m.x < res.max.x && m.y >= res.min.y && m.y < res.max.y) {
      res.hovered_col = std::clamp(static_cast<int>((m.x - res.min.x) / cell), 0, res.shown_cols - 1);
      res.hovered_row = std::clamp(static_cast<int>((m.y - res.min.y) / cell), 0, res.shown_rows - 1);
      res.clicked = clicked;
      const double v = data[static_cast<std::size_t>(res.hovered_row) +
                            static_cast<std::size_t>(res.hovered_col) * static_cast<std::size_t>(ld)];
      ImGui::SetTooltip("H[%d][%d] = %s", res.hovered_row, res.hovered_col, format_number(v, 4).c_str());
    }
  }
  return res;
}

// The end labels: "-s" and "s", or "<=-s" and ">=s" when values beyond them saturate.
std::pair<std::string, std::string> end_labels(double scale, bool saturated) {
  const bool uni = ImGui::GetFont()->FindGlyphNoFallback(0x2264) && ImGui::GetFont()->FindGlyphNoFallback(0x2265);
  std::string lo = format_number(-scale, 3), hi = format_number(scale, 3);
  if (saturated) {
    lo.insert(0, uni ? "\xE2\x89\xA4" : "<=");
    hi.insert(0, uni ? "\xE2\x89\xA5" : ">=");
  }
  return {lo, hi};
}

float diverging_colorbar_labels_width(double scale, bool saturated) {
  const auto [a, b] = end_labels(scale, saturated);
  return kTickLen + kGap + std::max(ImGui::CalcTextSize(a.c_str()).x, ImGui::CalcTextSize(b.c_str()).x);
}

void diverging_colorbar(ImDrawList* dl, ImVec2 min, ImVec2 max, double scale, const char* label, bool saturated) {
  if (!dl || !(max.x > min.x) || !(max.y > min.y)) return;
  const float h = max.y - min.y;
  // The map is piecewise linear between its anchors: one gradient rectangle per piece is exact.
  for (int k = 0; k + 1 < kAnchorCount; ++k) {
    const double t0 = kAnchors[k].t, t1 = kAnchors[k + 1].t;
    const float y_bottom = max.y - static_cast<float>((t0 + 1.0) * 0.5) * h;
    const float y_top = max.y - static_cast<float>((t1 + 1.0) * 0.5) * h;
    const ImU32 c0 = color_at_t(t0), c1 = color_at_t(t1);
    dl->AddRectFilledMultiColor(ImVec2(min.x, y_top), ImVec2(max.x, y_bottom), c1, c1, c0, c0);
  }
  dl->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border, 1.0f));
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fh = ImGui::GetFontSize();
  const struct {
    float y;
    std::string text;
  } ticks[] = {{max.y, end_labels(scale, saturated).first}, {0.5f * (min.y + max.y), "0"},
               {min.y, end_labels(scale, saturated).second}};
  for (const auto& t : ticks) {
    dl->AddLine(ImVec2(max.x, t.y), ImVec2(max.x + kTickLen, t.y), tick_col);
    const float ly = std::clamp(t.y - 0.5f * fh, min.y - 0.5f * fh, max.y - 0.5f * fh);
    dl->AddText(ImVec2(max.x + kTickLen + kGap, ly), text_col, t.text.c_str());
  }
  if (label && *label) dl->AddText(ImVec2(min.x, min.y - fh - kGap), text_col, label);
}

}  // namespace signlab::plot
