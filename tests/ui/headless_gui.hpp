#pragma once
// A headless ImGui context for panel tests: display size, a built font atlas, 60 frames per second,
// and mouse input as a user gives it. No window, no platform or renderer backend.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // LogToBuffer, the context's log buffer

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "app/ui/fonts.hpp"
#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"

namespace signlab::ui_test {

// Records what a panel sends; all<T>() lists the commands of one kind in order.
struct RecordingSink final : CommandSink {
  std::vector<Command> commands;
  void send(Command c) override { commands.push_back(std::move(c)); }
  template <class T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const Command& c : commands)
      if (const T* t = std::get_if<T>(&c)) out.push_back(*t);
    return out;
  }
};

// A point in the rectangle a panel recorded for `name` (UiState::record_items): fx, fy from its left and top
// edges (0.5, 0.5 is the centre). A missing rectangle fails the test and gives a point off screen.
inline ImVec2 point_in(const ui::UiState& ui, const std::string& name, float fx = 0.5f, float fy = 0.5f) {
  const auto it = ui.item_rects.find(name);
  EXPECT_NE(it, ui.item_rects.end()) << "no rectangle recorded for " << name;
  if (it == ui.item_rects.end()) return ImVec2(-100, -100);
  const auto& [a, b] = it->second;
  return ImVec2(a.x + fx * (b.x - a.x), a.y + fy * (b.y - a.y));
}

inline ImVec2 center_of(const ui::UiState& ui, const std::string& name) { return point_in(ui, name); }

// The text a window renders (labels, Text, table cells; not what a panel writes straight into a draw
// list): ImGui logs it from LogToBuffer() until that window's End(), which clears the log, so call
// capture_text() after Begin() and captured_text() before End().
inline void capture_text() { ImGui::LogToBuffer(); }
inline std::string captured_text() { return GImGui->LogBuffer.c_str(); }

class HeadlessGui {
 public:
  // ui_font: the app's own font set-up (app/ui/fonts); by default ImGui's built-in ASCII font.
  explicit HeadlessGui(ImVec2 display = ImVec2(1600, 1000), bool ui_font = false) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    if (ui_font) ui_font_loaded_ = ui::load_ui_font(1.0f);
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 backend does
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1)));
  }
  ~HeadlessGui() { ImGui::DestroyContext(ctx_); }
  HeadlessGui(const HeadlessGui&) = delete;
  HeadlessGui& operator=(const HeadlessGui&) = delete;

  bool ui_font_loaded() const { return ui_font_loaded_; }

  // One frame: NewFrame, draw, Render. Returns the draw data.
  ImDrawData* frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return ImGui::GetDrawData();
  }
  // Hover, press, release at p (three frames); Ctrl held throughout when `ctrl`.
  void click(ImVec2 p, const std::function<void()>& draw, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.MousePos = p;
    frame(draw);
    io.MouseDown[0] = true;
    frame(draw);
    io.MouseDown[0] = false;
    frame(draw);
    io.KeyCtrl = false;
  }
  // Frames with nothing pressed for `seconds`.
  void idle(double seconds, const std::function<void()>& draw) {
    const int n = static_cast<int>(std::ceil(seconds / ImGui::GetIO().DeltaTime));
    for (int i = 0; i < n; ++i) frame(draw);
  }

 private:
  ImGuiContext* ctx_ = nullptr;
  bool ui_font_loaded_ = false;
};

}  // namespace signlab::ui_test
