#include "app/panels/curves_panel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "app/plot/line_plot.hpp"
#include "app/plot/ticks.hpp"
#include "app/ui/palette.hpp"
#include "core/io/scenario.hpp"
#include "core/optim/optimizer_registry.hpp"

namespace signlab::ui {
namespace {

std::string run_label(const RunView& r) {
  const OptimizerInfo* info = find_optimizer(r.optimizer);
  std::string label = info ? info->label : r.optimizer;
  const auto colon = r.spec.find(':');
  if (colon != std::string::npos) {
    label += ' ';
    label.append(r.spec, colon + 1, std::string::npos);
  }
  return label;
}

// The x value of a point on the chosen axis (UiState::curves_x).
double x_of(int axis, std::int64_t step, std::int64_t evals, double seconds) {
  if (axis == 1) return static_cast<double>(evals);
  if (axis == 2) return seconds;
  return static_cast<double>(step);
}

// The row choosing the x axis; returns its height.
float axis_row(UiState& ui) {
  const float y0 = ImGui::GetCursorPosY();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(kDim, "against");
  static const char* const kNames[] = {"step", "oracle evaluations", "time"};
  static const char* const kTips[] = {
      "One point per optimizer step, whatever it costs.",
      "Gradients, function values and comparisons the run has asked for: methods that pay several a "
      "step (SSVR, minibatches, majority votes) are compared at equal cost.",
      "Seconds the engine spent in the run's own steps (measured in the engine thread, recording and "
      "pauses left out)."};
  for (int i = 0; i < 3; ++i) {
    ImGui::SameLine();
    if (ImGui::RadioButton(kNames[i], ui.curves_x == i)) ui.curves_x = i;
    std::string name = "curves_x:";
    name += kCurvesAxes[i];
    ui.note_item(name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kTips[i]);
  }
  return ImGui::GetCursorPosY() - y0;
}

}  // namespace

void curves_panel(const Snapshot& s, UiState& ui, CommandSink& /*sink*/, ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  if (ui.curves_x < 0 || ui.curves_x > 2) ui.curves_x = 0;
  size.y -= axis_row(ui);
  const int axis = ui.curves_x;
  const std::size_t n = s.runs.size();
  ui.curve_step.resize(n);
  ui.curve_loss.resize(n);
  ui.curve_grad.resize(n);
  ui.curve_labels.resize(n);

  bool loss_negative = false;
  for (std::size_t k = 0; k < n; ++k) {
    const RunView& r = s.runs[k];
    auto& xs = ui.curve_step[k];
    auto& ls = ui.curve_loss[k];
    auto& gs = ui.curve_grad[k];
    xs.clear();
    ls.clear();
    gs.clear();
    for (const TracePoint& p : r.trace) {
      xs.push_back(x_of(axis, p.step, p.evals, p.seconds));
      ls.push_back(p.loss);
      gs.push_back(p.grad_l2);
    }
    // The trace is decimated and may stop short of the current step: end at the live values.
    if (r.trace.empty() || r.trace.back().step < r.step) {
      xs.push_back(x_of(axis, r.step, r.evals, r.seconds));
      ls.push_back(r.now.loss);
      gs.push_back(r.now.grad_l2);
    }
    for (double v : ls) loss_negative |= v < 0;
    ui.curve_labels[k] = run_label(r);
  }

  // Loss: log scale unless a loss is negative (the saddle is unbounded below): then linear. On log
  // axes exact zeros (a run that converged exactly) and values far below the rest are drawn at the
  // bottom edge, and the plot says so (line_plot, core/scales/log_axis_range.hpp).
  const bool uni = ImGui::GetFont()->FindGlyphNoFallback(0x2016) && ImGui::GetFont()->FindGlyphNoFallback(0x2082);
  const char* gname = uni ? "\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x82" : "|g|2";
  const bool loss_log = !loss_negative;
  const std::string loss_label = loss_log ? "loss (log scale)" : "loss (linear scale: it goes negative)";
  std::string grad_label = gname;
  grad_label += " (log scale)";

  std::vector<plot::PlotSeries> loss_series, grad_series;
  loss_series.reserve(n);
  grad_series.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const ImU32 c = run_color(s.runs[k].color);
    const int m = static_cast<int>(ui.curve_step[k].size());
    const char* label = ui.curve_labels[k].c_str();
    // A run that blew up does not set the top of the axes: the others stay readable.
    const bool blew_up = s.runs[k].state == RunState::Diverged;
    loss_series.push_back({ui.curve_step[k].data(), ui.curve_loss[k].data(), m, c, label, blew_up});
    grad_series.push_back({ui.curve_step[k].data(), ui.curve_grad[k].data(), m, c, label, blew_up});
  }

  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = std::max(40.0f, 0.5f * (size.x - gap));
  const ImVec2 plot_size(w, std::max(40.0f, size.y));
  static const char* const kXLabels[] = {"step", "oracle evaluations", "time in the run's steps (s)"};
  plot::PlotOptions lo;
  lo.x_label = kXLabels[axis];
  lo.y_label = loss_label.c_str();
  lo.log_y = loss_log;
  lo.zeros_at_floor = true;
  lo.report = &ui.curves_loss_axes;
  lo.layers = ui.layers;  // cached pictures, redrawn when a new snapshot arrives (at the host's rate)
  lo.content = s.seq * 4 + static_cast<std::uint64_t>(axis);  // a new axis redraws the cached picture
  plot::line_plot("loss", plot_size, loss_series.data(), static_cast<int>(n), lo);
  ui.note_item("loss_plot");
  ImGui::SameLine(0, gap);
  plot::PlotOptions go;
  go.x_label = kXLabels[axis];
  go.y_label = grad_label.c_str();
  go.log_y = true;
  go.zeros_at_floor = true;
  go.report = &ui.curves_grad_axes;
  go.layers = ui.layers;
  go.content = s.seq * 4 + static_cast<std::uint64_t>(axis);
  plot::line_plot("grad", plot_size, grad_series.data(), static_cast<int>(n), go);
  ui.note_item("grad_plot");
}

}  // namespace signlab::ui
