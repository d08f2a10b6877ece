#include "app/panels/sweep_panel.hpp"

#include "app/ui/palette.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/panels/geometry_panel.hpp"
#include "app/plot/axes.hpp"
#include "app/plot/colorbar.hpp"
#include "core/landscape/colormap.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::ui {
namespace {

const ImVec4 kError{1.0f, 0.45f, 0.4f, 1.0f};
const ImU32 kPending = IM_COL32(60, 60, 70, 255);
const ImU32 kDiverged = IM_COL32(120, 20, 30, 255);

// "lr = 0.01, beta1 = 0.9"
std::string point_label(const SweepView& v, std::int64_t k) {
  std::string out;
  const std::vector<double> vals = sweep_point_values(v.axis_values, k);
  for (std::size_t a = 0; a < vals.size(); ++a) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", vals[a]);  // for reading; the run's SPEC keeps every digit
    out += (a ? ", " : "") + v.params[a] + " = " + buf;
  }
  return out;
}

std::string point_outcome(const SweepView& v, std::int64_t k) {
  const auto i = static_cast<std::size_t>(k);
  if (v.diverged_at[i] >= 0) return "diverged at step " + std::to_string(v.diverged_at[i]);
  if (std::isnan(v.loss[i])) return v.running ? "running…" : "not run";
  char buf[64];
  std::snprintf(buf, sizeof buf, "loss %.4g after %lld steps", v.loss[i], static_cast<long long>(v.steps));
  return buf;
}

// Cell edges of an axis's values: midpoints between neighbours (in log10 on a log axis), half a step
// beyond the ends, so every value sits in the middle of its cell.
std::vector<double> cell_edges(const std::vector<double>& values, bool log) {
  auto f = [log](double x) { return log ? std::log10(x) : x; };
  auto inv = [log](double t) { return log ? std::pow(10.0, t) : t; };
  const std::size_t n = values.size();
  std::vector<double> e(n + 1);
  if (n == 1) {
    const double t = f(values[0]);
    const double half = log ? 0.5 : std::max(0.5 * std::abs(t), 0.5);
    e[0] = inv(t - half);
    e[1] = inv(t + half);
    return e;
  }
  for (std::size_t i = 1; i < n; ++i) e[i] = inv(0.5 * (f(values[i - 1]) + f(values[i])));
  e[0] = inv(f(values[0]) - (f(values[1]) - f(values[0])) * 0.5);
  e[n] = inv(f(values[n - 1]) + (f(values[n - 1]) - f(values[n - 2])) * 0.5);
  if (e[0] > e[n]) std::reverse(e.begin(), e.end());  // a descending axis (lo > hi)
  return e;
}

// ---- the form ---------------------------------------------------------------------------------------

const OptimizerInfo* form_optimizer(const Snapshot& s, UiState& ui) {
  if (ui.sweep_optimizer.empty() || !find_optimizer(ui.sweep_optimizer)) {
    // First time: the selected run's optimizer (else the first run's, else signSGD), its learning rate.
    std::string name = s.runs.empty() ? "signsgd" : s.runs.front().optimizer;
    for (const RunView& r : s.runs)
      if (r.id == ui.selected_run) name = r.optimizer;
    ui.sweep_optimizer = name;
    const OptimizerInfo* info = find_optimizer(name);
    if (!info) return nullptr;
    const ParamSpec* lr = find_param(info->params, "lr");
    ui.sweep_axes[0] = default_sweep_axis(lr ? *lr : info->params.front());
    ui.sweep_axes[1] = SweepAxis{};
  }
  return find_optimizer(ui.sweep_optimizer);
}

// The optimizer SPEC whose values the sweep keeps for the parameters it does not vary: the selected run's
// when it runs this optimizer (so "sweep what I am looking at" works), else the defaults.
std::string base_spec(const Snapshot& s, const UiState& ui) {
  for (const RunView& r : s.runs)
    if (r.id == ui.selected_run && r.optimizer == ui.sweep_optimizer) return r.spec;
  for (const RunView& r : s.runs)
    if (r.optimizer == ui.sweep_optimizer) return r.spec;
  return ui.sweep_optimizer;
}

void axis_form(const OptimizerInfo& info, UiState& ui, int a) {
  SweepAxis& ax = ui.sweep_axes[a];
  ImGui::PushID(a);
  const char* none = "(none)";
  ImGui::SetNextItemWidth(110);
  if (ImGui::BeginCombo(a == 0 ? "##p" : "##p", ax.param.empty() ? none : ax.param.c_str())) {
    if (a == 1 && ImGui::Selectable(none, ax.param.empty())) ax = SweepAxis{};
    for (const ParamSpec& p : info.params) {
      if (p.scale == Scale::Toggle) continue;  // two values: not a sweep
      if (a == 1 && p.name == ui.sweep_axes[0].param) continue;
      if (ImGui::Selectable(p.name.c_str(), p.name == ax.param)) ax = default_sweep_axis(p);
      if (ImGui::IsItemHovered() && !p.help.empty()) ImGui::SetTooltip("%s", p.help.c_str());
    }
    ImGui::EndCombo();
  }
  ui.note_item("sweep_param:" + std::to_string(a));
  if (!ax.param.empty()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(72);
    ImGui::InputDouble("##lo", &ax.lo, 0, 0, "%.3g");
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted("…");
    ImGui::SameLine(0, 2);
    ImGui::SetNextItemWidth(72);
    ImGui::InputDouble("##hi", &ax.hi, 0, 0, "%.3g");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(40);
    ImGui::InputInt("##n", &ax.count, 0, 0);
    ax.count = std::clamp(ax.count, 1, 64);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("values on this axis (1 to 64)");
    ImGui::SameLine();
    bool log = ax.spacing == SweepAxis::Spacing::Log;
    if (ImGui::Checkbox("log", &log)) ax.spacing = log ? SweepAxis::Spacing::Log : SweepAxis::Spacing::Lin;
  }
  ImGui::PopID();
}

void form(const Snapshot& s, UiState& ui, CommandSink& sink, const SweepView* v) {
  const OptimizerInfo* info = form_optimizer(s, ui);
  if (!info) return;
  ImGui::SetNextItemWidth(180);
  if (ImGui::BeginCombo("optimizer##sweep", info->label.c_str())) {
    for (const OptimizerInfo& o : optimizer_registry()) {
      if (ImGui::Selectable(o.label.c_str(), o.name == info->name) && o.name != info->name) {
        ui.sweep_optimizer = o.name;
        const ParamSpec* lr = find_param(o.params, "lr");
        ui.sweep_axes[0] = default_sweep_axis(lr ? *lr : o.params.front());
        ui.sweep_axes[1] = SweepAxis{};
      }
    }
    ImGui::EndCombo();
  }
  ui.note_item("sweep_optimizer");
  info = find_optimizer(ui.sweep_optimizer);
  axis_form(*info, ui, 0);
  axis_form(*info, ui, 1);
  ImGui::SetNextItemWidth(110);
  ImGui::InputInt("steps per point", &ui.sweep_steps, 100, 1000);
  ui.sweep_steps = std::clamp(ui.sweep_steps, 1, 10'000'000);

  const std::string base = base_spec(s, ui);
  if (ImGui::Button("Run sweep")) {
    std::vector<SweepAxis> axes = {ui.sweep_axes[0]};
    if (!ui.sweep_axes[1].param.empty()) axes.push_back(ui.sweep_axes[1]);
    sink.send(cmd::StartSweep{base, axes, ui.sweep_steps});
  }
  ui.note_item("sweep_run");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every grid point is a fresh run of %s from the race's start, with the same noise and "
                      "seed, for %d steps. Runs beside the race, on the other core.",
                      base.c_str(), ui.sweep_steps);
  if (v && v->running) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) sink.send(cmd::CancelSweep{});
    ui.note_item("sweep_cancel");
  }
  if (base.find(':') == std::string::npos)
    ImGui::TextColored(kDim, "other parameters at their defaults");
  else
    ImGui::TextColored(kDim, "other parameters as in %s", base.c_str());

  if (!v) return;
  if (v->total > 0) {
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%lld / %lld points · %.2f s", static_cast<long long>(v->done),
                  static_cast<long long>(v->total), v->seconds);
    ImGui::ProgressBar(static_cast<float>(v->done) / static_cast<float>(v->total), ImVec2(-1, 0), overlay);
  }
  if (!v->error.empty()) ImGui::TextColored(kError, "%s", v->error.c_str());
  if (v->cancelled) ImGui::TextColored(kDim, "cancelled");
  if (v->problem_spec != s.problem_spec) ImGui::TextColored(kDim, "ran on %s", v->problem_spec.c_str());
  if (v->best >= 0) {
    ImGui::TextWrapped("best: %s, %s", point_label(*v, v->best).c_str(), point_outcome(*v, v->best).c_str());
    if (ImGui::Button("Add best as run")) sink.send(cmd::AddRun{sweep_point_spec(*v, v->best)});
    ui.note_item("sweep_add_best");
  }
}

// ---- the result ---------------------------------------------------------------------------------------

// Shows the tooltip of point k and adds it as a run on a click.
void hover_point(const SweepView& v, std::int64_t k, CommandSink& sink) {
  ImGui::SetTooltip("%s\n%s\nclick: add as a run", point_label(v, k).c_str(), point_outcome(v, k).c_str());
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) sink.send(cmd::AddRun{sweep_point_spec(v, k)});
}

void result(const SweepView& v, UiState& ui, CommandSink& sink, ImVec2 size) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##sweep_plot", size);
  ui.note_item("sweep_plot");
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* dl = ImGui::GetWindowDrawList();

  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t k = 0; k < v.loss.size(); ++k)
    if (v.finished_ok(k)) lo = std::min(lo, v.loss[k]), hi = std::max(hi, v.loss[k]);
  const bool any = lo <= hi;

  const std::vector<double>& xv = v.axis_values[0];
  const std::vector<double> xe = cell_edges(xv, v.log_axis[0]);
  const plot::AxisSpec x{xe.front(), xe.back(), v.log_axis[0], v.params[0].c_str()};
  const float bottom = plot::axes_bottom_margin(x);

  if (v.axis_values.size() == 1) {
    // Final loss against the value: log y when every loss is positive.
    const bool log_y = any && lo > 0;
    plot::AxisSpec y{0, 1, log_y, "final loss"};
    if (any) {
      y.lo = log_y ? lo / 2 : lo - 0.05 * (hi - lo + 1e-300);
      y.hi = log_y ? hi * 2 : hi + 0.05 * (hi - lo + 1e-300);
      if (!log_y && y.hi <= y.lo) y.lo -= 1, y.hi += 1;
    }
    const float left = plot::axes_left_margin(y, size.y - bottom);
    const ImVec2 a(p0.x + left, p0.y + 4), b(p0.x + size.x - 8, p0.y + size.y - bottom);
    plot::draw_axes(dl, a, b, x, y, true);
    const plot::AxisMap mx{x.lo, x.hi, x.log, a.x, b.x}, my{y.lo, y.hi, y.log, b.y, a.y};
    ImVec2 prev;
    bool have_prev = false;
    std::int64_t nearest = -1;
    float nearest_d = 12.0f;
    for (std::size_t k = 0; k < xv.size(); ++k) {
      const float sx = mx.to_screen(xv[k]);
      if (hovered && std::abs(mouse.x - sx) < nearest_d) nearest_d = std::abs(mouse.x - sx), nearest = static_cast<std::int64_t>(k);
      if (v.diverged_at[k] >= 0) {  // a red × on the top edge
        const ImVec2 c(sx, a.y + 6);
        dl->AddLine(ImVec2(c.x - 4, c.y - 4), ImVec2(c.x + 4, c.y + 4), IM_COL32(255, 80, 70, 255), 2);
        dl->AddLine(ImVec2(c.x - 4, c.y + 4), ImVec2(c.x + 4, c.y - 4), IM_COL32(255, 80, 70, 255), 2);
        have_prev = false;
        continue;
      }
      if (!v.finished_ok(k)) {
        have_prev = false;
        continue;
      }
      const ImVec2 pt(sx, my.to_screen(v.loss[k]));
      if (have_prev) dl->AddLine(prev, pt, IM_COL32(120, 190, 255, 255), 1.5f);
      const bool best = static_cast<std::int64_t>(k) == v.best;
      dl->AddCircleFilled(pt, best ? 5.0f : 3.0f, best ? IM_COL32(255, 255, 255, 255) : IM_COL32(120, 190, 255, 255));
      prev = pt;
      have_prev = true;
    }
    if (nearest >= 0) {
      const float sx = mx.to_screen(xv[static_cast<std::size_t>(nearest)]);
      dl->AddLine(ImVec2(sx, a.y), ImVec2(sx, b.y), IM_COL32(255, 255, 255, 90));
      hover_point(v, nearest, sink);
    }
    return;
  }

  // Two axes: a grid of cells coloured by the final loss (log scale), the first axis across.
  const std::vector<double>& yv = v.axis_values[1];
  const std::vector<double> ye = cell_edges(yv, v.log_axis[1]);
  const plot::AxisSpec y{ye.front(), ye.back(), v.log_axis[1], v.params[1].c_str()};
  const LossScale scale = any ? make_loss_scale(lo, hi) : make_loss_scale(0, 1);
  const float bar_w = 14.0f, bar_labels = plot::colorbar_labels_width(scale);
  const float text_h = ImGui::GetTextLineHeight();
  const float left = plot::axes_left_margin(y, size.y - bottom);
  const ImVec2 a(p0.x + left, p0.y + text_h + 6),
      b(p0.x + size.x - bar_w - bar_labels - 16, p0.y + size.y - bottom);
  if (b.x - a.x < 40 || b.y - a.y < 30) return;
  const plot::AxisMap mx{x.lo, x.hi, x.log, a.x, b.x}, my{y.lo, y.hi, y.log, b.y, a.y};
  const std::size_t nx = xv.size(), ny = yv.size();
  const bool x_desc = xv.size() > 1 && xv.front() > xv.back();
  const bool y_desc = yv.size() > 1 && yv.front() > yv.back();
  std::int64_t hovered_cell = -1;
  for (std::size_t i = 0; i < nx; ++i) {
    const std::size_t ei = x_desc ? nx - 1 - i : i;  // edges ascend; values may not
    const float x0 = mx.to_screen(xe[ei]), x1 = mx.to_screen(xe[ei + 1]);
    for (std::size_t j = 0; j < ny; ++j) {
      const std::size_t ej = y_desc ? ny - 1 - j : j;
      const float y0 = my.to_screen(ye[ej + 1]), y1 = my.to_screen(ye[ej]);
      const std::size_t k = i * ny + j;
      ImU32 col = kPending;
      if (v.diverged_at[k] >= 0) {
        col = kDiverged;
      } else if (v.finished_ok(k)) {
        const Rgb8 c = colormap_rgb(scale.t(v.loss[k]));
        col = IM_COL32(c.r, c.g, c.b, 255);
      }
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), col);
      if (static_cast<std::int64_t>(k) == v.best)
        dl->AddRect(ImVec2(x0 + 1, y0 + 1), ImVec2(x1 - 1, y1 - 1), IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
      if (hovered && mouse.x >= x0 && mouse.x < x1 && mouse.y >= y0 && mouse.y < y1) {
        hovered_cell = static_cast<std::int64_t>(k);
        dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), IM_COL32(255, 255, 255, 160));
      }
    }
  }
  plot::draw_axes(dl, a, b, x, y, false);
  const ImVec2 bar0(b.x + 10, a.y), bar1(b.x + 10 + bar_w, b.y);
  if (any) plot::colorbar(dl, bar0, bar1, scale, "final loss");
  if (hovered_cell >= 0) hover_point(v, hovered_cell, sink);
}

}  // namespace

SweepAxis default_sweep_axis(const ParamSpec& p) {
  SweepAxis a;
  a.param = p.name;
  const bool whole = p.scale == Scale::Integer || p.scale == Scale::LogInteger;
  if ((p.scale == Scale::Log || p.scale == Scale::LogInteger) && p.def > 0 && p.min >= 0) {
    a.spacing = SweepAxis::Spacing::Log;
    a.lo = std::max(p.def / 100.0, p.min > 0 ? p.min : p.def / 100.0);
    a.hi = std::min(p.def * 10.0, p.max);
    a.count = 16;
  } else {
    a.spacing = SweepAxis::Spacing::Lin;
    a.lo = p.min;
    a.hi = p.max;
    a.count = whole ? static_cast<int>(std::min(16.0, p.max - p.min + 1)) : 9;
  }
  if (whole) a.count = std::max(a.count, 1);
  return a;
}

std::string sweep_point_spec(const SweepView& view, std::int64_t index) {
  std::string spec = view.optimizer_spec;
  const std::vector<double> values = sweep_point_values(view.axis_values, index);
  for (std::size_t a = 0; a < values.size(); ++a) spec = spec_with_value(spec, view.params[a], values[a]);
  return spec;
}

void sweep_panel(const Snapshot& s, UiState& ui, CommandSink& sink, ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  const SweepView* v = s.sweep.get();
  const float form_w = std::min(470.0f, size.x * 0.5f);
  ImGui::BeginChild("##sweep_form", ImVec2(form_w, size.y), false);
  form(s, ui, sink, v);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const ImVec2 plot_size(size.x - form_w - ImGui::GetStyle().ItemSpacing.x, size.y);
  if (v && !v->axis_values.empty() && v->total > 0 && v->axis_values.size() == v->params.size()) {
    result(*v, ui, sink, plot_size);
  } else {
    // Wrapped to the plot's width: at 1280×720 the lines ran past the window's edge.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + plot_size.x);
    ImGui::TextColored(kDim, "Sweep one or two hyperparameters: every grid point races from the same start "
                             "with the same samples, and its final loss is plotted here as it finishes.");
    ImGui::TextColored(kDim, "Click a point to add that configuration to the race.");
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
}

}  // namespace signlab::ui
