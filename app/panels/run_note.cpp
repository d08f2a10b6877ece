#include "app/panels/run_note.hpp"

#include <imgui.h>

#include "app/ui/palette.hpp"

namespace signlab::ui {

void run_note(const RunView& r) {
  if (r.note.empty()) return;
  const ImVec4 warn{1.0f, 0.72f, 0.25f, 1.0f};  // amber: a step that will misbehave, not an error
  ImGui::PushStyleColor(ImGuiCol_Text, r.note_warns ? warn : kDim);
  ImGui::TextWrapped("%s", r.note.c_str());
  ImGui::PopStyleColor();
}

}  // namespace signlab::ui
