// The plot widgets drawn by ImGui with no window and no backend: a context, a display size, a built
// font atlas, one frame.
#include <imgui.h>

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "app/plot/axes.hpp"
#include "app/plot/colorbar.hpp"
#include "app/plot/line_plot.hpp"
#include "app/plot/polyline.hpp"
#include "core/landscape/colormap.hpp"

namespace signlab::plot {
namespace {

class PlotFrame : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1200, 800);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }
};

TEST_F(PlotFrame, MillionPointSeriesIsDecimatedToThePixelWidth) {
  const int n = 1'000'000;
  std::vector<double> x(n), y(n), y2(n);
  for (int i = 0; i < n; ++i) {
    x[i] = i;
    // A noisy decaying loss: every pixel column holds distinct min and max (the worst case).
    y[i] = std::exp(-i * 5e-6) * (1.0 + 0.5 * std::sin(i * 0.7)) + 1e-4;
    y2[i] = 0.5 * y[i];
  }
  // A series with NaNs, infinities, zeros and negatives on a log axis: skipped, not drawn.
  std::vector<double> bx(1000), by(1000);
  for (int i = 0; i < 1000; ++i) {
    bx[i] = i * 1000.0;
    by[i] = (i % 7 == 0)   ? std::numeric_limits<double>::quiet_NaN()
            : (i % 7 == 1) ? 0.0
            : (i % 7 == 2) ? -1.0
            : (i % 7 == 3) ? std::numeric_limits<double>::infinity()
                           : 1.0 / (1.0 + i);
  }

  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(1200, 800));
  ImGui::Begin("plots");
  ImDrawList* dl = ImGui::GetWindowDrawList();

  const PlotSeries big[2] = {{x.data(), y.data(), n, IM_COL32(255, 80, 80, 255), "adam"},
                             {x.data(), y2.data(), n, IM_COL32(80, 200, 255, 255), "lion"}};
  const int before = dl->VtxBuffer.Size;
  line_plot("loss", ImVec2(-1, 300), big, 2, PlotOptions{"step", "loss", true});
  const int big_vertices = dl->VtxBuffer.Size - before;
  EXPECT_GT(big_vertices, 1000);     // it drew the curves
  EXPECT_LT(big_vertices, 50'000);   // ... but not two million points' worth

  const PlotSeries bad[2] = {{bx.data(), by.data(), 1000, IM_COL32(255, 255, 0, 255), "with gaps"},
                             {nullptr, by.data(), 1000, IM_COL32(0, 255, 0, 255), nullptr}};
  const int before_bad = dl->VtxBuffer.Size;
  line_plot("gaps", ImVec2(600, 200), bad, 2, PlotOptions{"step", "loss"});
  EXPECT_GT(dl->VtxBuffer.Size, before_bad);

  // Only unusable points, on a linear axis too, and no series at all: axes and a note, no crash.
  std::vector<double> nan_only(10, std::numeric_limits<double>::quiet_NaN());
  const PlotSeries none{nullptr, nan_only.data(), 10, IM_COL32(255, 255, 255, 255), "nan"};
  line_plot("empty", ImVec2(300, 150), &none, 1, PlotOptions{"x", "y", false});
  line_plot("nothing", ImVec2(300, 150), nullptr, 0, PlotOptions{});

  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  const LossScale scale = make_loss_scale(0.0, 2509.0);
  const int before_bar = dl->VtxBuffer.Size;
  colorbar(dl, ImVec2(c0.x + 700, c0.y + 20), ImVec2(c0.x + 720, c0.y + 200), scale, "loss");
  EXPECT_GT(dl->VtxBuffer.Size, before_bar);
  EXPECT_GT(colorbar_labels_width(scale), 0.0f);
  EXPECT_EQ(colorbar_end_labels(scale), std::make_pair(std::string("0"), std::string("2509")));
  // A slice of a large-d loss: 12 units at 1e5. The ends must not both read "1.075e5".
  const auto narrow = colorbar_end_labels(make_loss_scale(107488.25, 107500.5));
  EXPECT_NE(narrow.first, narrow.second);
  EXPECT_EQ(narrow.first, "1.07488e5");
  // A narrow range just above 2.7575 (a matrix problem's slice): the minimum keeps the digits of the
  // decade ticks above it, so it never reads larger than they do ("2.758" under "2.75756").
  const auto fine = colorbar_end_labels(make_loss_scale(2.7575512, 2.952));
  EXPECT_LE(std::stod(fine.first), 2.75756) << fine.first;
  EXPECT_GE(fine.first.size(), 7u) << fine.first;
  colorbar(dl, ImVec2(c0.x + 800, c0.y + 20), ImVec2(c0.x + 820, c0.y + 200), make_loss_scale(-4.0, 4.0),
           nullptr);

  const int before_axes = dl->VtxBuffer.Size;
  draw_axes_2d(dl, ImVec2(c0.x + 60, c0.y + 20), ImVec2(c0.x + 460, c0.y + 220), -2.0, 2.0, -1.0, 3.0, "x", "y");
  EXPECT_GT(dl->VtxBuffer.Size, before_axes);
  ImGui::End();
  ImGui::Render();

  ImDrawData* data = ImGui::GetDrawData();
  ASSERT_NE(data, nullptr);
  EXPECT_TRUE(data->Valid);
  EXPECT_GE(data->CmdListsCount, 1);
  EXPECT_GT(data->TotalVtxCount, 0);
  EXPECT_LT(data->TotalVtxCount, 65'536);
}

TEST_F(PlotFrame, AxisMapRoundTrips) {
  const AxisMap lin{-2.0, 2.0, false, 100.0f, 500.0f};
  EXPECT_FLOAT_EQ(lin.to_screen(-2.0), 100.0f);
  EXPECT_FLOAT_EQ(lin.to_screen(0.0), 300.0f);
  EXPECT_NEAR(lin.to_value(400.0f), 1.0, 1e-9);
  const AxisMap lg{1e-3, 1e3, true, 300.0f, 0.0f};  // y up
  EXPECT_FLOAT_EQ(lg.to_screen(1.0), 150.0f);
  EXPECT_NEAR(lg.to_value(100.0f), 10.0, 1e-6);
}

// Whether p lies inside a triangle of `dl` from vertex `first` on whose three vertices are all `col`
// (ImGui's textured anti-aliased lines give every vertex the line's colour; the fringe is in the texture).
bool covered(const ImDrawList* dl, int first_vertex, ImVec2 p, ImU32 col) {
  auto side = [](ImVec2 a, ImVec2 b, ImVec2 c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); };
  for (int k = 0; k + 2 < dl->IdxBuffer.Size; k += 3) {
    const int i0 = dl->IdxBuffer[k], i1 = dl->IdxBuffer[k + 1], i2 = dl->IdxBuffer[k + 2];
    if (i0 < first_vertex || i1 < first_vertex || i2 < first_vertex) continue;
    const ImDrawVert &a = dl->VtxBuffer[i0], &b = dl->VtxBuffer[i1], &c = dl->VtxBuffer[i2];
    if (a.col != col || b.col != col || c.col != col) continue;
    const float d0 = side(a.pos, b.pos, p), d1 = side(b.pos, c.pos, p), d2 = side(c.pos, a.pos, p);
    if ((d0 >= 0 && d1 >= 0 && d2 >= 0) || (d0 <= 0 && d1 <= 0 && d2 <= 0)) return true;
  }
  return false;
}

TEST(SplitAtSharpTurns, CutsWhereThePathTurnsBeyondARightAngle) {
  std::vector<std::pair<int, int>> pieces;
  const ImVec2 zig[] = {{0, 0}, {10, 0}, {0, 1}, {10, 2}};  // turns back at every vertex
  split_at_sharp_turns(zig, 4, pieces);
  EXPECT_EQ(pieces, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}, {2, 3}}));
  pieces.clear();
  const ImVec2 bend[] = {{0, 0}, {10, 0}, {20, 9}, {20, 20}, {20, 20}, {15, 30}};  // turns of 90° or less
  split_at_sharp_turns(bend, 6, pieces);
  EXPECT_EQ(pieces, (std::vector<std::pair<int, int>>{{0, 5}}));
  pieces.clear();
  const ImVec2 back[] = {{0, 0}, {10, 0}, {10, 0}, {2, 0}};  // a repeated point does not hide the reversal
  split_at_sharp_turns(back, 4, pieces);
  EXPECT_EQ(pieces, (std::vector<std::pair<int, int>>{{0, 1}, {1, 3}}));
  pieces.clear();
  split_at_sharp_turns(back, 1, pieces);
  EXPECT_TRUE(pieces.empty());
}

TEST_F(PlotFrame, AThickPathKeepsItsWidthWhereItTurnsBack) {
  ImGui::NewFrame();
  ImGui::Begin("paths");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Out to x = 300 and straight back 2 px lower: a sign method's zig-zag, a noisy path's reversal.
  const ImVec2 path[] = {{100, 100}, {300, 100}, {100, 102}};
  const ImU32 col = IM_COL32(250, 60, 60, 255), dark = IM_COL32(10, 10, 14, 230);
  const float width = 6.0f;
  std::vector<ImVec2> scratch;
  const int first = dl->VtxBuffer.Size;
  stroke_polyline(dl, path, 3, dark, width + 2.0f, false, scratch);
  const int colour_first = dl->VtxBuffer.Size;
  stroke_polyline(dl, path, 3, col, width, true, scratch);
  // Near the turn, a quarter width either side of the centre line, the colour is there (ImGui's own
  // join narrows the line to nothing over the whole segment towards a reversal).
  for (float x : {150.0f, 250.0f, 290.0f, 298.0f})
    for (float dy : {-0.25f * width, 0.25f * width}) {
      EXPECT_TRUE(covered(dl, colour_first, ImVec2(x, 100.0f + dy), col)) << "outward leg, x = " << x << " dy " << dy;
      const float y_back = 100.0f + 2.0f * (300.0f - x) / 200.0f;
      EXPECT_TRUE(covered(dl, colour_first, ImVec2(x, y_back + dy), col)) << "return leg, x = " << x;
    }
  // The outline is cut at the same vertex, and no wider than the colour plus its rim.
  EXPECT_TRUE(covered(dl, first, ImVec2(299.0f, 101.0f), dark));
  EXPECT_FALSE(covered(dl, first, ImVec2(300.0f + width, 101.0f), dark));
  ImGui::End();
  ImGui::Render();
}

}  // namespace
}  // namespace signlab::plot
