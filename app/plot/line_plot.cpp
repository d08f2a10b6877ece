#include "app/plot/line_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "app/plot/axes.hpp"
#include "app/plot/polyline.hpp"
#include "app/plot/ticks.hpp"

namespace signlab::plot {
namespace {

// Whole pixels: ImGui then draws anti-aliased lines from its texture (2 triangles a segment, not 6).
constexpr float kLineThickness = 2.0f;
// Series are decimated to columns this wide (min and max kept per column): a 2-px-thick line shows
// no detail finer than that, and software GL (llvmpipe) pays per triangle.
constexpr float kColumnPx = 2.0f;
// Points within this distance of the drawn line are left out (see simplify_polyline).
constexpr float kSimplifyPx = 0.35f;

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  bool empty() const { return !(lo <= hi); }
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
};

inline double x_at(const PlotSeries& s, int i) { return s.x ? s.x[i] : static_cast<double>(i); }

inline bool usable(double v, bool log) { return std::isfinite(v) && (!log || v > 0.0); }

// Where a y value is drawn: on a log axis values below the floor (and zeros, when asked) sit at the
// floor, the bottom edge, and values above the ceiling at the top edge; NaN means "not drawn".
struct YShown {
  bool log = false;
  double floor = 0.0, ceiling = 0.0;  // log axes: the ends of the range
  bool zeros = false;
  double operator()(double v) const {
    if (!std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
    if (!log) return v;
    if (v > 0.0) return std::clamp(v, floor, ceiling);
    return zeros && v == 0.0 ? floor : std::numeric_limits<double>::quiet_NaN();
  }
};

// Finishes an axis range: linear ranges get `pad` of their span on each side, log ranges whole
// decades (log_decades) or a small margin; a degenerate or empty range gets a sensible width.
void finish_range(Range& r, bool log, double pad, bool log_decades) {
  if (r.empty()) {
    r.lo = log ? 1.0 : 0.0;
    r.hi = log ? 10.0 : 1.0;
    return;
  }
  if (log) {
    double a = std::log10(r.lo), b = std::log10(r.hi);
    if (log_decades) {
      a = std::floor(a + 1e-9);
      b = std::ceil(b - 1e-9);
    }
    if (b - a < 1e-9) {
      a -= 0.5;
      b += 0.5;
    }
    r.lo = std::pow(10.0, a);
    r.hi = std::pow(10.0, b);
    return;
  }
  const double span = r.hi - r.lo;
  if (!(span > 1e-12 * std::max(1.0, std::abs(r.hi)))) {
    const double w = std::max(std::abs(r.lo) * 0.1, 0.5);
    r.lo -= w;
    r.hi += w;
    return;
  }
  r.lo -= pad * span;
  r.hi += pad * span;
}

// One decimated pixel column: up to four samples (first, min, max, last) kept in drawing order.
struct Column {
  int col = std::numeric_limits<int>::min();
  int i_first = -1, i_min = -1, i_max = -1, i_last = -1;
  double y_min = 0, y_max = 0;
};

// Appends the decimated polyline of `s` to `out` (screen points), skipping unusable points.
void decimate(const PlotSeries& s, const AxisMap& xm, const AxisMap& ym, bool log_x, const YShown& shown,
              std::vector<ImVec2>& out) {
  out.clear();
  Column c;
  const float left = std::min(xm.p0, xm.p1);
  const float y_lo = std::min(ym.p0, ym.p1) - 1e4f, y_hi = std::max(ym.p0, ym.p1) + 1e4f;
  auto point = [&](int i) {
    const float sx = xm.to_screen(x_at(s, i));
    const float sy = std::clamp(ym.to_screen(shown(s.y[i])), y_lo, y_hi);
    return ImVec2(sx, sy);
  };
  auto emit = [&](int i) {
    const ImVec2 p = point(i);
    if (!out.empty() && out.back().x == p.x && out.back().y == p.y) return;
    out.push_back(p);
  };
  auto flush = [&] {
    if (c.i_first < 0) return;
    int idx[4] = {c.i_first, c.i_min, c.i_max, c.i_last};
    std::sort(idx, idx + 4);
    for (int k = 0; k < 4; ++k) {
      if (k > 0 && idx[k] == idx[k - 1]) continue;
      emit(idx[k]);
    }
    c.i_first = -1;
  };
  // Linear x: the column of a point needs no log; precompute the affine map.
  const double xa = log_x ? std::log10(std::max(xm.lo, 1e-300)) : xm.lo;
  const double xb = log_x ? std::log10(std::max(xm.hi, 1e-300)) : xm.hi;
  const double px_per_unit = xb != xa ? (static_cast<double>(xm.p1) - xm.p0) / (xb - xa) : 0.0;
  const double x_off = xm.p0 - left;
  for (int i = 0; i < s.n; ++i) {
    const double xv = x_at(s, i), yv = shown(s.y[i]);
    if (!usable(xv, log_x) || std::isnan(yv)) continue;
    const double u = log_x ? std::log10(xv) : xv;
    const double px = x_off + (u - xa) * px_per_unit;
    const int col = static_cast<int>(std::floor(std::clamp(px, -1e6, 1e6) / kColumnPx));
    if (col != c.col || c.i_first < 0) {
      flush();
      c.col = col;
      c.i_first = c.i_min = c.i_max = c.i_last = i;
      c.y_min = c.y_max = yv;
      continue;
    }
    c.i_last = i;
    if (yv < c.y_min) {
      c.y_min = yv;
      c.i_min = i;
    }
    if (yv > c.y_max) {
      c.y_max = yv;
      c.i_max = i;
    }
  }
  flush();
}

// Collects vertical bars left to right and draws each run of adjacent bars that fill the same pixel
// rows as one rectangle. A rectangle fills the pixels whose centres it contains (rows r with
// y0 <= r + 0.5 < y1), so the merged rectangle fills exactly the pixels the separate bars would.
class BarMerger {
 public:
  BarMerger(ImDrawList* dl, ImU32 color) : dl_(dl), color_(color) {}
  void add(float x0, float x1, float y0, float y1) {
    const int r0 = static_cast<int>(std::ceil(y0 - 0.5f)), r1 = static_cast<int>(std::ceil(y1 - 0.5f));
    if (open_ && x0 == x1_ && r0 == r0_ && r1 == r1_) {
      x1_ = x1;
      y0_ = std::min(y0_, y0);
      y1_ = std::max(y1_, y1);
      return;
    }
    flush();
    open_ = true;
    x0_ = x0;
    x1_ = x1;
    y0_ = y0;
    y1_ = y1;
    r0_ = r0;
    r1_ = r1;
  }
  void flush() {
    if (open_) dl_->AddRectFilled(ImVec2(x0_, y0_), ImVec2(x1_, y1_), color_);
    open_ = false;
  }

 private:
  ImDrawList* dl_;
  ImU32 color_;
  bool open_ = false;
  float x0_ = 0, x1_ = 0, y0_ = 0, y1_ = 0;
  int r0_ = 0, r1_ = 0;
};

// Noisy series (several points per column) are drawn as one bar per column spanning
// what the line covers there (its min..max, joined to the previous bar's last point). That is
// the same picture as the zig-zag polyline but two triangles a column instead of a dozen: software
// rasterisers (Mesa llvmpipe) pay per triangle, and the anti-aliased zig-zag cost ~100 ms a frame.
// Smooth series (about one point per column) keep the anti-aliased polyline, without the points that
// lie within a third of a pixel of it (a converged, flat curve is then a few segments, not hundreds).
void draw_series(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 color, std::vector<ImVec2>& scratch) {
  const float span = std::abs(pts.back().x - pts.front().x) + 1.0f;
  if (static_cast<float>(pts.size()) <= 1.5f * span / kColumnPx) {
    simplify_polyline(pts.data(), pts.size(), kSimplifyPx, scratch);
    dl->AddPolyline(scratch.data(), static_cast<int>(scratch.size()), color, 0, kLineThickness);
    return;
  }
  const float half = 0.5f * kLineThickness;
  constexpr float kBar = kColumnPx;
  // Neighbouring bars that cover the same pixel rows (a converged series is flat to within a pixel)
  // are drawn as one rectangle: the same pixels, two triangles instead of two per column.
  BarMerger bars(dl, color);
  std::size_t i = 0;
  float prev_last = pts[0].y;
  while (i < pts.size()) {
    const float col = kBar * std::floor(pts[i].x / kBar);
    float lo = std::min(prev_last, pts[i].y), hi = std::max(prev_last, pts[i].y);
    std::size_t j = i;
    for (; j < pts.size() && kBar * std::floor(pts[j].x / kBar) == col; ++j) {
      lo = std::min(lo, pts[j].y);
      hi = std::max(hi, pts[j].y);
    }
    prev_last = pts[j - 1].y;
    bars.add(col, col + kBar, lo - half, hi + half);
    i = j;
  }
  bars.flush();
}

// Index of the usable sample nearest to x (x non-decreasing), or -1.
int nearest_index(const PlotSeries& s, double x, bool log_x, const YShown& shown) {
  if (s.n <= 0 || !s.y) return -1;
  int i;
  if (!s.x) {
    i = static_cast<int>(std::lround(std::clamp(x, 0.0, static_cast<double>(s.n - 1))));
  } else {
    const double* it = std::lower_bound(s.x, s.x + s.n, x);
    i = static_cast<int>(it - s.x);
    if (i >= s.n) i = s.n - 1;
    if (i > 0 && std::abs(s.x[i - 1] - x) <= std::abs(s.x[i] - x)) --i;
  }
  // Step outwards (a little) to the nearest usable sample.
  for (int d = 0; d < 256; ++d) {
    for (int j : {i - d, i + d}) {
      if (j < 0 || j >= s.n) continue;
      if (usable(x_at(s, j), log_x) && !std::isnan(shown(s.y[j]))) return j;
    }
  }
  return -1;
}

ImU32 with_alpha(ImU32 col, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(col);
  c.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

void draw_legend(ImDrawList* dl, ImVec2 plot_min, ImVec2 plot_max, const PlotSeries* series, int count) {
  const float fh = ImGui::GetFontSize();
  const float swatch = fh * 1.2f, pad = 5.0f, row = fh + 2.0f;
  float widest = 0.0f;
  int rows = 0;
  for (int k = 0; k < count; ++k) {
    if (!series[k].label || !*series[k].label) continue;
    widest = std::max(widest, ImGui::CalcTextSize(series[k].label).x);
    ++rows;
  }
  if (rows == 0) return;
  const ImVec2 box_max(plot_max.x - 6.0f, plot_min.y + 6.0f + 2 * pad + rows * row - 2.0f);
  const ImVec2 box_min(box_max.x - (2 * pad + swatch + 4.0f + widest), plot_min.y + 6.0f);
  if (box_min.x < plot_min.x || box_max.y > plot_max.y) return;  // no room
  dl->AddRectFilled(box_min, box_max, with_alpha(ImGui::GetColorU32(ImGuiCol_WindowBg), 0.85f), 3.0f);
  dl->AddRect(box_min, box_max, ImGui::GetColorU32(ImGuiCol_Border), 3.0f);
  float y = box_min.y + pad;
  for (int k = 0; k < count; ++k) {
    const PlotSeries& s = series[k];
    if (!s.label || !*s.label) continue;
    const float cy = y + 0.5f * fh;
    dl->AddLine(ImVec2(box_min.x + pad, cy), ImVec2(box_min.x + pad + swatch, cy), s.color, 2.0f);
    dl->AddText(ImVec2(box_min.x + pad + swatch + 4.0f, y), ImGui::GetColorU32(ImGuiCol_Text), s.label);
    y += row;
  }
}

}  // namespace

void line_plot(const char* id, ImVec2 size, const PlotSeries* series, int count, const PlotOptions& opt) {
  ImGui::PushID(id ? id : "plot");
  const float fh = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0.0f) size.x = std::max(avail.x, 8.0f * fh);
  if (size.y <= 0.0f) size.y = std::max(avail.y, 12.0f * fh);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plot", size);
  const bool hovered = ImGui::IsItemHovered();
  if (!ImGui::IsItemVisible()) {  // scrolled out of view: the layout is done, skip the drawing
    ImGui::PopID();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (opt.layers) {
    const ImGuiID layer_id = ImGui::GetID("##layer");
    if (hovered) {
      opt.layers->drop(layer_id);  // live, with the cursor: drawn directly
    } else {
      // Cached: draw into the layer when it is due, else its last picture is shown as it is.
      dl = opt.layers->layer(layer_id, origin, ImVec2(origin.x + size.x, origin.y + size.y), opt.content);
      if (!dl) {
        ImGui::PopID();
        return;
      }
    }
  }
  if (!series || count < 0) count = 0;

  // Data ranges over the usable points. A log y range ignores zeros and non-finite values and reaches
  // at most log_max_decades below the top (a run at loss 1e-300 would flatten every other curve);
  // clip_top series do not raise it (a run at loss 1e99 would do the same from above).
  Range xr, yr;
  LogAxisRangeBuilder ylog;
  for (int k = 0; k < count; ++k) {
    const PlotSeries& s = series[k];
    if (!s.y || s.n <= 0) continue;
    for (int i = 0; i < s.n; ++i) {
      const double xv = x_at(s, i), yv = s.y[i];
      const bool y_ok = opt.log_y ? (std::isfinite(yv) && (yv > 0.0 || (opt.zeros_at_floor && yv == 0.0)))
                                  : std::isfinite(yv);
      if (!usable(xv, opt.log_x) || !y_ok) continue;
      xr.add(xv);
      if (opt.log_y) ylog.add(yv, !s.clip_top);
      else yr.add(yv);
    }
  }
  const bool no_data = xr.empty();
  finish_range(xr, opt.log_x, 0.0, false);
  YShown shown{opt.log_y, 0.0, 0.0, opt.zeros_at_floor};
  std::string note, short_note;  // the short one where the long one does not fit
  if (opt.log_y) {
    const LogAxisRange lr = ylog.finish(opt.log_max_decades);
    yr.lo = lr.lo;
    yr.hi = lr.hi;
    shown.floor = lr.floor;
    shown.ceiling = lr.ceiling;
    const bool zeros = lr.has_zero && opt.zeros_at_floor;
    const std::string at = format_number(lr.floor, 2), top = format_number(lr.ceiling, 2);
    if (lr.clamped_low) {
      note = "values below " + at + (zeros ? " and zeros" : "") + " drawn at the bottom edge";
      short_note = "<" + at + (zeros ? " and 0" : "") + " at bottom";
    } else if (zeros) {
      note = "zeros drawn at the bottom edge (" + at + ")";
      short_note = "0 at bottom (" + at + ")";
    }
    if (lr.clamped_high) {
      note += note.empty() ? "values above " + top + " drawn at the top edge" : "; above " + top + " at the top";
      short_note += (short_note.empty() ? ">" : "; >") + top + " at top";
    }
  } else {
    finish_range(yr, false, 0.05, true);
  }
  if (opt.report) {
    *opt.report = PlotAxesReport{xr.lo, xr.hi, yr.lo, yr.hi, opt.x_label ? opt.x_label : "",
                                 opt.y_label ? opt.y_label : "", note};
  }
  const AxisSpec xa{xr.lo, xr.hi, opt.log_x, opt.x_label};
  const AxisSpec ya{yr.lo, yr.hi, opt.log_y, opt.y_label};

  // Layout: the bottom margin is fixed, the left one depends on the y labels of the plot height.
  const float top = 0.5f * fh, right = 0.75f * fh;
  const float bottom = axes_bottom_margin(xa);
  const float plot_h = size.y - top - bottom;
  const float left = axes_left_margin(ya, plot_h);
  const ImVec2 pmin(std::floor(origin.x + left), std::floor(origin.y + top));
  const ImVec2 pmax(std::floor(origin.x + size.x - right), std::floor(origin.y + size.y - bottom));
  if (pmax.x - pmin.x < 8.0f || pmax.y - pmin.y < 8.0f) {
    dl->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_Border));
    ImGui::PopID();
    return;
  }

  dl->AddRectFilled(pmin, pmax, ImGui::GetColorU32(ImGuiCol_FrameBg));
  draw_axes(dl, pmin, pmax, xa, ya, true);
  const AxisMap xm{xr.lo, xr.hi, opt.log_x, pmin.x, pmax.x};
  const AxisMap ym{yr.lo, yr.hi, opt.log_y, pmax.y, pmin.y};

  dl->PushClipRect(pmin, pmax, true);
  if (no_data) {
    const char* msg = "no data";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2(0.5f * (pmin.x + pmax.x - ts.x), 0.5f * (pmin.y + pmax.y - ts.y)),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), msg);
  }
  std::vector<ImVec2> pts, scratch;
  for (int k = 0; k < count; ++k) {
    const PlotSeries& s = series[k];
    if (!s.y || s.n <= 0) continue;
    decimate(s, xm, ym, opt.log_x, shown, pts);
    if (pts.size() == 1) {
      dl->AddCircleFilled(pts[0], 2.5f, s.color);
    } else if (pts.size() > 1) {
      draw_series(dl, pts, s.color, scratch);
    }
  }

  // Hover: cursor line and the value of every series at that x.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool inside = hovered && mouse.x >= pmin.x && mouse.x <= pmax.x && mouse.y >= pmin.y && mouse.y <= pmax.y;
  if (inside && !no_data) {
    dl->AddLine(ImVec2(mouse.x, pmin.y), ImVec2(mouse.x, pmax.y), with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.5f));
    const double xv = xm.to_value(mouse.x);
    ImGui::BeginTooltip();
    ImGui::Text("%s = %s", opt.x_label && *opt.x_label ? opt.x_label : "x", format_number(xv, 4).c_str());
    for (int k = 0; k < count; ++k) {
      const PlotSeries& s = series[k];
      const int i = nearest_index(s, xv, opt.log_x, shown);
      if (i < 0) continue;
      dl->AddCircleFilled(ImVec2(xm.to_screen(x_at(s, i)), ym.to_screen(shown(s.y[i]))), 3.0f, s.color);
      const std::string value = format_number(s.y[i], 5);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: %s", s.label && *s.label ? s.label : "series",
                         value.c_str());
    }
    ImGui::EndTooltip();
  }
  if (!note.empty()) {
    // Bottom-left inside the frame, where the legend (top-right) is not.
    if (ImGui::CalcTextSize(note.c_str()).x > pmax.x - pmin.x - 10.0f) {
      note = short_note;
      if (opt.report) opt.report->note = note;
    }
    const ImVec2 ts = ImGui::CalcTextSize(note.c_str());
    const ImVec2 a(pmin.x + 4.0f, pmax.y - ts.y - 4.0f);
    dl->AddRectFilled(ImVec2(a.x - 2.0f, a.y - 1.0f), ImVec2(a.x + ts.x + 2.0f, a.y + ts.y + 1.0f),
                      with_alpha(ImGui::GetColorU32(ImGuiCol_WindowBg), 0.75f), 2.0f);
    dl->AddText(a, ImGui::GetColorU32(ImGuiCol_Text, 0.8f), note.c_str());
  }
  dl->PopClipRect();

  draw_legend(dl, pmin, pmax, series, count);
  ImGui::PopID();
}

}  // namespace signlab::plot
