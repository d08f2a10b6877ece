#include "app/plot/colorbar.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/plot/ticks.hpp"

namespace signlab::plot {
namespace {

constexpr float kTickLen = 4.0f;
constexpr float kGap = 3.0f;
constexpr int kSegments = 9;  // the colour map is piecewise linear between 10 anchors: 9 gradients are exact

struct BarTick {
  double t;
  std::string label;
  bool end;  // the bar's two ends: always drawn
};

ImU32 color_at(double t) {
  const Rgb8 c = colormap_rgb(t);
  return IM_COL32(c.r, c.g, c.b, 255);
}

std::vector<BarTick> bar_ticks(const LossScale& s) {
  const double fmax = s.fmax();
  const double range = fmax - s.fmin;
  // The ends get the digits that tell them apart: a slice of a large-d loss can span 12 units at 1e5.
  int end_digits = 4;
  const double big = std::max(std::abs(s.fmin), std::abs(fmax));
  if (range > 0.0 && std::isfinite(range) && big > 0.0)
    end_digits = std::clamp(static_cast<int>(std::floor(std::log10(big)) - std::floor(std::log10(range))) + 2, 4, 9);
  // Decades of (f − fmin) strictly inside the scale.
  std::vector<BarTick> inner;
  if (range > 0.0 && std::isfinite(range)) {
    const int k0 = static_cast<int>(std::floor(s.log_lo));
    const int k1 = static_cast<int>(std::ceil(s.log_hi));
    for (int k = k0; k <= k1; ++k) {
      const double v = s.fmin + std::pow(10.0, k);
      const double t = s.t(v);
      if (t <= 0.0 || t >= 1.0) continue;
      // Enough digits to show the 10^k step away from fmin (−3.9999 rather than −4), within reason.
      const int magnitude = v != 0.0 ? static_cast<int>(std::floor(std::log10(std::abs(v)))) : k;
      const int digits = std::clamp(magnitude - k + 1, 3, 6);
      // The minimum is written at least as finely as the ticks just above it: "2.758" under "2.75756"
      // would read as the larger number.
      end_digits = std::max(end_digits, digits);
      inner.push_back({t, format_number(v, digits), false});
    }
  }
  std::vector<BarTick> ticks = {{0.0, format_number(s.fmin, end_digits), true},
                                {1.0, format_number(fmax, end_digits), true}};
  for (BarTick& t : inner) {
    const bool duplicate = std::any_of(ticks.begin(), ticks.end(), [&](const BarTick& b) { return b.label == t.label; });
    if (!duplicate) ticks.push_back(std::move(t));
  }
  return ticks;
}

}  // namespace

std::pair<std::string, std::string> colorbar_end_labels(const LossScale& scale) {
  const std::vector<BarTick> t = bar_ticks(scale);
  return {t[0].label, t[1].label};
}

float colorbar_labels_width(const LossScale& scale) {
  float widest = 0.0f;
  for (const BarTick& t : bar_ticks(scale)) widest = std::max(widest, ImGui::CalcTextSize(t.label.c_str()).x);
  return kTickLen + kGap + widest;
}

void colorbar(ImDrawList* dl, ImVec2 min, ImVec2 max, const LossScale& scale, const char* label) {
  if (!dl || !(max.x > min.x) || !(max.y > min.y)) return;
  const float h = max.y - min.y;
  for (int i = 0; i < kSegments; ++i) {
    const double t0 = static_cast<double>(i) / kSegments, t1 = static_cast<double>(i + 1) / kSegments;
    const float y_bottom = max.y - static_cast<float>(t0) * h;
    const float y_top = max.y - static_cast<float>(t1) * h;
    const ImU32 c0 = color_at(t0), c1 = color_at(t1);
    dl->AddRectFilledMultiColor(ImVec2(min.x, y_top), ImVec2(max.x, y_bottom), c1, c1, c0, c0);
  }
  dl->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border, 1.0f));

  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fh = ImGui::GetFontSize();
  // Ends first, then inner ticks that do not overlap a label already placed.
  std::vector<BarTick> ticks = bar_ticks(scale);
  std::stable_sort(ticks.begin(), ticks.end(), [](const BarTick& a, const BarTick& b) { return a.end > b.end; });
  std::vector<std::pair<float, float>> used;  // vertical extents of placed labels
  for (const BarTick& t : ticks) {
    const float y = max.y - static_cast<float>(t.t) * h;
    float ly = y - 0.5f * fh;
    // Keep the end labels within the bar's height so they do not poke out.
    if (t.end) ly = std::clamp(ly, min.y - 0.5f * fh, max.y - 0.5f * fh);
    const bool overlaps = std::any_of(used.begin(), used.end(), [&](const std::pair<float, float>& u) {
      return ly < u.second + 1.0f && ly + fh > u.first - 1.0f;
    });
    dl->AddLine(ImVec2(max.x, y), ImVec2(max.x + kTickLen, y), tick_col);
    if (overlaps) continue;
    dl->AddText(ImVec2(max.x + kTickLen + kGap, ly), text_col, t.label.c_str());
    used.emplace_back(ly, ly + fh);
  }
  if (label && *label) {
    dl->AddText(ImVec2(min.x, min.y - fh - kGap), text_col, label);
  }
}

}  // namespace signlab::plot
