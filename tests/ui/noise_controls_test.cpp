// The oracle controls drawn headless: they load the engine's oracle, and Apply sends what they show.
#include <imgui.h>

#include <gtest/gtest.h>

#include "app/panels/noise_controls.hpp"
#include "tests/ui/headless_gui.hpp"

namespace signlab::ui {
namespace {

using ui_test::HeadlessGui;
using ui_test::RecordingSink;

TEST(NoiseControls, LoadTheOracleAndApplyTheEdits) {
  HeadlessGui gui;
  UiState ui;
  ui.record_items = true;
  RecordingSink sink;
  Snapshot s;
  s.noise_spec = "student:sigma=2,nu=1.5";
  s.seed = 4;
  auto draw = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(500, 400), ImGuiCond_Always);
    ImGui::Begin("Problem");
    noise_controls(s, ui, sink);
    ImGui::End();
  };
  gui.frame(draw);
  EXPECT_EQ(ui.noise_kind, 2);
  EXPECT_EQ(ui.noise_params.at("sigma"), 2.0);
  EXPECT_EQ(ui.noise_params.at("nu"), 1.5);
  EXPECT_EQ(ui.noise_seed, 4);
  EXPECT_EQ(ui.item_rects.count("noise_param:nu"), 1u);

  ui.noise_kind = 1;  // as if picked in the combo: Gaussian keeps σ
  ui.noise_seed = 11;
  gui.frame(draw);
  EXPECT_EQ(ui.item_rects.count("noise_param:sigma"), 1u);
  gui.click(ui_test::center_of(ui, "noise_apply"), draw);
  const auto sent = sink.all<cmd::SetOracle>();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].noise_spec, "gauss:sigma=2");
  EXPECT_EQ(sent[0].seed, 11u);

  // The engine's answer reloads the controls.
  s.noise_spec = "none";
  s.seed = 0;
  gui.frame(draw);
  EXPECT_EQ(ui.noise_kind, 0);
  EXPECT_EQ(ui.noise_seed, 0);
}

}  // namespace
}  // namespace signlab::ui
