#include "app/panels/noise_controls.hpp"

#include "app/ui/palette.hpp"

#include <algorithm>
#include <string>

#include "app/panels/runs_panel.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::ui {
namespace {

constexpr const char* kKindLabels[] = {"exact gradients", "Gaussian noise", "Student-t noise (heavy tails)"};

NoiseModel::Kind kind_of(int i) {
  return i == 1 ? NoiseModel::Kind::Gauss : i == 2 ? NoiseModel::Kind::StudentT : NoiseModel::Kind::None;
}

// The SPEC the controls describe.
std::string edited_spec(const UiState& ui) {
  const NoiseModel::Kind kind = kind_of(ui.noise_kind);
  if (kind == NoiseModel::Kind::None) return "none";
  return format_spec(kind == NoiseModel::Kind::Gauss ? "gauss" : "student", noise_params(kind), ui.noise_params);
}

// Loads the controls from the engine's oracle whenever that changes.
void sync_from_snapshot(const Snapshot& s, UiState& ui) {
  const std::string seen = s.noise_spec + "#" + std::to_string(s.seed);
  if (seen == ui.noise_seen) return;
  ui.noise_seen = seen;
  ui.noise_seed = static_cast<int>(std::min<std::uint64_t>(s.seed, 1u << 30));
  const Spec spec = parse_spec(s.noise_spec);
  ui.noise_kind = spec.name == "gauss" ? 1 : spec.name == "student" ? 2 : 0;
  const auto& params = noise_params(NoiseModel::Kind::StudentT);  // every key, so switching kind keeps values
  ui.noise_params = default_values(params);
  if (ui.noise_kind > 0) {
    const ParamValues v = resolve_params(spec, noise_params(kind_of(ui.noise_kind)), "noise");
    for (const auto& [k, x] : v) ui.noise_params[k] = x;
  }
}

}  // namespace

void noise_controls(const Snapshot& s, UiState& ui, CommandSink& sink) {
  sync_from_snapshot(s, ui);
  ImGui::Separator();
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("oracle_").x);
  ImGui::Combo("oracle", &ui.noise_kind, kKindLabels, 3);
  ui.note_item("noise_kind");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("What every run's gradient (and function value, comparison) oracle returns. Noise is\n"
                      "f(x; ξ) = f(x) + <z_ξ, x> (+ ½ Σ c_ξ,i x_i²) with z_ξ Gaussian or Student-t: unbiased,\n"
                      "the same samples for every run (a fair race), drawn from the seed.");
  const NoiseModel::Kind kind = kind_of(ui.noise_kind);
  ImGui::PushItemWidth(-ImGui::CalcTextSize("oracle_").x);
  for (const ParamSpec& p : noise_params(kind)) {
    if (p.name == "components" || p.name == "curvature") continue;  // below, folded
    param_slider(p, ui.noise_params[p.name]);
    ui.note_item("noise_param:" + p.name);
  }
  if (kind != NoiseModel::Kind::None && ImGui::TreeNode("finite sum, curvature")) {
    for (const ParamSpec& p : noise_params(kind)) {
      if (p.name != "components" && p.name != "curvature") continue;
      param_slider(p, ui.noise_params[p.name]);
      ui.note_item("noise_param:" + p.name);
    }
    ImGui::TreePop();
  }
  ImGui::PopItemWidth();

  const std::string spec = edited_spec(ui);
  const bool edited = spec != s.noise_spec || static_cast<std::uint64_t>(ui.noise_seed) != s.seed;
  if (edited) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.75f, 0.45f, 0.1f, 0.9f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.9f, 0.55f, 0.15f, 1.0f));
  }
  if (ImGui::Button("Apply oracle")) sink.send(cmd::SetOracle{spec, static_cast<std::uint64_t>(ui.noise_seed)});
  ui.note_item("noise_apply");
  if (edited) ImGui::PopStyleColor(2);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every run restarts with these samples");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
  ImGui::InputInt("seed", &ui.noise_seed, 0, 0);
  ui.noise_seed = std::max(ui.noise_seed, 0);
  ui.note_item("noise_seed");
  ImGui::SameLine();
  ImGui::TextColored(kDim, "now: %s", s.noise_spec.c_str());
}

}  // namespace signlab::ui
