#include "app/gui/window.hpp"

#include <epoxy/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "app/ui/fonts.hpp"

namespace signlab::gui {
namespace {

std::string g_glfw_error;
void on_glfw_error(int, const char* text) { g_glfw_error = text ? text : "unknown GLFW error"; }

// DejaVu Sans, scaled for the monitor; ImGui's built-in bitmap font only when the TTF is missing (it
// does not scale well on high-DPI screens).
void load_font(float scale) {
  if (!ui::load_ui_font(scale))
    std::fprintf(stderr, "signlab: %s not found (install fonts-dejavu-core); using ImGui's default font\n",
                 ui::kUiFontPath);
}

}  // namespace

ImVec4 window_background() {
  const ImVec4 c = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  return ImVec4(c.x * c.w, c.y * c.w, c.z * c.w, 1.0f);
}

void clear_to_window_background() {
  const ImVec4 c = window_background();
  glClearColor(c.x, c.y, c.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

Window::Window(int width, int height, bool visible, const char* title) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit())
    throw std::runtime_error("cannot open a window (" + g_glfw_error +
                             "): no display? run under xvfb-run -a -s \"-screen 0 1600x1000x24\"");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot create an OpenGL 3.3 core window (" + g_glfw_error + ")");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(visible ? 1 : 0);
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window_, &sx, &sy);
  scale_ = sx > 0 ? sx : 1.0f;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed from the window size every frame
  ImGui::StyleColorsDark();
  ImGui::GetStyle().ScaleAllSizes(scale_);
  load_font(scale_);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }

void Window::begin_frame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
}

void Window::present(const std::function<void(int)>& underlay) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, w, h);
  clear_to_window_background();
  if (underlay) underlay(h);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window_);
}

}  // namespace signlab::gui
