// Every string the UI can show renders with no missing glyph ("λ?"): each code point is in the ranges
// the app bakes into its atlas and the font has it. The atlas is built by the app's own font set-up
// (app/ui/fonts), so the test sees what the window does.
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/panels/curves_panel.hpp"
#include "app/panels/demo_picker.hpp"
#include "app/panels/geometry_panel.hpp"
#include "app/panels/landscape_panel.hpp"
#include "app/panels/problem_panel.hpp"
#include "app/panels/runs_panel.hpp"
#include "app/panels/status_bar.hpp"
#include "app/panels/sweep_panel.hpp"
#include "app/ui/fonts.hpp"
#include "core/engine/engine.hpp"
#include "core/geometry/geometry.hpp"
#include "core/io/scenario.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/problems/problem_registry.hpp"
#include "tests/ui/headless_gui.hpp"

namespace signlab::ui {
namespace {

using ui_test::HeadlessGui;

const ImTextureID kHeatmap = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(2));

bool in_ranges(unsigned c) {
  for (const ImWchar* r = ui_glyph_ranges(); r[0] != 0; r += 2)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

// The code points of `text` that would not render: outside the baked ranges or not in the font.
std::set<unsigned> missing_glyphs(const std::string& text) {
  std::set<unsigned> missing;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    unsigned c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    p += n > 0 ? n : 1;
    if (c == '\n' || c == '\r' || c == '\t') continue;
    if (!in_ranges(c) || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.insert(c);
  }
  return missing;
}

std::string hex(const std::set<unsigned>& cs) {
  std::string out;
  char buf[16];
  for (unsigned c : cs) {
    std::snprintf(buf, sizeof buf, " U+%04X", c);
    out += buf;
  }
  return out;
}

class Glyphs : public ::testing::Test {
 protected:
  HeadlessGui gui{ImVec2(1600, 1000), /*ui_font=*/true};
  void SetUp() override { ASSERT_TRUE(gui.ui_font_loaded()) << kUiFontPath << " missing (fonts-dejavu-core)"; }
  void expect_renders(const std::string& what, const std::string& text) {
    const auto missing = missing_glyphs(text);
    EXPECT_TRUE(missing.empty()) << what << ": no glyph for" << hex(missing) << " in \"" << text << "\"";
  }
};

// The check itself: a code point outside every range (CJK) and one in a range the font lacks.
TEST_F(Glyphs, TheCheckFindsMissingGlyphs) {
  EXPECT_EQ(missing_glyphs("\xE4\xB8\xAD"), std::set<unsigned>{0x4E2D});  // 中
  EXPECT_TRUE(missing_glyphs("\xCE\xBB\xCC\x84 \xE2\x80\x96g\xE2\x80\x96\xE2\x82\x81").empty());  // λ̄ ‖g‖₁
}

TEST_F(Glyphs, DemoTextsAndRegistryHelpRender) {
  for (const Scenario& d : builtin_scenarios()) {
    expect_renders("demo " + d.name + " title", d.title);
    expect_renders("demo " + d.name + " text", d.about);
  }
  for (const OptimizerInfo& o : optimizer_registry()) {
    for (const std::string* t : {&o.label, &o.summary, &o.provenance, &o.guidance}) expect_renders("optimizer " + o.name, *t);
    for (const ParamSpec& p : o.params) expect_renders("optimizer " + o.name + " " + p.name, p.name + " " + p.help);
  }
  for (const ProblemInfo& info : problem_registry()) {
    expect_renders("problem " + info.name, info.formula);
    for (const ParamSpec& p : info.params) expect_renders("problem " + info.name + " " + p.name, p.name + " " + p.help);
  }
  for (const auto kind : {NoiseModel::Kind::Gauss, NoiseModel::Kind::StudentT})
    for (const ParamSpec& p : noise_params(kind)) expect_renders("noise " + p.name, p.name + " " + p.help);
  // The reasons the geometry report gives for undefined quantities.
  const auto zero_g = geometry::analyze_hessian(Eigen::MatrixXd::Identity(2, 2), std::vector<double>(2, 0.0));
  const auto zero_h = geometry::analyze_hessian(Eigen::MatrixXd::Zero(2, 2), std::vector<double>{1.0, 1.0});
  for (const auto* r : {&zero_g, &zero_h})
    for (const std::string* t : {&r->grad.undefined, &r->why.rho_diag, &r->why.diag_frob_share, &r->why.ratio_max_mean,
                                 &r->why.progress_ratio})
      expect_renders("geometry reason", *t);
}

// Every panel's rendered text (labels, numbers, tables) on each demo, from a live engine, with the
// font the app uses (the panels pick Unicode labels when the font has them).
TEST_F(Glyphs, EveryPanelOnTheDemosRenders) {
  for (const char* name : {"default", "linf-steepest", "heavy-tails", "muon"}) {
    const Scenario* demo = nullptr;
    for (const Scenario& d : builtin_scenarios())
      if (d.name == name) demo = &d;
    ASSERT_TRUE(demo) << name;
    Engine engine(EngineConfig{});
    for (Command& c : demo_commands(*engine.sync(), *demo)) engine.send(std::move(c));
    engine.send(cmd::Pause{});
    engine.send(cmd::StepN{20});
    UiState ui;
    ui.demo_name = demo->name;
    ui.demo_problem = demo->problem;
    struct Panel {
      const char* name;
      std::function<void(const Snapshot&)> draw;
    };
    const ImVec2 size(900, 400);
    const std::vector<Panel> panels = {
        {"problem", [&](const Snapshot& s) { problem_panel(s, ui, engine); }},
        {"runs", [&](const Snapshot& s) { runs_panel(s, ui, engine); }},
        {"curves", [&](const Snapshot& s) { curves_panel(s, ui, engine, size); }},
        {"geometry", [&](const Snapshot& s) { geometry_panel(s, ui, engine, size); }},
        {"sweep", [&](const Snapshot& s) { sweep_panel(s, ui, engine, size); }},
        {"landscape", [&](const Snapshot& s) { landscape_panel(s, ui, engine, kHeatmap, size); }},
        {"status", [&](const Snapshot& s) { status_bar(s, ui); }},
    };
    for (const Panel& p : panels) {
      std::string text;
      for (int i = 0; i < 3; ++i) {
        const auto s = engine.sync();
        gui.frame([&] {
          ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
          ImGui::SetNextWindowSize(ImVec2(1000, 700), ImGuiCond_Always);
          ImGui::Begin(p.name, nullptr, ImGuiWindowFlags_NoSavedSettings);
          ui_test::capture_text();
          p.draw(*s);
          text = ui_test::captured_text();
          ImGui::End();
        });
      }
      // The plots write their labels straight into the draw list (not captured).
      const bool plot_only = std::string(p.name) == "curves" || std::string(p.name) == "landscape";
      EXPECT_TRUE(plot_only || !text.empty()) << p.name;
      expect_renders(std::string(name) + " / " + p.name + " panel", text);
    }
  }
}

}  // namespace
}  // namespace signlab::ui
