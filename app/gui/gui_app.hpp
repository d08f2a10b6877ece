#pragma once
// The GUI front end: a GLFW window with an OpenGL 3.3 core context, Dear ImGui on top, the engine
// underneath. Also renders offscreen for `signlab shot`.
#include <optional>
#include <string>

#include "core/engine/commands.hpp"
#include "core/io/scenario.hpp"

namespace signlab::gui {

struct GuiOptions {
  Scenario scenario;
  int width = 1600, height = 1000;
  // Offscreen (signlab shot): render `frames` frames into a W×H framebuffer and save the last.
  std::optional<std::string> png;
  int frames = 60;
  long long warmup_steps = 0;  // steps taken before the first frame (so a shot shows trajectories)
  bool stats = false;          // print one JSON line of frame timings (runs go flat out)
  std::optional<std::string> layout_json;  // write panel rectangles and run colours (for tests)
  int bottom_tab = 0;          // 0: Curves, 1: Geometry, 2: Sweep
  // A sweep started with the GUI (its form shows it); offscreen, the frames wait until it has finished.
  std::optional<cmd::StartSweep> sweep;
};

// Returns the process exit code. Prints one line to stderr on failure (no display, no GL 3.3).
int run_gui(const GuiOptions& options);

}  // namespace signlab::gui
