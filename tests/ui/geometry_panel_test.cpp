// The Geometry window drawn headless (ImGui with no backend) on hand-built snapshots whose geometry
// comes from geometry::analyze_hessian on known matrices; commands land in a recording sink.
#include <imgui.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <numbers>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "tests/ui/headless_gui.hpp"

#include "app/panels/geometry_panel.hpp"
#include "app/panels/unit_ball_view.hpp"
#include "app/plot/heatmap_matrix.hpp"
#include "app/ui/dashboard.hpp"
#include "app/ui/palette.hpp"
#include "app/ui/ui_state.hpp"
#include "core/geometry/geometry.hpp"
#include "core/problems/problem_registry.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::ui {
namespace {

using ui_test::RecordingSink;

using Headless = ui_test::HeadlessGui;

int vertices(const ImDrawData* d) { return d ? d->TotalVtxCount : 0; }

bool has_color(const ImDrawData* d, ImU32 col) {
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer)
      if (v.col == col) return true;
  return false;
}

using ui_test::point_in;

// Dense symmetric PSD matrix with off-diagonal mass: H = BᵀB + 0.1·I for a fixed B.
Eigen::MatrixXd dense_psd(int d) {
  Eigen::MatrixXd B(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) B(i, j) = std::sin(1.3 * i + 0.7 * j + 0.5) + (i == j ? 0.3 : 0.0);
  return B.transpose() * B + 0.1 * Eigen::MatrixXd::Identity(d, d);
}

Eigen::MatrixXd steep_diagonal(int d) {
  Eigen::MatrixXd H = Eigen::MatrixXd::Identity(d, d);
  H(0, 0) = 10.0;
  return H;
}

RunView run(int id, int color, const std::string& opt, int d) {
  RunView r;
  r.id = id;
  r.color = color;
  r.optimizer = opt;
  r.spec = opt;
  r.step = 40;
  r.x.assign(static_cast<std::size_t>(d), 0.5);
  return r;
}

struct Fixture {
  Eigen::MatrixXd H;
  std::vector<double> g;
  bool exact = true;
};

// A snapshot of the quadratic family at d (2: the 2-D family), with the geometry of (H, g) at the
// selected run 1's point, a short series and every run's last step.
Snapshot make_snapshot(int d, const Eigen::MatrixXd& H, const std::vector<double>& g, bool exact_linf = true,
                       bool selected = true) {
  Snapshot s;
  s.problem_name = "quadratic";
  s.problem_spec = d == 2 ? "quadratic:cond=10,angle=30" : "quadratic:d=" + std::to_string(d) + ",ratio=3,theta=0.2,seed=4";
  s.dim = d;
  s.runs.push_back(run(1, 0, "sgd", d));
  s.runs.push_back(run(2, 1, "signsgd", d));
  s.runs.push_back(run(3, 2, "lion", d));
  GeometryView& gv = s.geometry;
  gv.lr = 0.05;
  gv.axis_i = 0;
  gv.axis_j = 1;
  for (const RunView& r : s.runs) {
    RunStepView st;
    st.run_id = r.id;
    st.color = r.color;
    st.dx.assign(static_cast<std::size_t>(d), 0.0);
    for (int i = 0; i < d; ++i) st.dx[static_cast<std::size_t>(i)] = -0.03 * (r.id) * (i % 2 ? 1.0 : -0.5);
    gv.last_steps.push_back(st);
  }
  if (!selected) return s;
  geometry::GeometryOptions o;
  if (!exact_linf) o.linf.exact_max_dim = 0;  // force the certified bracket
  const auto rep = std::make_shared<const geometry::GeometryReport>(geometry::analyze_hessian(H, g, o));
  gv.run_id = 1;
  gv.step = 40;
  gv.x = s.runs.front().x;
  gv.report = rep;
  for (int k = 0; k < 5; ++k) {
    GeometrySample smp;
    smp.step = 10 * k;
    smp.rho_diag = rep->rho_diag * (1.0 - 0.05 * k);
    smp.linf_lower = rep->linf.lower.value * (1.0 + 0.1 * k);
    smp.linf_upper = rep->linf.upper.value * (1.0 + 0.1 * k);
    smp.l2_smooth = rep->l2_smooth;
    smp.progress_ratio = rep->progress_ratio * (1.0 + 0.2 * k);
    smp.l1_l2_ratio = rep->grad.l1_l2_ratio;
    smp.local_linf = k == 0 ? std::nan("") : rep->linf.lower.value;
    smp.local_l2 = k == 0 ? std::nan("") : rep->l2_smooth;
    gv.series.push_back(smp);
  }
  return s;
}

std::vector<double> ones(int d) { return std::vector<double>(static_cast<std::size_t>(d), 1.0); }

class GeometryPanel : public ::testing::Test {
 protected:
  // The room the dashboard gives the Geometry tab at 1600×1000 (about 1024 × 300).
  Headless gui{ImVec2(1024, 300)};
  UiState ui;
  RecordingSink sink;
  void SetUp() override { ui.record_items = true; }

  std::function<void()> draw(const Snapshot& s) {
    return [this, &s] {
      ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize, ImGuiCond_Always);
      ImGui::Begin("Geometry", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
      geometry_panel(s, ui, sink, ImVec2(0, 0));
      ImGui::End();
    };
  }
};

TEST_F(GeometryPanel, DrawsOnEveryFixture) {
  struct Case {
    const char* name;
    Snapshot snap;
  };
  std::vector<Case> cases;
  cases.push_back({"d=2 diagonal", make_snapshot(2, steep_diagonal(2), {1.0, -2.0})});
  cases.push_back({"d=2 dense", make_snapshot(2, dense_psd(2), {0.3, 1.0})});
  cases.push_back({"d=5 diagonal", make_snapshot(5, steep_diagonal(5), ones(5))});
  cases.push_back({"d=5 dense, exact", make_snapshot(5, dense_psd(5), {1, -1, 0.5, 2, -0.2})});
  cases.push_back({"d=5 dense, bracket", make_snapshot(5, dense_psd(5), {1, -1, 0.5, 2, -0.2}, false)});
  cases.push_back({"d=70 (top-left block)", make_snapshot(70, dense_psd(70), ones(70), false)});
  cases.push_back({"no run selected", make_snapshot(5, {}, {}, true, false)});
  Snapshot empty;
  empty.problem_name = "rosenbrock";
  empty.problem_spec = "rosenbrock";
  empty.dim = 2;
  cases.push_back({"no runs", empty});

  int with_report = 0, without_report = 0;
  for (const Case& c : cases) {
    ImDrawData* d = nullptr;
    for (int i = 0; i < 2; ++i) d = gui.frame(draw(c.snap));
    ASSERT_NE(d, nullptr) << c.name;
    EXPECT_GT(d->CmdListsCount, 0) << c.name;
    EXPECT_GT(vertices(d), 200) << c.name;
    if (c.snap.geometry.report) with_report = std::max(with_report, vertices(d));
    else without_report = std::max(without_report, vertices(d));
  }
  // The heat map, numbers, series and arrows are real geometry: far more than the empty panel.
  EXPECT_GT(with_report, 2 * without_report);
}

TEST_F(GeometryPanel, HeatmapUsesTheDivergingMapSymmetricAboutZero) {
  // Signed H: the largest entry is red at the top of the scale, the most negative one blue.
  Eigen::MatrixXd H(3, 3);
  H << 4, -4, 0, -4, 2, 1, 0, 1, 3;
  const Snapshot s = make_snapshot(3, H, {1, 1, 1});
  const ImDrawData* d = gui.frame(draw(s));
  d = gui.frame(draw(s));
  EXPECT_TRUE(has_color(d, plot::diverging_color(4.0, 4.0)));
  EXPECT_TRUE(has_color(d, plot::diverging_color(-4.0, 4.0)));
  EXPECT_TRUE(has_color(d, plot::diverging_color(0.0, 4.0)));
  // The map itself: white at 0, red above, blue below, symmetric ends.
  const ImU32 white = plot::diverging_color(0.0, 1.0), red = plot::diverging_color(1.0, 1.0),
              blue = plot::diverging_color(-1.0, 1.0);
  auto r = [](ImU32 c) { return static_cast<int>((c >> IM_COL32_R_SHIFT) & 0xFF); };
  auto b = [](ImU32 c) { return static_cast<int>((c >> IM_COL32_B_SHIFT) & 0xFF); };
  EXPECT_GT(r(white), 230);
  EXPECT_GT(b(white), 230);
  EXPECT_GT(r(red), b(red) + 80);
  EXPECT_GT(b(blue), r(blue) + 80);
  EXPECT_EQ(plot::diverging_color(7.0, 1.0), red);  // clamped
  EXPECT_EQ(plot::diverging_color(std::nan(""), 1.0), plot::diverging_color(0.0, 0.0));  // grey
}

TEST_F(GeometryPanel, HeatmapOfOneLargeEigenvalueStillShowsTheRest) {
  // The linf-steepest quadratic: diagonal, λ_max = 20 and the other 49 eigenvalues 0.612. Scaled by
  // max|H| the 49 would be 3 % of the way to red: white on white.
  const int d = 50;
  Eigen::MatrixXd H = Eigen::MatrixXd::Identity(d, d) * 0.612;
  H(0, 0) = 20.0;
  const Snapshot s = make_snapshot(d, H, ones(d));
  const ImDrawData* dd = gui.frame(draw(s));
  dd = gui.frame(draw(s));
  const double scale = s.geometry.report->hessian_colors.scale;
  EXPECT_LT(scale, 1.0);
  EXPECT_TRUE(has_color(dd, plot::diverging_color(0.612, scale)));
  EXPECT_FALSE(has_color(dd, plot::diverging_color(0.612, 20.0))) << "the small eigenvalues are not washed out";
  const ImU32 c = plot::diverging_color(0.612, scale);
  EXPECT_LT(static_cast<int>((c >> IM_COL32_B_SHIFT) & 0xFF), 120) << "clearly red, not near white";
}

TEST_F(GeometryPanel, UnitBallViewFollowsTheStepsLateInARun) {
  // Late in a run: lr = 1e-3, small steps; the view is a round ±E just holding the largest vector.
  Snapshot s = make_snapshot(5, steep_diagonal(5), std::vector<double>(5, 1e-4));
  s.geometry.lr = 1e-3;
  for (RunStepView& st : s.geometry.last_steps)
    for (double& v : st.dx) v = v > 0 ? 8e-4 : -8e-4;
  gui.frame(draw(s));
  gui.frame(draw(s));
  EXPECT_GE(ui.unit_ball_half_width, 1e-3);
  EXPECT_LE(ui.unit_ball_half_width, 5e-3);
  // No lr (steepest-linf, gd-l2) at a zero gradient: the run's own last step sets the scale, not ±1.
  Snapshot z = make_snapshot(5, steep_diagonal(5), std::vector<double>(5, 0.0));
  z.geometry.lr = 0;
  for (RunStepView& st : z.geometry.last_steps)
    for (double& v : st.dx) v = v > 0 ? 2e-5 : -2e-5;
  gui.frame(draw(z));
  gui.frame(draw(z));
  EXPECT_GT(ui.unit_ball_half_width, 2e-5);
  EXPECT_LE(ui.unit_ball_half_width, 1e-4);
  // Nothing moves and nothing has a length: no scale to show, and the view says so (0).
  for (RunStepView& st : z.geometry.last_steps) std::fill(st.dx.begin(), st.dx.end(), 0.0);
  gui.frame(draw(z));
  EXPECT_EQ(ui.unit_ball_half_width, 0.0);
}

TEST_F(GeometryPanel, LargeMatricesShowTheTopLeftBlock) {
  const Eigen::MatrixXd H = dense_psd(70);
  plot::MatrixHeatmapResult res;
  gui.frame([&] {
    ImGui::Begin("m");
    res = plot::matrix_heatmap("##m", H.data(), 70, 70, 70, H.cwiseAbs().maxCoeff(), ImVec2(200, 200));
    ImGui::End();
  });
  EXPECT_EQ(res.shown_rows, 64);
  EXPECT_EQ(res.shown_cols, 64);
  EXPECT_NEAR(res.max.x - res.min.x, res.max.y - res.min.y, 0.5f);  // square cells
  gui.frame([&] {
    ImGui::Begin("m");
    res = plot::matrix_heatmap("##m", H.data(), 5, 5, 70, 1.0, ImVec2(200, 200));
    ImGui::End();
  });
  EXPECT_EQ(res.shown_rows, 5);
}

TEST_F(GeometryPanel, RunSelectorEmitsSelectRun) {
  const Snapshot s = make_snapshot(5, dense_psd(5), ones(5));
  gui.frame(draw(s));
  gui.frame(draw(s));
  EXPECT_TRUE(sink.all<cmd::SelectRun>().empty()) << "a run is selected: nothing to send";
  gui.click(point_in(ui, "geo_run_combo"), draw(s));
  gui.frame(draw(s));
  gui.click(point_in(ui, "geo_run_item:3"), draw(s));
  const auto sel = sink.all<cmd::SelectRun>();
  ASSERT_EQ(sel.size(), 1u);
  EXPECT_EQ(sel[0].id, 3);
  EXPECT_EQ(ui.geometry_run, 3);
}

TEST_F(GeometryPanel, SelectsTheFirstRunOnceWhenNoneIs) {
  const Snapshot s = make_snapshot(5, {}, {}, true, /*selected=*/false);
  ASSERT_EQ(s.geometry.run_id, -1);
  for (int i = 0; i < 5; ++i) gui.frame(draw(s));
  const auto sel = sink.all<cmd::SelectRun>();
  ASSERT_EQ(sel.size(), 1u);
  EXPECT_EQ(sel[0].id, 1);
  EXPECT_EQ(ui.geometry_run, 1);
}

TEST_F(GeometryPanel, ThetaSliderSendsSetProblemKeepingProgress) {
  const Snapshot s = make_snapshot(5, dense_psd(5), ones(5));
  gui.frame(draw(s));
  gui.frame(draw(s));
  EXPECT_NEAR(ui.geometry_rotation, 0.2f, 1e-6f);
  EXPECT_TRUE(sink.all<cmd::SetProblem>().empty());
  gui.click(point_in(ui, "geo_rotation", 0.75f), draw(s));
  const auto sp = sink.all<cmd::SetProblem>();
  ASSERT_FALSE(sp.empty());
  EXPECT_TRUE(sp.back().keep_progress);
  const Spec spec = parse_spec(sp.back().spec);
  ASSERT_EQ(spec.name, "quadratic");
  ASSERT_EQ(spec.entries.size(), 4u);
  EXPECT_EQ(spec.entries[0], (std::pair<std::string, std::string>{"d", "5"}));
  EXPECT_EQ(spec.entries[1], (std::pair<std::string, std::string>{"ratio", "3"}));
  EXPECT_EQ(spec.entries[2].first, "theta");
  EXPECT_EQ(spec.entries[3], (std::pair<std::string, std::string>{"seed", "4"}));
  const double theta = std::stod(spec.entries[2].second);
  EXPECT_NEAR(theta, 0.75 * std::numbers::pi, 0.15);
  EXPECT_EQ(sp.back().spec, "quadratic:d=5,ratio=3,theta=" + format_number(std::round(theta * 1000) / 1000) + ",seed=4");
}

TEST_F(GeometryPanel, AngleSliderForTheTwoDimensionalFamily) {
  const Snapshot s = make_snapshot(2, dense_psd(2), {1.0, 0.5});
  gui.frame(draw(s));
  gui.click(point_in(ui, "geo_rotation", 0.1f), draw(s));
  const auto sp = sink.all<cmd::SetProblem>();
  ASSERT_FALSE(sp.empty());
  EXPECT_TRUE(sp.back().keep_progress);
  const Spec spec = parse_spec(sp.back().spec);
  ASSERT_EQ(spec.entries.size(), 2u);
  EXPECT_EQ(spec.entries[0], (std::pair<std::string, std::string>{"cond", "10"}));
  EXPECT_EQ(spec.entries[1].first, "angle");
  EXPECT_LT(std::stod(spec.entries[1].second), -50.0);  // near the left end of [-90, 90]
}

TEST(GeometryHelpers, RotationControlAndSpecText) {
  EXPECT_FALSE(rotation_control("rosenbrock", "rosenbrock"));
  EXPECT_FALSE(rotation_control("quadratic", "quadratic:hessian=h.csv"));
  const auto two = rotation_control("quadratic", "quadratic");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->key, "angle");
  EXPECT_TRUE(two->degrees);
  EXPECT_DOUBLE_EQ(two->value, 30.0);  // the 2-D family's default
  const auto nd = rotation_control("quadratic", "quadratic:d=10,ratio=5");
  ASSERT_TRUE(nd);
  EXPECT_EQ(nd->key, "theta");
  EXPECT_DOUBLE_EQ(nd->value, 0.0);
  EXPECT_DOUBLE_EQ(nd->max, std::numbers::pi);
  const auto given = rotation_control("quadratic", "quadratic:d=10,theta=0.7");
  ASSERT_TRUE(given);
  EXPECT_DOUBLE_EQ(given->value, 0.7);
  EXPECT_EQ(spec_with_value("quadratic:d=10,theta=0,seed=2", "theta", 0.5), "quadratic:d=10,theta=0.5,seed=2");
  EXPECT_EQ(spec_with_value("quadratic:d=10", "theta", 1.25), "quadratic:d=10,theta=1.25");
  EXPECT_EQ(spec_with_value("quadratic", "angle", -12.5), "quadratic:angle=-12.5");
}

TEST_F(GeometryPanel, AxesSelectorEmitsSetGeometryAxesAboveTwoDimensions) {
  const Snapshot s = make_snapshot(5, dense_psd(5), ones(5));
  gui.frame(draw(s));
  gui.frame(draw(s));
  EXPECT_TRUE(sink.all<cmd::SetGeometryAxes>().empty());
  gui.click(point_in(ui, "ball_axis_j", 0.98f), draw(s));  // the right end: the last coordinate
  const auto ax = sink.all<cmd::SetGeometryAxes>();
  ASSERT_FALSE(ax.empty());
  EXPECT_EQ(ax.back().i, 0);
  EXPECT_EQ(ax.back().j, 4);
  EXPECT_EQ(ui.geometry_axes[1], 4);  // the mirror holds while the engine catches up

  // d = 2: nothing to choose.
  UiState ui2;
  ui2.record_items = true;
  const Snapshot s2 = make_snapshot(2, dense_psd(2), {1.0, 0.5});
  std::swap(ui, ui2);
  gui.frame(draw(s2));
  EXPECT_EQ(ui.item_rects.count("ball_axis_i"), 0u);
  EXPECT_EQ(ui.item_rects.count("unit_ball"), 1u);
}

TEST_F(GeometryPanel, UnitBallDrawsEveryRunsStepInItsColour) {
  Snapshot s = make_snapshot(5, steep_diagonal(5), ones(5));
  // Run 3 (colour slot 2) is neither selected nor in the closed combo: its colour comes from its step.
  const ImDrawData* d = gui.frame(draw(s));
  d = gui.frame(draw(s));
  EXPECT_TRUE(has_color(d, run_color(2)));
  s.geometry.last_steps.clear();
  d = gui.frame(draw(s));
  EXPECT_FALSE(has_color(d, run_color(2)));
}

TEST(GeometryHelpers, VerdictFollowsR) {
  // Steep diagonal H = diag(10, 1, 1, 1, 1): L2 = 10, L∞ = 14.
  const Eigen::MatrixXd H = steep_diagonal(5);
  // Dense gradient: φ = 1, R = 5·10/14 > 1.
  const auto dense = geometry::analyze_hessian(H, ones(5));
  ASSERT_GT(dense.progress_ratio, 1.0);
  GeometryVerdict v = geometry_verdict(dense);
  EXPECT_EQ(v.winner, 1);
  EXPECT_NE(v.text.find("sign wins here"), std::string::npos) << v.text;
  EXPECT_EQ(v.text.find("gradient descent wins"), std::string::npos) << v.text;
  // One-hot gradient: φ = 1/d, R = 10/14 < 1.
  const auto sparse = geometry::analyze_hessian(H, std::vector<double>{1, 0, 0, 0, 0});
  ASSERT_LT(sparse.progress_ratio, 1.0);
  v = geometry_verdict(sparse);
  EXPECT_EQ(v.winner, -1);
  EXPECT_NE(v.text.find("gradient descent wins here"), std::string::npos) << v.text;
  // Zero gradient: no verdict.
  v = geometry_verdict(geometry::analyze_hessian(H, std::vector<double>(5, 0.0)));
  EXPECT_EQ(v.winner, 0);
}

// At a zero gradient ‖g‖₁/‖g‖₂, φ(g) and R are undefined, and with H = 0 also ρ_diag and the
// shares: the table shows a dash with the report's reason, never "nan".
TEST_F(GeometryPanel, UndefinedQuantitiesShowADashAndTheReason) {
  std::string text;
  auto draw_text = [&](const Snapshot& s) {
    return [&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize, ImGuiCond_Always);
      ImGui::Begin("Geometry", nullptr, ImGuiWindowFlags_NoSavedSettings);
      ui_test::capture_text();
      geometry_panel(s, ui, sink, ImVec2(0, 0));
      text = ui_test::captured_text();
      ImGui::End();
    };
  };
  const Snapshot zero_g = make_snapshot(5, dense_psd(5), std::vector<double>(5, 0.0));
  for (int i = 0; i < 3; ++i) gui.frame(draw_text(zero_g));
  EXPECT_EQ(text.find("nan"), std::string::npos) << text;
  int reasons = 0;
  for (std::size_t at = text.find("(g = 0)"); at != std::string::npos; at = text.find("(g = 0)", at + 1)) ++reasons;
  EXPECT_EQ(reasons, 3) << text;  // the ratio, the density and R
  EXPECT_NE(text.find("R undefined here: g = 0"), std::string::npos) << text;

  const Snapshot zero_h = make_snapshot(5, Eigen::MatrixXd::Zero(5, 5), ones(5));
  for (int i = 0; i < 3; ++i) gui.frame(draw_text(zero_h));
  EXPECT_EQ(text.find("nan"), std::string::npos) << text;
  EXPECT_NE(text.find("(H = 0)"), std::string::npos) << text;
}

TEST(GeometryHelpers, ContourOfACircle) {
  const int n = 41;
  std::vector<double> v(static_cast<std::size_t>(n * n));
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) v[static_cast<std::size_t>(x + y * n)] = (x - 20.0) * (x - 20.0) + (y - 20.0) * (y - 20.0);
  std::vector<ImVec2> seg;
  contour_segments(v, n, n, 100.0, seg);
  ASSERT_GT(seg.size(), 40u);
  ASSERT_EQ(seg.size() % 2, 0u);
  for (const ImVec2& p : seg) EXPECT_NEAR(std::hypot(p.x - 20.0, p.y - 20.0), 10.0, 0.1);
  seg.clear();
  contour_segments(v, n, n, 1e6, seg);  // above every sample: no level set
  EXPECT_TRUE(seg.empty());
}

TEST(GeometryDashboard, BottomLeftTabsSwitchBetweenCurvesAndGeometry) {
  Headless gui(ImVec2(1600, 1000));
  Snapshot s = make_snapshot(5, dense_psd(5), ones(5));
  s.problem = std::shared_ptr<const Problem>(make_problem(s.problem_spec));
  s.start = std::make_shared<const std::vector<double>>(s.problem->default_start());
  s.view = s.problem->default_view();
  UiState ui;
  ui.record_items = true;
  RecordingSink sink;
  auto draw = [&] { draw_dashboard(s, ui, sink, nullptr); };
  for (int i = 0; i < 3; ++i) gui.frame(draw);
  EXPECT_EQ(ui.bottom_tab, 0);
  EXPECT_EQ(ui.bottom_tab_applied, 0);
  EXPECT_EQ(ui.item_rects.count("geo_run_combo"), 0u);
  EXPECT_EQ(ui.item_rects.count("loss_plot"), 1u);

  ui.bottom_tab = 1;  // from code (screenshots)
  ui.item_rects.clear();
  for (int i = 0; i < 3; ++i) gui.frame(draw);
  EXPECT_EQ(ui.bottom_tab_applied, 1);
  EXPECT_EQ(ui.item_rects.count("geo_run_combo"), 1u);
  EXPECT_EQ(ui.item_rects.count("unit_ball"), 1u);
  // The Geometry tab stays inside the bottom-left area.
  const DashboardLayout l = dashboard_layout(ImVec2(1600, 1000), 0);
  const auto ball = ui.item_rects.at("unit_ball");
  EXPECT_LE(ball.second.x, l.curves_pos.x + l.curves_size.x);
  EXPECT_GE(ball.first.y, l.curves_pos.y);

  // A click on the Curves tab goes back.
  gui.click(point_in(ui, "tab_curves"), draw);
  gui.frame(draw);
  EXPECT_EQ(ui.bottom_tab, 0);
  EXPECT_EQ(ui.item_rects.count("loss_plot"), 1u);
}

}  // namespace
}  // namespace signlab::ui
