#include "app/panels/runs_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "app/panels/run_note.hpp"
#include "app/plot/ticks.hpp"
#include "app/ui/palette.hpp"
#include "core/io/scenario.hpp"
#include "core/kernels/kernels.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab::ui {
namespace {

const ImVec4 kRed{1.0f, 0.35f, 0.3f, 1.0f};

// The text rounded to `digits` significant digits and read back: what the slider shows is what is sent.
double round_to_shown(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return std::strtod(buf, nullptr);
}

// U+2016 etc. are missing from ImGui's default font: fall back to ASCII when the font lacks them.
bool font_has(ImWchar c) { return ImGui::GetFont()->FindGlyphNoFallback(c) != nullptr; }


// Singular values of a matrix method's latest update O as bars, against the line σ = 1 where the
// exact orthogonalisation U·Vᵀ (muon-exact) puts all of them: NS5 only lands them roughly there.
void singular_value_strip(const std::vector<double>& sv, ImU32 color) {
  const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetFontSize() * 2.2f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const double top = std::max(1.6, *std::max_element(sv.begin(), sv.end()) * 1.05);
  const float label_w = ImGui::CalcTextSize("σ 1.6").x + 4.0f;
  const float x0 = p0.x + label_w, x1 = p0.x + w, y0 = p0.y + 2.0f, y1 = p0.y + h - 2.0f;
  dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), IM_COL32(30, 34, 44, 255));
  const int n = static_cast<int>(std::min<std::size_t>(sv.size(), 64));
  const float bw = (x1 - x0) / static_cast<float>(std::max(n, 1));
  auto ypos = [&](double v) { return y1 - static_cast<float>(v / top) * (y1 - y0); };
  for (int i = 0; i < n; ++i)
    dl->AddRectFilled(ImVec2(x0 + i * bw + 1.0f, ypos(sv[static_cast<std::size_t>(i)])),
                      ImVec2(x0 + (i + 1) * bw - 1.0f, y1), color);
  dl->AddLine(ImVec2(x0, ypos(1.0)), ImVec2(x1, ypos(1.0)), IM_COL32(255, 255, 255, 200), 1.0f);
  dl->AddText(ImVec2(p0.x, ypos(1.0) - ImGui::GetFontSize() * 0.5f), ImGui::GetColorU32(kDim), "σ=1");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Singular values of the latest update O (largest first). The exact step U·Vᵀ (muon-exact)\n"
                      "has every one at 1 (white line); NS5's quintic lands them only roughly there.\n"
                      "min %.3g, max %.3g over %d values%s",
                      sv.back(), sv.front(), static_cast<int>(sv.size()), sv.size() > 64 ? " (first 64 drawn)" : "");
}

std::string state_text(const RunView& r) {
  switch (r.state) {
    case RunState::Running: return "running";
    case RunState::Paused: return "paused";
    case RunState::Diverged: return "diverged at step " + plot::format_grouped(r.diverged_at);
    case RunState::Failed: return "cannot run";  // the reason is wrapped below the header
  }
  return "";
}

// A run's loss or gradient norm, or "—" with the reason where it has no finite value (a diverged run's
// point, as the Geometry window does): "— (diverged at step 395)", never "nan" or "inf".
std::string dash() { return font_has(0x2014) ? "\xE2\x80\x94" : "-"; }

std::string metric_text(double v, const RunView& r, int digits) {
  if (std::isfinite(v)) return plot::format_number(v, digits);
  if (r.state == RunState::Diverged && r.diverged_at >= 0)
    return dash() + " (diverged at step " + plot::format_grouped(r.diverged_at) + ")";
  return dash() + " (not finite)";
}

// The parameter part of a run's SPEC ("lr=1e-3,beta1=0.95"), empty at the defaults.
std::string spec_params(const RunView& r) {
  const auto colon = r.spec.find(':');
  return colon == std::string::npos ? std::string() : r.spec.substr(colon + 1);
}

void optimizer_tooltip(const OptimizerInfo& info) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  ImGui::Text("%s (%s)", info.label.c_str(), info.name.c_str());
  ImGui::Separator();
  ImGui::TextUnformatted(info.summary.c_str());
  if (!info.provenance.empty()) ImGui::TextColored(kDim, "provenance: %s", info.provenance.c_str());
  if (!info.guidance.empty()) ImGui::TextWrapped("%s", info.guidance.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void transport_row(const Snapshot& s, UiState& ui, CommandSink& sink) {
  const float w = ImGui::CalcTextSize("Pause").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
  if (ImGui::Button(s.playing ? "Pause" : "Play", ImVec2(w, 0))) {
    if (s.playing) sink.send(cmd::Pause{});
    else sink.send(cmd::Play{});
  }
  ui.note_item("play");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start or stop every run");
  ImGui::SameLine();
  if (ImGui::Button("Step")) sink.send(cmd::StepN{1});
  ui.note_item("step");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One update of every running run, then stop");
  ImGui::SameLine();
  if (ImGui::Button(font_has(0x00D7) ? "Step \xC3\x97" "100" : "Step x100")) sink.send(cmd::StepN{100});
  ui.note_item("step100");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("100 updates of every running run, then stop");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) sink.send(cmd::Reset{});
  ui.note_item("reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every run back to the start, optimizer state cleared");
}

void speed_row(UiState& ui, CommandSink& sink) {
  bool changed = false;
  ImGui::BeginDisabled(ui.flat_out);
  const float box = ImGui::GetFrameHeight() + ImGui::CalcTextSize("flat out").x + 24;
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - box));
  changed |= ImGui::SliderFloat("##speed", &ui.steps_per_s, 1.0f, 100000.0f, "%.0f steps/s per run",
                                ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  ui.note_item("speed");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Updates per second for each run (log scale); Ctrl+click to type a value");
  ImGui::EndDisabled();
  ImGui::SameLine();
  changed |= ImGui::Checkbox("flat out", &ui.flat_out);
  ui.note_item("flat_out");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("As fast as the engine can go");
  if (changed) sink.send(cmd::SetSpeed{std::clamp<double>(ui.steps_per_s, 1.0, 1e5), ui.flat_out});
}

void run_block(const RunView& r, UiState& ui, CommandSink& sink) {
  const OptimizerInfo* info = find_optimizer(r.optimizer);
  const std::string label = info ? info->label : r.optimizer;
  const std::string params = spec_params(r);
  const std::string id = std::to_string(r.id);
  ImGui::PushID(r.id);

  // Header: [arrow] [colour swatch] label  params ............ state
  const float swatch = ImGui::GetFontSize() * 1.4f;
  const float space = std::max(1.0f, ImGui::CalcTextSize(" ").x);
  const std::string pad(static_cast<std::size_t>(std::ceil((swatch + 6) / space)), ' ');
  const std::string header = pad + label + (params.empty() ? "" : "   " + params) + "##run";
  const bool open = ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen |
                                                                ImGuiTreeNodeFlags_AllowItemOverlap);
  ui.note_item("run:" + id);
  const bool header_hovered = ImGui::IsItemHovered();
  const ImVec2 hmin = ImGui::GetItemRectMin(), hmax = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float sx = hmin.x + st.FramePadding.x * 2 + ImGui::GetFontSize();
  const float cy = 0.5f * (hmin.y + hmax.y);
  const float sh = ImGui::GetFontSize() * 0.4f;
  dl->AddRectFilled(ImVec2(sx, cy - sh), ImVec2(sx + swatch, cy + sh), run_color(r.color), 3.0f);
  dl->AddRect(ImVec2(sx, cy - sh), ImVec2(sx + swatch, cy + sh), IM_COL32(0, 0, 0, 200), 3.0f);
  const std::string state = state_text(r);
  const ImVec2 ts = ImGui::CalcTextSize(state.c_str());
  const ImU32 state_col = (r.state == RunState::Diverged || r.state == RunState::Failed) ? ImGui::GetColorU32(kRed)
                          : r.state == RunState::Paused ? ImGui::GetColorU32(kDim)
                                                        : ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddText(ImVec2(hmax.x - st.FramePadding.x - ts.x, cy - ts.y * 0.5f), state_col, state.c_str());
  if (header_hovered && info) optimizer_tooltip(*info);

  if (open) {
    ImGui::Indent(st.IndentSpacing * 0.5f);
    const bool uni = font_has(0x2016) && font_has(0x2082);
    ImGui::Text("step %s", plot::format_grouped(r.step).c_str());
    ImGui::SameLine(ImGui::GetFontSize() * 9.5f);
    ImGui::Text("evals %s", plot::format_grouped(r.evals).c_str());
    if (r.float_path) {
      ImGui::SameLine(ImGui::GetFontSize() * 17.0f);
      ImGui::TextColored(kDim, "float32 kernels");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("This run steps in float32 on the fused SIMD kernels (%s) because d is large;\n"
                          "the 2-D and small problems step in double. Both follow the same rule.",
                          kernels::target_name().c_str());
    }
    const bool loss_finite = std::isfinite(r.now.loss);
    ImGui::Text("loss %s", metric_text(r.now.loss, r, 4).c_str());
    // The norm beside it, or on its own line when the loss's reason takes the room (said once, there).
    if (loss_finite) ImGui::SameLine(ImGui::GetFontSize() * 9.5f);
    const std::string grad = loss_finite || std::isfinite(r.now.grad_l2) ? metric_text(r.now.grad_l2, r, 3) : dash();
    ImGui::Text("%s %s", uni ? "\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x82" : "|g|2", grad.c_str());
    if (r.state == RunState::Diverged)
      ImGui::TextColored(kRed, "blew up: lower lr, then Reset");
    if (r.state == RunState::Failed) {
      ImGui::PushStyleColor(ImGuiCol_Text, kRed);
      ImGui::TextWrapped("%s", r.error.c_str());
      ImGui::PopStyleColor();
    }
    run_note(r);
    if (!r.singular_values.empty()) {
      ImGui::Text("update singular values: %.3g … %.3g", r.singular_values.back(), r.singular_values.front());
      singular_value_strip(r.singular_values, run_color(r.color));
    }

    const bool paused = r.state == RunState::Paused;
    ImGui::BeginDisabled(r.state == RunState::Diverged || r.state == RunState::Failed);
    if (ImGui::Button(paused ? "Resume" : "Pause", ImVec2(ImGui::CalcTextSize("Resume").x + st.FramePadding.x * 2, 0)))
      sink.send(cmd::SetRunPaused{r.id, !paused});
    ui.note_item("run_pause:" + id);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Remove")) sink.send(cmd::RemoveRun{r.id});
    ui.note_item("run_remove:" + id);

    if (info) {
      for (const ParamSpec& p : info->params) {
        const auto it = r.params.find(p.name);
        double v = it != r.params.end() ? it->second : p.def;
        if (param_slider(p, v)) sink.send(cmd::SetParam{r.id, p.name, v});
        ui.note_item("run_param:" + id + ":" + p.name);
      }
    }
    ImGui::Unindent(st.IndentSpacing * 0.5f);
    ImGui::Spacing();
  }
  ImGui::PopID();
}

void add_run_row(const Snapshot& s, UiState& ui, CommandSink& sink) {
  const auto& reg = optimizer_registry();
  if (reg.empty()) return;
  if (s.runs.size() >= static_cast<std::size_t>(kMaxRaceRuns)) {
    // The engine would refuse it: say so here rather than offer a button that does nothing.
    ImGui::TextColored(kDim, "%d runs, the most a race holds: remove one to add another.", kMaxRaceRuns);
    ui.note_item("runs_full");
    return;
  }
  ui.add_optimizer = std::clamp(ui.add_optimizer, 0, static_cast<int>(reg.size()) - 1);
  const float button = ImGui::CalcTextSize("Add run").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x));
  if (ImGui::BeginCombo("##add_optimizer", reg[static_cast<std::size_t>(ui.add_optimizer)].label.c_str())) {
    for (int i = 0; i < static_cast<int>(reg.size()); ++i) {
      const OptimizerInfo& info = reg[static_cast<std::size_t>(i)];
      const std::string item = info.label + "  (" + info.name + ")";
      if (ImGui::Selectable(item.c_str(), i == ui.add_optimizer)) ui.add_optimizer = i;
      ui.note_item("add_item:" + info.name);
      if (ImGui::IsItemHovered()) optimizer_tooltip(info);
    }
    ImGui::EndCombo();
  }
  ui.note_item("add_combo");
  ImGui::SameLine();
  if (ImGui::Button("Add run")) sink.send(cmd::AddRun{reg[static_cast<std::size_t>(ui.add_optimizer)].name});
  ui.note_item("add_run");
}

// ImGui 1.86's SliderBehavior asserts (the app aborts) on integer ranges beyond ±2³⁰ and on double
// ranges beyond ±DBL_MAX/2: such a parameter is typed instead.
bool slider_can_show(const ParamSpec& p) {
  const double limit = p.scale == Scale::Integer ? 1073741823.0 : std::numeric_limits<double>::max() / 2.0;
  return p.min >= -limit && p.max <= limit;
}

// A typed value clamped to the range; whole numbers get ± buttons.
bool type_in(const ParamSpec& p, double& value) {
  const char* name = p.name.c_str();
  if (p.scale == Scale::Linear || p.scale == Scale::Log) {
    double v = value;
    if (!ImGui::InputDouble(name, &v, 0.0, 0.0, "%.6g") || !std::isfinite(v)) return false;
    value = std::clamp(v, p.min, p.max);
    return true;
  }
  long long v = std::llround(std::clamp(value, p.min, p.max));
  const long long one = 1;
  if (!ImGui::InputScalar(name, ImGuiDataType_S64, &v, &one, nullptr, "%lld")) return false;
  value = std::clamp(static_cast<double>(v), std::ceil(p.min), std::floor(p.max));
  return true;
}

bool slide(const ParamSpec& p, double& value) {
  const char* name = p.name.c_str();
  bool changed = false;
  switch (p.scale) {
    case Scale::Toggle: {
      bool on = value != 0.0;
      if (ImGui::Checkbox(name, &on)) {
        value = on ? 1.0 : 0.0;
        changed = true;
      }
      break;
    }
    case Scale::Integer: {
      int v = static_cast<int>(std::lround(value));
      if (ImGui::SliderInt(name, &v, static_cast<int>(std::ceil(p.min)), static_cast<int>(std::floor(p.max)),
                           "%d", ImGuiSliderFlags_AlwaysClamp)) {
        value = v;
        changed = true;
      }
      break;
    }
    case Scale::Log:
    case Scale::LogInteger: {
      // The slider moves log10(value); its text shows the value itself (a format without '%' is shown
      // as is). No Ctrl+click text entry: it would read the typed number as the log10.
      const double lo = std::log10(p.min > 0 ? p.min : 1e-12), hi = std::log10(p.max > 0 ? p.max : 1.0);
      double lv = std::clamp(value > 0 ? std::log10(value) : lo, lo, hi);
      const bool zero_mode = !p.zero_means.empty() && value == 0.0;  // e.g. "estimate"
      const std::string shown = zero_mode ? p.zero_means : plot::format_number(value, 3);
      if (ImGui::SliderScalar(name, ImGuiDataType_Double, &lv, &lo, &hi, shown.c_str(),
                              ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp |
                                  ImGuiSliderFlags_NoInput)) {
        value = std::clamp(round_to_shown(std::pow(10.0, lv), 3), p.min, p.max);
        if (p.scale == Scale::LogInteger) value = std::clamp(std::round(value), std::ceil(p.min), std::floor(p.max));
        if (!p.zero_means.empty() && lv <= lo) value = 0.0;  // the left end is the zero mode
        changed = true;
      }
      break;
    }
    case Scale::Linear: {
      double v = value;
      if (ImGui::SliderScalar(name, ImGuiDataType_Double, &v, &p.min, &p.max, "%.5g",
                              ImGuiSliderFlags_AlwaysClamp)) {
        value = std::clamp(round_to_shown(v, 5), p.min, p.max);
        changed = true;
      }
      break;
    }
  }
  return changed;
}

}  // namespace

bool param_slider(const ParamSpec& p, double& value) {
  const bool changed = p.entry == Entry::Typed || !slider_can_show(p) ? type_in(p, value) : slide(p, value);
  if (ImGui::IsItemHovered() && !p.help.empty()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(p.help.c_str());
    ImGui::TextColored(kDim, "range %s .. %s%s", plot::format_number(p.min, 4).c_str(),
                       plot::format_number(p.max, 5).c_str(), p.scale == Scale::Log || p.scale == Scale::LogInteger ? " (log scale)" : "");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return changed;
}

namespace {

// A costly set-up the engine is busy with (a finite sum's components): how far, and how to stop it.
void setup_progress_row(const SetupProgress& p, UiState& ui, CommandSink& sink) {
  if (!p.active()) return;
  // Stop is Pause (the engine cancels a set-up when a newer Pause, oracle or problem is queued): it is
  // offered here because the transport row shows Play, not Pause, while the runs are paused.
  if (ImGui::Button("Stop")) sink.send(cmd::Pause{});
  ui.note_item("setup_stop");
  ImGui::SameLine();
  const std::string label = p.what + ": " + plot::format_grouped(p.done) + " of " + plot::format_grouped(p.total) +
                            " " + p.unit;
  const float share = p.total > 0 ? static_cast<float>(static_cast<double>(p.done) / static_cast<double>(p.total)) : 0.0f;
  ImGui::ProgressBar(share, ImVec2(-1, 0), label.c_str());
  ui.note_item("setup_progress");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Stop (or Pause, another oracle, another problem) ends it; the runs keep the oracle they had.");
}

}  // namespace

void runs_panel(const Snapshot& s, UiState& ui, CommandSink& sink) {
  transport_row(s, ui, sink);
  speed_row(ui, sink);
  setup_progress_row(s.setup, ui, sink);
  if (s.replay_left > 0 && s.replay_total > 0) {
    // A saved session coming back: its steps are taken in the background while the window is usable.
    const std::int64_t done = s.replay_total - s.replay_left;
    const std::string label = "replaying the saved session: step " + plot::format_grouped(done) + " of " +
                              plot::format_grouped(s.replay_total);
    ImGui::ProgressBar(static_cast<float>(static_cast<double>(done) / static_cast<double>(s.replay_total)),
                       ImVec2(-1, 0), label.c_str());
    ui.note_item("replay_progress");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pause, a step, or any change to the runs stops the replay here.");
  }
  ImGui::Separator();
  if (s.runs.empty()) ImGui::TextColored(kDim, "No runs: add one below.");
  // Sliders get a fixed share of the width so their names stay readable.
  ImGui::PushItemWidth(-ImGui::CalcTextSize("beta2__").x);
  for (const RunView& r : s.runs) run_block(r, ui, sink);
  ImGui::PopItemWidth();
  ImGui::Separator();
  add_run_row(s, ui, sink);
}

}  // namespace signlab::ui
