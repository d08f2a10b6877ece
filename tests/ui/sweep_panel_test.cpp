// The Sweep tab drawn headless on hand-built snapshots: the form starts a sweep of the selected run's
// optimizer, results (pending, finished, diverged) draw without a backend, and points become runs.
#include <imgui.h>

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/panels/sweep_panel.hpp"
#include "app/ui/dashboard.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "tests/ui/headless_gui.hpp"

namespace signlab::ui {
namespace {

using ui_test::HeadlessGui;
using ui_test::RecordingSink;

using ui_test::center_of;

Snapshot race() {
  Snapshot s;
  s.problem_spec = "rosenbrock";
  s.problem_name = "rosenbrock";
  s.dim = 2;
  RunView a;
  a.id = 1;
  a.optimizer = "signsgd";
  a.spec = "signsgd";
  RunView b;
  b.id = 2;
  b.color = 1;
  b.optimizer = "adam";
  b.spec = "adam:beta2=0.99";
  s.runs = {a, b};
  return s;
}

// A finished 3×2 sweep of adam over (lr, beta1): one diverged point, one not run (cancelled).
std::shared_ptr<SweepView> two_axis_view() {
  auto v = std::make_shared<SweepView>();
  v->id = 1;
  v->problem_spec = "rosenbrock";
  v->optimizer_spec = "adam:beta2=0.99";
  v->params = {"lr", "beta1"};
  v->axis_values = {{1e-3, 1e-2, 1e-1}, {0.5, 0.9}};
  v->log_axis = {true, false};
  v->steps = 100;
  v->loss = {3.0, 2.0, 0.5, 0.25, std::nan(""), 7.0};
  v->diverged_at = {-1, -1, -1, -1, -1, 12};
  v->total = 6;
  v->done = 5;
  v->cancelled = true;
  v->best = 3;
  return v;
}

void draw_in_window(const Snapshot& s, UiState& ui, RecordingSink& sink) {
  ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(900, 320), ImGuiCond_Always);
  ImGui::Begin("Sweep", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  sweep_panel(s, ui, sink, ImVec2(0, 0));
  ImGui::End();
}

TEST(SweepPanel, DefaultAxesFollowTheParameterScale) {
  const OptimizerInfo* adam = find_optimizer("adam");
  ASSERT_TRUE(adam);
  const ParamSpec* lr = find_param(adam->params, "lr");
  const SweepAxis a = default_sweep_axis(*lr);
  EXPECT_EQ(a.param, "lr");
  EXPECT_EQ(a.spacing, SweepAxis::Spacing::Log);
  EXPECT_DOUBLE_EQ(a.lo, std::max(lr->def / 100, lr->min));
  EXPECT_DOUBLE_EQ(a.hi, std::min(lr->def * 10, lr->max));
  const ParamSpec* beta1 = find_param(adam->params, "beta1");
  const SweepAxis b = default_sweep_axis(*beta1);
  EXPECT_EQ(b.spacing, SweepAxis::Spacing::Lin);
  EXPECT_EQ(b.lo, beta1->min);
  EXPECT_EQ(b.hi, beta1->max);
}

TEST(SweepPanel, PointSpecKeepsTheBaseAndSetsTheSweptValues) {
  const auto v = two_axis_view();
  for (std::int64_t k = 0; k < 6; ++k) {
    const ResolvedOptimizer r = resolve_optimizer(sweep_point_spec(*v, k));
    EXPECT_EQ(r.info->name, "adam");
    EXPECT_EQ(r.values.at("beta2"), 0.99);
    EXPECT_EQ(r.values.at("lr"), v->axis_values[0][static_cast<std::size_t>(k / 2)]) << k;
    EXPECT_EQ(r.values.at("beta1"), v->axis_values[1][static_cast<std::size_t>(k % 2)]) << k;
  }
}

TEST(SweepPanel, RunSweepSendsTheSelectedRunsOptimizerAndValues) {
  HeadlessGui gui;
  UiState ui;
  ui.record_items = true;
  ui.selected_run = 2;  // adam:beta2=0.99
  RecordingSink sink;
  const Snapshot s = race();
  auto draw = [&] { draw_in_window(s, ui, sink); };
  gui.frame(draw);
  EXPECT_EQ(ui.sweep_optimizer, "adam");
  gui.click(center_of(ui, "sweep_run"), draw);
  const auto sent = sink.all<cmd::StartSweep>();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].optimizer_spec, "adam:beta2=0.99");
  ASSERT_EQ(sent[0].axes.size(), 1u);  // the second axis starts as "(none)"
  EXPECT_EQ(sent[0].axes[0].param, "lr");
  EXPECT_EQ(sent[0].steps, ui.sweep_steps);
}

TEST(SweepPanel, ResultsDrawAndTheBestPointBecomesARun) {
  HeadlessGui gui;
  UiState ui;
  ui.record_items = true;
  RecordingSink sink;
  Snapshot s = race();
  s.sweep = two_axis_view();
  auto draw = [&] { draw_in_window(s, ui, sink); };
  const ImDrawData* d = gui.frame(draw);
  EXPECT_GT(d->TotalVtxCount, 500);  // six cells, axes, colour bar
  ASSERT_EQ(ui.item_rects.count("sweep_plot"), 1u);
  gui.click(center_of(ui, "sweep_add_best"), draw);
  const auto added = sink.all<cmd::AddRun>();
  ASSERT_EQ(added.size(), 1u);
  const ResolvedOptimizer r = resolve_optimizer(added[0].optimizer_spec);
  EXPECT_EQ(r.values.at("lr"), 1e-2);
  EXPECT_EQ(r.values.at("beta1"), 0.9);
  EXPECT_EQ(r.values.at("beta2"), 0.99);

  // One axis, all points pending or diverged: still draws, no best button.
  auto one = std::make_shared<SweepView>(*two_axis_view());
  one->params = {"lr"};
  one->axis_values = {{1e-3, 1e-2, 1e-1}};
  one->log_axis = {true};
  one->loss = {std::nan(""), std::nan(""), std::nan("")};
  one->diverged_at = {-1, -1, 2};
  one->total = 3;
  one->best = -1;
  one->running = true;
  s.sweep = one;
  ui.item_rects.clear();
  gui.frame(draw);
  EXPECT_EQ(ui.item_rects.count("sweep_add_best"), 0u);
  EXPECT_EQ(ui.item_rects.count("sweep_cancel"), 1u);
  gui.click(center_of(ui, "sweep_cancel"), draw);
  EXPECT_EQ(sink.all<cmd::CancelSweep>().size(), 1u);
}

TEST(SweepPanel, TheDashboardHasASweepTab) {
  HeadlessGui gui(ImVec2(1600, 1000));
  UiState ui;
  ui.record_items = true;
  ui.bottom_tab = 2;
  RecordingSink sink;
  const Snapshot s = race();
  auto draw = [&] { draw_dashboard(s, ui, sink, nullptr); };
  for (int i = 0; i < 3; ++i) gui.frame(draw);
  EXPECT_EQ(ui.bottom_tab_applied, 2);
  EXPECT_EQ(ui.item_rects.count("sweep_run"), 1u);
}

}  // namespace
}  // namespace signlab::ui
