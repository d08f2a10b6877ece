#include "app/panels/demo_picker.hpp"

#include "app/ui/palette.hpp"

#include <algorithm>

namespace signlab::ui {

std::vector<Command> demo_commands(const Snapshot& s, const Scenario& demo) {
  std::vector<Command> out;
  out.emplace_back(cmd::Pause{});
  out.emplace_back(cmd::SetProblem{demo.problem});
  for (const RunView& r : s.runs) out.emplace_back(cmd::RemoveRun{r.id});
  out.emplace_back(cmd::SetOracle{demo.noise, demo.seed});
  for (const std::string& o : demo.optimizers) out.emplace_back(cmd::AddRun{o});
  if (demo.start) out.emplace_back(cmd::SetStart{*demo.start});
  out.emplace_back(cmd::SetSpeed{demo.steps_per_s, false});
  if (demo.playing) out.emplace_back(cmd::Play{});
  return out;
}

void demo_picker(const Snapshot& s, UiState& ui, CommandSink& sink) {
  const auto& demos = builtin_scenarios();
  const Scenario* current = nullptr;
  for (const Scenario& d : demos)
    if (d.name == ui.demo_name) current = &d;
  // The demo is shown while its problem is; another problem (picked, typed, or given by --problem)
  // means the user moved on, and the box says so rather than keep the demo's title and text.
  const bool shown = current && s.problem_spec == ui.demo_problem;
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("problem_").x);
  if (ImGui::BeginCombo("demo", shown ? current->title.c_str() : "custom (pick a teaching demo)",
                        ImGuiComboFlags_HeightLarge)) {
    for (const Scenario& d : demos) {
      if (ImGui::Selectable(d.title.c_str(), current == &d)) {
        for (Command& c : demo_commands(s, d)) sink.send(std::move(c));
        ui.demo_name = d.name;
        ui.demo_problem = d.problem;
        ui.curves_x = std::max(0, curves_axis_index(d.curves_x));  // cost comparisons open on evaluations
      }
      ui.note_item("demo_item:" + d.name);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d.about.c_str());
    }
    ImGui::EndCombo();
  }
  ui.note_item("demo_combo");
  if (shown) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kDim, "%s", current->about.c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace signlab::ui
