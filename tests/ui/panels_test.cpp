// Every panel and the dashboard drawn by ImGui with no window and no backend, on a hand-built
// snapshot, with simulated mouse input; commands land in a recording sink.
#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName: is the tooltip up?

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <limits>

#include "tests/ui/headless_gui.hpp"

#include "app/panels/curves_panel.hpp"
#include "app/panels/landscape_panel.hpp"
#include "app/panels/problem_panel.hpp"
#include "app/panels/runs_panel.hpp"
#include "app/panels/status_bar.hpp"
#include "app/ui/dashboard.hpp"
#include "app/plot/ticks.hpp"
#include "app/ui/palette.hpp"
#include "app/ui/ui_state.hpp"
#include "core/engine/engine.hpp"
#include "core/io/scenario.hpp"
#include "core/landscape/grid.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab::ui {
namespace {

using ui_test::RecordingSink;

const ImTextureID kHeatmap = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(2));

// A run whose trace walks from `from` to `to` over `n` points (losses and norms from the problem).
RunView make_run(const Problem& p, int id, int color, const std::string& opt, const std::string& spec,
                 std::vector<double> from, std::vector<double> to, int n, RunState state) {
  RunView r;
  r.id = id;
  r.color = color;
  r.optimizer = opt;
  r.spec = spec;
  r.params = resolve_optimizer(spec).values;
  r.state = state;
  std::vector<double> x(2), g(2);
  for (int i = 0; i < n; ++i) {
    const double t = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
    // A curved path, so it is not a straight line on the plot.
    x[0] = from[0] + (to[0] - from[0]) * t;
    x[1] = from[1] + (to[1] - from[1]) * t * t;
    p.gradient(x, g);
    TracePoint tp;
    tp.step = i * 10;
    tp.evals = i * 10;
    tp.loss = p.value(x);
    tp.grad_l2 = std::hypot(g[0], g[1]);
    tp.grad_l1 = std::abs(g[0]) + std::abs(g[1]);
    tp.x0 = x[0];
    tp.x1 = x[1];
    r.trace.push_back(tp);
  }
  r.step = (n - 1) * 10 + 5;
  r.evals = r.step;
  r.x = to;
  p.gradient(r.x, g);
  r.now = RunMetrics{p.value(r.x), std::hypot(g[0], g[1]), std::abs(g[0]) + std::abs(g[1])};
  return r;
}

Snapshot make_fixture() {
  Snapshot s;
  s.seq = 7;
  s.problem_spec = "rosenbrock";
  s.problem_name = "rosenbrock";
  s.problem = std::shared_ptr<const Problem>(make_problem("rosenbrock"));
  s.dim = 2;
  s.start = std::make_shared<const std::vector<double>>(s.problem->default_start());
  for (const auto& m : s.problem->minimizers()) s.minimizers_xy.push_back({m[0], m[1]});
  s.view = s.problem->default_view();
  s.grid = std::make_shared<const LandscapeGrid>(compute_grid(*s.problem, s.view, 64, 64, *s.start));
  s.runs.push_back(make_run(*s.problem, 1, 0, "lion", "lion:lr=0.01", *s.start, {0.9, 0.8}, 300, RunState::Running));
  s.runs.push_back(make_run(*s.problem, 2, 1, "signsgd", "signsgd", *s.start, {0.2, 0.1}, 120, RunState::Paused));
  RunView bad = make_run(*s.problem, 3, 2, "sgd", "sgd:lr=0.5", *s.start, {-40.0, 3e6}, 40, RunState::Diverged);
  bad.diverged_at = 395;
  bad.trace.back().x0 = -4e11;  // far outside any view: clipped, never overflowing floats
  bad.trace.back().x1 = 9e12;
  s.runs.push_back(bad);
  s.playing = false;
  s.steps_per_s = 200;
  s.engine_steps_per_s = 12.3e6;
  s.total_steps = 1234;
  return s;
}

using Gui = ui_test::HeadlessGui;

// Draws `panel` inside a fixed window filling the display.
std::function<void()> in_window(const char* name, std::function<void()> panel) {
  return [name, panel] {
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize, ImGuiCond_Always);
    ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
    panel();
    ImGui::End();
  };
}

using ui_test::center_of;

int vertex_count(const ImDrawData* d) { return d ? d->TotalVtxCount : 0; }

// Screen position of a world point on the landscape plot of the last frame.
ImVec2 world_to_screen(const UiState& ui, double x, double y) {
  const Box& v = ui.view;
  return ImVec2(static_cast<float>(ui.landscape_min.x + (x - v.x0) / (v.x1 - v.x0) * (ui.landscape_max.x - ui.landscape_min.x)),
                static_cast<float>(ui.landscape_max.y - (y - v.y0) / (v.y1 - v.y0) * (ui.landscape_max.y - ui.landscape_min.y)));
}

struct ImageQuad {
  bool found = false;
  ImVec2 pmin{1e30f, 1e30f}, pmax{-1e30f, -1e30f}, uvmin{1e30f, 1e30f}, uvmax{-1e30f, -1e30f};
  float uv_at_top = 0;  // v of the topmost vertex
};

// The quad drawn with texture `tex` (AddImage: one rectangle).
ImageQuad find_image(const ImDrawData* d, ImTextureID tex) {
  ImageQuad q;
  for (int l = 0; l < d->CmdListsCount; ++l) {
    const ImDrawList* dl = d->CmdLists[l];
    for (const ImDrawCmd& c : dl->CmdBuffer) {
      if (c.TextureId != tex || c.UserCallback) continue;
      for (unsigned k = 0; k < c.ElemCount; ++k) {
        const ImDrawVert& v = dl->VtxBuffer[static_cast<int>(c.VtxOffset + dl->IdxBuffer[static_cast<int>(c.IdxOffset + k)])];
        if (!q.found || v.pos.y < q.pmin.y) q.uv_at_top = v.uv.y;
        q.found = true;
        q.pmin = ImVec2(std::min(q.pmin.x, v.pos.x), std::min(q.pmin.y, v.pos.y));
        q.pmax = ImVec2(std::max(q.pmax.x, v.pos.x), std::max(q.pmax.y, v.pos.y));
        q.uvmin = ImVec2(std::min(q.uvmin.x, v.uv.x), std::min(q.uvmin.y, v.uv.y));
        q.uvmax = ImVec2(std::max(q.uvmax.x, v.uv.x), std::max(q.uvmax.y, v.uv.y));
      }
    }
  }
  return q;
}

bool has_vertex_color(const ImDrawData* d, ImU32 col) {
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer)
      if (v.col == col) return true;
  return false;
}

float max_abs_coordinate(const ImDrawData* d) {
  float m = 0;
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer) m = std::max({m, std::abs(v.pos.x), std::abs(v.pos.y)});
  return m;
}

class Panels : public ::testing::Test {
 protected:
  Snapshot snap = make_fixture();
  UiState ui;
  RecordingSink sink;
  Gui gui;
  void SetUp() override { ui.record_items = true; }

  std::function<void()> landscape() {
    return in_window("Landscape", [this] {
      landscape_panel(snap, ui, sink, kHeatmap, ImGui::GetContentRegionAvail());
    });
  }
  std::function<void()> runs() {
    return in_window("Runs", [this] { runs_panel(snap, ui, sink); });
  }
  std::function<void()> problem() {
    return in_window("Problem", [this] { problem_panel(snap, ui, sink); });
  }
};

TEST_F(Panels, EveryPanelAndTheDashboardDraw) {
  const std::vector<std::pair<const char*, std::function<void()>>> panels = {
      {"landscape", landscape()},
      {"runs", runs()},
      {"problem", problem()},
      {"curves", in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(0, 0)); })},
      {"status", in_window("Status", [this] { status_bar(snap, ui); })},
      {"dashboard", [this] { draw_dashboard(snap, ui, sink, kHeatmap); }},
  };
  for (const auto& [name, draw] : panels) {
    const ImDrawData* d = gui.frame(draw);
    ASSERT_NE(d, nullptr) << name;
    EXPECT_GT(d->CmdListsCount, 0) << name;
    EXPECT_GT(vertex_count(d), 100) << name;
  }
  // Drawing alone asks for nothing but the landscape's first resample (its aspect fit).
  for (const Command& c : sink.commands) EXPECT_TRUE(std::holds_alternative<cmd::SetView>(c)) << c.index();
}

TEST_F(Panels, LandscapeDrawsTheHeatmapRegisteredToWorldCoordinates) {
  const ImDrawData* d = gui.frame(landscape());
  ImageQuad q = find_image(d, kHeatmap);
  ASSERT_TRUE(q.found);
  // Equal scales: the view was widened to the plot's shape, so the grid box is a part of it.
  const float w = ui.landscape_max.x - ui.landscape_min.x, h = ui.landscape_max.y - ui.landscape_min.y;
  EXPECT_NEAR((ui.view.x1 - ui.view.x0) / w, (ui.view.y1 - ui.view.y0) / h, 1e-6);
  const Box& g = snap.grid->box;
  const ImVec2 a = world_to_screen(ui, g.x0, g.y1), b = world_to_screen(ui, g.x1, g.y0);
  EXPECT_NEAR(q.pmin.x, a.x, 1.0);
  EXPECT_NEAR(q.pmin.y, a.y, 1.0);
  EXPECT_NEAR(q.pmax.x, b.x, 1.0);
  EXPECT_NEAR(q.pmax.y, b.y, 1.0);
  EXPECT_NEAR(q.uvmin.x, 0.0, 1e-4);
  EXPECT_NEAR(q.uvmax.y, 1.0, 1e-4);

  // Zoomed in to a part of the grid: the image fills the plot and shows only that part.
  ui.view = Box{0.0, 1.0 * w / h, 1.0, 2.0};  // already the plot's shape
  d = gui.frame(landscape());
  q = find_image(d, kHeatmap);
  ASSERT_TRUE(q.found);
  EXPECT_NEAR(q.pmin.x, ui.landscape_min.x, 1.0);
  EXPECT_NEAR(q.pmax.y, ui.landscape_max.y, 1.0);
  EXPECT_NEAR(q.uvmin.x, (ui.view.x0 - g.x0) / (g.x1 - g.x0), 1e-3);
  EXPECT_NEAR(q.uvmax.x, (ui.view.x1 - g.x0) / (g.x1 - g.x0), 1e-3);
  EXPECT_NEAR(q.uvmin.y, (ui.view.y0 - g.y0) / (g.y1 - g.y0), 1e-3);  // lowest y in the first row
  EXPECT_NEAR(q.uvmax.y, (ui.view.y1 - g.y0) / (g.y1 - g.y0), 1e-3);
  EXPECT_NEAR(q.uv_at_top, q.uvmax.y, 1e-6) << "the top of the image shows the texture's last rows";
}

TEST_F(Panels, LandscapeDrawsEveryRunInItsColourAndClipsFarPoints) {
  const ImDrawData* d = gui.frame(landscape());
  for (const RunView& r : snap.runs) EXPECT_TRUE(has_vertex_color(d, run_color(r.color))) << r.optimizer;
  EXPECT_LT(max_abs_coordinate(d), 1e5f);  // the diverged run's 1e12 point never reaches the draw list
}

// The alphas of the vertices drawn in colour `rgb` (any alpha), and whether any lies outside [lo, hi].
struct ColourUse {
  int min_alpha = 256, max_alpha = -1;
  bool outside = false;
};
ColourUse colour_use(const ImDrawData* d, ImU32 rgb, ImVec2 lo, ImVec2 hi) {
  ColourUse u;
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer) {
      if ((v.col & ~IM_COL32_A_MASK) != (rgb & ~IM_COL32_A_MASK)) continue;
      const int a = static_cast<int>((v.col >> IM_COL32_A_SHIFT) & 0xFF);
      if (a == 0) continue;  // anti-aliasing fringe
      u.min_alpha = std::min(u.min_alpha, a);
      u.max_alpha = std::max(u.max_alpha, a);
      u.outside |= v.pos.x < lo.x || v.pos.x > hi.x || v.pos.y < lo.y || v.pos.y > hi.y;
    }
  return u;
}

TEST_F(Panels, AWildPathIsDrawnThinFadedAndClippedSoTheOthersShow) {
  // Run 3 jumps across the whole view and beyond, again and again (heavy-tailed SGD), ending inside.
  RunView& wild = snap.runs[2];
  wild.state = RunState::Running;
  wild.trace.clear();
  const Box v = snap.view;
  for (int i = 0; i < 400; ++i) {
    TracePoint p;
    p.step = 10 * i;
    const double u = (i * 7919 % 400) / 400.0, w = (i * 104729 % 397) / 397.0;
    p.x0 = v.x0 - 0.5 * (v.x1 - v.x0) + 2.0 * u * (v.x1 - v.x0);
    p.x1 = v.y0 - 0.5 * (v.y1 - v.y0) + 2.0 * w * (v.y1 - v.y0);
    wild.trace.push_back(p);
  }
  wild.step = 4000;
  wild.x = {0.5 * (v.x0 + v.x1), 0.5 * (v.y0 + v.y1)};
  const ImDrawData* d = gui.frame(landscape());
  const ImVec2 lo = ui.landscape_min, hi = ui.landscape_max;
  const float diagonal = std::hypot(hi.x - lo.x, hi.y - lo.y);
  ASSERT_EQ(ui.paths.size(), snap.runs.size());
  EXPECT_GT(ui.paths[2].length, 6.0f * diagonal);
  // Every age class is there, oldest to newest; the wild run is never drawn opaque, the others are.
  for (int a = 0; a < 4; ++a)
    EXPECT_NE(std::find(ui.paths[2].ages.begin(), ui.paths[2].ages.end(), a), ui.paths[2].ages.end()) << a;
  const ImVec2 margin(20, 20);
  const ImVec2 lo_m(lo.x - margin.x, lo.y - margin.y), hi_m(hi.x + margin.x, hi.y + margin.y);
  const ColourUse w = colour_use(d, run_color(wild.color), lo_m, hi_m);
  EXPECT_GT(w.max_alpha, 0);
  EXPECT_LT(w.min_alpha, 0.5 * w.max_alpha) << "old segments fainter than new ones";
  EXPECT_FALSE(w.outside) << "segments are cut at the plot's edge";
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(colour_use(d, run_color(snap.runs[k].color), lo_m, hi_m).max_alpha, 255) << snap.runs[k].optimizer;
    EXPECT_LT(ui.paths[k].length, 6.0f * diagonal);
  }
  // Every piece has at least two points, and every point lies inside the cut.
  for (const auto& [from, to] : ui.paths[2].pieces) {
    EXPECT_GE(to - from, 2);
    for (int i = from; i < to; ++i) {
      const ImVec2 p = ui.paths[2].points[static_cast<std::size_t>(i)];
      EXPECT_TRUE(p.x >= lo_m.x && p.x <= hi_m.x && p.y >= lo_m.y && p.y <= hi_m.y) << p.x << ", " << p.y;
    }
  }
}

TEST_F(Panels, ViewStartsFromTheSnapshotAndFollowsAProblemChange) {
  gui.frame(landscape());
  EXPECT_TRUE(ui.view_initialised);
  EXPECT_EQ(ui.view_problem, "rosenbrock");
  // The view contains the engine's (widened to equal scales), same centre.
  EXPECT_LE(ui.view.x0, snap.view.x0 + 1e-9);
  EXPECT_GE(ui.view.x1, snap.view.x1 - 1e-9);
  EXPECT_LE(ui.view.y0, snap.view.y0 + 1e-9);
  EXPECT_GE(ui.view.y1, snap.view.y1 - 1e-9);
  EXPECT_NEAR(ui.view.x0 + ui.view.x1, snap.view.x0 + snap.view.x1, 1e-9);

  snap.problem_spec = "himmelblau";
  snap.problem_name = "himmelblau";
  snap.problem = std::shared_ptr<const Problem>(make_problem("himmelblau"));
  snap.view = snap.problem->default_view();
  gui.frame(landscape());
  EXPECT_EQ(ui.view_problem, "himmelblau");
  EXPECT_NEAR(0.5 * (ui.view.x0 + ui.view.x1), 0.5 * (snap.view.x0 + snap.view.x1), 1e-9);
  EXPECT_NEAR(0.5 * (ui.view.y0 + ui.view.y1), 0.5 * (snap.view.y0 + snap.view.y1), 1e-9);

  // Our own SetView showing up in the snapshot is not a change to adopt; the engine's own one is.
  gui.idle(0.3, landscape());
  const auto sent = sink.all<cmd::SetView>();
  ASSERT_FALSE(sent.empty());
  const Box mine = ui.view;
  snap.view = sent.back().box;
  gui.frame(landscape());
  EXPECT_EQ(ui.view.x0, mine.x0);
  EXPECT_EQ(ui.view.y1, mine.y1);
  snap.view = Box{10, 20, 30, 40};
  gui.frame(landscape());
  EXPECT_NEAR(0.5 * (ui.view.x0 + ui.view.x1), 15.0, 1e-9);
  EXPECT_NEAR(0.5 * (ui.view.y0 + ui.view.y1), 35.0, 1e-9);
}

TEST_F(Panels, WheelZoomsAboutTheCursorAndSendsTheViewOnceStill) {
  gui.idle(0.3, landscape());  // layout, and the first resample
  sink.commands.clear();
  const Box before = ui.view;
  const ImVec2 p(ui.landscape_min.x + 0.3f * (ui.landscape_max.x - ui.landscape_min.x),
                 ui.landscape_min.y + 0.6f * (ui.landscape_max.y - ui.landscape_min.y));
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = p;
  gui.frame(landscape());
  const double wx = before.x0 + 0.3 * (before.x1 - before.x0), wy = before.y1 - 0.6 * (before.y1 - before.y0);
  io.MouseWheel = 2.0f;  // two notches towards the screen: zoom in
  gui.frame(landscape());
  io.MouseWheel = 0.0f;
  EXPECT_LT(ui.view.x1 - ui.view.x0, 0.8 * (before.x1 - before.x0));
  EXPECT_LT(ui.view.y1 - ui.view.y0, 0.8 * (before.y1 - before.y0));
  // The point under the cursor stays put.
  const ImVec2 q = world_to_screen(ui, wx, wy);
  EXPECT_NEAR(q.x, p.x, 1.0);
  EXPECT_NEAR(q.y, p.y, 1.0);
  EXPECT_TRUE(sink.all<cmd::SetView>().empty()) << "sent before the view settled";

  gui.idle(0.2, landscape());
  const auto sent = sink.all<cmd::SetView>();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].resolution, kLandscapeResolution);
  EXPECT_DOUBLE_EQ(sent[0].box.x0, ui.view.x0);
  EXPECT_DOUBLE_EQ(sent[0].box.y1, ui.view.y1);

  // Zooming out again grows the view.
  const double width = ui.view.x1 - ui.view.x0;
  io.MouseWheel = -1.0f;
  gui.frame(landscape());
  io.MouseWheel = 0.0f;
  EXPECT_GT(ui.view.x1 - ui.view.x0, 1.1 * width);
}

TEST_F(Panels, DragPansTheView) {
  gui.idle(0.3, landscape());
  sink.commands.clear();
  const Box before = ui.view;
  const float w = ui.landscape_max.x - ui.landscape_min.x;
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 p(ui.landscape_min.x + 0.5f * w, 0.5f * (ui.landscape_min.y + ui.landscape_max.y));
  io.MousePos = p;
  gui.frame(landscape());
  io.MouseDown[0] = true;
  gui.frame(landscape());
  for (int i = 0; i < 10; ++i) {  // 100 px to the right, 40 px down
    p.x += 10;
    p.y += 4;
    io.MousePos = p;
    gui.frame(landscape());
  }
  io.MouseDown[0] = false;
  gui.frame(landscape());
  const double per_px = (before.x1 - before.x0) / w;
  EXPECT_NEAR(ui.view.x0, before.x0 - 100 * per_px, 1e-6);  // the content follows the mouse
  EXPECT_NEAR(ui.view.y0, before.y0 + 40 * per_px, 1e-6);
  EXPECT_NEAR(ui.view.x1 - ui.view.x0, before.x1 - before.x0, 1e-9);
  EXPECT_TRUE(sink.all<cmd::SetStartXY>().empty());
  gui.idle(0.2, landscape());
  EXPECT_EQ(sink.all<cmd::SetView>().size(), 1u);
}

TEST_F(Panels, CtrlClickSetsTheStartAtTheClickedPoint) {
  gui.idle(0.3, landscape());
  sink.commands.clear();
  const ImVec2 p = world_to_screen(ui, 0.5, 1.5);
  gui.click(p, landscape(), /*ctrl=*/true);
  const auto starts = sink.all<cmd::SetStartXY>();
  ASSERT_EQ(starts.size(), 1u);
  const double px = (ui.view.x1 - ui.view.x0) / (ui.landscape_max.x - ui.landscape_min.x);
  EXPECT_NEAR(starts[0].x0, 0.5, 1.5 * px);
  EXPECT_NEAR(starts[0].x1, 1.5, 1.5 * px);
  EXPECT_TRUE(sink.all<cmd::SetView>().empty()) << "a Ctrl+click is not a pan";

  // Without Ctrl a click sets nothing.
  gui.click(world_to_screen(ui, -1.0, 0.0), landscape());
  EXPECT_EQ(sink.all<cmd::SetStartXY>().size(), 1u);
}

TEST_F(Panels, HoveringTheLandscapeShowsAReadout) {
  gui.frame(landscape());
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = world_to_screen(ui, 0.0, 1.0);
  gui.frame(landscape());
  gui.frame(landscape());
  const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  ASSERT_NE(tip, nullptr);
  EXPECT_TRUE(tip->Active);
  io.MousePos = ImVec2(ui.landscape_max.x + 300.0f, ui.landscape_max.y + 300.0f);  // off the plot
  gui.frame(landscape());
  EXPECT_FALSE(tip->Active);
}

// A problem too large or too costly to evaluate on the UI thread: any evaluation fails the test.
class HugeProblem final : public Problem {
 public:
  explicit HugeProblem(int d = 70000, double cost = 70000) : d_(d), cost_(cost) {}
  int dim() const override { return d_; }
  double evaluation_cost() const override { return cost_; }
  double value(std::span<const double>) const override { throw std::logic_error("UI evaluated f"); }
  void gradient(std::span<const double>, std::span<double>) const override { throw std::logic_error("UI evaluated g"); }
  void hessian(std::span<const double>, std::span<double>) const override { throw std::logic_error("UI evaluated H"); }
  std::vector<double> default_start() const override { return std::vector<double>(d_, 1.0); }
  Box default_view() const override { return {-2, 2, -1, 3}; }

 private:
  int d_;
  double cost_;
};

// Few coordinates but a costly f (a classifier on a data set): the hover reads the grid too.
TEST_F(Panels, HoverOnACostlyProblemReadsTheGrid) {
  snap.problem = std::make_shared<const HugeProblem>(100, 1e9);
  snap.dim = 100;
  gui.frame(landscape());
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = world_to_screen(ui, 0.0, 1.0);
  gui.frame(landscape());
  gui.frame(landscape());  // would throw if the tooltip evaluated the problem
  const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  ASSERT_NE(tip, nullptr);
  EXPECT_TRUE(tip->Active);
}

TEST_F(Panels, HoverOnAVeryLargeProblemReadsTheGridAndCtrlClickMovesOnlyTwoCoordinates) {
  snap.problem = std::make_shared<const HugeProblem>();
  snap.dim = 70000;
  gui.frame(landscape());
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = world_to_screen(ui, 0.0, 1.0);
  gui.frame(landscape());
  gui.frame(landscape());  // would throw if the tooltip evaluated the problem
  const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  ASSERT_NE(tip, nullptr);
  EXPECT_TRUE(tip->Active);
  sink.commands.clear();
  gui.click(world_to_screen(ui, 0.5, 1.5), landscape(), /*ctrl=*/true);
  EXPECT_EQ(sink.all<cmd::SetStartXY>().size(), 1u);
  EXPECT_TRUE(sink.all<cmd::SetStart>().empty());
}

TEST_F(Panels, LandscapeWithoutAGridOrTextureStillDraws) {
  const ImDrawData* d = gui.frame(in_window("Landscape", [this] {
    landscape_panel(snap, ui, sink, ImTextureID{}, ImGui::GetContentRegionAvail());
  }));
  EXPECT_FALSE(find_image(d, kHeatmap).found);
  EXPECT_GT(vertex_count(d), 100);  // axes, paths and markers without the heat map
  snap.grid = nullptr;
  d = gui.frame(landscape());
  EXPECT_FALSE(find_image(d, kHeatmap).found);
  EXPECT_GT(vertex_count(d), 0);
}

TEST_F(Panels, LandscapeWhileAGridIsComputedAndThePlaneOfALargerProblem) {
  // A 5-dimensional problem, no grid finished yet: the plot, paths and a progress note, no colour bar.
  snap.problem_spec = "quadratic:d=5,ratio=3";
  snap.problem = std::shared_ptr<const Problem>(make_problem(snap.problem_spec));
  snap.dim = 5;
  snap.start = std::make_shared<const std::vector<double>>(snap.problem->default_start());
  snap.grid = nullptr;
  snap.grid_computing = true;
  snap.grid_progress = 0.42;
  ui.record_items = true;
  const ImDrawData* d = gui.frame(landscape());
  EXPECT_GT(vertex_count(d), 100);
  // The plane's menu: through the start, or through a run's point.
  gui.click(center_of(ui, "slice_plane"), landscape());
  gui.frame(landscape());  // the popup is laid out in its first frame, shown from the next
  gui.click(center_of(ui, "slice_plane:2"), landscape());
  auto planes = sink.all<cmd::SetSlicePlane>();
  ASSERT_EQ(planes.size(), 1u);
  EXPECT_EQ(planes[0].run_id, 2);
  // The finished grid of that plane arrives: drawn, and hovering reads f on that plane.
  std::vector<double> centre(5, 0.25);
  snap.slice_run = 2;
  snap.grid_centre = std::make_shared<const std::vector<double>>(centre);
  snap.grid_plane_run = 2;
  snap.grid_plane_step = 120;
  snap.grid = std::make_shared<const LandscapeGrid>(compute_grid(*snap.problem, snap.view, 16, 16, centre));
  snap.grid_computing = false;
  gui.frame(landscape());
  ImGui::GetIO().MousePos = world_to_screen(ui, 0.1, 0.2);
  gui.frame(landscape());
  gui.frame(landscape());
  gui.click(center_of(ui, "slice_plane"), landscape());
  gui.frame(landscape());
  gui.click(center_of(ui, "slice_plane:start"), landscape());
  planes = sink.all<cmd::SetSlicePlane>();
  ASSERT_EQ(planes.size(), 2u);
  EXPECT_EQ(planes[1].run_id, -1);
}

TEST_F(Panels, AnIdleLandscapeSettlesWhileTheEngineAnswers) {
  // A stand-in engine: every SetView comes back as the snapshot's view with a grid sampled over it.
  std::size_t answered = 0;
  auto frame_and_answer = [&] {
    gui.frame(landscape());
    for (; answered < sink.commands.size(); ++answered) {
      if (const auto* v = std::get_if<cmd::SetView>(&sink.commands[answered])) {
        snap.view = v->box;
        snap.grid = std::make_shared<const LandscapeGrid>(compute_grid(*snap.problem, v->box, 32, 32, snap.start_point()));
      }
    }
  };
  for (int i = 0; i < 30; ++i) frame_and_answer();
  const std::size_t after_start = sink.all<cmd::SetView>().size();
  EXPECT_GE(after_start, 1u);
  for (int i = 0; i < 90; ++i) frame_and_answer();
  EXPECT_EQ(sink.all<cmd::SetView>().size(), after_start) << "the view keeps changing on its own";
}

TEST_F(Panels, ResizingTheWindowKeepsTheScaleAndCentre) {
  gui.idle(0.2, landscape());
  const Box before = ui.view;
  const double per_px = (before.x1 - before.x0) / (ui.landscape_max.x - ui.landscape_min.x);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1100, 900);
  gui.idle(0.2, landscape());
  EXPECT_NEAR((ui.view.x1 - ui.view.x0) / (ui.landscape_max.x - ui.landscape_min.x), per_px, 1e-3 * per_px);
  EXPECT_NEAR((ui.view.y1 - ui.view.y0) / (ui.landscape_max.y - ui.landscape_min.y), per_px, 1e-3 * per_px);
  io.DisplaySize = ImVec2(1600, 1000);
  gui.idle(0.2, landscape());
  EXPECT_NEAR(ui.view.x0, before.x0, 1e-3 * (before.x1 - before.x0));
  EXPECT_NEAR(ui.view.y1, before.y1, 1e-3 * (before.y1 - before.y0));
}

TEST_F(Panels, ResetViewRestoresTheDefaultFrame) {
  gui.idle(0.3, landscape());
  ui.view = Box{5, 6, 5, 6};
  gui.frame(landscape());
  sink.commands.clear();
  gui.click(center_of(ui, "reset_view"), landscape());
  gui.idle(0.2, landscape());
  const Box d = snap.problem->default_view();
  EXPECT_NEAR(0.5 * (ui.view.x0 + ui.view.x1), 0.5 * (d.x0 + d.x1), 1e-9);
  EXPECT_NEAR(0.5 * (ui.view.y0 + ui.view.y1), 0.5 * (d.y0 + d.y1), 1e-9);
  EXPECT_LE(ui.view.x0, d.x0 + 1e-9);
  EXPECT_LE(ui.view.y0, d.y0 + 1e-9);
  const auto sent = sink.all<cmd::SetView>();
  ASSERT_FALSE(sent.empty());
  EXPECT_DOUBLE_EQ(sent.back().box.x0, ui.view.x0);
}

TEST_F(Panels, PlayButtonTogglesBetweenPlayAndPause) {
  gui.frame(runs());
  gui.click(center_of(ui, "play"), runs());
  ASSERT_EQ(sink.commands.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<cmd::Play>(sink.commands[0]));
  snap.playing = true;
  gui.click(center_of(ui, "play"), runs());
  ASSERT_EQ(sink.commands.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<cmd::Pause>(sink.commands[1]));
}

TEST_F(Panels, StepResetAndRunButtonsSendTheirCommands) {
  gui.frame(runs());
  gui.click(center_of(ui, "step"), runs());
  gui.click(center_of(ui, "step100"), runs());
  gui.click(center_of(ui, "reset"), runs());
  gui.click(center_of(ui, "run_pause:1"), runs());
  gui.click(center_of(ui, "run_pause:2"), runs());
  gui.click(center_of(ui, "run_pause:3"), runs());  // diverged: disabled
  gui.click(center_of(ui, "run_remove:3"), runs());
  const auto steps = sink.all<cmd::StepN>();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].n, 1);
  EXPECT_EQ(steps[1].n, 100);
  EXPECT_EQ(sink.all<cmd::Reset>().size(), 1u);
  const auto pauses = sink.all<cmd::SetRunPaused>();
  ASSERT_EQ(pauses.size(), 2u);
  EXPECT_EQ(pauses[0].id, 1);
  EXPECT_TRUE(pauses[0].paused);
  EXPECT_EQ(pauses[1].id, 2);
  EXPECT_FALSE(pauses[1].paused);
  const auto removed = sink.all<cmd::RemoveRun>();
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].id, 3);
}

TEST_F(Panels, LogSliderActsImmediatelyInLogSpace) {
  gui.frame(runs());
  const auto it = ui.item_rects.find("run_param:1:lr");
  ASSERT_NE(it, ui.item_rects.end());
  const ImVec2 a = it->second.first, b = it->second.second;
  // Middle of the slider's track: log10 halfway between 1e-8 and 10, i.e. about 10^-3.5.
  gui.click(ImVec2(0.5f * (a.x + b.x), 0.5f * (a.y + b.y)), runs());
  const auto set = sink.all<cmd::SetParam>();
  ASSERT_FALSE(set.empty());
  EXPECT_EQ(set.back().id, 1);
  EXPECT_EQ(set.back().name, "lr");
  EXPECT_GT(set.back().value, std::pow(10.0, -3.5) / 3.0);
  EXPECT_LT(set.back().value, std::pow(10.0, -3.5) * 3.0);
  EXPECT_TRUE(sink.all<cmd::Reset>().empty()) << "a parameter change must not reset";
}

TEST_F(Panels, SpeedAndAddRunSendTheirCommands) {
  gui.frame(runs());
  gui.click(center_of(ui, "flat_out"), runs());
  auto speeds = sink.all<cmd::SetSpeed>();
  ASSERT_EQ(speeds.size(), 1u);
  EXPECT_TRUE(speeds[0].flat_out);
  EXPECT_DOUBLE_EQ(speeds[0].steps_per_s, 200.0);
  gui.click(center_of(ui, "flat_out"), runs());
  // Near the right end of the log slider: tens of thousands of steps per second.
  const auto it = ui.item_rects.find("speed");
  ASSERT_NE(it, ui.item_rects.end());
  gui.click(ImVec2(it->second.second.x - 6.0f, 0.5f * (it->second.first.y + it->second.second.y)), runs());
  speeds = sink.all<cmd::SetSpeed>();
  ASSERT_EQ(speeds.size(), 3u);
  EXPECT_FALSE(speeds[2].flat_out);
  EXPECT_GT(speeds[2].steps_per_s, 2e4);

  gui.click(center_of(ui, "add_run"), runs());
  const auto added = sink.all<cmd::AddRun>();
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].optimizer_spec, optimizer_registry().front().name);
}

TEST_F(Panels, ChoosingAnotherProblemInTheComboAppliesIt) {
  gui.frame(problem());
  EXPECT_EQ(problem_registry()[static_cast<std::size_t>(ui.problem_index)].name, "rosenbrock");
  gui.click(center_of(ui, "problem_combo"), problem());
  gui.idle(0.1, problem());  // the popup appears and settles
  ASSERT_TRUE(sink.commands.empty());
  gui.click(center_of(ui, "problem_item:himmelblau"), problem());
  const auto set = sink.all<cmd::SetProblem>();
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0].spec, "himmelblau");
  // The edits follow the choice even before the engine answers (no flicker back to the old one).
  gui.frame(problem());
  EXPECT_EQ(problem_registry()[static_cast<std::size_t>(ui.problem_index)].name, "himmelblau");
}

TEST_F(Panels, ApplySendsTheEditedProblemSpec) {
  gui.frame(problem());
  ui.problem_params["b"] = 10.0;
  gui.frame(problem());
  gui.click(center_of(ui, "problem_apply"), problem());
  const auto set = sink.all<cmd::SetProblem>();
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0].spec, "rosenbrock:b=10");
}

TEST_F(Panels, CurvesKeepTheirArraysInUiStateAndDrawZerosAtTheBottomEdge) {
  snap.runs[1].trace[5].loss = 0.0;
  const ImDrawData* d = gui.frame(in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(0, 0)); }));
  EXPECT_GT(vertex_count(d), 100);
  ASSERT_EQ(ui.curve_step.size(), snap.runs.size());
  for (std::size_t k = 0; k < snap.runs.size(); ++k) {
    // The trace plus the live point after it.
    EXPECT_EQ(ui.curve_step[k].size(), snap.runs[k].trace.size() + 1);
    EXPECT_EQ(ui.curve_step[k].back(), static_cast<double>(snap.runs[k].step));
    EXPECT_EQ(ui.curve_loss[k].back(), snap.runs[k].now.loss);
  }
  EXPECT_EQ(ui.curve_loss[1][5], 0.0) << "the data stay as they are; the plot places the zero";
  // The fixture's diverged sgd run climbs to 1e15: its top is drawn at the top edge.
  EXPECT_EQ(ui.curves_loss_axes.note.rfind("zeros drawn at the bottom edge (" + plot::format_number(ui.curves_loss_axes.y_lo, 2) + ")", 0), 0u)
      << ui.curves_loss_axes.note;
  for (const RunView& r : snap.runs) EXPECT_TRUE(has_vertex_color(d, run_color(r.color))) << r.optimizer;
  const double* first = ui.curve_step[0].data();
  gui.frame(in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(0, 0)); }));
  EXPECT_EQ(ui.curve_step[0].data(), first) << "the scratch arrays are reused";
  EXPECT_TRUE(sink.commands.empty());
}

TEST_F(Panels, TheBottomEdgeNoteIsShortenedWhereThePlotIsNarrow) {
  snap.runs[1].trace.back().loss = 0.0;
  snap.runs[1].trace[snap.runs[1].trace.size() - 2].loss = 1e-300;
  gui.frame(in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(0, 0)); }));
  const std::string wide = ui.curves_loss_axes.note;
  EXPECT_NE(wide.find("drawn at the bottom edge"), std::string::npos) << wide;
  gui.frame(in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(420, 300)); }));
  const std::string narrow = ui.curves_loss_axes.note;
  EXPECT_EQ(narrow.rfind("<" + plot::format_number(ui.curves_loss_axes.y_lo, 2) + " and 0 at bottom", 0), 0u) << narrow;
  EXPECT_LT(ImGui::CalcTextSize(narrow.c_str()).x, 0.6f * ImGui::CalcTextSize(wide.c_str()).x);
}

TEST_F(Panels, CurvesPlotAgainstEvaluationsOrTimeWhenChosen) {
  // Run 1 pays three evaluations a step (as minibatch methods do) and 2 ms a step.
  for (TracePoint& p : snap.runs[0].trace) {
    p.evals = 3 * p.step;
    p.seconds = 0.002 * static_cast<double>(p.step);
  }
  snap.runs[0].evals = 3 * snap.runs[0].step;
  snap.runs[0].seconds = 0.002 * static_cast<double>(snap.runs[0].step);
  for (RunView& r : snap.runs)
    if (r.id != snap.runs[0].id) {
      for (TracePoint& p : r.trace) p.seconds = 0.001 * static_cast<double>(p.step);
      r.seconds = 0.001 * static_cast<double>(r.step);
    }
  auto draw = in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(0, 0)); });
  gui.frame(draw);
  EXPECT_EQ(ui.curves_loss_axes.x_label, "step");
  std::int64_t max_step = 0;
  for (const RunView& r : snap.runs) max_step = std::max(max_step, r.step);
  EXPECT_EQ(ui.curves_loss_axes.x_hi, static_cast<double>(max_step));

  gui.click(center_of(ui, "curves_x:evals"), draw);
  EXPECT_EQ(ui.curves_x, 1);
  gui.frame(draw);
  for (const plot::PlotAxesReport* a : {&ui.curves_loss_axes, &ui.curves_grad_axes}) {
    EXPECT_EQ(a->x_label, "oracle evaluations");
    EXPECT_EQ(a->x_lo, 0.0);
    EXPECT_EQ(a->x_hi, static_cast<double>(snap.runs[0].evals)) << "the costliest run ends furthest right";
  }
  ASSERT_EQ(ui.curve_step[0].size(), snap.runs[0].trace.size() + 1);
  for (std::size_t i = 0; i < snap.runs[0].trace.size(); ++i)
    EXPECT_EQ(ui.curve_step[0][i], static_cast<double>(snap.runs[0].trace[i].evals));

  gui.click(center_of(ui, "curves_x:time"), draw);
  gui.frame(draw);
  EXPECT_EQ(ui.curves_x, 2);
  EXPECT_NE(ui.curves_loss_axes.x_label.find("time"), std::string::npos);
  EXPECT_DOUBLE_EQ(ui.curves_loss_axes.x_hi, snap.runs[0].seconds);
  EXPECT_TRUE(sink.commands.empty()) << "the axis is a view setting, not a command";
}

TEST_F(Panels, ALossOfExactlyZeroDoesNotStretchTheLogAxis) {
  // steepest-linf on linf-steepest: its loss falls through 1e-301 to exactly 0.
  RunView& r = snap.runs[1];
  r.trace[r.trace.size() - 2].loss = 2.3e-301;
  r.trace.back().loss = 0.0;
  r.now.loss = 0.0;
  r.trace.back().grad_l2 = 0.0;
  r.now.grad_l2 = 0.0;
  gui.frame(in_window("Curves", [this] { curves_panel(snap, ui, sink, ImVec2(0, 0)); }));
  const plot::PlotAxesReport& a = ui.curves_loss_axes;
  EXPECT_GT(a.y_hi, 0.0);
  EXPECT_LE(std::log10(a.y_hi / a.y_lo), kLogAxisMaxDecades + 1e-9) << a.y_lo << " .. " << a.y_hi;
  EXPECT_GT(a.y_lo, 1e-20);
  EXPECT_NE(a.note.find("values below " + plot::format_number(a.y_lo, 2) + " and zeros drawn at the bottom edge"),
            std::string::npos)
      << a.note;
  // The converging runs are all on the axis, whatever the zero below and the diverged run above.
  for (const RunView& run : {snap.runs[0], snap.runs[1]})
    for (std::size_t i = 0; i + 2 < run.trace.size(); ++i) {
      EXPECT_GE(run.trace[i].loss, a.y_lo) << run.optimizer << " at " << i;
      EXPECT_LE(run.trace[i].loss, a.y_hi) << run.optimizer << " at " << i;
    }
  EXPECT_NE(ui.curves_grad_axes.note.find("zeros"), std::string::npos) << ui.curves_grad_axes.note;
}

// A layer host that never redraws: records which windows it took over, and how.
struct CapturingHost final : plot::LayerHost {
  std::vector<std::pair<ImVec2, ImVec2>> captured;  // window rectangles
  std::vector<std::uint64_t> contents;
  int drops = 0, plot_layers = 0;
  ImDrawList* layer(ImGuiID, ImVec2, ImVec2, std::uint64_t) override {
    ++plot_layers;
    return nullptr;
  }
  void capture(ImGuiID, ImDrawList* list, ImVec2 min, ImVec2 max, std::uint64_t content) override {
    captured.emplace_back(min, max);
    contents.push_back(content);
    list->CmdBuffer.resize(0);  // as the real host does: the layer's picture replaces the window's
    list->IdxBuffer.resize(0);
    list->VtxBuffer.resize(0);
    list->_VtxCurrentIdx = 0;
    list->_VtxWritePtr = list->VtxBuffer.Data;
    list->_IdxWritePtr = list->IdxBuffer.Data;
  }
  void drop(ImGuiID) override { ++drops; }
  bool underlay_image(ImTextureID, ImVec2, ImVec2, ImVec2, ImVec2) override { return false; }
};

int window_vertices(const ImDrawData* d, const char* name) {
  int n = 0;
  for (int l = 0; l < d->CmdListsCount; ++l)
    if (d->CmdLists[l]->_OwnerName && std::string(d->CmdLists[l]->_OwnerName) == name) n += d->CmdLists[l]->VtxBuffer.Size;
  return n;
}

TEST_F(Panels, TheDashboardHandsIdleWindowsAndPlotsToTheLayerHost) {
  CapturingHost host;
  ui.layers = &host;
  ImGui::GetIO().MousePos = ImVec2(-100, -100);  // the user is elsewhere
  gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });  // windows appear (and take focus)
  host = CapturingHost();
  const ImDrawData* d = gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });
  const DashboardLayout l = dashboard_layout(ImGui::GetIO().DisplaySize, 0);
  ASSERT_EQ(host.captured.size(), 2u) << "the runs and problem windows";
  EXPECT_NEAR(host.captured[0].first.x, l.runs_pos.x, 0.5);
  EXPECT_NEAR(host.captured[0].first.y, l.runs_pos.y, 0.5);
  EXPECT_NEAR(host.captured[0].second.x - host.captured[0].first.x, l.runs_size.x, 0.5);
  EXPECT_EQ(window_vertices(d, "Runs"), 0);
  EXPECT_EQ(window_vertices(d, "Problem"), 0);
  EXPECT_EQ(host.plot_layers, 2) << "the loss and gradient plots";
  EXPECT_GT(window_vertices(d, "Landscape"), 100) << "trajectories and current points stay live";
  EXPECT_EQ(host.drops, 0);

  // The runs' numbers change with every snapshot; the problem panel's picture only with the problem.
  const std::vector<std::uint64_t> before = host.contents;
  gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });
  EXPECT_EQ(host.contents[2], before[0]);
  EXPECT_EQ(host.contents[3], before[1]);
  snap.seq += 1;
  host.captured.clear();
  host.contents.clear();
  gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });
  ASSERT_EQ(host.contents.size(), 2u);
  EXPECT_NE(host.contents[0], before[0]);
  EXPECT_EQ(host.contents[1], before[1]);
  // The focus moves (a click elsewhere, say): the title bars change, so do the pictures.
  const bool problem_had_focus = ImGui::FindWindowByName("Problem") == GImGui->NavWindow;
  host.contents.clear();
  gui.frame([this, problem_had_focus] {
    ImGui::SetWindowFocus(problem_had_focus ? "Runs" : "Problem");
    draw_dashboard(snap, ui, sink, kHeatmap);
  });
  gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });
  ASSERT_EQ(host.contents.size(), 4u);
  EXPECT_NE(host.contents[3], before[1]) << "the problem window's focus changed";

  // The mouse over the runs window: it is drawn live, every frame, and its picture dropped.
  ImGui::GetIO().MousePos = ImVec2(l.runs_pos.x + 0.5f * l.runs_size.x, l.runs_pos.y + 0.5f * l.runs_size.y);
  gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });
  host.captured.clear();
  const int drops = host.drops;
  d = gui.frame([this] { draw_dashboard(snap, ui, sink, kHeatmap); });
  EXPECT_EQ(host.drops, drops + 1);
  EXPECT_EQ(host.captured.size(), 1u) << "only the problem window";
  EXPECT_GT(window_vertices(d, "Runs"), 100);
}

TEST(Dashboard, LayoutFitsTheDisplayAtProjectorAndLaptopSizes) {
  for (const ImVec2 display : {ImVec2(1600, 1000), ImVec2(1024, 700)}) {
    Gui gui(display);
    Snapshot snap = make_fixture();
    UiState ui;
    RecordingSink sink;
    const ImDrawData* d = nullptr;
    for (int i = 0; i < 3; ++i) d = gui.frame([&] { draw_dashboard(snap, ui, sink, kHeatmap); });
    EXPECT_GT(vertex_count(d), 1000);
    const DashboardLayout l = dashboard_layout(display, 30);
    EXPECT_FLOAT_EQ(l.landscape_size.x + l.runs_size.x, display.x);
    EXPECT_FLOAT_EQ(l.runs_size.y + l.problem_size.y + l.status_size.y, display.y);
    EXPECT_FLOAT_EQ(l.landscape_size.y + l.curves_size.y + l.status_size.y, display.y);
    // The landscape plot stays big enough to read.
    const float w = ui.landscape_max.x - ui.landscape_min.x, h = ui.landscape_max.y - ui.landscape_min.y;
    EXPECT_GT(w, 0.35f * display.x) << display.x;
    EXPECT_GT(h, 0.35f * display.y) << display.y;
    EXPECT_LE(ui.landscape_max.x, l.landscape_size.x);
    EXPECT_LE(ui.landscape_max.y, l.landscape_size.y);
    EXPECT_TRUE(find_image(d, kHeatmap).found);
    // Every window is where the layout says.
    for (const char* name : {"Landscape", "Curves", "Runs", "Problem"}) {
      bool seen = false;
      for (int k = 0; k < d->CmdListsCount; ++k) seen |= d->CmdLists[k]->_OwnerName && std::string(d->CmdLists[k]->_OwnerName) == name;
      EXPECT_TRUE(seen) << name;
    }
  }
}

}  // namespace
}  // namespace signlab::ui

namespace signlab::ui {
namespace {

TEST_F(Panels, MatrixRunsShowTheirUpdateSingularValuesAndFailedRunsWhy) {
  const int base = vertex_count(gui.frame(runs()));
  snap.runs[0].singular_values = {1.4, 1.1, 0.9, 0.35};
  const int with_sv = vertex_count(gui.frame(runs()));
  EXPECT_GT(with_sv, base + 4 * 4);  // the four bars (and their label) are drawn
  snap.runs[0].singular_values.clear();
  snap.runs[0].state = RunState::Failed;
  snap.runs[0].error = "muon needs a problem whose parameters form a matrix";
  const ImDrawData* d = gui.frame(runs());
  EXPECT_GT(vertex_count(d), 100);
}

}  // namespace
}  // namespace signlab::ui

namespace signlab::ui {
namespace {

TEST_F(Panels, SpecsBeyondTheSlidersAreEditedAsText) {
  const std::string spec = "quadratic:d=10,ratio=5,theta=0.3,seed=1";
  snap.problem = make_problem(spec);
  snap.problem_spec = spec;
  snap.problem_name = "quadratic";
  snap.dim = 10;
  gui.frame(problem());
  EXPECT_EQ(ui.item_rects.count("problem_param:cond"), 0u);  // no cond/angle sliders for this family
  EXPECT_EQ(ui.item_rects.count("problem_spec_text"), 1u);
  EXPECT_EQ(ui.problem_spec_text, spec);
  gui.click(center_of(ui, "problem_apply"), problem());
  const auto set = sink.all<cmd::SetProblem>();
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0].spec, spec);  // restarts the same problem, not a 2-D quadratic
  // Back on a 2-D quadratic the sliders return.
  snap.problem = make_problem("quadratic:cond=3");
  snap.problem_spec = "quadratic:cond=3";
  snap.dim = 2;
  ui.item_rects.clear();
  gui.frame(problem());
  EXPECT_EQ(ui.item_rects.count("problem_param:cond"), 1u);
}

// The status line prints the engine's measured rate, and "-" (the built-in font has no "—") while the
// engine has not measured one yet, never "0 steps/s".
TEST(StatusBar, PrintsTheMeasuredRateOrADash) {
  Gui gui;
  UiState ui;
  Snapshot s = make_fixture();
  s.playing = true;
  std::string text;
  auto draw = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(1200, 60), ImGuiCond_Always);
    ImGui::Begin("Status", nullptr, ImGuiWindowFlags_NoSavedSettings);
    ui_test::capture_text();
    status_bar(s, ui);
    text = ui_test::captured_text();
    ImGui::End();
  };
  gui.frame(draw);
  EXPECT_NE(text.find("engine 12.3 M steps/s"), std::string::npos) << text;
  s.engine_steps_per_s.reset();
  gui.frame(draw);
  EXPECT_NE(text.find("engine - steps/s"), std::string::npos) << text;
  EXPECT_EQ(text.find("engine 0 steps/s"), std::string::npos) << text;
}

// Above two dimensions the heat map is a slice the runs leave: the plot says so (muon and million
// showed colours no run had); a 2-D landscape is the whole of f and needs no note.
TEST(LandscapeSlice, ThePlotSaysTheRunsLeaveTheSlice) {
  for (const std::string problem : {"quadratic:d=5,ratio=3,theta=0.2,seed=1", "rosenbrock"}) {
    EngineConfig cfg;
    cfg.problem_spec = problem;
    cfg.optimizer_specs = {"signsgd"};
    Engine engine(cfg);
    engine.send(cmd::StepN{10});
    Gui gui(ImVec2(1000, 640));
    UiState ui;
    std::string text;
    for (int i = 0; i < 3; ++i) {
      const auto s = engine.sync();
      gui.frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize, ImGuiCond_Always);
        ImGui::Begin("Landscape", nullptr, ImGuiWindowFlags_NoSavedSettings);
        ui_test::capture_text();
        landscape_panel(*s, ui, engine, kHeatmap, ImGui::GetContentRegionAvail());
        text = ui_test::captured_text();
        ImGui::End();
      });
    }
    const bool sliced = problem != "rosenbrock";
    EXPECT_EQ(text.find("a slice: f through the start; the runs leave it") != std::string::npos, sliced) << text;
  }
}

}  // namespace
}  // namespace signlab::ui

namespace signlab::ui {
namespace {

// A failed autosave is not silent: the status line says so, in the error colour, until a save works.
TEST_F(Panels, TheStatusLineShowsAFailedAutosave) {
  const ImU32 red = ImGui::ColorConvertFloat4ToU32(ImVec4(1.0f, 0.35f, 0.3f, 1.0f));
  snap.last_error.clear();
  auto status = in_window("Status", [this] { status_bar(snap, ui); });
  EXPECT_FALSE(has_vertex_color(gui.frame(status), red));
  ui.session_error = "session not saved (the previous file is kept): cannot write last.json.tmp: No space left on device";
  const int with_error = vertex_count(gui.frame(status));
  EXPECT_TRUE(has_vertex_color(gui.frame(status), red));
  ui.session_error.clear();
  EXPECT_LT(vertex_count(gui.frame(status)), with_error);
}

}  // namespace
}  // namespace signlab::ui

namespace signlab::ui {
namespace {

// At the cap the Runs panel says why no run can be added instead of offering a button the engine refuses.
TEST_F(Panels, AFullRaceSaysSoInsteadOfOfferingAddRun) {
  gui.frame(runs());
  EXPECT_TRUE(ui.item_rects.count("add_run"));
  EXPECT_FALSE(ui.item_rects.count("runs_full"));
  while (snap.runs.size() < static_cast<std::size_t>(kMaxRaceRuns)) snap.runs.push_back(snap.runs.front());
  ui.item_rects.clear();
  gui.frame(runs());
  EXPECT_FALSE(ui.item_rects.count("add_run"));
  EXPECT_TRUE(ui.item_rects.count("runs_full"));
}

// A session being replayed shows how far it has come.
TEST_F(Panels, TheRunsPanelShowsAReplayInProgress) {
  gui.frame(runs());
  EXPECT_FALSE(ui.item_rects.count("replay_progress"));
  snap.replay_total = 1000000;
  snap.replay_left = 250000;
  ui.item_rects.clear();
  gui.frame(runs());
  EXPECT_TRUE(ui.item_rects.count("replay_progress"));
}

// A long set-up in the engine (a finite sum's components) shows how far it has come, digits grouped.
TEST_F(Panels, TheRunsPanelShowsASetUpInProgress) {
  gui.frame(runs());
  EXPECT_FALSE(ui.item_rects.count("setup_progress"));
  snap.setup = {"setting up the finite-sum noise", 2500000, 10000000, "components"};
  ui.item_rects.clear();
  std::string text;
  gui.frame(in_window("Runs", [&] {
    ui_test::capture_text();
    runs_panel(snap, ui, sink);
    text = ui_test::captured_text();
  }));
  EXPECT_TRUE(ui.item_rects.count("setup_progress"));
  EXPECT_NE(text.find("setting up the finite-sum noise: 2,500,000 of 10,000,000 components"), std::string::npos)
      << text;
  // Stop sends Pause (which the engine takes as "stop the set-up"), even while the runs are paused.
  snap.playing = false;
  ASSERT_TRUE(ui.item_rects.count("setup_stop"));
  const auto& r = ui.item_rects.at("setup_stop");
  gui.click(ImVec2(0.5f * (r.first.x + r.second.x), 0.5f * (r.first.y + r.second.y)), runs());
  EXPECT_EQ(sink.all<cmd::Pause>().size(), 1u);
}

// A landscape without a picture says why on the plot (here: no thread for the grid worker).
TEST_F(Panels, TheLandscapeSaysWhyItHasNoPicture) {
  gui.frame(landscape());
  EXPECT_FALSE(ui.item_rects.count("grid_error"));
  snap.grid.reset();
  snap.grid_computing = false;
  snap.grid_error = "no heat map: the system refused a thread for the landscape";
  std::string text;
  gui.frame(in_window("Landscape", [&] {
    ui_test::capture_text();
    landscape_panel(snap, ui, sink, kHeatmap, ImGui::GetContentRegionAvail());
    text = ui_test::captured_text();
  }));
  EXPECT_TRUE(ui.item_rects.count("grid_error"));
  EXPECT_NE(text.find("no heat map: the system refused a thread"), std::string::npos) << text;
}

// A diverged run's loss is "—" with the reason, as in the Geometry window, never "nan".
TEST_F(Panels, TheRunsPanelSaysWhyADivergedRunHasNoLoss) {
  RunView& bad = snap.runs[2];
  ASSERT_EQ(bad.state, RunState::Diverged);
  bad.now.loss = std::numeric_limits<double>::quiet_NaN();
  bad.now.grad_l2 = std::numeric_limits<double>::infinity();
  std::string text;
  gui.frame(in_window("Runs", [&] {
    ui_test::capture_text();
    runs_panel(snap, ui, sink);
    text = ui_test::captured_text();
  }));
  EXPECT_NE(text.find(" (diverged at step 395)"), std::string::npos) << text;
  EXPECT_EQ(text.find("nan"), std::string::npos) << text;
  EXPECT_EQ(text.find("inf"), std::string::npos) << text;
}

}  // namespace
}  // namespace signlab::ui
