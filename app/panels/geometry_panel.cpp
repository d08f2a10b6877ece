#include "app/panels/geometry_panel.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/panels/unit_ball_view.hpp"
#include "app/plot/heatmap_matrix.hpp"
#include "app/plot/line_plot.hpp"
#include "app/plot/ticks.hpp"
#include "app/ui/palette.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/quadratic2d.hpp"
#include "core/problems/quadratic_nd.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::ui {
namespace {

const ImVec4 kSignWins{0.45f, 0.95f, 0.45f, 1.0f};
const ImVec4 kGdWins{0.45f, 0.7f, 1.0f, 1.0f};

constexpr int kMaxHeatmapCells = 64;
constexpr double kRotationSendInterval = 0.05;  // s between SetProblem sends while the slider is dragged

bool font_has(ImWchar c) { return ImGui::GetFont()->FindGlyphNoFallback(c) != nullptr; }

// Labels in Unicode when the font has the glyphs (DejaVu Sans in the app), else ASCII (ImGui's
// built-in font in headless tests).
struct Labels {
  bool uni;
  std::string rho, diag_share, lmax, lmin, lmean, lratio, linf, l2, gratio, sqrt_d, phi, theta;
};
Labels labels() {
  const bool uni = font_has(0x03C1) && font_has(0x03BB) && font_has(0x2016) && font_has(0x221E) && font_has(0x2081) &&
                   font_has(0x2082) && font_has(0x221A) && font_has(0x03C6) && font_has(0x00B2) && font_has(0x03B8);
  if (uni)
    return {true,
            "\xCF\x81_diag",
            "\xE2\x80\x96" "diag H\xE2\x80\x96\xC2\xB2/\xE2\x80\x96H\xE2\x80\x96\xC2\xB2",
            "\xCE\xBB_max",
            "\xCE\xBB_min",
            "mean \xCE\xBB",
            "\xCE\xBB_max / mean \xCE\xBB",
            "L\xE2\x88\x9E",
            "L\xE2\x82\x82",
            "\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x81/\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x82",
            "\xE2\x88\x9A" "d",
            "\xCF\x86(g)",
            "\xCE\xB8"};
  return {false, "rho_diag", "|diag H|^2/|H|^2", "lambda_max", "lambda_min", "mean lambda", "lambda_max/mean",
          "Linf", "L2", "|g|1/|g|2", "sqrt(d)", "phi(g)", "theta"};
}

std::string num(double v, int digits = 3) { return plot::format_number(v, digits); }

// A quantity, or "—" with the report's reason when it is undefined: "— (g = 0)", never "nan".
std::string num_or_why(double v, const std::string& why, int digits = 3) {
  if (!std::isnan(v)) return num(v, digits);
  const std::string dash = font_has(0x2014) ? "\xE2\x80\x94" : "-";
  return why.empty() ? dash : dash + " (" + why + ")";
}


std::string run_label(const RunView& r) {
  const OptimizerInfo* info = find_optimizer(r.optimizer);
  std::string label = info ? info->label : r.optimizer;
  const auto colon = r.spec.find(':');
  if (colon != std::string::npos) label.append(" ").append(r.spec, colon + 1, std::string::npos);
  return label;
}

void tooltip(const std::string& text) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// ---- run selector -------------------------------------------------------------------------------

void run_selector(const Snapshot& s, UiState& ui, CommandSink& sink, float width) {
  // The remembered run is gone (removed, or the runs were replaced): follow what the engine shows.
  const auto find = [&](int id) -> const RunView* {
    for (const RunView& r : s.runs)
      if (r.id == id) return &r;
    return nullptr;
  };
  if (ui.geometry_run >= 0 && !find(ui.geometry_run)) ui.geometry_run = s.geometry.run_id;
  if (s.geometry.run_id < 0 && ui.geometry_run < 0 && !s.runs.empty()) {
    ui.geometry_run = s.runs.front().id;
    sink.send(cmd::SelectRun{ui.geometry_run});
  }
  const RunView* shown = find(ui.geometry_run >= 0 ? ui.geometry_run : s.geometry.run_id);
  const std::string preview = shown ? run_label(*shown) : std::string(s.runs.empty() ? "no runs" : "pick a run");
  ImGui::SetNextItemWidth(width);
  if (shown) ImGui::PushStyleColor(ImGuiCol_Text, run_color(shown->color));
  const bool open = ImGui::BeginCombo("##geo_run", preview.c_str());
  if (shown) ImGui::PopStyleColor();
  if (open) {
    for (const RunView& r : s.runs) {
      ImGui::PushID(r.id);
      ImGui::PushStyleColor(ImGuiCol_Text, run_color(r.color));
      if (ImGui::Selectable(run_label(r).c_str(), shown && shown->id == r.id)) {
        ui.geometry_run = r.id;
        sink.send(cmd::SelectRun{r.id});
      }
      ImGui::PopStyleColor();
      ui.note_item("geo_run_item:" + std::to_string(r.id));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ui.note_item("geo_run_combo");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The run whose current point (and path) the Geometry window analyses");
}

// ---- rotation slider ----------------------------------------------------------------------------

double round_rotation(double v, bool degrees) {
  const double q = degrees ? 10.0 : 1000.0;
  return std::round(v * q) / q;
}

// Returns true when it drew a slider.
bool rotation_slider(const Snapshot& s, UiState& ui, CommandSink& sink, float width, const Labels& lb) {
  const auto rc = rotation_control(s.problem_name, s.problem_spec);
  if (!rc) return false;
  const double now = ImGui::GetTime();
  if (s.problem_spec == ui.geometry_rotation_sent) ui.geometry_rotation_sent.clear();
  const bool in_flight = !ui.geometry_rotation_sent.empty() && now - ui.geometry_rotation_sent_at < 1.0;
  if (!in_flight && s.problem_spec != ui.geometry_rotation_spec) {
    ui.geometry_rotation = static_cast<float>(rc->value);
    ui.geometry_rotation_spec = s.problem_spec;
  }
  ImGui::SetNextItemWidth(width);
  const std::string fmt = rc->degrees ? "angle = %.1f deg" : lb.theta + " = %.3f rad";
  const bool changed = ImGui::SliderFloat("##geo_rotation", &ui.geometry_rotation, static_cast<float>(rc->min),
                                          static_cast<float>(rc->max), fmt.c_str(), ImGuiSliderFlags_AlwaysClamp);
  ui.note_item("geo_rotation");
  const bool released = ImGui::IsItemDeactivatedAfterEdit();
  tooltip(rc->degrees ? "Angle of the steep eigenvector from the x axis: 0 keeps H diagonal. Every run is re-run to its step."
                      : "Rotation Q = exp(" + lb.theta + "\xC2\xB7" "A) of the eigenbasis: 0 keeps H diagonal. Every run is re-run to its step.");
  const double v = round_rotation(ui.geometry_rotation, rc->degrees);
  const std::string spec = spec_with_value(s.problem_spec, rc->key, v);
  const bool due = now - ui.geometry_rotation_sent_at >= kRotationSendInterval || ui.geometry_rotation_sent_at < 0;
  if (spec != s.problem_spec && spec != ui.geometry_rotation_sent && ((changed && due) || released)) {
    sink.send(cmd::SetProblem{spec, /*keep_progress=*/true});
    ui.geometry_rotation_sent = spec;
    ui.geometry_rotation_sent_at = now;
    ui.geometry_rotation_spec = spec;
  }
  return true;
}

// ---- Hessian and numbers ------------------------------------------------------------------------

struct NumberRow {
  std::string name, value, tip;
};

// The table's rows, built before drawing so the heat map beside it can leave the table its width.
std::vector<NumberRow> number_rows(const geometry::GeometryReport& r, const Labels& lb) {
  std::vector<NumberRow> rows;
  auto row = [&](const std::string& name, const std::string& value, const std::string& tip) {
    rows.push_back({name, value, tip});
  };
  row(lb.rho, num_or_why(r.rho_diag, r.why.rho_diag),
      "Near 1: the Hessian lives on its diagonal, the geometry where sign descent (steepest \xE2\x84\x93\xE2\x88\x9E) beats "
      "gradient descent.");
  row(lb.diag_share, num_or_why(r.diag_frob_share, r.why.diag_frob_share),
      "Share of the Hessian's squared Frobenius mass on its diagonal: near 1, coordinates barely interact and "
      "per-coordinate (sign) steps lose little.");
  row(lb.lmax, num(r.lambda_max),
      "Largest eigenvalue: the steepest curvature, which caps gradient descent's stable step at 2/\xCE\xBB_max.");
  row(lb.lmin, num(r.lambda_min),
      "Smallest eigenvalue: negative means a saddle direction, near 0 a flat valley that every method crawls along.");
  row(lb.lmean, num(r.lambda_mean) + (r.lambda_mean_stderr > 0 ? " \xC2\xB1 " + num(r.lambda_mean_stderr, 2) : ""),
      "Mean eigenvalue tr(H)/d: the typical curvature, which a sign step pays for across all d coordinates.");
  row(lb.lratio, num_or_why(r.ratio_max_mean, r.why.ratio_max_mean),
      "From 1 to d: large when one steep direction stands among flat ones, the case where sign descent can beat "
      "gradient descent (Balles et al.).");
  std::string linf_value, linf_tip =
                              "\xE2\x84\x93\xE2\x88\x9E-smoothness \xE2\x80\x96H\xE2\x80\x96\xE2\x88\x9E\xE2\x86\x92\xE2\x82\x81: "
                              "the curvature a sign step feels; it sets the safe steepest-\xE2\x84\x93\xE2\x88\x9E step "
                              "\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x81/L\xE2\x88\x9E.";
  if (r.linf.exact) {
    linf_value = num(*r.linf.exact, 4) + " exact";
    linf_tip += "\nExact: " + r.linf.method;
  } else {
    linf_value = "[" + num(r.linf.lower.value) + ", " + num(r.linf.upper.value) + "]";
    linf_tip += "\nLower " + num(r.linf.lower.value, 5) + ": " + r.linf.lower.method +
                (r.linf.lower_certified ? "" : " (an estimate: finite-difference products)") + "\nUpper " +
                num(r.linf.upper.value, 5) + ": " + r.linf.upper.method;
  }
  row(lb.linf, linf_value, linf_tip);
  row(lb.l2, num(r.l2_smooth),
      "\xE2\x84\x93\x32-smoothness (spectral norm): the curvature a gradient step feels; gradient descent's safe step is 1/L\xE2\x82\x82.");
  row(lb.gratio, num_or_why(r.grad.l1_l2_ratio, r.grad.undefined) + " of " + lb.sqrt_d + " " + num(r.grad.sqrt_d),
      "Between 1 (one coordinate carries the gradient) and \xE2\x88\x9A" "d (all equal): near \xE2\x88\x9A" "d the signs carry "
      "almost all of the gradient, so sign steps waste little.");
  row(lb.phi, num_or_why(r.grad.density, r.grad.undefined),
      "Gradient density \xE2\x80\x96g\xE2\x80\x96\xE2\x82\x81\xC2\xB2/(d\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x82\xC2\xB2) in [1/d, 1]: a dense "
      "gradient (near 1) is what makes sign steps efficient.");
  const bool r_bracket = std::abs(r.progress_ratio_upper - r.progress_ratio_lower) >
                         1e-12 * std::max(1.0, std::abs(r.progress_ratio_upper));
  row("R", num_or_why(r.progress_ratio, r.why.progress_ratio) + (r_bracket ? " [" + num(r.progress_ratio_lower) + ", " + num(r.progress_ratio_upper) + "]" : ""),
      "R > 1: at this point one \xE2\x84\x93\xE2\x88\x9E steepest-descent step is guaranteed more decrease than one gradient "
      "step with 1/L\xE2\x82\x82. R = \xCF\x86(g)\xC2\xB7" "d\xC2\xB7L\xE2\x82\x82/L\xE2\x88\x9E; the bracket comes from L\xE2\x88\x9E's.");
  return rows;
}

constexpr float kNumberCellPadding = 4.0f;  // the table's horizontal cell padding (pushed by the caller)

// The width the table needs to show every name and value whole.
float numbers_width(const std::vector<NumberRow>& rows) {
  float name_w = 0, value_w = 0;
  for (const NumberRow& r : rows) {
    name_w = std::max(name_w, ImGui::CalcTextSize(r.name.c_str()).x);
    value_w = std::max(value_w, ImGui::CalcTextSize(r.value.c_str()).x);
  }
  const ImGuiStyle& st = ImGui::GetStyle();
  return name_w + value_w + 4.0f * kNumberCellPadding + st.ScrollbarSize + st.ItemSpacing.x;
}

void numbers_table(const std::vector<NumberRow>& rows) {
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoPadOuterX;
  if (!ImGui::BeginTable("##geo_numbers", 2, flags)) return;
  for (const NumberRow& r : rows) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextColored(kDim, "%s", r.name.c_str());
    tooltip(r.tip);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(r.value.c_str());
    tooltip(r.tip);
  }
  ImGui::EndTable();
}

void hessian_column(const Snapshot& s, UiState& ui, CommandSink& sink, ImVec2 size, const Labels& lb) {
  const GeometryView& gv = s.geometry;
  const geometry::GeometryReport* rep = gv.report.get();
  if (!rep) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);
    if (!gv.error.empty()) ImGui::TextColored(kDim, "No geometry: %s", gv.error.c_str());
    else if (s.runs.empty()) ImGui::TextColored(kDim, "Add a run to see the geometry at its point.");
    else ImGui::TextColored(kDim, "Waiting for the engine's geometry of the selected run.");
    ImGui::PopTextWrapPos();
    return;
  }
  const float fh = ImGui::GetFontSize();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const std::vector<NumberRow> rows = number_rows(*rep, lb);
  // The numbers come first: the heat map takes what they leave (it shrinks, the numbers are not cut).
  const float numbers_w = std::min(numbers_width(rows), size.x);
  const Eigen::MatrixXd& H = rep->hessian;
  const bool have_h = H.rows() > 0 && H.rows() == H.cols();
  const float left_w = std::max(0.0f, size.x - numbers_w - 2.0f * gap);  // what the numbers leave
  // Too narrow for a readable heat map beside the numbers: the numbers alone, until the window is wider.
  const bool beside = left_w >= 5.0f * fh;
  const float top = ImGui::GetCursorScreenPos().y;
  ImGui::BeginGroup();
  if (have_h && beside) {
    const int d = static_cast<int>(H.rows());
    // The colour scale comes with the report (core/scales/diverging_scale): a high quantile of |H_ij|,
    // so one large eigenvalue does not leave the rest white; the entries beyond it saturate.
    const DivergingScale& colors = rep->hessian_colors;
    const double scale = colors.scale;
    const float bar_w = 0.6f * fh, labels_w = plot::diverging_colorbar_labels_width(scale, colors.saturated_share > 0);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(left_w, 4.0f * fh));
    if (d > kMaxHeatmapCells)
      ImGui::TextColored(kDim, "H: top-left %dx%d of d = %d", kMaxHeatmapCells, kMaxHeatmapCells, d);
    else
      ImGui::TextColored(kDim, "H at step %s (d = %d)", plot::format_grouped(gv.step).c_str(), d);
    ImGui::PopTextWrapPos();
    const float avail_h = size.y - (ImGui::GetCursorScreenPos().y - top);
    const float side = std::max(24.0f, std::floor(std::min(avail_h, left_w - bar_w - labels_w - gap)));
    const plot::MatrixHeatmapResult hm =
        plot::matrix_heatmap("##geo_heatmap", H.data(), d, d, d, scale, ImVec2(side, side), kMaxHeatmapCells,
                             ui.geometry_axes[0], ui.geometry_axes[1]);
    ui.note_item("geo_heatmap");
    if (hm.clicked && hm.hovered_row != hm.hovered_col && d > 2) {
      ui.geometry_axes[0] = hm.hovered_col;
      ui.geometry_axes[1] = hm.hovered_row;
      ui.geometry_axes_sent_at = ImGui::GetTime();
      sink.send(cmd::SetGeometryAxes{hm.hovered_col, hm.hovered_row});
    }
    ImGui::SameLine(0, gap);
    const ImVec2 b0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(bar_w + labels_w, side));
    if (ImGui::IsItemHovered()) {
      const char* pm = lb.uni ? "\xC2\xB1" : "+-";
      if (colors.saturated_share > 0)
        ImGui::SetTooltip("Diverging colour map, symmetric about 0: blue negative, white 0, red positive. The ends are "
                          "%s%s, the %.0fth percentile of the non-zero |H_ij|; the %s %% of entries beyond it (up to "
                          "max|H_ij| = %s) have the end colours.",
                          pm, plot::format_number(scale, 3).c_str(), 100.0 * colors.quantile,
                          plot::format_number(100.0 * colors.saturated_share, 2).c_str(),
                          plot::format_number(colors.max_abs, 3).c_str());
      else
        ImGui::SetTooltip("Diverging colour map, symmetric about 0: blue negative, white 0, red positive; the ends "
                          "are %s max|H_ij| = %s%s.", pm, pm, plot::format_number(scale, 3).c_str());
    }
    plot::diverging_colorbar(ImGui::GetWindowDrawList(), ImVec2(b0.x, hm.min.y), ImVec2(b0.x + bar_w, hm.max.y), scale,
                             nullptr, colors.saturated_share > 0);
  } else if (beside) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left_w);
    ImGui::TextColored(kDim, "No dense Hessian at d = %d (%s).", rep->d, rep->hessian_method.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
  if (beside) ImGui::SameLine(0, 2.0f * gap);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(kNumberCellPadding, 0.0f));
  // Sideways scrolling is the fallback when a value is wider than measured (a longer number arriving
  // with a newer report): the numbers are never cut.
  ImGui::BeginChild("##geo_numbers_child", ImVec2(std::max(40.0f, ImGui::GetContentRegionAvail().x), size.y), false,
                    ImGuiWindowFlags_HorizontalScrollbar);
  numbers_table(rows);
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

// ---- time series --------------------------------------------------------------------------------

enum Series { kSteps, kRho, kLinfLo, kLinfHi, kL2, kLocInf, kLoc2, kR, kRatio, kSqrtD, kOne, kSeriesCount };

void series_column(const Snapshot& s, UiState& ui, ImVec2 size, const Labels& lb) {
  const GeometryView& gv = s.geometry;
  auto& a = ui.geometry_scratch;
  a.resize(kSeriesCount);
  for (auto& v : a) v.clear();
  const double sqrt_d = std::sqrt(static_cast<double>(std::max(1, s.dim)));
  bool all_exact = true;
  for (const GeometrySample& g : gv.series) {
    a[kSteps].push_back(static_cast<double>(g.step));
    a[kRho].push_back(g.rho_diag);
    a[kLinfLo].push_back(g.linf_lower);
    a[kLinfHi].push_back(g.linf_upper);
    a[kL2].push_back(g.l2_smooth);
    a[kLocInf].push_back(g.local_linf);
    a[kLoc2].push_back(g.local_l2);
    a[kR].push_back(g.progress_ratio);
    a[kRatio].push_back(g.l1_l2_ratio);
    a[kSqrtD].push_back(sqrt_d);
    a[kOne].push_back(1.0);
    all_exact &= g.linf_lower == g.linf_upper;
  }
  const int n = static_cast<int>(a[kSteps].size());
  const double* x = a[kSteps].data();
  const std::string linf_lo = lb.linf + " lower", linf_hi = lb.linf + " upper", local_inf = "local " + lb.linf,
                    local_2 = "local " + lb.l2, sqrt_name = lb.sqrt_d;
  const plot::PlotSeries rho[] = {{x, a[kRho].data(), n, IM_COL32(120, 200, 255, 255), lb.rho.c_str()}};
  const plot::PlotSeries smooth_exact[] = {
      {x, a[kLinfLo].data(), n, IM_COL32(255, 225, 40, 255), lb.linf.c_str()},
      {x, a[kL2].data(), n, IM_COL32(70, 140, 255, 255), lb.l2.c_str()},
      {x, a[kLocInf].data(), n, IM_COL32(255, 170, 90, 255), local_inf.c_str()},
      {x, a[kLoc2].data(), n, IM_COL32(160, 200, 255, 255), local_2.c_str()},
  };
  const plot::PlotSeries smooth_bracket[] = {
      {x, a[kLinfLo].data(), n, IM_COL32(205, 150, 0, 255), linf_lo.c_str()},
      {x, a[kLinfHi].data(), n, IM_COL32(255, 225, 40, 255), linf_hi.c_str()},
      {x, a[kL2].data(), n, IM_COL32(70, 140, 255, 255), lb.l2.c_str()},
      {x, a[kLocInf].data(), n, IM_COL32(255, 170, 90, 255), local_inf.c_str()},
      {x, a[kLoc2].data(), n, IM_COL32(160, 200, 255, 255), local_2.c_str()},
  };
  const plot::PlotSeries ratio_r[] = {{x, a[kR].data(), n, IM_COL32(140, 255, 80, 255), "R"},
                                      {x, a[kOne].data(), n, IM_COL32(150, 150, 150, 255), "R = 1"}};
  const plot::PlotSeries l1l2[] = {{x, a[kRatio].data(), n, IM_COL32(120, 220, 160, 255), lb.gratio.c_str()},
                                   {x, a[kSqrtD].data(), n, IM_COL32(150, 150, 150, 255), sqrt_name.c_str()}};
  struct Plot {
    const char* tab;
    const char* id;
    const plot::PlotSeries* series;
    int count;
    bool log_y;
    std::string y_label;
  };
  const Plot plots[4] = {
      {lb.uni ? "\xCF\x81" : "rho", "##geo_rho", rho, 1, false, lb.rho},
      {"L", "##geo_smooth", all_exact ? smooth_exact : smooth_bracket, all_exact ? 4 : 5, true, "smoothness (log)"},
      {"R", "##geo_r", ratio_r, 2, true, "R (log): above 1 sign wins"},
      {lb.uni ? "\xE2\x84\x93\xE2\x82\x81/\xE2\x84\x93\xE2\x82\x82" : "l1/l2", "##geo_l1l2", l1l2, 2, false, lb.gratio},
  };
  const char* tips[4] = {
      "Diagonal concentration of H along the run.",
      "The L\xE2\x88\x9E bracket, L\xE2\x82\x82 and the local smoothness measured between consecutive samples "
      "(\xE2\x80\x96\xCE\x94g\xE2\x80\x96\xE2\x82\x81/\xE2\x80\x96\xCE\x94x\xE2\x80\x96\xE2\x88\x9E and "
      "\xE2\x80\x96\xCE\x94g\xE2\x80\x96\xE2\x82\x82/\xE2\x80\x96\xCE\x94x\xE2\x80\x96\xE2\x82\x82).",
      "The one-step progress ratio R along the run, with the line R = 1.",
      "\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x81/\xE2\x80\x96g\xE2\x80\x96\xE2\x82\x82 along the run against its ceiling \xE2\x88\x9A" "d.",
  };
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const bool grid = size.x >= 2 * 240.0f + gap && size.y >= 2 * 150.0f;
  const float top = ImGui::GetCursorScreenPos().y;
  if (grid) {
    const ImVec2 ps(0.5f * (size.x - gap), 0.5f * (size.y - ImGui::GetStyle().ItemSpacing.y));
    for (int k = 0; k < 4; ++k) {
      plot::PlotOptions o;
      o.x_label = "step";
      o.y_label = plots[k].y_label.c_str();
      o.log_y = plots[k].log_y;
      plot::line_plot(plots[k].id, ps, plots[k].series, plots[k].count, o);
      ui.note_item("geo_series:" + std::to_string(k));
      if (k % 2 == 0) ImGui::SameLine(0, gap);
    }
    return;
  }
  ui.geometry_series = std::clamp(ui.geometry_series, 0, 3);
  for (int k = 0; k < 4; ++k) {
    // On one line while they fit, else on the next (a narrow column at 1280×720).
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(plots[k].tab).x;
    if (k > 0) ImGui::SameLine();
    if (k > 0 && ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    ImGui::RadioButton(plots[k].tab, &ui.geometry_series, k);
    ui.note_item("geo_series:" + std::to_string(k));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[k]);
  }
  const Plot& p = plots[ui.geometry_series];
  plot::PlotOptions o;
  o.x_label = "step";
  o.y_label = p.y_label.c_str();
  o.log_y = p.log_y;
  const float h = size.y - (ImGui::GetCursorScreenPos().y - top);
  plot::line_plot(p.id, ImVec2(size.x, std::max(40.0f, h)), p.series, p.count, o);
  ui.note_item("geo_series_plot");
}

}  // namespace

// ---- public helpers -----------------------------------------------------------------------------

GeometryVerdict geometry_verdict(const geometry::GeometryReport& r) {
  GeometryVerdict v;
  const double R = r.progress_ratio;
  if (!std::isfinite(R)) {
    v.winner = 0;
    v.text = "R undefined here" + (r.why.progress_ratio.empty() ? std::string() : ": " + r.why.progress_ratio);
    return v;
  }
  const std::string rs = "R = " + num(R);
  if (R > 1.0) {
    v.winner = 1;
    v.text = rs + " > 1: sign wins here";
  } else if (R < 1.0) {
    v.winner = -1;
    v.text = rs + " < 1: gradient descent wins here";
  } else {
    v.text = rs + ": a tie";
  }
  const double lo = r.progress_ratio_lower, hi = r.progress_ratio_upper;
  if (std::isfinite(lo) && std::isfinite(hi) && lo < 1.0 && hi > 1.0 && hi > lo) {
    v.certain = false;
    v.text += " (not certain: R is in [" + num(lo) + ", " + num(hi) + "])";
  }
  return v;
}

std::optional<RotationControl> rotation_control(const std::string& problem_name, const std::string& problem_spec) {
  if (problem_name != "quadratic") return std::nullopt;
  Spec spec;
  try {
    spec = parse_spec(problem_spec);
  } catch (const SpecError&) {
    return std::nullopt;
  }
  if (spec.name != "quadratic") return std::nullopt;
  auto has = [&](const char* k) {
    return std::any_of(spec.entries.begin(), spec.entries.end(), [&](const auto& e) { return e.first == k; });
  };
  auto value_of = [&](const char* k) -> std::optional<double> {
    for (const auto& [key, val] : spec.entries)
      if (key == k) {
        try {
          return parse_number(val, "quadratic", k);
        } catch (const SpecError&) {
          return std::nullopt;
        }
      }
    return std::nullopt;
  };
  if (has("hessian")) return std::nullopt;
  const bool two_d = has("angle") || has("cond");
  const bool nd = has("theta") || has("ratio") || has("seed") || (has("d") && !two_d);
  if (two_d && has("theta")) return std::nullopt;  // an invalid mix: the engine refuses it anyway
  auto from = [&](const std::vector<ParamSpec>& params, const char* key, bool degrees) -> std::optional<RotationControl> {
    for (const ParamSpec& p : params)
      if (p.name == key) {
        RotationControl rc;
        rc.key = key;
        rc.min = p.min;
        rc.max = p.max;
        rc.degrees = degrees;
        const auto v = value_of(key);
        if (has(key) && !v) return std::nullopt;
        rc.value = std::clamp(v ? *v : p.def, p.min, p.max);
        return rc;
      }
    return std::nullopt;
  };
  if (nd) return from(quadratic_nd_params(), "theta", false);
  return from(quadratic_info().params, "angle", true);
}

std::string spec_with_value(const std::string& text, const std::string& key, double value) {
  Spec spec = parse_spec(text);
  const std::string v = format_number(value);
  bool replaced = false;
  for (auto& [k, val] : spec.entries)
    if (k == key) {
      val = v;
      replaced = true;
    }
  if (!replaced) spec.entries.emplace_back(key, v);
  std::string out = spec.name;
  for (std::size_t i = 0; i < spec.entries.size(); ++i)
    out += (i == 0 ? ":" : ",") + spec.entries[i].first + "=" + spec.entries[i].second;
  return out;
}

// ---- the window ---------------------------------------------------------------------------------

void geometry_panel(const Snapshot& s, UiState& ui, CommandSink& sink, ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  const Labels lb = labels();
  const float fh = ImGui::GetFontSize();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float top = ImGui::GetCursorScreenPos().y;
  const float x0 = ImGui::GetCursorPosX();
  const GeometryView& gv = s.geometry;
  const geometry::GeometryReport* rep = gv.report.get();
  // Every text of the tab wraps at its right edge (or its column's): at 1280×720 the caption and the
  // verdict ran past the window.
  ImGui::PushTextWrapPos(0.0f);

  // Header: run selector, step, verdict; the rotation slider at the right.
  run_selector(s, ui, sink, std::min(16.0f * fh, 0.3f * size.x));
  ImGui::SameLine(0, 2 * gap);
  if (gv.run_id >= 0) {
    ImGui::TextColored(kDim, "step %s", plot::format_grouped(gv.step).c_str());
    ImGui::SameLine(0, 2 * gap);
  }
  if (rep) {
    const GeometryVerdict v = geometry_verdict(*rep);
    const ImVec4 col = v.winner > 0 ? kSignWins : v.winner < 0 ? kGdWins : kDim;
    ImGui::TextColored(col, "%s", v.text.c_str());
    ui.note_item("geo_verdict");
    tooltip("The one-step guarantees: steepest " + std::string(lb.uni ? "\xE2\x84\x93\xE2\x88\x9E" : "l-inf") +
            " descent with step |g|1/Linf decreases f by at least |g|1\xC2\xB2/(2Linf), gradient descent with 1/L2 by "
            "|g|2\xC2\xB2/(2L2); R is their ratio.");
  } else {
    ImGui::TextColored(kDim, "%s", gv.error.empty() ? "no geometry yet" : gv.error.c_str());
  }
  const auto rc = rotation_control(s.problem_name, s.problem_spec);
  if (rc) {
    const float w = std::min(16.0f * fh, 0.3f * size.x);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), x0 + size.x - w));
    rotation_slider(s, ui, sink, w, lb);
    // What the numbers show (tests/core/geometry_report_test.cpp, RotationClaim): R at a fixed point is not monotone.
    ImGui::TextColored(kDim, "Rotating H off the axes: %s falls and %s grows, %s stays; R also depends on %s here "
                             "and need not fall.",
                       lb.rho.c_str(), lb.linf.c_str(), lb.l2.c_str(), lb.phi.c_str());
  }

  // Three columns: Hessian + numbers | series | unit ball.
  const float body_h = std::max(60.0f, size.y - (ImGui::GetCursorScreenPos().y - top));
  const ImGuiTableFlags tflags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp |
                                 ImGuiTableFlags_NoPadOuterX;
  if (!ImGui::BeginTable("##geo_columns", 3, tflags, ImVec2(size.x, body_h))) {
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::TableSetupColumn("hessian", ImGuiTableColumnFlags_WidthStretch, 0.46f);
  ImGui::TableSetupColumn("series", ImGuiTableColumnFlags_WidthStretch, 0.22f);
  ImGui::TableSetupColumn("ball", ImGuiTableColumnFlags_WidthStretch, 0.32f);
  ImGui::TableNextRow(0, body_h);
  const float cell_pad = ImGui::GetStyle().CellPadding.y;
  const float col_h = body_h - 2.0f * cell_pad;
  ImGui::TableSetColumnIndex(0);
  hessian_column(s, ui, sink, ImVec2(ImGui::GetContentRegionAvail().x, col_h), lb);
  ImGui::TableSetColumnIndex(1);
  series_column(s, ui, ImVec2(ImGui::GetContentRegionAvail().x, col_h), lb);
  ImGui::TableSetColumnIndex(2);
  unit_ball_view(s, ui, sink, ImVec2(ImGui::GetContentRegionAvail().x, col_h));
  ImGui::EndTable();
  ImGui::PopTextWrapPos();
}

}  // namespace signlab::ui
