#include "app/ui/dashboard.hpp"

#include <algorithm>
#include <cmath>

#include "app/panels/curves_panel.hpp"
#include "app/panels/geometry_panel.hpp"
#include "app/panels/landscape_panel.hpp"
#include "app/panels/problem_panel.hpp"
#include "app/panels/runs_panel.hpp"
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

}  // namespace

DashboardLayout dashboard_layout(ImVec2 display, float status_height) {
  const float W = std::max(display.x, 320.0f), H = std::max(display.y, 240.0f);
  const float body = std::floor(H - status_height);
  const float left = std::floor(W * 0.64f);
  const float land = std::floor(body * 0.66f);
  const float runs = std::floor(body * 0.70f);
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
      if (open_tab == ui.bottom_tab) {
        ui.bottom_tab_applied = open_tab;
      } else if (!pending && open_tab >= 0) {
        ui.bottom_tab = ui.bottom_tab_applied = open_tab;
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();

  if (begin_fixed("Runs", l.runs_pos, l.runs_size)) runs_panel(s, ui, sink);
  ImGui::End();

  if (begin_fixed("Problem", l.problem_pos, l.problem_size)) problem_panel(s, ui, sink);
  ImGui::End();

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(st.WindowPadding.x, st.WindowPadding.y * 0.6f));
  const bool open = begin_fixed("##status", l.status_pos, l.status_size,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                                    ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  if (open) status_bar(s, ui);
  ImGui::End();
}

}  // namespace signlab::ui
