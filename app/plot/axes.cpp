#include "app/plot/axes.hpp"

#include <algorithm>
#include <cmath>

namespace signlab::plot {
namespace {

constexpr float kTickLen = 4.0f;
constexpr float kGap = 3.0f;

// Minimal UTF-8 decoding (malformed bytes decode as U+FFFD), advancing *s.
unsigned decode_utf8(const char*& s) {
  const auto c = static_cast<unsigned char>(*s++);
  if (c < 0x80) return c;
  int extra = 0;
  unsigned cp = 0;
  if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    return 0xFFFD;
  }
  for (int i = 0; i < extra; ++i) {
    const auto d = static_cast<unsigned char>(*s);
    if ((d & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (d & 0x3F);
    ++s;
  }
  return cp;
}

double log10_safe(double v) { return std::log10(std::max(v, 1e-300)); }

}  // namespace

float AxisMap::to_screen(double v) const {
  double a, b, u;
  if (log) {
    a = log10_safe(lo);
    b = log10_safe(hi);
    u = log10_safe(v);
  } else {
    a = lo;
    b = hi;
    u = v;
  }
  const double s = b != a ? (u - a) / (b - a) : 0.5;
  return static_cast<float>(p0 + s * (static_cast<double>(p1) - p0));
}

double AxisMap::to_value(float p) const {
  const double s = p1 != p0 ? (static_cast<double>(p) - p0) / (static_cast<double>(p1) - p0) : 0.5;
  if (log) {
    const double a = log10_safe(lo), b = log10_safe(hi);
    return std::pow(10.0, a + s * (b - a));
  }
  return lo + s * (hi - lo);
}

std::vector<Tick> axis_ticks(const AxisSpec& axis, float pixels, bool horizontal) {
  const float per_tick = horizontal ? 80.0f : ImGui::GetFontSize() * 2.6f;
  const int max_ticks = std::clamp(static_cast<int>(pixels / per_tick) + 1, 2, 10);
  return axis.log ? log_ticks(axis.lo, axis.hi, max_ticks) : linear_ticks(axis.lo, axis.hi, max_ticks);
}

float axes_left_margin(const AxisSpec& y, float plot_height) {
  float widest = 0.0f;
  for (const Tick& t : axis_ticks(y, plot_height, false)) {
    if (!t.label.empty()) widest = std::max(widest, ImGui::CalcTextSize(t.label.c_str()).x);
  }
  float m = kTickLen + kGap + widest + kGap;
  if (y.label && *y.label) m += ImGui::GetFontSize() + kGap;
  return m;
}

float axes_bottom_margin(const AxisSpec& x) {
  const float fh = ImGui::GetFontSize();
  float m = kTickLen + 2.0f + fh + kGap;
  if (x.label && *x.label) m += fh + kGap;
  return m;
}

void add_text_vertical(ImDrawList* dl, ImVec2 center, ImU32 col, const char* text) {
  if (!dl || !text || !*text) return;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float scale = size / font->FontSize;
  const ImVec2 extent = ImGui::CalcTextSize(text);
  // Lay the text out horizontally with its box centred on the origin, then rotate:
  // (dx, dy) → (dy, −dx) turns left-to-right into bottom-to-top on a y-down screen.
  float pen = -0.5f * extent.x;
  const float top = -0.5f * size;
  auto rot = [&](float x, float y) { return ImVec2(center.x + y, center.y - x); };
  for (const char* s = text; *s;) {
    const unsigned cp = decode_utf8(s);
    if (cp == '\n' || cp == '\r') continue;
    const ImFontGlyph* g = font->FindGlyph(static_cast<ImWchar>(cp <= 0xFFFF ? cp : 0xFFFD));
    if (!g) continue;
    if (g->Visible) {
      const float x0 = pen + g->X0 * scale, x1 = pen + g->X1 * scale;
      const float y0 = top + g->Y0 * scale, y1 = top + g->Y1 * scale;
      dl->PrimReserve(6, 4);
      dl->PrimQuadUV(rot(x0, y0), rot(x1, y0), rot(x1, y1), rot(x0, y1), ImVec2(g->U0, g->V0),
                     ImVec2(g->U1, g->V0), ImVec2(g->U1, g->V1), ImVec2(g->U0, g->V1), col);
    }
    pen += g->AdvanceX * scale;
  }
}

void draw_axes(ImDrawList* dl, ImVec2 plot_min, ImVec2 plot_max, const AxisSpec& x, const AxisSpec& y,
               bool grid) {
  if (!dl) return;
  const float fh = ImGui::GetFontSize();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 frame_col = ImGui::GetColorU32(ImGuiCol_Border, 1.0f);
  ImVec4 grid_v = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  grid_v.w = 0.10f;
  const ImU32 grid_major = ImGui::ColorConvertFloat4ToU32(grid_v);
  grid_v.w = 0.045f;
  const ImU32 grid_minor = ImGui::ColorConvertFloat4ToU32(grid_v);

  const float w = plot_max.x - plot_min.x, h = plot_max.y - plot_min.y;
  if (!(w > 1.0f) || !(h > 1.0f)) return;
  const AxisMap xm{x.lo, x.hi, x.log, plot_min.x, plot_max.x};
  const AxisMap ym{y.lo, y.hi, y.log, plot_max.y, plot_min.y};

  // X axis.
  float last_right = -1e30f;
  float widest_y = 0.0f;
  for (const Tick& t : axis_ticks(x, w, true)) {
    const float sx = xm.to_screen(t.value);
    if (sx < plot_min.x - 0.5f || sx > plot_max.x + 0.5f) continue;
    if (grid) dl->AddLine(ImVec2(sx, plot_min.y), ImVec2(sx, plot_max.y), t.major ? grid_major : grid_minor);
    dl->AddLine(ImVec2(sx, plot_max.y), ImVec2(sx, plot_max.y + (t.major ? kTickLen : kTickLen * 0.5f)),
                tick_col);
    if (t.label.empty()) continue;
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    const float lx = sx - 0.5f * ts.x;
    if (lx < last_right + 6.0f) continue;  // would overlap the previous label
    dl->AddText(ImVec2(lx, plot_max.y + kTickLen + 2.0f), text_col, t.label.c_str());
    last_right = lx + ts.x;
  }
  // Y axis.
  float last_top = 1e30f;
  for (const Tick& t : axis_ticks(y, h, false)) {
    const float sy = ym.to_screen(t.value);
    if (sy < plot_min.y - 0.5f || sy > plot_max.y + 0.5f) continue;
    if (grid) dl->AddLine(ImVec2(plot_min.x, sy), ImVec2(plot_max.x, sy), t.major ? grid_major : grid_minor);
    dl->AddLine(ImVec2(plot_min.x - (t.major ? kTickLen : kTickLen * 0.5f), sy), ImVec2(plot_min.x, sy),
                tick_col);
    if (t.label.empty()) continue;
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    const float ly = sy - 0.5f * ts.y;
    if (ly + ts.y > last_top - 1.0f) continue;
    dl->AddText(ImVec2(plot_min.x - kTickLen - kGap - ts.x, ly), text_col, t.label.c_str());
    last_top = ly;
    widest_y = std::max(widest_y, ts.x);
  }
  dl->AddRect(plot_min, plot_max, frame_col);

  if (x.label && *x.label) {
    const ImVec2 ts = ImGui::CalcTextSize(x.label);
    dl->AddText(ImVec2(0.5f * (plot_min.x + plot_max.x - ts.x), plot_max.y + kTickLen + 2.0f + fh + kGap), text_col,
                x.label);
  }
  if (y.label && *y.label) {
    // Beside the widest label this axis may carry, so the label does not jump as ticks come and go.
    const float widest = std::max(widest_y, axes_left_margin(AxisSpec{y.lo, y.hi, y.log, nullptr}, h) -
                                                 (kTickLen + kGap + kGap));
    const float cx = plot_min.x - kTickLen - kGap - widest - kGap - 0.5f * fh;
    add_text_vertical(dl, ImVec2(cx, 0.5f * (plot_min.y + plot_max.y)), text_col, y.label);
  }
}

void draw_axes_2d(ImDrawList* dl, ImVec2 plot_min, ImVec2 plot_max, double x0, double x1, double y0, double y1,
                  const char* x_label, const char* y_label) {
  draw_axes(dl, plot_min, plot_max, AxisSpec{x0, x1, false, x_label}, AxisSpec{y0, y1, false, y_label}, false);
}

}  // namespace signlab::plot
