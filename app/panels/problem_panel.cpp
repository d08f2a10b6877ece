#include "app/panels/problem_panel.hpp"

#include "app/ui/palette.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "app/panels/demo_picker.hpp"
#include "app/panels/noise_controls.hpp"
#include "app/panels/runs_panel.hpp"
#include <imgui_stdlib.h>
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::ui {
namespace {


int registry_index(const std::string& name) {
  const auto& reg = problem_registry();
  for (std::size_t i = 0; i < reg.size(); ++i)
    if (reg[i].name == name) return static_cast<int>(i);
  return -1;
}

// Loads the edits from the engine's current problem whenever that changes (not when we edit: the
// snapshot may lag our own commands by a frame or two).
void sync_from_snapshot(const Snapshot& s, UiState& ui) {
  if (s.problem_spec == ui.problem_seen_spec && ui.problem_index >= 0) return;
  ui.problem_seen_spec = s.problem_spec;
  try {
    const Spec spec = parse_spec(s.problem_spec);
    const int i = registry_index(spec.name);
    if (i < 0) return;
    const ProblemInfo& info = problem_registry()[static_cast<std::size_t>(i)];
    ui.problem_index = i;
    ui.problem_spec_readable = false;
    ui.problem_seen_params = resolve_params(spec, info.params, "problem " + info.name);
    ui.problem_params = ui.problem_seen_params;
    ui.problem_spec_readable = true;
  } catch (const SpecError&) {
    // Keys the sliders do not cover (another family of the same problem): the SPEC field edits it.
  }
}

}  // namespace

void problem_panel(const Snapshot& s, UiState& ui, CommandSink& sink) {
  const auto& reg = problem_registry();
  if (reg.empty()) return;
  demo_picker(s, ui, sink);
  sync_from_snapshot(s, ui);
  if (ui.problem_index < 0 || ui.problem_index >= static_cast<int>(reg.size())) {
    ui.problem_index = 0;
    ui.problem_params = default_values(reg[0].params);
  }
  const ProblemInfo& cur = reg[static_cast<std::size_t>(ui.problem_index)];

  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("problem_").x);
  if (ImGui::BeginCombo("problem", cur.name.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (int i = 0; i < static_cast<int>(reg.size()); ++i) {
      const ProblemInfo& info = reg[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      const bool picked = ImGui::Selectable(info.name.c_str(), i == ui.problem_index,
                                            ImGuiSelectableFlags_AllowItemOverlap);
      ui.note_item("problem_item:" + info.name);
      ImGui::SameLine(ImGui::GetFontSize() * 7.0f);
      ImGui::TextColored(kDim, "%s", info.formula.c_str());
      ImGui::PopID();
      if (picked && i != ui.problem_index) {
        ui.problem_index = i;
        ui.problem_params = default_values(info.params);
        sink.send(cmd::SetProblem{format_spec(info.name, info.params, ui.problem_params)});
      }
    }
    ImGui::EndCombo();
  }
  ui.note_item("problem_combo");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Choosing another problem applies it at once (runs restart)");

  const ProblemInfo& info = reg[static_cast<std::size_t>(ui.problem_index)];
  const bool sliders = ui.problem_spec_readable || info.name != s.problem_name;
  ImGui::PushTextWrapPos(0.0f);
  // 2-D formulas are written without their left side; d-dimensional ones name their variable (f(x), f(W)).
  const char* lhs = info.formula.rfind("f(", 0) == 0 ? "" : "f(x, y) = ";
  if (sliders) ImGui::TextColored(kDim, "%s%s", lhs, info.formula.c_str());
  else ImGui::TextColored(kDim, "Set by its SPEC (below), whose keys the sliders do not cover: edit it there.");
  ImGui::PopTextWrapPos();

  ImGui::PushItemWidth(-ImGui::CalcTextSize("problem_").x);
  for (const ParamSpec& p : sliders ? info.params : std::vector<ParamSpec>{}) {
    auto it = ui.problem_params.find(p.name);
    if (it == ui.problem_params.end()) it = ui.problem_params.emplace(p.name, p.def).first;
    param_slider(p, it->second);
    ui.note_item("problem_param:" + p.name);
  }
  ImGui::PopItemWidth();

  const std::string spec = format_spec(info.name, info.params, ui.problem_params);
  const bool edited = sliders && spec != s.problem_spec &&
                      !(info.name == s.problem_name && ui.problem_params == ui.problem_seen_params);
  if (edited) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.75f, 0.45f, 0.1f, 0.9f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.9f, 0.55f, 0.15f, 1.0f));
  }
  if (ImGui::Button("Apply (resets runs)")) sink.send(cmd::SetProblem{sliders ? spec : s.problem_spec});
  ui.note_item("problem_apply");
  if (edited) ImGui::PopStyleColor(2);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(edited ? "Parameters edited: apply them (every run restarts)" : "Restart on this problem");
  if (info.params.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(kDim, "(no parameters)");
  } else if (sliders) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Defaults")) ui.problem_params = default_values(info.params);
  }

  ImGui::TextColored(kDim, "current: %s   (d = %d)", s.problem_spec.c_str(), s.dim);

  // Any SPEC, typed: the families the sliders do not cover (quadratic:d=50,ratio=20,theta=0.5 or
  // quadratic:hessian=H.csv). A bad SPEC is refused by the engine and shown in the status line.
  if (ui.problem_spec_text_seen != s.problem_spec) {
    ui.problem_spec_text = s.problem_spec;
    ui.problem_spec_text_seen = s.problem_spec;
  }
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("problem_").x);
  if (ImGui::InputText("SPEC", &ui.problem_spec_text, ImGuiInputTextFlags_EnterReturnsTrue))
    sink.send(cmd::SetProblem{ui.problem_spec_text});
  ui.note_item("problem_spec_text");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Any problem SPEC; Enter applies it (runs restart).\n"
                      "e.g. quadratic:d=50,ratio=20,theta=0.5,seed=1   quadratic:hessian=H.csv   matrix-lsq:cond=1000");

  noise_controls(s, ui, sink);
}

}  // namespace signlab::ui
