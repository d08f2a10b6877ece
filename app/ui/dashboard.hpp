#pragma once
// The whole screen: fixed windows laid out from the display size every frame (ImGui 1.86 has no
// docking). Left ~64 %: "Landscape" above "Curves"; right: "Runs" above "Problem"; a status line at the
// bottom.
#include <imgui.h>

#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Window rectangles for a display of the given size (exposed for tests and screenshots).
struct DashboardLayout {
  ImVec2 landscape_pos, landscape_size;
  ImVec2 curves_pos, curves_size;
  ImVec2 runs_pos, runs_size;
  ImVec2 problem_pos, problem_size;
  ImVec2 status_pos, status_size;
};
DashboardLayout dashboard_layout(ImVec2 display, float status_height);

// The plate under "more below (scroll)", the note a window whose content continues under its bottom
// edge shows there (exposed for tests).
inline constexpr ImU32 kMoreBelowPlate = IM_COL32(40, 60, 100, 235);

// Draws every window; call between ImGui::NewFrame() and ImGui::Render(). `heatmap` is the texture of
// snapshot.grid (null when there is none).
void draw_dashboard(const Snapshot& snapshot, UiState& ui, CommandSink& sink, ImTextureID heatmap);

}  // namespace signlab::ui
