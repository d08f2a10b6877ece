// The demo picker: a click loads a built-in demo into a live engine (problem, runs, noise), and the
// demo's text is shown while its problem is.
#include <imgui.h>

#include <gtest/gtest.h>

#include "app/panels/demo_picker.hpp"
#include "core/engine/engine.hpp"
#include "tests/ui/headless_gui.hpp"

namespace signlab::ui {
namespace {

using ui_test::HeadlessGui;
using ui_test::RecordingSink;

using ui_test::center_of;

TEST(DemoPicker, CommandsTurnTheEngineIntoTheDemo) {
  EngineConfig cfg;
  cfg.optimizer_specs = {"adam", "sgd"};
  Engine e(cfg);
  const Scenario* demo = nullptr;
  for (const Scenario& s : builtin_scenarios())
    if (s.name == "heavy-tails") demo = &s;
  ASSERT_TRUE(demo);
  for (Command& c : demo_commands(*e.sync(), *demo)) e.send(std::move(c));
  const auto s = e.sync();
  EXPECT_TRUE(s->last_error.empty()) << s->last_error;
  EXPECT_EQ(s->problem_spec, demo->problem);
  EXPECT_EQ(s->noise_spec, demo->noise);
  EXPECT_EQ(s->seed, demo->seed);
  ASSERT_EQ(s->runs.size(), demo->optimizers.size());
  for (std::size_t k = 0; k < s->runs.size(); ++k) EXPECT_EQ(s->runs[k].spec, demo->optimizers[k]);
  EXPECT_TRUE(s->playing);
}

TEST(DemoPicker, PickingADemoSendsItAndShowsWhatToWatch) {
  HeadlessGui gui;
  UiState ui;
  ui.record_items = true;
  RecordingSink sink;
  Snapshot s;
  s.problem_spec = "rosenbrock";
  RunView old;
  old.id = 3;
  s.runs = {old};
  auto draw = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(500, 400), ImGuiCond_Always);
    ImGui::Begin("Problem");
    demo_picker(s, ui, sink);
    ImGui::End();
  };
  gui.frame(draw);
  gui.click(center_of(ui, "demo_combo"), draw);
  gui.idle(0.1, draw);  // the popup appears and settles
  gui.click(center_of(ui, "demo_item:muon"), draw);
  EXPECT_EQ(ui.demo_name, "muon");
  const auto problems = sink.all<cmd::SetProblem>();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].spec, "matrix-lsq:cond=1000");
  ASSERT_EQ(sink.all<cmd::RemoveRun>().size(), 1u);
  EXPECT_EQ(sink.all<cmd::RemoveRun>()[0].id, 3);
  EXPECT_EQ(sink.all<cmd::AddRun>().size(), 4u);
  // A demo that compares costs opens the Curves on evaluations, and one that does not back on steps.
  gui.click(center_of(ui, "demo_combo"), draw);
  gui.idle(0.1, draw);
  gui.click(center_of(ui, "demo_item:variance-reduction"), draw);
  EXPECT_EQ(ui.demo_name, "variance-reduction");
  EXPECT_EQ(ui.curves_x, curves_axis_index("evals"));
  gui.click(center_of(ui, "demo_combo"), draw);
  gui.idle(0.1, draw);
  gui.click(center_of(ui, "demo_item:muon"), draw);
  EXPECT_EQ(ui.curves_x, curves_axis_index("step"));
}

// With another problem than the demo's (picked, typed, or `shot --problem`), the box says "custom" and
// shows neither the demo's title nor its text.
TEST(DemoPicker, AnotherProblemMakesTheBoxSayCustom) {
  HeadlessGui gui;
  UiState ui;
  RecordingSink sink;
  const Scenario& demo = builtin_scenarios().front();
  ui.demo_name = demo.name;
  ui.demo_problem = demo.problem;
  Snapshot s;
  std::string text;
  auto draw = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(500, 400), ImGuiCond_Always);
    ImGui::Begin("Problem");
    ui_test::capture_text();
    demo_picker(s, ui, sink);
    text = ui_test::captured_text();
    ImGui::End();
  };
  s.problem_spec = demo.problem;
  gui.frame(draw);
  EXPECT_NE(text.find(demo.title), std::string::npos) << text;
  EXPECT_NE(text.find(demo.about.substr(0, 20)), std::string::npos) << text;
  s.problem_spec = "quadratic:cond=50,angle=10";
  gui.frame(draw);
  EXPECT_NE(text.find("custom"), std::string::npos) << text;
  EXPECT_EQ(text.find(demo.title), std::string::npos) << text;
  EXPECT_EQ(text.find(demo.about.substr(0, 20)), std::string::npos) << text;
}

}  // namespace
}  // namespace signlab::ui
