#include "app/panels/landscape_panel.hpp"

#include <imgui_internal.h>  // SetItemUsingMouseWheel

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "app/plot/axes.hpp"
#include "app/plot/colorbar.hpp"
#include "app/plot/polyline.hpp"
#include "app/plot/ticks.hpp"
#include "app/ui/palette.hpp"
#include "core/landscape/colormap.hpp"
#include "core/landscape/grid.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab::ui {
namespace {

constexpr ImU32 kOutline = IM_COL32(10, 10, 14, 230);
constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
// Whole pixels (see line_plot.cpp): ImGui draws such anti-aliased lines from its texture.
constexpr float kPathWidth = 3.0f;
constexpr float kOutlineWidth = 5.0f;
// A path drawn longer than this many plot diagonals (a noisy SGD jumping about) is drawn thin, without
// the dark rim, and fainter with age (ScreenPath::ages: the newest quarter of its steps most opaque),
// so it cannot paint over the landscape and the other runs, and where it is now reads first. Other paths stay opaque:
// the nested bands of coinciding runs need their full colours.
constexpr float kLongPathDiagonals = 6.0f;
constexpr float kThinPathWidth = 2.0f;
constexpr float kLongPathAgeAlpha[4] = {0.85f, 0.55f, 0.4f, 0.3f};

bool same_box(const Box& a, const Box& b) { return a.x0 == b.x0 && a.x1 == b.x1 && a.y0 == b.y0 && a.y1 == b.y1; }

bool font_has(ImWchar c) { return ImGui::GetFont()->FindGlyphNoFallback(c) != nullptr; }

// World box ↔ screen rectangle (screen y grows downwards, world y upwards).
struct WorldMap {
  Box b;
  ImVec2 min, max;
  double sx(double x) const { return min.x + (x - b.x0) / (b.x1 - b.x0) * (max.x - min.x); }
  double sy(double y) const { return max.y - (y - b.y0) / (b.y1 - b.y0) * (max.y - min.y); }
  double wx(float px) const { return b.x0 + (px - min.x) / static_cast<double>(max.x - min.x) * (b.x1 - b.x0); }
  double wy(float py) const { return b.y0 + (max.y - py) / static_cast<double>(max.y - min.y) * (b.y1 - b.y0); }
  ImVec2 to_screen(double x, double y) const { return ImVec2(static_cast<float>(sx(x)), static_cast<float>(sy(y))); }
};

// The box with the pixel rectangle's aspect (equal scales on x and y), same centre: with
// `old_w` > 0 (v was shown that many pixels wide) it keeps v's scale, so a resized window shows more
// or less around the same centre and resizing back restores the view; otherwise it is the smallest
// such box holding v (a new view, shown whole).
Box fit_aspect(const Box& v, float w, float h, float old_w) {
  const double cx = 0.5 * (v.x0 + v.x1), cy = 0.5 * (v.y0 + v.y1);
  const double sx = (v.x1 - v.x0) / w, sy = (v.y1 - v.y0) / h;  // world units per pixel
  const double s = old_w > 0 ? (v.x1 - v.x0) / old_w : std::max(sx, sy);
  return {cx - 0.5 * s * w, cx + 0.5 * s * w, cy - 0.5 * s * h, cy + 0.5 * s * h};
}

bool aspect_off(const Box& v, float w, float h) {
  const double a = ((v.x1 - v.x0) / w) / ((v.y1 - v.y0) / h);
  return std::abs(a - 1.0) > 1e-3;
}

bool valid_box(const Box& b) {
  return std::isfinite(b.x0) && std::isfinite(b.x1) && std::isfinite(b.y0) && std::isfinite(b.y1) && b.x1 > b.x0 &&
         b.y1 > b.y0;
}

void adopt_view(UiState& ui, const Box& v) {
  ui.view = v;
  ui.views_in_flight.clear();
  ui.view_changed_at = -1;
  ui.view_send_now = false;
  ui.view_fit_contain = true;
  ui.view_initialised = true;
}

// Follows the engine's view when it changes on its own (new problem, problem re-applied, session
// loaded), but not when the change is just one of our own cmd::SetView arriving.
void sync_view(const Snapshot& s, UiState& ui) {
  if (!ui.view_initialised || ui.view_problem != s.problem_spec) {
    ui.view_problem = s.problem_spec;
    adopt_view(ui, s.view);
  } else if (!same_box(s.view, ui.view_seen)) {
    auto it = std::find_if(ui.views_in_flight.begin(), ui.views_in_flight.end(),
                           [&](const Box& b) { return same_box(b, s.view); });
    if (it == ui.views_in_flight.end()) adopt_view(ui, s.view);
    else ui.views_in_flight.erase(ui.views_in_flight.begin(), it + 1);
  }
  ui.view_seen = s.view;
  if (!valid_box(ui.view)) ui.view = s.problem ? s.problem->default_view() : Box{};
}

void mark_changed(UiState& ui) { ui.view_changed_at = ImGui::GetTime(); }

// Liang–Barsky: clips the segment a→b (screen coordinates) to [lo, hi]; false when it misses.
bool clip_segment(double ax, double ay, double bx, double by, const ImVec2& lo, const ImVec2& hi, double& t0,
                  double& t1) {
  t0 = 0.0;
  t1 = 1.0;
  const double dx = bx - ax, dy = by - ay;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {ax - lo.x, hi.x - ax, ay - lo.y, hi.y - ay};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0.0) {
      if (q[k] < 0.0) return false;
      continue;
    }
    const double r = q[k] / p[k];
    if (p[k] < 0.0) t0 = std::max(t0, r);
    else t1 = std::min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

// Points of a path within this distance (pixels) of the drawn line are left out: invisible under a
// 3-pixel line, and a slow run's trajectory has a point every pixel (two triangles each).
constexpr float kSimplifyPx = 0.35f;

ImU32 faded(ImU32 c, float alpha) {
  const float a = static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha;
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a + 0.5f) << IM_COL32_A_SHIFT);
}

// The outline pass (dark, wider) runs for every run before the colour pass, so an outline never
// covers another run's colour. Both passes cut the path at the same sharp turns (plot::stroke_polyline),
// so at a reversal neither collapses and the outline never shows through.
void stroke(ImDrawList* dl, const ScreenPath& path, ImU32 color, float width, bool fade_by_age, bool outline,
            std::vector<ImVec2>& scratch) {
  for (std::size_t p = 0; p < path.pieces.size(); ++p) {
    const auto [from, to] = path.pieces[p];
    const int n = to - from;
    if (n < 2) continue;
    const float a = fade_by_age ? kLongPathAgeAlpha[std::clamp(path.ages[p], 0, 3)] : 1.0f;
    // The dark outline needs no anti-aliasing (the coloured line on top has it): a third of the
    // triangles, which software GL rasterises per triangle.
    if (outline)
      plot::stroke_polyline(dl, path.points.data() + from, n, faded(kOutline, a), width + kOutlineWidth - kPathWidth,
                            false, scratch);
    else
      plot::stroke_polyline(dl, path.points.data() + from, n, faded(color, a), width, true, scratch);
  }
}

// Runs that follow the same path (sign methods often do) would hide one another; earlier runs are
// drawn wider, so coinciding paths and points show as nested bands of every run's colour.
float stack_extra(std::size_t k, std::size_t n) { return std::min(2.0f * static_cast<float>(n - 1 - k), 6.0f); }

// A run's path as screen polylines: clipped to `lo..hi` (the plot and a few pixels: segments outside
// it cost nothing, and far-away points of a diverging run do not overflow floats), points closer than
// a pixel merged, cut where the age class changes, then simplified.
void build_path(const WorldMap& m, const RunView& r, const ImVec2& lo, const ImVec2& hi, std::vector<ImVec2>& pts,
                std::vector<ImVec2>& simple, ScreenPath& out) {
  pts.clear();
  out.points.clear();
  out.pieces.clear();
  out.ages.clear();
  out.length = 0;
  std::size_t piece = 0;  // start of the current polyline in pts
  bool have_prev = false;
  double px = 0, py = 0;
  const std::size_t n = r.trace.size() + (r.x.size() >= 2 ? 1 : 0);
  // Age class of point i: which quarter of the run's steps it was reached in, the newest first.
  const double steps = static_cast<double>(std::max<std::int64_t>(r.step, 1));
  auto age_of = [&](std::size_t i) {
    const double step = i < r.trace.size() ? static_cast<double>(r.trace[i].step) : steps;
    return std::clamp(static_cast<int>(4.0 * (steps - step) / steps), 0, 3);
  };
  int age = n > 0 ? age_of(0) : 0;  // of the piece being built
  auto point = [&](std::size_t i, double& x, double& y) {
    if (i < r.trace.size()) {
      x = m.sx(r.trace[i].x0);
      y = m.sy(r.trace[i].x1);
    } else {
      x = m.sx(r.x[0]);
      y = m.sy(r.x[1]);
    }
  };
  auto finish_piece = [&] {
    if (pts.size() - piece >= 2) {
      plot::simplify_polyline(pts.data() + piece, pts.size() - piece, kSimplifyPx, simple);
      const int from = static_cast<int>(out.points.size());
      out.points.insert(out.points.end(), simple.begin(), simple.end());
      out.pieces.emplace_back(from, static_cast<int>(out.points.size()));
      out.ages.push_back(age);
    }
    piece = pts.size();
  };
  for (std::size_t i = 0; i < n; ++i) {
    double x, y;
    point(i, x, y);
    // The segment ending at point i belongs to i's age class: a new class starts a new piece at the
    // last point drawn, so the path stays joined.
    if (const int a = age_of(i); a != age) {
      if (pts.size() > piece) {
        const ImVec2 joint = pts.back();
        finish_piece();
        pts.push_back(joint);
      }
      age = a;
    }
    if (!std::isfinite(x) || !std::isfinite(y)) {
      finish_piece();
      have_prev = false;
      continue;
    }
    if (!have_prev) {
      px = x;
      py = y;
      have_prev = true;
      if (i + 1 == n && x >= lo.x && x <= hi.x && y >= lo.y && y <= hi.y) {
        pts.emplace_back(static_cast<float>(x), static_cast<float>(y));
      }
      continue;
    }
    double t0, t1;
    if (!clip_segment(px, py, x, y, lo, hi, t0, t1)) {
      finish_piece();
    } else {
      const ImVec2 a(static_cast<float>(px + t0 * (x - px)), static_cast<float>(py + t0 * (y - py)));
      const ImVec2 b(static_cast<float>(px + t1 * (x - px)), static_cast<float>(py + t1 * (y - py)));
      if (t0 > 0.0 || pts.size() == piece) {
        finish_piece();
        pts.push_back(a);
      }
      const ImVec2& last = pts.back();
      const float ddx = b.x - last.x, ddy = b.y - last.y;
      out.length += std::hypot(b.x - a.x, b.y - a.y);
      if (ddx * ddx + ddy * ddy >= 0.5f || i + 1 == n || t1 < 1.0) pts.push_back(b);
      if (t1 < 1.0) finish_piece();
    }
    px = x;
    py = y;
  }
  finish_piece();
}

void draw_cross(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), kOutline, 4.5f);
  dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), kOutline, 4.5f);
  dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col, 2.0f);
  dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), col, 2.0f);
}

void draw_start(ImDrawList* dl, ImVec2 c, float r) {
  dl->AddCircle(c, r, kOutline, 24, 4.5f);
  dl->AddCircle(c, r, kWhite, 24, 2.0f);
}

std::string run_label(const RunView& r) {
  const OptimizerInfo* info = find_optimizer(r.optimizer);
  std::string label = info ? info->label : r.optimizer;
  const auto colon = r.spec.find(':');
  if (colon != std::string::npos) label += "  " + r.spec.substr(colon + 1);
  if (r.state == RunState::Diverged) label += "  (diverged)";
  if (r.state == RunState::Failed) label += "  (cannot run here)";
  return label;
}

// How much of what matters lies under a legend box: markers count a lot, path points a little.
int legend_cost(const Snapshot& s, const WorldMap& m, ImVec2 bmin, ImVec2 bmax) {
  auto inside = [&](double x, double y) {
    const double px = m.sx(x), py = m.sy(y);
    return px >= bmin.x - 8 && px <= bmax.x + 8 && py >= bmin.y - 8 && py <= bmax.y + 8;
  };
  int cost = 0;
  const std::vector<double>& start = s.start_point();
  if (start.size() >= 2 && inside(start[0], start[1])) cost += 100;
  for (const auto& x : s.minimizers_xy)
    if (inside(x[0], x[1])) cost += 50;
  for (const RunView& r : s.runs) {
    if (r.x.size() >= 2 && inside(r.x[0], r.x[1])) cost += 100;
    const std::size_t stride = std::max<std::size_t>(1, r.trace.size() / 256);
    for (std::size_t i = 0; i < r.trace.size(); i += stride)
      if (inside(r.trace[i].x0, r.trace[i].x1)) ++cost;
  }
  return cost;
}

// Colour + label per run, and the two markers, in the plot corner that hides the least (kept
// unless another corner is clearly better, so the legend does not hop about while runs move).
void draw_legend(ImDrawList* dl, const Snapshot& s, const WorldMap& m, int& corner, ImVec2& out_min,
                 ImVec2& out_max) {
  out_min = out_max = ImVec2(0, 0);
  const ImVec2 pmin = m.min, pmax = m.max;
  const float fh = ImGui::GetFontSize(), pad = 6.0f, row = fh + 3.0f, swatch = fh * 1.5f;
  float widest = ImGui::CalcTextSize("minimum").x;
  std::vector<std::string> labels;
  labels.reserve(s.runs.size());
  for (const RunView& r : s.runs) {
    labels.push_back(run_label(r));
    widest = std::max(widest, ImGui::CalcTextSize(labels.back().c_str()).x);
  }
  const bool has_min = !s.minimizers_xy.empty();
  const int rows = static_cast<int>(s.runs.size()) + 1 + (has_min ? 1 : 0);
  const ImVec2 box(2 * pad + swatch + 6 + widest, 2 * pad + rows * row - 3);
  if (box.x > pmax.x - pmin.x - 16 || box.y > pmax.y - pmin.y - 16) return;  // no room: the plot is too small
  auto place = [&](int c) {
    const float x = (c & 1) ? pmax.x - 8 - box.x : pmin.x + 8;
    const float y = (c & 2) ? pmax.y - 8 - box.y : pmin.y + 8;
    return ImVec2(x, y);
  };
  int costs[4];
  int best = 0;
  for (int c = 0; c < 4; ++c) {
    const ImVec2 b = place(c);
    costs[c] = legend_cost(s, m, b, ImVec2(b.x + box.x, b.y + box.y));
    if (costs[c] < costs[best]) best = c;
  }
  if (corner < 0 || corner > 3 || costs[corner] > costs[best] + 20) corner = best;
  const ImVec2 bmin = place(corner);
  const ImVec2 bmax(bmin.x + box.x, bmin.y + box.y);
  out_min = bmin;
  out_max = bmax;
  dl->AddRectFilled(bmin, bmax, IM_COL32(16, 16, 22, 200), 4.0f);
  dl->AddRect(bmin, bmax, IM_COL32(255, 255, 255, 60), 4.0f);
  const ImU32 text = IM_COL32(240, 240, 240, 255);
  float y = bmin.y + pad;
  const float sx0 = bmin.x + pad, sx1 = sx0 + swatch, tx = sx1 + 6;
  for (std::size_t k = 0; k < s.runs.size(); ++k) {
    const float cy = y + 0.5f * fh;
    dl->AddLine(ImVec2(sx0, cy), ImVec2(sx1, cy), kOutline, kOutlineWidth);
    dl->AddLine(ImVec2(sx0, cy), ImVec2(sx1, cy), run_color(s.runs[k].color), kPathWidth + 0.5f);
    dl->AddText(ImVec2(tx, y), text, labels[k].c_str());
    y += row;
  }
  draw_start(dl, ImVec2(0.5f * (sx0 + sx1), y + 0.5f * fh), fh * 0.32f);
  dl->AddText(ImVec2(tx, y), text, "start");
  y += row;
  if (has_min) {
    draw_cross(dl, ImVec2(0.5f * (sx0 + sx1), y + 0.5f * fh), fh * 0.28f, kWhite);
    dl->AddText(ImVec2(tx, y), text, "minimum");
  }
}

const RunView* find_run_view(const Snapshot& s, int id) {
  for (const auto& r : s.runs)
    if (r.id == id) return &r;
  return nullptr;
}

// Which plane the shown grid is: "the start", or "run 2 (LION) at step 1,200".
std::string plane_caption(const Snapshot& s) {
  if (s.grid_plane_run < 0 || !s.grid) return "the start";
  const RunView* r = find_run_view(s, s.grid_plane_run);
  const OptimizerInfo* info = r ? find_optimizer(r->optimizer) : nullptr;
  std::string text = "run " + std::to_string(s.grid_plane_run);
  if (r) text += std::string(" (") + (info ? info->label : r->optimizer) + ")";
  return text + " at step " + plot::format_grouped(s.grid_plane_step);
}

// d > 2: where the heat map's plane goes through: the start, or a run's current point (followed).
void slice_plane_combo(const Snapshot& s, UiState& ui, CommandSink& sink) {
  const RunView* current = find_run_view(s, s.slice_run);
  const std::string preview = current ? "through run " + std::to_string(current->id) : "through the start";
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("through run 888").x + ImGui::GetFrameHeight() + 12.0f);
  if (ImGui::BeginCombo("##plane", preview.c_str())) {
    if (ImGui::Selectable("through the start", !current)) sink.send(cmd::SetSlicePlane{-1});
    ui.note_item("slice_plane:start");
    for (const auto& r : s.runs) {
      const std::string label = "through run " + std::to_string(r.id) + "  " + run_label(r);
      if (ImGui::Selectable(label.c_str(), current && current->id == r.id)) sink.send(cmd::SetSlicePlane{r.id});
      ui.note_item("slice_plane:" + std::to_string(r.id));
    }
    ImGui::EndCombo();
  }
  ui.note_item("slice_plane");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The heat map is f on the (x0, x1) plane through this point; through a run, it\n"
                      "is resampled as the run moves (at most twice a second).");
}

// "computing landscape… 42 %": the engine's grid for the current view is on its way.
std::string computing_label(const Snapshot& s) {
  const char* dots = font_has(0x2026) ? "\xE2\x80\xA6" : "...";
  const int pct = static_cast<int>(std::clamp(s.grid_progress, 0.0, 1.0) * 100.0);
  return std::string("computing landscape") + dots + " " + std::to_string(pct) + " %";
}

// Above these the hover read-out comes from the engine's grid: evaluating f and ∇f each frame would stall
// the UI thread (a 10⁸-dimensional gradient takes about a second, a classifier on all 60000 Fashion-MNIST
// images half a second). 4·10⁶ multiply-adds is a few milliseconds in double.
constexpr int kHoverExactMaxDim = 65536;
constexpr double kHoverExactMaxCost = 4e6;

void hover_tooltip(const Snapshot& s, double wx, double wy) {
  if (!s.problem) return;
  if (s.dim > kHoverExactMaxDim || s.problem->evaluation_cost() > kHoverExactMaxCost) {
    const double f = s.grid ? sample_grid(*s.grid, wx, wy) : std::numeric_limits<double>::quiet_NaN();
    ImGui::BeginTooltip();
    ImGui::Text("x = (%s, %s)", plot::format_number(wx, 4).c_str(), plot::format_number(wy, 4).c_str());
    const char* approx = font_has(0x2248) ? "\xE2\x89\x88" : "~";
    if (std::isnan(f)) ImGui::Text("f(x): outside the sampled grid");
    else ImGui::Text("f(x) %s %s", approx, plot::format_number(f, 5).c_str());
    ImGui::TextDisabled("(interpolated from the landscape grid: f at d = %d costs too much to evaluate every frame)",
                        s.dim);
    ImGui::TextDisabled("Ctrl+click: start every run here");
    ImGui::EndTooltip();
    return;
  }
  // On the plane the heat map shows (through the start or a run's point), so read-out and colours agree.
  std::vector<double> x = s.grid_centre ? *s.grid_centre : s.start_point();
  x.resize(static_cast<std::size_t>(std::max(s.dim, 2)), 0.0);
  x[0] = wx;
  x[1] = wy;
  std::vector<double> g(x.size(), 0.0);
  const double f = s.problem->value(x);
  s.problem->gradient(x, g);
  const bool nabla = font_has(0x2207);
  ImGui::BeginTooltip();
  ImGui::Text("x = (%s, %s)", plot::format_number(wx, 4).c_str(), plot::format_number(wy, 4).c_str());
  ImGui::Text("f(x) = %s", plot::format_number(f, 5).c_str());
  ImGui::Text("%s = (%s, %s)", nabla ? "\xE2\x88\x87" "f(x)" : "grad f(x)", plot::format_number(g[0], 4).c_str(),
              plot::format_number(g[1], 4).c_str());
  if (s.dim > 2)
    ImGui::TextDisabled("(first two of %d coordinates; the others at %s)", s.dim,
                        s.grid_centre ? ("run " + std::to_string(s.grid_plane_run) + "'s point").c_str() : "the start");
  ImGui::TextDisabled("Ctrl+click: start every run here");
  ImGui::EndTooltip();
}

}  // namespace

void landscape_panel(const Snapshot& s, UiState& ui, CommandSink& sink, ImTextureID heatmap, ImVec2 size) {
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float fh = ImGui::GetFontSize();
  sync_view(s, ui);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  if (size.y <= 0) size.y = ImGui::GetContentRegionAvail().y;

  // Top row: the button, and the problem for the record.
  if (ImGui::Button("Reset view") && s.problem) {
    ui.view = s.problem->default_view();
    ui.view_send_now = true;  // nothing to wait for
    ui.view_fit_contain = true;
  }
  ui.note_item("reset_view");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the problem's default frame");
  ImGui::SameLine();
  if (s.dim > 2) {
    // Paths are projections onto (x0, x1); the heat map is f on that plane through the start or a run's
    // point, which the runs leave as their other coordinates move: say which, or the colours and the
    // losses seem to disagree.
    slice_plane_combo(s, ui, sink);
    ImGui::SameLine();
    // Where the line is too short for all of it (1280×720), the SPEC goes (the status line has it).
    const std::string tail = "d = " + std::to_string(s.dim) + "   heat map: f on the (x0, x1) plane through " + plane_caption(s);
    const std::string full = s.problem_spec + "   " + tail;
    const bool fits = ImGui::CalcTextSize(full.c_str()).x <= ImGui::GetContentRegionAvail().x;
    ImGui::TextDisabled("%s", fits ? full.c_str() : tail.c_str());
  } else {
    ImGui::TextDisabled("%s   d = %d", s.problem_spec.c_str(), s.dim);
  }
  if (!s.grid_computing) ui.grid_computing_since = -1;
  else if (ui.grid_computing_since < 0) ui.grid_computing_since = ImGui::GetTime();
  const bool grid_note = s.grid_computing && ImGui::GetTime() - ui.grid_computing_since >= kGridNoteDelaySeconds - 1e-9;
  const float top = ImGui::GetFrameHeightWithSpacing();
  const float hint_h = ImGui::GetTextLineHeightWithSpacing();

  if (s.dim < 2) {
    ImGui::TextWrapped("This problem has no 2-D landscape to show (dimension %d).", s.dim);
    return;
  }
  // Without a grid yet (a costly problem just chosen) the axes, paths and points are drawn over grey.
  // Plot rectangle: fixed margins (so the rectangle does not twitch while the tick labels change).
  const LossScale scale = s.grid ? make_loss_scale(s.grid->fmin, s.grid->fmax) : LossScale{};
  const char* bar_label = "loss (log scale)";
  const float bar_w = std::max(14.0f, fh);
  // A fixed width: one that followed the grid's labels would change the plot's shape, hence the view,
  // hence the grid again.
  const float bar_labels = ImGui::CalcTextSize("-8.888e-88").x + 7.0f;
  const float right = 2.0f * st.ItemSpacing.x + bar_w + bar_labels + 6.0f + fh;
  const float left = ImGui::CalcTextSize("-8.88e-88").x + fh + 14.0f;
  const float bottom = plot::axes_bottom_margin(plot::AxisSpec{0, 1, false, "x"});
  const ImVec2 pmin(std::floor(origin.x + left), std::floor(origin.y + top + fh * 0.5f));
  const ImVec2 pmax(std::floor(origin.x + size.x - right), std::floor(origin.y + size.y - hint_h - bottom));
  const float w = pmax.x - pmin.x, h = pmax.y - pmin.y;
  if (w < 40 || h < 40) {
    ImGui::TextDisabled("(window too small for the landscape)");
    return;
  }
  // Equal scales on both axes: fit the view to the rectangle's shape (a new view, a resized window).
  if (aspect_off(ui.view, w, h)) {
    const float old_w = ui.view_fit_contain ? 0.0f : ui.landscape_max.x - ui.landscape_min.x;
    ui.view = fit_aspect(ui.view, w, h, old_w);
    if (ui.view_changed_at < 0) ui.view_send_now = true;
  }
  ui.view_fit_contain = false;
  ui.landscape_min = pmin;
  ui.landscape_max = pmax;

  // Interaction surface over the plot.
  ImGui::SetCursorScreenPos(pmin);
  ImGui::InvisibleButton("##landscape", ImVec2(w, h));
  ImGui::SetItemUsingMouseWheel();
  ui.note_item("landscape");
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  WorldMap m{ui.view, pmin, pmax};

  if (hovered && io.MouseWheel != 0.0f) {
    const double z = std::pow(1.2, -static_cast<double>(io.MouseWheel));
    const double cx = m.wx(io.MousePos.x), cy = m.wy(io.MousePos.y);
    const Box& v = ui.view;
    const Box nv{cx - (cx - v.x0) * z, cx + (v.x1 - cx) * z, cy - (cy - v.y0) * z, cy + (v.y1 - cy) * z};
    const double span = nv.x1 - nv.x0;
    if (valid_box(nv) && span > 1e-9 * std::max(1.0, std::abs(cx)) && span < 1e7) {
      ui.view = nv;
      mark_changed(ui);
    }
  }
  if (hovered && io.KeyCtrl && ImGui::IsMouseClicked(0)) {
    sink.send(cmd::SetStartXY{m.wx(io.MousePos.x), m.wy(io.MousePos.y)});
  } else if (active && !io.KeyCtrl && (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f) &&
             ImGui::IsMouseDown(0)) {
    const double ux = (ui.view.x1 - ui.view.x0) / w, uy = (ui.view.y1 - ui.view.y0) / h;
    const double dx = -io.MouseDelta.x * ux, dy = io.MouseDelta.y * uy;
    ui.view = Box{ui.view.x0 + dx, ui.view.x1 + dx, ui.view.y0 + dy, ui.view.y1 + dy};
    mark_changed(ui);
  }
  m.b = ui.view;

  // Ask the engine to resample once the view has been still for a moment.
  if (ui.view_send_now ||
      (ui.view_changed_at >= 0 && ImGui::GetTime() - ui.view_changed_at >= kViewSettleSeconds - 1e-9)) {
    sink.send(cmd::SetView{ui.view, kLandscapeResolution});
    ui.views_in_flight.push_back(ui.view);
    if (ui.views_in_flight.size() > 32) ui.views_in_flight.erase(ui.views_in_flight.begin());
    ui.view_changed_at = -1;
    ui.view_send_now = false;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(pmin, pmax, true);
  // The texture covers grid->box (lowest y in its first row, GL's orientation): show the part inside
  // the view, over grey only where the grid does not reach (while a new grid is on its way after a
  // zoom or pan).
  const Box g = s.grid ? s.grid->box : Box{0, 0, 0, 0};
  const double ix0 = std::max(g.x0, m.b.x0), ix1 = std::min(g.x1, m.b.x1);
  const double iy0 = std::max(g.y0, m.b.y0), iy1 = std::min(g.y1, m.b.y1);
  const bool show_image = heatmap && ix1 > ix0 && iy1 > iy0 && valid_box(g);
  const ImVec2 a = show_image ? m.to_screen(ix0, iy1) : pmin, b = show_image ? m.to_screen(ix1, iy0) : pmin;
  const bool covered = show_image && a.x <= pmin.x && a.y <= pmin.y && b.x >= pmax.x && b.y >= pmax.y;
  if (!covered) dl->AddRectFilled(pmin, pmax, IM_COL32(38, 38, 44, 255));
  if (show_image) {
    // uv0 is the top-left corner (highest y), uv1 the bottom-right.
    const ImVec2 uv0(static_cast<float>((ix0 - g.x0) / (g.x1 - g.x0)), static_cast<float>((iy1 - g.y0) / (g.y1 - g.y0)));
    const ImVec2 uv1(static_cast<float>((ix1 - g.x0) / (g.x1 - g.x0)), static_cast<float>((iy0 - g.y0) / (g.y1 - g.y0)));
    // Covering the whole plot (nothing drawn under it), the front end copies it into the frame: a
    // plain copy when it is shown pixel for pixel, instead of a textured quad over ~0.4 Mpixel.
    if (!(covered && ui.layers && ui.layers->underlay_image(heatmap, a, b, uv0, uv1))) {
      // Opaque pixels: the front end may switch blending off around the image (ui.opaque_begin), which
      // spares a software rasteriser reading back the pixels it is about to overwrite.
      if (ui.opaque_begin) dl->AddCallback(ui.opaque_begin, nullptr);
      dl->AddImage(heatmap, a, b, uv0, uv1);
      if (ui.opaque_begin) dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    }
  }

  // Minimisers, paths, current points, start.
  // Paths are cut at the plot's edge (plus the widest line, so no line end shows inside it).
  const float margin = kOutlineWidth + 6.0f + 2.0f;
  const ImVec2 lo(pmin.x - margin, pmin.y - margin), hi(pmax.x + margin, pmax.y + margin);
  auto visible = [&](ImVec2 p) { return p.x >= pmin.x - 20 && p.x <= pmax.x + 20 && p.y >= pmin.y - 20 && p.y <= pmax.y + 20; };
  for (const auto& xm : s.minimizers_xy) {
    const ImVec2 p = m.to_screen(xm[0], xm[1]);
    if (visible(p)) draw_cross(dl, p, fh * 0.35f, kWhite);
  }
  ui.paths.resize(s.runs.size());
  for (std::size_t k = 0; k < s.runs.size(); ++k) build_path(m, s.runs[k], lo, hi, ui.path_scratch, ui.path_simple, ui.paths[k]);
  const float diagonal = std::hypot(w, h);
  for (const bool outline : {true, false})
    for (std::size_t k = 0; k < s.runs.size(); ++k) {
      const bool wild = ui.paths[k].length > kLongPathDiagonals * diagonal;
      if (wild && outline) continue;  // a thin, faded path needs no dark rim: half its pixels
      const float width = wild ? kThinPathWidth : kPathWidth + stack_extra(k, s.runs.size());
      stroke(dl, ui.paths[k], run_color(s.runs[k].color), width, wild, outline, ui.path_simple);
    }
  if (s.start_point().size() >= 2) {
    const ImVec2 p = m.to_screen(s.start_point()[0], s.start_point()[1]);
    if (visible(p)) draw_start(dl, p, fh * 0.45f);
  }
  for (const bool outline : {true, false})
    for (std::size_t k = 0; k < s.runs.size(); ++k) {
      const RunView& r = s.runs[k];
      if (r.x.size() < 2) continue;
      const ImVec2 p = m.to_screen(r.x[0], r.x[1]);
      if (!visible(p)) continue;
      const float radius = fh * 0.36f + stack_extra(k, s.runs.size());
      if (outline) {
        // Under the anti-aliased colour disc the outline's own fringe hardly shows: a third of the triangles.
        const ImDrawListFlags flags = dl->Flags;
        dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
        dl->AddCircleFilled(p, radius + 1.5f, kOutline);
        dl->Flags = flags;
      } else {
        dl->AddCircleFilled(p, radius, run_color(r.color));  // segments for ImGui's 0.3-px error
      }
    }
  draw_legend(dl, s, m, ui.legend_corner, ui.legend_min, ui.legend_max);
  // Why there is no picture (a failed grid, or no thread to compute one), else the progress of the next.
  const bool error_note = !s.grid_computing && !s.grid_error.empty();
  if (grid_note || error_note) {
    // The engine computes grids on a worker; meanwhile the last finished one stays on screen in its own
    // box. The note sits low in the plot on a dark plate (the header line may be full; paths and points
    // meet near the middle).
    const std::string note = error_note ? s.grid_error : computing_label(s);
    const ImVec2 ts = ImGui::CalcTextSize(note.c_str());
    const ImVec2 at(std::floor(0.5f * (pmin.x + pmax.x - ts.x)), std::floor(pmax.y - ts.y - (s.dim > 2 ? 3.0f : 2.0f) * fh));
    dl->AddRectFilled(ImVec2(at.x - 0.5f * fh, at.y - 0.3f * fh), ImVec2(at.x + ts.x + 0.5f * fh, at.y + ts.y + 0.3f * fh),
                      IM_COL32(20, 20, 26, 220), 0.3f * fh);
    if (error_note) {  // an item, so tests read it
      ImGui::SetCursorScreenPos(at);
      ImGui::PushClipRect(pmin, pmax, true);
      ImGui::TextUnformatted(note.c_str());
      ImGui::PopClipRect();
      ui.note_item("grid_error");
    } else {
      dl->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), note.c_str());
    }
  }
  dl->PopClipRect();
  if (s.dim > 2 && !s.runs.empty()) {
    // Above two dimensions the heat map is one slice of f, and every run moves off it as its other
    // coordinates change: its colours are not the runs' losses (muon: 2.76 under losses of 1e-4). Said
    // on the plot itself, low in the middle on a dark plate, as an item (tests read it).
    const std::string note = std::string("a slice: f through ") + plane_caption(s) + "; the runs leave it" +
                             (font_has(0x2260) ? " (colours \xE2\x89\xA0 their losses)" : " (colours are not their losses)");
    const ImVec2 ts = ImGui::CalcTextSize(note.c_str());
    const ImVec2 at(std::floor(std::max(pmin.x + 0.5f * fh, 0.5f * (pmin.x + pmax.x - ts.x))),
                    std::floor(pmax.y - ts.y - 0.6f * fh));
    dl->AddRectFilled(ImVec2(at.x - 0.5f * fh, at.y - 0.2f * fh), ImVec2(at.x + ts.x + 0.5f * fh, at.y + ts.y + 0.2f * fh),
                      IM_COL32(20, 20, 26, 200), 0.3f * fh);
    ImGui::SetCursorScreenPos(at);
    ImGui::PushClipRect(pmin, pmax, true);
    ImGui::TextUnformatted(note.c_str());
    ImGui::PopClipRect();
    ui.note_item("slice_note");
  }

  plot::draw_axes_2d(dl, pmin, pmax, m.b.x0, m.b.x1, m.b.y0, m.b.y1, "x", "y");
  // The bar's label runs up its right side (a label on top would need the bar's width in text).
  const ImVec2 bmin(pmax.x + st.ItemSpacing.x * 2.0f, pmin.y + 0.5f * fh);
  const ImVec2 bmax(bmin.x + bar_w, pmax.y - 0.5f * fh);
  if (s.grid) {
    plot::colorbar(dl, bmin, bmax, scale, nullptr);
    plot::add_text_vertical(dl, ImVec2(bmax.x + bar_labels + 4.0f + 0.5f * fh, 0.5f * (bmin.y + bmax.y)),
                            ImGui::GetColorU32(ImGuiCol_Text), bar_label);
  }

  if (hovered && !active) {
    hover_tooltip(s, m.wx(io.MousePos.x), m.wy(io.MousePos.y));
    dl->AddLine(ImVec2(io.MousePos.x, pmin.y), ImVec2(io.MousePos.x, pmax.y), IM_COL32(255, 255, 255, 40));
    dl->AddLine(ImVec2(pmin.x, io.MousePos.y), ImVec2(pmax.x, io.MousePos.y), IM_COL32(255, 255, 255, 40));
  }

  // Hint line under the plot, below the x axis.
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y - hint_h));
  const bool dot = font_has(0x00B7);
  ImGui::TextDisabled(dot ? "wheel: zoom  \xC2\xB7  drag: pan  \xC2\xB7  Ctrl+click: set start"
                          : "wheel: zoom  -  drag: pan  -  Ctrl+click: set start");
}

}  // namespace signlab::ui
