#include "app/ui/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>

#include "app/panels/curves_panel.hpp"
#include "app/panels/geometry_panel.hpp"
#include "app/panels/landscape_panel.hpp"
#include "app/panels/problem_panel.hpp"
#include "app/panels/runs_panel.hpp"
#include "app/panels/sweep_panel.hpp"
#include "app/panels/status_bar.hpp"

namespace signlab::ui {
namespace {

constexpr ImGuiWindowFlags kFixed =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoBackground;

bool begin_fixed(const char* title, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  return ImGui::Begin(title, nullptr, kFixed | extra);
}

// Whether the user is interacting with the current window: the mouse is over it, or one of its
// widgets is held or takes typing. Call between Begin() and End().
bool window_live() {
  const ImGuiIO& io = ImGui::GetIO();
  return ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) ||
         (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
          (ImGui::IsAnyItemActive() || io.WantTextInput || io.NavVisible));
}

// Ends a window whose picture may come from a cached layer (redrawn when `content` changes, at the
// layer host's rate): while the user interacts with it, it is drawn live, every frame.
void end_cached(UiState& ui, const char* layer_name, std::uint64_t content) {
  if (!ui.layers) {
    ImGui::End();
    return;
  }
  const ImGuiID id = ImGui::GetID(layer_name);
  const bool live = window_live();
  // The title bar shows whether the window has the focus, which a click elsewhere changes.
  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) content ^= 0x9E3779B97F4A7C15ull;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  ImGui::End();
  if (live) ui.layers->drop(id);
  else ui.layers->capture(id, list, pos, ImVec2(pos.x + size.x, pos.y + size.y), content);
}

// A scrolling window whose content goes on below its bottom edge says so there: at 1280×720 the
// Runs window holds about two runs and the Problem window stops above the oracle. Call before End().
void more_below_hint() {
  const float y = ImGui::GetScrollY(), max_y = ImGui::GetScrollMaxY();
  if (!(max_y > 0.0f) || y >= max_y - 1.0f) return;
  const bool arrow = ImGui::GetFont()->FindGlyphNoFallback(0x25BC) != nullptr;
  const char* text = arrow ? "\xE2\x96\xBC more below (scroll)" : "more below (scroll)";
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  const float pad = ImGui::GetStyle().FramePadding.x, right = wp.x + ws.x - ImGui::GetStyle().ScrollbarSize - pad;
  const ImVec2 at(std::floor(right - ts.x - pad), std::floor(wp.y + ws.y - ts.y - 2.0f * ImGui::GetStyle().FramePadding.y));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y));
  dl->AddRectFilled(ImVec2(at.x - pad, at.y - 1.0f), ImVec2(right, at.y + ts.y + 1.0f), kMoreBelowPlate, 3.0f);
  dl->AddText(at, IM_COL32(235, 235, 245, 255), text);
  dl->PopClipRect();
}

}  // namespace

DashboardLayout dashboard_layout(ImVec2 display, float status_height) {
  const float W = std::max(display.x, 320.0f), H = std::max(display.y, 240.0f);
  const float body = std::floor(H - status_height);
  const float left = std::floor(W * 0.64f);
  const float land = std::floor(body * 0.66f);
  const float runs = std::floor(body * 0.60f);  // the problem window holds the problem and the oracle
  DashboardLayout l;
  l.landscape_pos = ImVec2(0, 0);
  l.landscape_size = ImVec2(left, land);
  l.curves_pos = ImVec2(0, land);
  l.curves_size = ImVec2(left, body - land);
  l.runs_pos = ImVec2(left, 0);
  l.runs_size = ImVec2(W - left, runs);
  l.problem_pos = ImVec2(left, runs);
  l.problem_size = ImVec2(W - left, body - runs);
  l.status_pos = ImVec2(0, body);
  l.status_size = ImVec2(W, H - body);
  return l;
}

void draw_dashboard(const Snapshot& s, UiState& ui, CommandSink& sink, ImTextureID heatmap) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float status_h = std::ceil(ImGui::GetTextLineHeight() + 2.0f * st.WindowPadding.y * 0.6f);
  const DashboardLayout l = dashboard_layout(ImGui::GetIO().DisplaySize, status_h);

  constexpr ImGuiWindowFlags kPlot = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  if (begin_fixed("Landscape", l.landscape_pos, l.landscape_size, kPlot))
    landscape_panel(s, ui, sink, heatmap, ImGui::GetContentRegionAvail());
  ImGui::End();

  // Bottom left: a tab bar, "Curves" and "Geometry" (the window keeps the name "Curves"; the tabs
  // replace its title bar). UiState::bottom_tab picks the tab from code; a click on a tab updates it.
  if (begin_fixed("Curves", l.curves_pos, l.curves_size, kPlot | ImGuiWindowFlags_NoTitleBar)) {
    if (ImGui::BeginTabBar("##bottom_tabs")) {
      const bool pending = ui.bottom_tab != ui.bottom_tab_applied;
      int open_tab = -1;
      const bool curves_open =
          ImGui::BeginTabItem("Curves", nullptr, pending && ui.bottom_tab == 0 ? ImGuiTabItemFlags_SetSelected : 0);
      ui.note_item("tab_curves");
      if (curves_open) {
        open_tab = 0;
        curves_panel(s, ui, sink, ImGui::GetContentRegionAvail());
        ImGui::EndTabItem();
      }
      const bool geometry_open =
          ImGui::BeginTabItem("Geometry", nullptr, pending && ui.bottom_tab == 1 ? ImGuiTabItemFlags_SetSelected : 0);
      ui.note_item("tab_geometry");
      if (geometry_open) {
        open_tab = 1;
        geometry_panel(s, ui, sink, ImGui::GetContentRegionAvail());
        ImGui::EndTabItem();
      }
      const bool sweep_open =
          ImGui::BeginTabItem("Sweep", nullptr, pending && ui.bottom_tab == 2 ? ImGuiTabItemFlags_SetSelected : 0);
      ui.note_item("tab_sweep");
      if (sweep_open) {
        open_tab = 2;
        sweep_panel(s, ui, sink, ImGui::GetContentRegionAvail());
        ImGui::EndTabItem();
      }
      if (open_tab == ui.bottom_tab) {
        ui.bottom_tab_applied = open_tab;
      } else if (!pending && open_tab >= 0) {
        ui.bottom_tab = ui.bottom_tab_applied = open_tab;
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();

  // The runs' numbers change with every snapshot; the problem panel only with the problem.
  if (begin_fixed("Runs", l.runs_pos, l.runs_size)) {
    runs_panel(s, ui, sink);
    more_below_hint();
  }
  end_cached(ui, "##runs_layer", s.seq);

  if (begin_fixed("Problem", l.problem_pos, l.problem_size)) {
    problem_panel(s, ui, sink);
    more_below_hint();
  }
  end_cached(ui, "##problem_layer",
             std::hash<std::string>{}(s.problem_spec + "|" + s.noise_spec + "|" + ui.demo_name) ^
                 static_cast<std::uint64_t>(s.dim) ^
                 (s.seed * 0x9E3779B97F4A7C15ull));

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(st.WindowPadding.x, st.WindowPadding.y * 0.6f));
  const bool open = begin_fixed("##status", l.status_pos, l.status_size,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                                    ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  if (open) status_bar(s, ui);
  ImGui::End();
}

}  // namespace signlab::ui
