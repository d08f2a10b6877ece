#include "app/panels/status_bar.hpp"

#include <cstdio>
#include <optional>

namespace signlab::ui {
namespace {

// 950 → "950", 12 300 → "12.3 k", 12 300 000 → "12.3 M"; "—" until the engine has measured it.
void format_rate(char* buf, std::size_t n, std::optional<double> rate) {
  if (!rate || !(*rate >= 0)) {
    std::snprintf(buf, n, "%s", ImGui::GetFont()->FindGlyphNoFallback(0x2014) ? "\xE2\x80\x94" : "-");
    return;
  }
  const double r = *rate;
  if (r >= 1e9) std::snprintf(buf, n, "%.1f G", r / 1e9);
  else if (r >= 1e6) std::snprintf(buf, n, "%.1f M", r / 1e6);
  else if (r >= 1e3) std::snprintf(buf, n, "%.1f k", r / 1e3);
  else std::snprintf(buf, n, "%.0f", r);
}

}  // namespace

void status_bar(const Snapshot& s, const UiState& ui) {
  char rate[32];
  format_rate(rate, sizeof rate, s.engine_steps_per_s);
  const double fps = ui.ui_fps > 0 ? ui.ui_fps : static_cast<double>(ImGui::GetIO().Framerate);
  const std::size_t n = s.runs.size();
  ImGui::Text("%s  \xC2\xB7  engine %s steps/s  \xC2\xB7  UI %.0f fps  \xC2\xB7  %zu run%s  \xC2\xB7  %s",
              s.playing ? "playing" : "paused", rate, fps, n, n == 1 ? "" : "s",
              s.problem_spec.c_str());
  if (!s.last_error.empty()) {
    ImGui::SameLine(0, 24);
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "%s", s.last_error.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.last_error.c_str());
  }
  if (!ui.session_error.empty()) {
    ImGui::SameLine(0, 24);
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "autosave failed: %s", ui.session_error.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.session_error.c_str());
  }
}

}  // namespace signlab::ui
