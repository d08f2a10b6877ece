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

}  // namespace
}  // namespace signlab::plot
