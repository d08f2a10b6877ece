// Cached layers without GL: when a layer is redrawn (LayerScheduler), how line plots use a layer host,
// and the polyline simplification the plots and the landscape paths draw with.
#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName: is the tooltip up?

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "tests/ui/headless_gui.hpp"

#include "app/plot/layers.hpp"
#include "app/plot/line_plot.hpp"
#include "app/plot/polyline.hpp"

namespace signlab::plot {
namespace {

LayerInputs at(int x0, int y0, int x1, int y1, std::uint64_t content = 1, std::uint64_t style = 5) {
  LayerInputs in;
  in.x0 = x0;
  in.y0 = y0;
  in.x1 = x1;
  in.y1 = y1;
  in.style = style;
  in.content = content;
  return in;
}

// ---- LayerScheduler --------------------------------------------------------------------------------

TEST(LayerScheduler, DrawsOnceThenKeepsThePictureWhileNothingChanges) {
  LayerScheduler s(0.05, 3);
  s.begin_frame(0.0);
  EXPECT_TRUE(s.request(1, at(0, 0, 100, 50)));  // no picture yet
  for (int f = 1; f < 30; ++f) {
    s.begin_frame(f * 0.016);
    EXPECT_FALSE(s.request(1, at(0, 0, 100, 50))) << "frame " << f;
  }
}

TEST(LayerScheduler, PlaceScaleAndStyleChangesRedrawAtOnce) {
  LayerScheduler s(10.0, 100);  // content alone would hardly ever be redrawn
  double t = 0;
  s.begin_frame(t);
  ASSERT_TRUE(s.request(1, at(0, 0, 100, 50)));
  LayerInputs moved = at(10, 0, 110, 50);
  LayerInputs resized = at(10, 0, 130, 70);
  LayerInputs restyled = at(10, 0, 130, 70, 1, 6);
  LayerInputs rescaled = restyled;
  rescaled.scale = 2.0f;
  for (const LayerInputs& in : {moved, resized, restyled, rescaled}) {
    s.begin_frame(t += 0.016);
    EXPECT_TRUE(s.request(1, in));
    s.begin_frame(t += 0.016);
    EXPECT_FALSE(s.request(1, in));
  }
}

TEST(LayerScheduler, NewContentWaitsForTheIntervalThenIsDrawn) {
  LayerScheduler s(0.05, 1);
  s.begin_frame(0.0);
  ASSERT_TRUE(s.request(1, at(0, 0, 100, 50, 1)));
  s.begin_frame(0.016);
  EXPECT_FALSE(s.request(1, at(0, 0, 100, 50, 2)));  // 16 ms after the last picture: too soon
  s.begin_frame(0.032);
  EXPECT_FALSE(s.request(1, at(0, 0, 100, 50, 3)));
  bool drawn = false;
  double t = 0.032;
  for (int f = 0; f < 4 && !drawn; ++f) {
    s.begin_frame(t += 0.016);
    drawn = s.request(1, at(0, 0, 100, 50, 3));
  }
  EXPECT_TRUE(drawn);
  EXPECT_GE(t, 0.05);
  EXPECT_LE(t, 0.05 + 2 * 0.016);
}

TEST(LayerScheduler, ContentRedrawsAreSpreadOverFramesAndShared) {
  // Three layers whose content changes every frame, as when every run goes flat out.
  const int spacing = 3;
  LayerScheduler s(0.05, spacing);
  std::vector<int> redraws(3, 0);
  int frames_with_redraw = 0;
  long long last_frame_with_redraw = -100;
  double t = 0;
  for (int f = 0; f < 600; ++f) {
    s.begin_frame(t += 0.016);
    int n = 0;
    for (int k = 0; k < 3; ++k) {
      if (s.request(static_cast<ImGuiID>(k + 1), at(0, 100 * k, 100, 100 * k + 50, static_cast<std::uint64_t>(f)))) {
        ++n;
        if (f > 0) ++redraws[k];
      }
    }
    if (f == 0) continue;  // the first pictures are forced
    EXPECT_LE(n, 1) << "frame " << f;
    if (n > 0) {
      EXPECT_GE(f - last_frame_with_redraw, spacing) << "frame " << f;
      last_frame_with_redraw = f;
      ++frames_with_redraw;
    }
  }
  EXPECT_GE(frames_with_redraw, 599 / spacing - 2);
  // Oldest first: every layer gets its turn.
  for (int k = 0; k < 3; ++k) {
    EXPECT_GE(redraws[k], frames_with_redraw / 3 - 1) << "layer " << k;
    EXPECT_LE(redraws[k], frames_with_redraw / 3 + 1) << "layer " << k;
  }
}

TEST(LayerScheduler, ADroppedPictureIsRedrawnWithoutWaiting) {
  LayerScheduler s(10.0, 100);
  s.begin_frame(0.0);
  ASSERT_TRUE(s.request(1, at(0, 0, 100, 50, 1)));
  s.begin_frame(0.016);
  ASSERT_TRUE(s.request(2, at(0, 60, 100, 110, 1)));
  // Layer 1 was drawn live (hovered) for a while: its picture is old; back to cached, it is redrawn
  // at once, budget or not.
  s.begin_frame(0.032);
  s.drop(1);
  s.begin_frame(0.048);
  EXPECT_TRUE(s.request(1, at(0, 0, 100, 50, 9)));
  s.begin_frame(0.064);
  EXPECT_FALSE(s.request(1, at(0, 0, 100, 50, 9)));
}

TEST(LayerScheduler, StyleFingerprintFollowsColoursAntiAliasingAndFont) {
  ui_test::HeadlessGui gui;
  ImGuiStyle style = ImGui::GetStyle();
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  const std::uint64_t a = style_fingerprint(style, font, 16.0f);
  EXPECT_EQ(a, style_fingerprint(style, font, 16.0f));
  EXPECT_NE(a, style_fingerprint(style, font, 20.0f));
  ImGuiStyle light = style;
  ImGui::StyleColorsLight(&light);
  EXPECT_NE(a, style_fingerprint(light, font, 16.0f));
  ImGuiStyle no_aa = style;
  no_aa.AntiAliasedLines = !no_aa.AntiAliasedLines;
  EXPECT_NE(a, style_fingerprint(no_aa, font, 16.0f));
}

// ---- line_plot with a layer host -------------------------------------------------------------------

// Records what a plot asks of its host; hands out a draw list when `due`.
class FakeHost final : public LayerHost {
 public:
  explicit FakeHost(bool due) : due_(due), list_(std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData())) {}
  ImDrawList* layer(ImGuiID, ImVec2 min, ImVec2 max, std::uint64_t content) override {
    ++layers;
    min_ = min;
    max_ = max;
    last_content = content;
    if (!due_) return nullptr;
    list_->_ResetForNewFrame();
    list_->PushTextureID(ImGui::GetIO().Fonts->TexID);
    list_->PushClipRect(min, max);
    return list_.get();
  }
  void capture(ImGuiID, ImDrawList*, ImVec2, ImVec2, std::uint64_t) override { ++captures; }
  void drop(ImGuiID) override { ++drops; }
  bool underlay_image(ImTextureID, ImVec2, ImVec2, ImVec2, ImVec2) override { return false; }

  int layers = 0, captures = 0, drops = 0;
  std::uint64_t last_content = 0;
  ImVec2 min_, max_;
  const ImDrawList& list() const { return *list_; }

 private:
  bool due_;
  std::unique_ptr<ImDrawList> list_;
};

struct Series {
  std::vector<double> x, y;
  Series() {
    for (int i = 0; i < 2000; ++i) {
      x.push_back(i);
      y.push_back(std::exp(-i * 1e-3) * (1.0 + 0.3 * std::sin(i * 0.9)));
    }
  }
};

// One frame with a 600×300 plot in a window; returns the vertices the window itself drew.
// `copies`: the series drawn that many times (the difference tells one series' own vertices).
int plot_frame(ui_test::HeadlessGui& gui, const Series& s, LayerHost* host, ImVec2 mouse = ImVec2(-1, -1),
               int copies = 1) {
  ImGui::GetIO().MousePos = mouse;
  int window_vertices = 0;
  gui.frame([&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 500));
    ImGui::Begin("plots", nullptr, ImGuiWindowFlags_NoBackground);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int before = dl->VtxBuffer.Size;
    const PlotSeries one{s.x.data(), s.y.data(), static_cast<int>(s.x.size()), IM_COL32(255, 80, 80, 255), nullptr};
    const std::vector<PlotSeries> ps(static_cast<std::size_t>(copies), one);
    PlotOptions o;
    o.x_label = "step";
    o.y_label = "loss";
    o.layers = host;
    o.content = 42;
    line_plot("loss", ImVec2(600, 300), ps.data(), copies, o);
    window_vertices = dl->VtxBuffer.Size - before;
    ImGui::End();
  });
  return window_vertices;
}

TEST(LinePlotLayer, DrawsIntoTheLayerWhenDueAndNothingOtherwise) {
  ui_test::HeadlessGui gui;
  Series s;
  const int direct = plot_frame(gui, s, nullptr);
  EXPECT_GT(direct, 100);

  FakeHost due(true);
  EXPECT_EQ(plot_frame(gui, s, &due), 0) << "a cached plot draws nothing into its window";
  EXPECT_EQ(due.layers, 1);
  EXPECT_EQ(due.last_content, 42u);
  EXPECT_EQ(due.list().VtxBuffer.Size, direct) << "the layer holds the picture the window would have had";
  EXPECT_NEAR(due.max_.x - due.min_.x, 600.0f, 0.5f);
  EXPECT_NEAR(due.max_.y - due.min_.y, 300.0f, 0.5f);

  FakeHost kept(false);
  EXPECT_EQ(plot_frame(gui, s, &kept), 0);
  EXPECT_EQ(kept.layers, 1);
  EXPECT_EQ(kept.drops, 0);
}

TEST(LinePlotLayer, HoveredPlotsAreDrawnLiveAndTheLayerDropped) {
  ui_test::HeadlessGui gui;
  Series s;
  FakeHost host(false);
  plot_frame(gui, s, &host, ImVec2(300, 150));  // the hover takes a frame to register
  const int live = plot_frame(gui, s, &host, ImVec2(300, 150));
  EXPECT_GT(live, 100) << "drawn in the window, with the cursor";
  EXPECT_GE(host.drops, 1);
  EXPECT_NE(ImGui::FindWindowByName("##Tooltip_00"), nullptr) << "the readout is up";
}

TEST(LinePlotLayer, AFlatNoisySeriesIsAFewRectanglesNotOnePerColumn) {
  ui_test::HeadlessGui gui;
  // Converged: several points per 2-px column, a hair apart (so drawn as one bar per column), all in
  // the same pixel rows: the bars merge into one rectangle.
  Series flat;
  for (std::size_t i = 0; i < flat.y.size(); ++i) flat.y[i] = 1e-6 * (1.0 + 1e-4 * static_cast<double>(i % 2));
  const int flat_vertices = plot_frame(gui, flat, nullptr, ImVec2(-1, -1), 2) - plot_frame(gui, flat, nullptr);
  EXPECT_LE(flat_vertices, 16) << "one bar per column would be ~300 rectangles";
  // Noise over decades: one bar per column, mostly.
  Series noisy;
  for (int i = 0; i < 2000; ++i) noisy.y[static_cast<std::size_t>(i)] = std::pow(10.0, -6.0 * ((i * 7919) % 13) / 13.0);
  const int noisy_vertices = plot_frame(gui, noisy, nullptr, ImVec2(-1, -1), 2) - plot_frame(gui, noisy, nullptr);
  EXPECT_GT(noisy_vertices, 400);
}

}  // namespace
}  // namespace signlab::plot

// ---- simplify_polyline --------------------------------------------------------------------------------

namespace signlab::plot {
namespace {

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

// Every input point lies within tol of the output polyline, and the output is a subsequence of it.
void expect_faithful(const std::vector<ImVec2>& in, const std::vector<ImVec2>& out, float tol) {
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.front().x, in.front().x);
  EXPECT_EQ(out.front().y, in.front().y);
  EXPECT_EQ(out.back().x, in.back().x);
  EXPECT_EQ(out.back().y, in.back().y);
  std::size_t j = 0;  // out[j] is matched in order within `in`
  std::size_t seg = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (j < out.size() && in[i].x == out[j].x && in[i].y == out[j].y) {
      seg = j;
      ++j;
      continue;
    }
    ASSERT_GT(j, 0u);
    ASSERT_LT(seg + 1, out.size());
    EXPECT_LE(distance_to_segment(in[i], out[seg], out[seg + 1]), tol * 1.01f + 1e-4f) << "point " << i;
  }
  EXPECT_EQ(j, out.size()) << "the output is not a subsequence of the input";
}

TEST(SimplifyPolyline, AStraightRunOfPointsBecomesOneSegment) {
  std::vector<ImVec2> line, out;
  for (int i = 0; i <= 500; ++i) line.emplace_back(10.0f + i * 0.7f, 20.0f + i * 0.3f);
  simplify_polyline(line.data(), line.size(), 0.35f, out);
  EXPECT_EQ(out.size(), 2u);
  expect_faithful(line, out, 0.35f);
}

TEST(SimplifyPolyline, KeepsCornersAndTurnsBack) {
  // Right, then straight back along the same line past the start: the turn must stay.
  std::vector<ImVec2> back, out;
  for (int i = 0; i <= 100; ++i) back.emplace_back(static_cast<float>(i), 5.0f);
  for (int i = 99; i >= -50; --i) back.emplace_back(static_cast<float>(i), 5.0f);
  simplify_polyline(back.data(), back.size(), 0.35f, out);
  expect_faithful(back, out, 0.35f);
  EXPECT_TRUE(std::any_of(out.begin(), out.end(), [](ImVec2 p) { return p.x == 100.0f; }));

  // A zig-zag of 3 px: every corner stays.
  std::vector<ImVec2> zig;
  for (int i = 0; i <= 40; ++i) zig.emplace_back(i * 4.0f, (i % 2) ? 3.0f : 0.0f);
  simplify_polyline(zig.data(), zig.size(), 0.35f, out);
  EXPECT_EQ(out.size(), zig.size());
}

TEST(SimplifyPolyline, RandomWalksStayWithinTheTolerance) {
  std::mt19937 rng(3);
  std::normal_distribution<float> step(0.0f, 1.0f);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<ImVec2> walk, out;
    ImVec2 p(0, 0);
    const float drift = 0.2f * static_cast<float>(trial % 7);
    for (int i = 0; i < 2000; ++i) {
      p.x += drift + 0.3f * step(rng);
      p.y += 0.3f * step(rng);
      walk.push_back(p);
    }
    const float tol = 0.2f + 0.1f * static_cast<float>(trial % 5);
    simplify_polyline(walk.data(), walk.size(), tol, out);
    expect_faithful(walk, out, tol);
    EXPECT_LT(out.size(), walk.size());
  }
}

TEST(SimplifyPolyline, TinyInputsAndNoTolerance) {
  std::vector<ImVec2> out;
  simplify_polyline(nullptr, 0, 0.35f, out);
  EXPECT_TRUE(out.empty());
  const ImVec2 one(1, 2);
  simplify_polyline(&one, 1, 0.35f, out);
  EXPECT_EQ(out.size(), 1u);
  const ImVec2 same[3] = {ImVec2(1, 1), ImVec2(1, 1), ImVec2(1, 1)};
  simplify_polyline(same, 3, 0.35f, out);
  EXPECT_EQ(out.size(), 2u);  // first and last
  const ImVec2 three[3] = {ImVec2(0, 0), ImVec2(1, 0), ImVec2(2, 0)};
  simplify_polyline(three, 3, 0.0f, out);
  EXPECT_EQ(out.size(), 3u);  // tol 0: unchanged
}

}  // namespace
}  // namespace signlab::plot
