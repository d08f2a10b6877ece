// Every parameter of every registered problem, optimizer and noise model can be drawn, and every
// registered problem opens (at its default SPEC, in a live engine) with every panel drawn.
// Debian's libimgui is built with its assertions on, so an ImGui assert (e.g. SliderBehavior's range
// limit) aborts the process: each case draws in a death-test child and must exit normally.
#include <imgui.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/registry_test_names.hpp"

#include "app/panels/runs_panel.hpp"
#include "app/ui/dashboard.hpp"
#include "app/ui/ui_state.hpp"
#include "core/engine/engine.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/problems/problem_registry.hpp"
#include "tests/ui/headless_gui.hpp"

namespace signlab::ui {
namespace {

using ui_test::HeadlessGui;
using ui_test::RecordingSink;

const ImTextureID kHeatmap = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(2));

// The engine thread lives in the child only; "threadsafe" re-executes the binary for the child.
class DrawInChild : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// param_slider on one parameter at its default, its minimum and its maximum, hovered (tooltip).
void draw_param(HeadlessGui& gui, const ParamSpec& p) {
  for (const double v : {p.def, p.min, p.max}) {
    double value = v;
    gui.frame([&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImVec2(500, 300), ImGuiCond_Always);
      ImGui::Begin("param");
      param_slider(p, value);
      ImGui::End();
    });
  }
}

using DrawEveryParameter = DrawInChild;

TEST_F(DrawEveryParameter, OfEveryOptimizer) {
  EXPECT_EXIT(
      {
        HeadlessGui gui;
        for (const OptimizerInfo& info : optimizer_registry())
          for (const ParamSpec& p : info.params) draw_param(gui, p);
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_F(DrawEveryParameter, OfEveryProblemAndNoiseModel) {
  EXPECT_EXIT(
      {
        HeadlessGui gui;
        for (const ProblemInfo& info : problem_registry())
          for (const ParamSpec& p : info.params) draw_param(gui, p);
        for (const auto kind : {NoiseModel::Kind::Gauss, NoiseModel::Kind::StudentT})
          for (const ParamSpec& p : noise_params(kind)) draw_param(gui, p);
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

// The Runs window with one run of every optimizer, each at its defaults: every slider drawn.
void draw_runs_of_every_optimizer() {
  HeadlessGui gui(ImVec2(1280, 720));
  UiState ui;
  RecordingSink sink;
  Snapshot s;
  s.problem_spec = s.problem_name = "rosenbrock";
  s.dim = 2;
  int id = 0;
  for (const OptimizerInfo& info : optimizer_registry()) {
    RunView r;
    r.id = id;
    r.color = id++;
    r.optimizer = r.spec = info.name;
    r.params = default_values(info.params);
    r.x = {0.0, 0.0};
    s.runs.push_back(r);
  }
  for (int i = 0; i < 3; ++i) gui.frame([&] { draw_dashboard(s, ui, sink, kHeatmap); });
}

TEST_F(DrawEveryParameter, RunsWindowWithEveryOptimizer) {
  EXPECT_EXIT(
      {
        draw_runs_of_every_optimizer();
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

// Each registered problem at its default SPEC, opened by a live engine with two runs; the dashboard
// drawn on each of the bottom tabs with the engine's own snapshots (commands go to the engine).
// Exits 3 when the engine refused the problem.
[[noreturn]] void open_and_draw(const std::string& name) {
  EngineConfig cfg;
  cfg.problem_spec = name;
  cfg.optimizer_specs = {"signsgd", "adam"};
  Engine engine(cfg);
  engine.send(cmd::StepN{3});
  HeadlessGui gui(ImVec2(1280, 720));
  UiState ui;
  for (int tab = 0; tab < 3; ++tab) {
    ui.bottom_tab = tab;
    for (int i = 0; i < 3; ++i) {
      const auto s = engine.sync();
      gui.frame([&] { draw_dashboard(*s, ui, engine, kHeatmap); });
    }
  }
  const auto s = engine.sync();
  std::exit(s->problem_spec == name && s->last_error.empty() ? 0 : 3);
}

class OpenEveryProblem : public DrawInChild, public ::testing::WithParamInterface<std::string> {};

TEST_P(OpenEveryProblem, DrawsEveryPanel) {
  EXPECT_EXIT(open_and_draw(GetParam()), ::testing::ExitedWithCode(0), "");
}

INSTANTIATE_TEST_SUITE_P(Registry, OpenEveryProblem, ::testing::ValuesIn(problem_names()),
                         signlab::test::RegistryTestName());

}  // namespace
}  // namespace signlab::ui
