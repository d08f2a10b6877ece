// At a projector's 1280×720 and at 1920×1080, with the app's font, nothing the dashboard draws runs
// past a window's right edge: every window's content is as wide as the window (text wraps, numbers
// are compact) or the window scrolls sideways. Vertical overflow is fine where the window scrolls.
#include <imgui.h>
#include <imgui_internal.h>  // the windows' content sizes

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "app/panels/demo_picker.hpp"
#include "app/ui/dashboard.hpp"
#include "core/engine/engine.hpp"
#include "core/io/scenario.hpp"
#include "tests/ui/headless_gui.hpp"

namespace signlab::ui {
namespace {

const ImTextureID kHeatmap = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(2));

// Windows (children included) whose content is wider than the window and that cannot scroll sideways.
std::vector<std::string> cut_windows() {
  std::vector<std::string> cut;
  for (ImGuiWindow* w : GImGui->Windows) {
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip)) continue;
    const float inner = w->InnerRect.GetWidth();
    if (w->ContentSize.x > inner + 1.0f && !w->ScrollbarX)
      cut.push_back(std::string(w->Name) + " (content " + std::to_string(static_cast<int>(w->ContentSize.x)) +
                    " px in " + std::to_string(static_cast<int>(inner)) + ")");
  }
  // Table cells clip to their column: a cell's content wider than what its column shows is cut.
  for (int n = 0; n < GImGui->Tables.GetMapSize(); ++n) {
    const ImGuiTable* t = GImGui->Tables.TryGetMapData(n);
    if (!t || t->LastFrameActive != GImGui->FrameCount) continue;
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (col.IsEnabled && col.ContentMaxXUnfrozen > col.ClipRect.Max.x + 1.0f)
        cut.push_back(std::string(t->OuterWindow->Name) + " table column " + std::to_string(c) + " (content to " +
                      std::to_string(static_cast<int>(col.ContentMaxXUnfrozen)) + ", shown to " +
                      std::to_string(static_cast<int>(col.ClipRect.Max.x)) + ")");
    }
  }
  return cut;
}

struct Case {
  const char* demo;
  int tab;
};

class LayoutFits : public ::testing::TestWithParam<ImVec2> {};

TEST_P(LayoutFits, NoWindowCutsItsContent) {
  const ImVec2 display = GetParam();
  for (const Case c : {Case{"default", 0}, Case{"linf-steepest", 1}, Case{"linf-steepest", 2}, Case{"muon", 1},
                       Case{"heavy-tails", 0}}) {
    const Scenario* demo = nullptr;
    for (const Scenario& d : builtin_scenarios())
      if (d.name == c.demo) demo = &d;
    ASSERT_TRUE(demo);
    Engine engine(EngineConfig{});
    for (Command& cmd : demo_commands(*engine.sync(), *demo)) engine.send(std::move(cmd));
    engine.send(cmd::Pause{});
    engine.send(cmd::StepN{300});
    ui_test::HeadlessGui gui(display, /*ui_font=*/true);
    UiState ui;
    ui.demo_name = demo->name;
    ui.demo_problem = demo->problem;
    ui.bottom_tab = c.tab;
    // The layout is judged on the settled picture: the selected run's geometry report for the step the
    // runs stopped at (it comes from a worker thread, later under a sanitizer), drawn for a few frames
    // (ImGui's fit-to-content tables size their columns from the previous frame's content).
    auto s = engine.sync();
    for (int k = 0; k < 2000; ++k) {
      const bool settled = s->geometry.report && !s->runs.empty() && s->geometry.step == s->runs.front().step;
      if (settled) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      s = engine.sync();
    }
    for (int i = 0; i < 4; ++i) gui.frame([&] { draw_dashboard(*s, ui, engine, kHeatmap); });
    const auto cut = cut_windows();
    std::string list;
    for (const std::string& w : cut) list += "\n  " + w;
    EXPECT_TRUE(cut.empty()) << c.demo << ", tab " << c.tab << " at " << display.x << "x" << display.y << ":" << list;
  }
}

// Whether window `name` drew the "more below" plate in the last frame.
bool more_below_shown(const char* name) {
  const ImGuiWindow* w = ImGui::FindWindowByName(name);
  if (!w) return false;
  for (const ImDrawVert& v : w->DrawList->VtxBuffer)
    if (v.col == kMoreBelowPlate) return true;
  return false;
}

// Content under a window's bottom edge is announced: at 1280×720 the default demo's four runs do not
// fit the Runs window; one run at 1920×1080 does.
TEST(LayoutMoreBelow, TheRunsWindowSaysWhenRunsAreBelowTheFold) {
  for (const bool small : {true, false}) {
    EngineConfig cfg;
    cfg.optimizer_specs = small ? std::vector<std::string>{"signsgd", "signum", "lion", "adam"}
                                : std::vector<std::string>{"signsgd"};
    Engine engine(cfg);
    ui_test::HeadlessGui gui(small ? ImVec2(1280, 720) : ImVec2(1920, 1080), /*ui_font=*/true);
    UiState ui;
    for (int i = 0; i < 3; ++i) {
      const auto s = engine.sync();
      gui.frame([&] { draw_dashboard(*s, ui, engine, kHeatmap); });
    }
    EXPECT_EQ(more_below_shown("Runs"), small) << (small ? "1280x720, 4 runs" : "1920x1080, 1 run");
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, LayoutFits, ::testing::Values(ImVec2(1280, 720), ImVec2(1920, 1080)),
                         [](const ::testing::TestParamInfo<ImVec2>& i) {
                           return std::to_string(static_cast<int>(i.param.x)) + "x" +
                                  std::to_string(static_cast<int>(i.param.y));
                         });

}  // namespace
}  // namespace signlab::ui
