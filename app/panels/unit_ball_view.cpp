#include "app/panels/unit_ball_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/plot/ticks.hpp"
#include "app/ui/palette.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/scales/diverging_scale.hpp"

namespace signlab::ui {
namespace {

// ℓ2 things in blues, ℓ∞ things in golds, the ℓ1 ball in green-grey: pairs that belong together look
// alike, and none is a run colour (runs' own steps are drawn dashed, ending in a dot).
const ImU32 kDirCol = IM_COL32(175, 175, 175, 255);
const ImU32 kGdCol = IM_COL32(70, 140, 255, 255);
const ImU32 kL2Col = IM_COL32(160, 200, 255, 255);
const ImU32 kSignCol = IM_COL32(255, 225, 40, 255);
const ImU32 kLinfCol = IM_COL32(205, 150, 0, 255);
const ImU32 kDiscCol = IM_COL32(110, 160, 255, 200);
const ImU32 kSquareCol = IM_COL32(230, 190, 60, 200);
const ImU32 kDiamondCol = IM_COL32(120, 200, 160, 200);
const ImU32 kContourCol = IM_COL32(150, 150, 165, 110);
const ImU32 kContourZeroCol = IM_COL32(210, 210, 225, 200);

constexpr int kModelGrid = 31;  // samples of the quadratic model per side (drawing only)
constexpr int kModelLevels = 8;

bool font_has(ImWchar c) { return ImGui::GetFont()->FindGlyphNoFallback(c) != nullptr; }

struct Names {
  bool uni;
  const char* linf;  // "ℓ∞"
  const char* l2;
  const char* l1;
  const char* minus;
};
Names names() {
  const bool uni = font_has(0x2113) && font_has(0x221E) && font_has(0x2212) && font_has(0x2016) && font_has(0x2081);
  return uni ? Names{true, "\xE2\x84\x93\xE2\x88\x9E", "\xE2\x84\x93" "2", "\xE2\x84\x93" "1", "\xE2\x88\x92"}
             : Names{false, "l-inf", "l2", "l1", "-"};
}

double sgn(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }

struct Vec2 {
  double x = 0, y = 0;
  bool ok() const { return std::isfinite(x) && std::isfinite(y); }
};

std::string run_label(const RunView& r) {
  const OptimizerInfo* info = find_optimizer(r.optimizer);
  return info ? info->label : r.optimizer;
}

// An arrow from a to b; a dot when shorter than the head.
void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  const float head = 4.0f + 2.0f * thickness;
  if (!(len > head)) {
    dl->AddCircleFilled(b, 1.5f + thickness, col, 8);
    return;
  }
  const float ux = dx / len, uy = dy / len;
  const ImVec2 base(b.x - ux * head, b.y - uy * head);
  dl->AddLine(a, base, col, thickness);
  const float hw = 0.5f * head;
  dl->AddTriangleFilled(b, ImVec2(base.x - uy * hw, base.y + ux * hw), ImVec2(base.x + uy * hw, base.y - ux * hw), col);
}

// Dashed line from a to b ending in a dot: a run's actual step.
void dashed_step(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len > 1.0f) {
    const float on = 5.0f, off = 3.0f;
    for (float t = 0; t < len; t += on + off) {
      const float t1 = std::min(len, t + on);
      dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len), ImVec2(a.x + dx * t1 / len, a.y + dy * t1 / len), col,
                  2.0f);
    }
  }
  dl->AddCircleFilled(b, 3.5f, col, 10);
  dl->AddCircle(b, 3.5f, IM_COL32(0, 0, 0, 200), 10);
}

struct LegendEntry {
  ImU32 color;
  int style;  // 0 arrow, 1 dashed run step, 2 outline (balls), 3 contour line
  std::string name;
  std::string tip;
};

void legend_row(const LegendEntry& e) {
  const float fh = ImGui::GetFontSize();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = 1.6f * fh;
  ImGui::Dummy(ImVec2(w, fh));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cy = p.y + 0.5f * fh;
  switch (e.style) {
    case 0: arrow(dl, ImVec2(p.x + 1, cy), ImVec2(p.x + w - 2, cy), e.color, 2.0f); break;
    case 1: dashed_step(dl, ImVec2(p.x + 1, cy), ImVec2(p.x + w - 5, cy), e.color); break;
    case 2: dl->AddRect(ImVec2(p.x + 3, p.y + 2), ImVec2(p.x + w - 3, p.y + fh - 2), e.color, 0.0f, 0, 1.5f); break;
    default: dl->AddLine(ImVec2(p.x + 1, cy), ImVec2(p.x + w - 2, cy), e.color, 1.5f); break;
  }
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(e.name.c_str());
  if (!e.tip.empty() && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(e.tip.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// Slider mirror of the unit-ball axes: the snapshot's values, unless we just sent others.
void axes_row(const Snapshot& s, UiState& ui, CommandSink& sink, float width) {
  const int d = s.dim;
  const double now = ImGui::GetTime();
  const bool in_flight = ui.geometry_axes_sent_at >= 0 && now - ui.geometry_axes_sent_at < 1.0 &&
                         (s.geometry.axis_i != ui.geometry_axes[0] || s.geometry.axis_j != ui.geometry_axes[1]);
  if (!in_flight) {
    ui.geometry_axes[0] = s.geometry.axis_i;
    ui.geometry_axes[1] = s.geometry.axis_j;
  }
  int i = ui.geometry_axes[0], j = ui.geometry_axes[1];
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = std::max(50.0f, 0.5f * (width - gap));
  bool changed = false;
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderInt("##ball_i", &i, 0, d - 1, "across: x%d", ImGuiSliderFlags_AlwaysClamp)) {
    changed = true;
    if (i == j) j = (i + 1) % d;
  }
  ui.note_item("ball_axis_i");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The coordinate drawn across (Ctrl+click to type)");
  ImGui::SameLine(0, gap);
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderInt("##ball_j", &j, 0, d - 1, "up: x%d", ImGuiSliderFlags_AlwaysClamp)) {
    changed = true;
    if (i == j) i = (j + 1) % d;
  }
  ui.note_item("ball_axis_j");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The coordinate drawn upwards (Ctrl+click to type)");
  if (changed && i != j) {
    ui.geometry_axes[0] = i;
    ui.geometry_axes[1] = j;
    ui.geometry_axes_sent_at = now;
    sink.send(cmd::SetGeometryAxes{i, j});
  }
}

}  // namespace

void contour_segments(const std::vector<double>& v, int nx, int ny, double level, std::vector<ImVec2>& out) {
  if (nx < 2 || ny < 2 || static_cast<int>(v.size()) < nx * ny) return;
  auto at = [&](int x, int y) { return v[static_cast<std::size_t>(x) + static_cast<std::size_t>(y) * nx]; };
  for (int iy = 0; iy + 1 < ny; ++iy) {
    for (int ix = 0; ix + 1 < nx; ++ix) {
      // Corners counter-clockwise from (ix, iy); edge k joins corner k and corner k + 1.
      const double c[4] = {at(ix, iy), at(ix + 1, iy), at(ix + 1, iy + 1), at(ix, iy + 1)};
      const float px[4] = {static_cast<float>(ix), static_cast<float>(ix + 1), static_cast<float>(ix + 1),
                           static_cast<float>(ix)};
      const float py[4] = {static_cast<float>(iy), static_cast<float>(iy), static_cast<float>(iy + 1),
                           static_cast<float>(iy + 1)};
      if (!(std::isfinite(c[0]) && std::isfinite(c[1]) && std::isfinite(c[2]) && std::isfinite(c[3]))) continue;
      bool above[4];
      for (int k = 0; k < 4; ++k) above[k] = c[k] > level;
      ImVec2 cross[4];
      bool has[4];
      int n = 0;
      for (int k = 0; k < 4; ++k) {
        const int l = (k + 1) % 4;
        has[k] = above[k] != above[l];
        if (!has[k]) continue;
        ++n;
        const float t = static_cast<float>((level - c[k]) / (c[l] - c[k]));
        cross[k] = ImVec2(px[k] + t * (px[l] - px[k]), py[k] + t * (py[l] - py[k]));
      }
      if (n == 2) {
        for (int k = 0; k < 4; ++k)
          if (has[k]) out.push_back(cross[k]);
      } else if (n == 4) {
        // Saddle cell: corners 0 and 2 agree. If the centre agrees with them too, they connect
        // through it and the segments cut off corners 1 and 3; otherwise they cut off 0 and 2.
        const bool centre_above = 0.25 * (c[0] + c[1] + c[2] + c[3]) > level;
        if (centre_above == above[0]) {
          out.push_back(cross[0]);
          out.push_back(cross[1]);
          out.push_back(cross[2]);
          out.push_back(cross[3]);
        } else {
          out.push_back(cross[3]);
          out.push_back(cross[0]);
          out.push_back(cross[1]);
          out.push_back(cross[2]);
        }
      }
    }
  }
}

void unit_ball_view(const Snapshot& s, UiState& ui, CommandSink& sink, ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  const Names nm = names();
  const GeometryView& gv = s.geometry;
  const int d = s.dim;
  if (d < 2) {
    ImGui::TextWrapped("The unit-ball view needs at least two coordinates (d = %d).", d);
    return;
  }
  const float top = ImGui::GetCursorScreenPos().y;
  if (d > 2) axes_row(s, ui, sink, size.x);
  const int ai = std::clamp(d > 2 ? ui.geometry_axes[0] : gv.axis_i, 0, d - 1);
  const int aj = std::clamp(d > 2 ? ui.geometry_axes[1] : gv.axis_j, 0, d - 1);

  const geometry::GeometryReport* rep = gv.report.get();
  const bool have_g = rep && static_cast<int>(rep->gradient.size()) == d;
  const Vec2 g = have_g ? Vec2{rep->gradient[static_cast<std::size_t>(ai)], rep->gradient[static_cast<std::size_t>(aj)]}
                        : Vec2{};
  const double g2 = std::hypot(g.x, g.y);
  const double L2 = rep ? rep->l2_smooth : std::nan("");
  const double Linf = rep ? (rep->linf.exact ? *rep->linf.exact
                                             : (std::isfinite(rep->linf.upper.value) ? rep->linf.upper.value
                                                                                     : rep->linf.lower.value))
                          : std::nan("");
  const bool linf_is_upper = rep && !rep->linf.exact && std::isfinite(rep->linf.upper.value);
  const double lr = gv.lr;

  // The selected run's own last step in these two coordinates (its ℓ∞ size here).
  double own_step = 0;
  for (const RunStepView& st : gv.last_steps)
    if (st.run_id == gv.run_id && static_cast<int>(st.dx.size()) > std::max(ai, aj))
      own_step = std::max(std::abs(st.dx[static_cast<std::size_t>(ai)]), std::abs(st.dx[static_cast<std::size_t>(aj)]));
  if (!std::isfinite(own_step)) own_step = 0;
  // Ball radius: the step size; without one (steepest-linf, gd-l2), the run's last step here, else the
  // length of the ℓ2 steepest step; at a stationary point with neither, no balls (a radius of 1 would
  // fix the view at ±1 and every late, small step would vanish in it).
  double radius = 0;
  std::string radius_text;
  if (lr > 0 && std::isfinite(lr)) {
    radius = lr;
    radius_text = "r = lr = " + plot::format_number(lr, 3);
  } else if (own_step > 0) {
    radius = own_step;
    radius_text = "r = " + plot::format_number(radius, 3) + " (no lr: its last step here)";
  } else if (L2 > 0 && g2 > 0 && std::isfinite(g2 / L2)) {
    radius = g2 / L2;
    radius_text = "r = " + plot::format_number(radius, 3) + " (no lr: |g|/L2 here)";
  } else {
    radius_text = "no lr, no step: no balls";
  }

  // The vectors drawn, in (Δx_i, Δx_j).
  Vec2 dir, gd, sign_step, linf_step, l2_step;
  bool has_dir = false, has_gd = false, has_sign = false, has_linf = false, has_l2 = false;
  if (have_g && g2 > 0) {
    dir = {-g.x / g2 * radius, -g.y / g2 * radius};
    has_dir = dir.ok();
  }
  if (have_g && lr > 0) {
    gd = {-lr * g.x, -lr * g.y};
    sign_step = {-lr * sgn(g.x), -lr * sgn(g.y)};
    has_gd = gd.ok();
    has_sign = sign_step.ok();
  }
  if (have_g && Linf > 0 && std::isfinite(Linf)) {
    const double t = rep->grad.l1 / Linf;
    linf_step = {-t * sgn(g.x), -t * sgn(g.y)};
    has_linf = linf_step.ok();
  }
  if (have_g && L2 > 0) {
    l2_step = {-g.x / L2, -g.y / L2};
    has_l2 = l2_step.ok();
  }
  struct RunStep {
    Vec2 v;
    ImU32 col;
    std::string label;
  };
  std::vector<RunStep> runs;
  for (const RunStepView& st : gv.last_steps) {
    if (static_cast<int>(st.dx.size()) <= std::max(ai, aj)) continue;
    const Vec2 v{st.dx[static_cast<std::size_t>(ai)], st.dx[static_cast<std::size_t>(aj)]};
    if (!v.ok()) continue;
    std::string label = "run " + std::to_string(st.run_id);
    for (const RunView& r : s.runs)
      if (r.id == st.run_id) label = run_label(r);
    runs.push_back({v, run_color(st.color), label});
  }

  // One scale for everything: the view is the square ±E around the current point, E following the
  // largest vector drawn (rounded up to 1, 2 or 5 × 10^k: core/scales/diverging_scale.hpp), so late in
  // a run, when every step is small, the view shrinks with them.
  double largest = radius;
  auto grow = [&](bool on, const Vec2& v) {
    if (on) largest = std::max({largest, std::abs(v.x), std::abs(v.y)});
  };
  grow(has_dir, dir);
  grow(has_gd, gd);
  grow(has_sign, sign_step);
  grow(has_linf, linf_step);
  grow(has_l2, l2_step);
  for (const RunStep& r : runs) grow(true, r.v);
  double extent = view_half_width(largest);
  const bool nothing = !(extent > 0);
  if (nothing) extent = 1.0;  // nothing has a length: any scale shows the same dot
  ui.unit_ball_half_width = nothing ? 0.0 : extent;

  // Layout: the square canvas, the legend to its right.
  const float fh = ImGui::GetFontSize();
  const float legend_w = std::min(13.0f * fh, std::max(0.0f, size.x * 0.45f));
  const float rows_h = size.y - (ImGui::GetCursorScreenPos().y - top);
  const float side = std::max(40.0f, std::floor(std::min(rows_h, size.x - legend_w - ImGui::GetStyle().ItemSpacing.x)));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("unit_ball", ImVec2(side, side));
  ui.note_item("unit_ball");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + side, p0.y + side);
  const ImVec2 c(std::floor(p0.x + 0.5f * side) + 0.5f, std::floor(p0.y + 0.5f * side) + 0.5f);
  const double scale = 0.5 * side / extent;  // pixels per unit
  auto to_screen = [&](const Vec2& v) {
    return ImVec2(static_cast<float>(c.x + v.x * scale), static_cast<float>(c.y - v.y * scale));
  };
  dl->PushClipRect(p0, p1, true);
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
  dl->AddLine(ImVec2(p0.x, c.y), ImVec2(p1.x, c.y), IM_COL32(255, 255, 255, 30));
  dl->AddLine(ImVec2(c.x, p0.y), ImVec2(c.x, p1.y), IM_COL32(255, 255, 255, 30));

  // Level sets of m(Δ) = g·Δ + ½ΔᵀHΔ in the (i, j) plane, sampled on the view's grid.
  const bool have_h = rep && rep->hessian.rows() == d && rep->hessian.cols() == d && have_g;
  if (have_h) {
    const double hii = rep->hessian(ai, ai), hij = rep->hessian(ai, aj), hjj = rep->hessian(aj, aj);
    std::vector<double> m(static_cast<std::size_t>(kModelGrid * kModelGrid));
    for (int y = 0; y < kModelGrid; ++y)
      for (int x = 0; x < kModelGrid; ++x) {
        const double u = -extent + 2.0 * extent * x / (kModelGrid - 1);
        const double w = -extent + 2.0 * extent * y / (kModelGrid - 1);
        m[static_cast<std::size_t>(x + y * kModelGrid)] =
            g.x * u + g.y * w + 0.5 * (hii * u * u + 2.0 * hij * u * w + hjj * w * w);
      }
    std::vector<double> sorted = m;
    std::sort(sorted.begin(), sorted.end());
    std::vector<ImVec2> seg;
    auto draw_level = [&](double level, ImU32 col, float thick) {
      seg.clear();
      contour_segments(m, kModelGrid, kModelGrid, level, seg);
      const float k = static_cast<float>(side / (kModelGrid - 1));
      for (std::size_t q = 0; q + 1 < seg.size(); q += 2)
        dl->AddLine(ImVec2(p0.x + seg[q].x * k, p1.y - seg[q].y * k),
                    ImVec2(p0.x + seg[q + 1].x * k, p1.y - seg[q + 1].y * k), col, thick);
    };
    if (sorted.front() < sorted.back()) {
      for (int l = 1; l <= kModelLevels; ++l) {
        const std::size_t at = static_cast<std::size_t>(l) * (sorted.size() - 1) / (kModelLevels + 1);
        draw_level(sorted[at], kContourCol, 1.0f);
      }
      draw_level(0.0, kContourZeroCol, 1.5f);
    }
  }

  // The balls of radius r: ℓ2 disc, ℓ∞ square, ℓ1 diamond.
  if (radius > 0) {
    const float rp = static_cast<float>(radius * scale);
    dl->AddCircle(c, rp, kDiscCol, 48, 1.5f);
    dl->AddRect(ImVec2(c.x - rp, c.y - rp), ImVec2(c.x + rp, c.y + rp), kSquareCol, 0.0f, 0, 1.5f);
    const ImVec2 diamond[4] = {ImVec2(c.x + rp, c.y), ImVec2(c.x, c.y - rp), ImVec2(c.x - rp, c.y), ImVec2(c.x, c.y + rp)};
    dl->AddPolyline(diamond, 4, kDiamondCol, ImDrawFlags_Closed, 1.5f);
  }

  const Vec2 origin{0, 0};
  if (has_dir) arrow(dl, to_screen(origin), to_screen(dir), kDirCol, 1.0f);
  if (has_l2) arrow(dl, to_screen(origin), to_screen(l2_step), kL2Col, 2.0f);
  if (has_linf) arrow(dl, to_screen(origin), to_screen(linf_step), kLinfCol, 2.0f);
  if (has_gd) arrow(dl, to_screen(origin), to_screen(gd), kGdCol, 2.0f);
  if (has_sign) arrow(dl, to_screen(origin), to_screen(sign_step), kSignCol, 2.0f);
  for (const RunStep& r : runs) dashed_step(dl, to_screen(origin), to_screen(r.v), r.col);
  dl->AddCircleFilled(c, 2.5f, IM_COL32(255, 255, 255, 255), 8);

  // Tick marks at ±E/2 on both axes, labelled: the scale is read off the picture itself.
  const ImU32 tick_col = IM_COL32(255, 255, 255, 90);
  const std::string half_label = plot::format_number(0.5 * extent, 3);
  const float hp = static_cast<float>(0.5 * extent * scale);
  for (const float sgn_px : {-1.0f, 1.0f}) {
    dl->AddLine(ImVec2(c.x + sgn_px * hp, c.y - 3), ImVec2(c.x + sgn_px * hp, c.y + 3), tick_col);
    dl->AddLine(ImVec2(c.x - 3, c.y + sgn_px * hp), ImVec2(c.x + 3, c.y + sgn_px * hp), tick_col);
  }
  if (!nothing) {
    const ImU32 label_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const float tw = ImGui::CalcTextSize(half_label.c_str()).x;
    dl->AddText(ImVec2(c.x + hp - 0.5f * tw, c.y - fh - 3), label_col, half_label.c_str());  // "x_i" sits below
    dl->AddText(ImVec2(c.x - tw - 5, c.y - hp - 0.5f * fh), label_col, half_label.c_str());
  }

  // Axis names in the corners.
  char buf[64];
  std::snprintf(buf, sizeof buf, "x%d", ai);
  const ImU32 dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->AddText(ImVec2(p1.x - ImGui::CalcTextSize(buf).x - 3, c.y + 1), dim_col, buf);
  std::snprintf(buf, sizeof buf, "x%d", aj);
  dl->AddText(ImVec2(c.x + 3, p0.y + 1), dim_col, buf);
  dl->PopClipRect();
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border, 1.0f));
  if (!have_g) {
    const char* msg = gv.error.empty() ? "no geometry yet" : gv.error.c_str();
    dl->AddText(ImVec2(p0.x + 4, p1.y - fh - 2), ImGui::GetColorU32(ImGuiCol_Text), msg);
  }
  if (hovered) {
    const ImVec2 mp = ImGui::GetIO().MousePos;
    ImGui::SetTooltip("x%d %+.4g, x%d %+.4g from the current point", ai, (mp.x - c.x) / scale, aj, (c.y - mp.y) / scale);
  }

  // Legend and caption.
  ImGui::SameLine();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 1.0f));
  ImGui::BeginChild("##ball_legend", ImVec2(std::max(40.0f, size.x - side - ImGui::GetStyle().ItemSpacing.x), side), false,
                    ImGuiWindowFlags_HorizontalScrollbar);  // narrow windows (1280×720) scroll it, not cut it
  const std::string m = nm.minus;
  std::vector<LegendEntry> legend;
  auto val = [](double v) { return plot::format_number(v, 3); };
  if (has_dir) legend.push_back({kDirCol, 0, m + "g direction", "The downhill direction " + m + "g/|g|, drawn to the ball's radius."});
  if (has_gd)
    legend.push_back({kGdCol, 0, "GD " + m + "lr" + "\xC2\xB7" "g",
                      "Gradient descent's step with this run's lr: long where g is large, short where it is small."});
  if (has_sign)
    legend.push_back({kSignCol, 0, "sign " + m + "lr" + "\xC2\xB7" "sign g",
                      "The sign step: every coordinate moves by lr, a corner of the " + std::string(nm.linf) + " ball."});
  if (has_linf)
    legend.push_back({kLinfCol, 0, std::string(nm.linf) + " steepest",
                      m + "(|g|1/L" + (nm.uni ? "\xE2\x88\x9E" : "inf") + ")" + "\xC2\xB7" "sign g with L" +
                          (nm.uni ? "\xE2\x88\x9E" : "inf") + " = " + val(Linf) +
                          (linf_is_upper ? " (the bracket's upper end: a guaranteed step)" : "") +
                          ": the step that minimises the ℓ∞ upper model; guaranteed decrease |g|1²/(2L∞)."});
  if (has_l2)
    legend.push_back({kL2Col, 0, std::string(nm.l2) + " steepest",
                      m + "g/L2 with L2 = " + val(L2) + ": gradient descent with the safe step 1/L2; guaranteed decrease |g|2²/(2L2)."});
  for (const RunStep& r : runs)
    legend.push_back({r.col, 1, r.label, "This run's last actual update " + std::string("\xCE\x94") + "x, in these two coordinates."});
  if (radius > 0)
    legend.push_back({kSquareCol, 2, "balls " + std::string(nm.l2) + " " + nm.linf + " " + nm.l1,
                    "Disc: " + std::string(nm.l2) + " ball; square: " + nm.linf + " ball (where sign steps land); diamond: " + nm.l1 +
                        " ball. All of radius r."});
  if (have_h)
    legend.push_back({kContourZeroCol, 3, "model m(" "\xCE\x94" ")",
                      "Level sets of the local quadratic model m(" "\xCE\x94" ") = g" "\xC2\xB7" "\xCE\x94" " + " "\xC2\xBD"
                      "\xCE\x94" "\xE1\xB5\x80" "H" "\xCE\x94" " in these two coordinates; the brighter one is m = 0, through the current point."});
  // The caption first: the common scale is what makes the arrows comparable.
  if (nothing)
    ImGui::TextDisabled("nothing to scale: every step here is 0");
  else
    ImGui::TextDisabled("one scale: view %s%s", nm.uni ? "\xC2\xB1" : "+-", plot::format_number(extent, 3).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every arrow and ball is drawn to one scale: the square spans %s%s around the current point.",
                      nm.uni ? "\xC2\xB1" : "+-", plot::format_number(extent, 3).c_str());
  ImGui::TextDisabled("%s", radius_text.c_str());
  for (const LegendEntry& e : legend) legend_row(e);
  ImGui::EndChild();
  ImGui::PopStyleVar();
}

}  // namespace signlab::ui
