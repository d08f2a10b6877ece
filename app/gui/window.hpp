#pragma once
// GLFW window + GL context + ImGui backends, set up and torn down in one place.
#include <functional>
#include <string>

#include <imgui.h>

struct GLFWwindow;

namespace signlab::gui {

// The dashboard's windows draw no background of their own (software GL pays for every pixel
// blended); the framebuffer is cleared to the style's window colour instead.
void clear_to_window_background();
// That colour, opaque (the window colour over black, as the clear makes it).
ImVec4 window_background();

class Window {
 public:
  // Throws std::runtime_error with a one-line reason (no display, no OpenGL 3.3 core).
  Window(int width, int height, bool visible, const char* title);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool should_close() const;
  void begin_frame();  // poll events, backend NewFrame (ImGui::NewFrame is the caller's)
  // Clears the window, calls `underlay(framebuffer height)` (cached layers are copied in there),
  // renders ImGui's draw data on top and swaps.
  void present(const std::function<void(int)>& underlay = {});
  GLFWwindow* handle() const { return window_; }
  float content_scale() const { return scale_; }

 private:
  GLFWwindow* window_ = nullptr;
  float scale_ = 1.0f;
};

}  // namespace signlab::gui
