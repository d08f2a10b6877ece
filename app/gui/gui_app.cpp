#include "app/gui/gui_app.hpp"

#include <epoxy/gl.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "app/gfx/heatmap_renderer.hpp"
#include "app/gfx/layer_compositor.hpp"
#include "app/gfx/offscreen_target.hpp"
#include "app/gui/window.hpp"
#include "app/ui/dashboard.hpp"
#include "app/ui/palette.hpp"
#include "app/ui/session_of.hpp"
#include "app/ui/ui_state.hpp"
#include "core/engine/engine.hpp"
#include "core/io/png.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/landscape/colormap.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab::gui {
namespace {

using Clock = std::chrono::steady_clock;

// Keeps the heat-map texture in step with the engine's grid and the plot's size: re-rendered only when
// a new grid arrives or the plot (as laid out in the last frame) changes size. At the plot's own pixel
// size the texture is shown pixel for pixel, so the front end can copy it into the frame.
class HeatmapCache {
 public:
  bool init(std::string* error) {
    if (!renderer_.init(error)) return false;
    // Drawn pixel for pixel now (no longer a 512² texture stretched over the plot, which widened and
    // blurred the lines to ~1.8 px): a little wider than the renderer's default, crisp.
    renderer_.set_line_style(1.5f, 0.45f);
    return true;
  }
  ImTextureID texture(const Snapshot& s, const ui::UiState& ui) {
    if (!s.grid) return ImTextureID{};
    const float scale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    int w = static_cast<int>(std::lround((ui.landscape_max.x - ui.landscape_min.x) * scale));
    int h = static_cast<int>(std::lround((ui.landscape_max.y - ui.landscape_min.y) * scale));
    if (w < 16 || h < 16 || w > 8192 || h > 8192) w = h = 512;  // not laid out yet
    if (s.grid != grid_ || w != w_ || h != h_) {
      grid_ = s.grid;
      w_ = w;
      h_ = h;
      renderer_.upload_grid(grid_->values.data(), grid_->nx, grid_->ny);
      renderer_.set_scale(make_loss_scale(grid_->fmin, grid_->fmax));
      texture_ = renderer_.render(w, h);
      if (std::getenv("SIGNLAB_DEBUG_HEATMAP")) std::fprintf(stderr, "heatmap re-rendered (%dx%d)\n", w, h);
    }
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture_));
  }

 private:
  gfx::HeatmapRenderer renderer_;
  std::shared_ptr<const LandscapeGrid> grid_;
  unsigned texture_ = 0;
  int w_ = 0, h_ = 0;
};

// Shown instead of a black landscape when a shader fails to build.
void draw_gl_error(const std::string& error) {
  ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(900, 400), ImGuiCond_Always);
  ImGui::Begin("Shader error");
  ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "The heat-map shader failed; the landscape cannot be drawn.");
  ImGui::TextWrapped("%s", error.c_str());
  ImGui::End();
}

// Writes the session as a scenario that reopens it (ui::session_of: problem, runs with their current
// parameters, start, speed, oracle, the steps to replay and the Curves' axis). Returns false (and says why on stderr and in *error, which the status line shows) when the session
// could not be written; the previous last.json is then kept as it was.
bool save_session(const Snapshot& s, const ui::UiState& ui, std::string* error) {
  error->clear();
  if (save_scenario(ui::session_of(s, ui), last_session_path(), error)) return true;
  std::fprintf(stderr, "signlab: %s\n", error->c_str());
  return false;
}

// Until the newest snapshot shows a grid over its own view (or `limit` has passed, or the problem has none).
void wait_for_grid_of_view(Engine& engine, std::chrono::seconds limit) {
  const auto t0 = Clock::now();
  while (Clock::now() - t0 < limit) {
    const auto s = engine.sync();
    if (s->dim < 2 || (s->grid && s->grid->box.x0 == s->view.x0 && s->grid->box.x1 == s->view.x1 &&
                       s->grid->box.y0 == s->view.y0 && s->grid->box.y1 == s->view.y1))
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
}

// Mesa's llvmpipe / softpipe and other software rasterisers: every triangle and pixel costs CPU time.
bool software_renderer() {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return r && (std::strstr(r, "llvmpipe") || std::strstr(r, "softpipe") || std::strstr(r, "Software") ||
               std::strstr(r, "SWR"));
}

int draw_calls(const ImDrawData* d) {
  int n = 0;
  for (int i = 0; d && i < d->CmdListsCount; ++i) n += d->CmdLists[i]->CmdBuffer.Size;
  return n;
}

void write_layout(const std::string& path, const ui::UiState& ui, const Snapshot& s) {
  nlohmann::json j;
  j["landscape"] = {ui.landscape_min.x, ui.landscape_min.y, ui.landscape_max.x, ui.landscape_max.y};
  j["landscape_legend"] = {ui.legend_min.x, ui.legend_min.y, ui.legend_max.x, ui.legend_max.y};
  j["run_colors"] = nlohmann::json::array();
  for (const auto& r : s.runs) {
    const ImU32 c = ui::run_color(r.color);
    j["run_colors"].push_back({(c >> IM_COL32_R_SHIFT) & 0xFF, (c >> IM_COL32_G_SHIFT) & 0xFF,
                               (c >> IM_COL32_B_SHIFT) & 0xFF});
  }
  std::ofstream(path) << j.dump() << "\n";
}

}  // namespace

int run_gui(const GuiOptions& opt) {
  try {
    const bool offscreen = opt.png.has_value();
    EngineConfig cfg;
    cfg.problem_spec = opt.scenario.problem;
    cfg.optimizer_specs = opt.scenario.optimizers;
    Engine engine(cfg);
    if (opt.scenario.start) engine.send(cmd::SetStart{*opt.scenario.start});
    engine.send(cmd::SetSpeed{opt.scenario.steps_per_s, opt.stats});
    const auto first = engine.sync();
    if (!first->last_error.empty()) throw std::runtime_error("scenario: " + first->last_error);
    // The oracle is checked here (cheap) and set up by the engine after the window opens: a finite sum's
    // set-up (m·d draws, minutes for m = 10⁷) shows its progress in the Runs panel instead of a window
    // that does not appear.
    if (opt.scenario.noise != "none" || opt.scenario.seed != 0) {
      NoiseField::validate(parse_noise_spec(opt.scenario.noise), first->dim);  // throws SpecError / invalid_argument
      engine.send(cmd::SetOracle{opt.scenario.noise, opt.scenario.seed});
    }
    if (opt.warmup_steps > 0) engine.send(cmd::StepN{opt.warmup_steps});
    // The saved steps are replayed in the background: the window opens at once and the Runs panel shows
    // the replay's progress (any change to the race stops it). Steps are steps: the warm-up before them
    // leads to the same trajectories.
    if (opt.scenario.steps > 0) engine.send(cmd::Replay{opt.scenario.steps});
    if (offscreen) {
      // A picture of the session with its oracle and warm-up in place (sync waits behind the set-up).
      const auto ready = engine.sync();
      if (!ready->last_error.empty()) throw std::runtime_error("scenario: " + ready->last_error);
    }
    if (offscreen) {
      // A picture of the session as saved, not of a moment during its replay.
      while (engine.snapshot()->replay_left > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (opt.sweep) {
      engine.send(*opt.sweep);
      if (offscreen) {
        const auto t0 = Clock::now();
        while (Clock::now() - t0 < std::chrono::seconds(300)) {
          const auto s = engine.sync();
          if (s->sweep && !s->sweep->running) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    }
    if (opt.scenario.playing || opt.stats) engine.send(cmd::Play{});

    Window window(offscreen ? 320 : opt.width, offscreen ? 200 : opt.height, !offscreen, "SignLab");
    std::string gl_error;
    HeatmapCache heatmap;
    if (!heatmap.init(&gl_error)) std::fprintf(stderr, "signlab: %s\n", gl_error.c_str());

    std::unique_ptr<gfx::OffscreenTarget> target;
    if (offscreen) {
      target = std::make_unique<gfx::OffscreenTarget>();
      std::string err;
      if (!target->create(opt.width, opt.height, &err)) throw std::runtime_error(err);
    }

    // Cached layers (plots, the runs and problem windows) are redrawn when their content changes: on
    // a software rasteriser at most 20 times a second each and in one frame out of two, so half the
    // frames only copy them in; on a GPU, where drawing is cheap, up to 30 times a second, in any frame.
    const bool soft = software_renderer();
    gfx::LayerCompositor layers(soft ? 1.0 / 20.0 : 1.0 / 30.0, soft ? 2 : 1);
    ui::UiState ui;
    ui.layers = &layers;
    ui.opaque_begin = [](const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); };
    ui.steps_per_s = static_cast<float>(opt.scenario.steps_per_s);
    ui.flat_out = opt.stats;
    ui.bottom_tab = opt.bottom_tab;
    ui.curves_x = std::max(0, curves_axis_index(opt.scenario.curves_x));
    if (!opt.scenario.title.empty()) {
      // A built-in demo counts as shown only on its own problem: `shot --problem SPEC` keeps the demo's
      // runs but not its problem, and the demo box then says "custom".
      ui.demo_name = opt.scenario.name;
      ui.demo_problem = opt.scenario.problem;
      for (const Scenario& d : builtin_scenarios())
        if (d.name == opt.scenario.name) ui.demo_problem = d.problem;
    }
    if (opt.sweep) {
      ui.sweep_optimizer = parse_spec(opt.sweep->optimizer_spec).name;
      for (std::size_t a = 0; a < opt.sweep->axes.size() && a < 2; ++a) ui.sweep_axes[a] = opt.sweep->axes[a];
      ui.sweep_steps = static_cast<int>(std::min<std::int64_t>(opt.sweep->steps, 10'000'000));
    }
    std::vector<double> frame_ms, build_ms, raster_ms, redraw_frames;
    std::shared_ptr<const Snapshot> snap = engine.snapshot();
    auto last = Clock::now();
    auto last_save = Clock::now();
    for (int frame = 0; offscreen ? frame < opt.frames : !window.should_close(); ++frame) {
      const auto t0 = Clock::now();
      window.begin_frame();
      ImGuiIO& io = ImGui::GetIO();
      if (offscreen) {
        io.DisplaySize = ImVec2(static_cast<float>(opt.width), static_cast<float>(opt.height));
        io.DisplayFramebufferScale = ImVec2(1, 1);
      }
      ImGui::NewFrame();
      layers.begin_frame();
      if (offscreen && frame + 1 == opt.frames) layers.invalidate_all();  // the saved picture: all of one moment
      snap = engine.snapshot();  // the latest published picture; never waits for the engine
      const ImTextureID tex = gl_error.empty() ? heatmap.texture(*snap, ui) : ImTextureID{};
      ui::draw_dashboard(*snap, ui, engine, tex);
      // A shot has few frames: let the engine answer the first frames' view requests (the landscape
      // fitted to the panel) before the picture is taken, as a live user would after a moment.
      if (offscreen && frame < 5) engine.sync();
      // ...and let the picture of that view arrive (a costly plane's coarse preview comes first), not the
      // engine's first grid of the problem's default box, which the fitted view overhangs.
      if (offscreen && frame == 4) wait_for_grid_of_view(engine, std::chrono::seconds(20));
      if (!gl_error.empty()) draw_gl_error(gl_error);
      ImGui::Render();
      const auto t_built = Clock::now();
      layers.render_layers(window_background());
      if (offscreen) {
        target->bind();
        clear_to_window_background();
        layers.composite(opt.height);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();  // count the GPU's work in the frame time
        target->unbind();
      } else {
        window.present([&](int fb_height) { layers.composite(fb_height); });
      }
      const auto t1 = Clock::now();
      redraw_frames.push_back(layers.redrawn() > 0 ? 1.0 : 0.0);
      frame_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      build_ms.push_back(std::chrono::duration<double, std::milli>(t_built - t0).count());
      raster_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t_built).count());
      const double dt = std::chrono::duration<double>(t1 - last).count();
      last = t1;
      if (dt > 0) ui.ui_fps = 0.9 * ui.ui_fps + 0.1 / dt;
      // Never lose a session: autosave every few seconds (a tiny JSON file, written atomically).
      if (!offscreen && t1 - last_save > std::chrono::seconds(5)) {
        save_session(*snap, ui, &ui.session_error);
        last_save = t1;
      }
    }
    if (!offscreen) {
      if (save_session(*engine.snapshot(), ui, &ui.session_error))
        std::fprintf(stderr, "signlab: session saved to %s (reopen with: signlab --scenario last)\n",
                     last_session_path().c_str());
    }

    if (offscreen) {
      std::vector<std::uint8_t> rgba = target->read_pixels();
      std::string err;
      if (!write_png_rgba(*opt.png, opt.width, opt.height, rgba, &err)) throw std::runtime_error(err);
      if (opt.layout_json) write_layout(*opt.layout_json, ui, *snap);
      if (opt.stats) {
        // The first frames build fonts and textures: leave them out of the steady-state figures.
        const std::size_t skip = std::min<std::size_t>(5, frame_ms.size() / 2);
        auto steady_of = [&](const std::vector<double>& v) { return std::vector<double>(v.begin() + skip, v.end()); };
        const std::vector<double> steady = steady_of(frame_ms);
        nlohmann::json j = {{"frames", static_cast<int>(frame_ms.size())},
                            {"width", opt.width},
                            {"height", opt.height},
                            {"runs", static_cast<int>(snap->runs.size())},
                            {"frame_ms_median", percentile(steady, 0.5)},
                            {"frame_ms_p99", percentile(steady, 0.99)},
                            // Where the frame goes: building the draw lists (UI thread, CPU) and
                            // rasterising them (GL, glFinish included).
                            {"build_ms_median", percentile(steady_of(build_ms), 0.5)},
                            {"raster_ms_median", percentile(steady_of(raster_ms), 0.5)},
                            // Share of frames that redrew a cached layer (the others only copy them in).
                            {"layer_redraw_share", mean(steady_of(redraw_frames))},
                            // null when the shot was too short to measure it (under 2 s of stepping)
                            {"engine_steps_per_s", snap->engine_steps_per_s ? nlohmann::json(*snap->engine_steps_per_s)
                                                                            : nlohmann::json()},
                            {"vertices", ImGui::GetIO().MetricsRenderVertices},
                            {"draw_calls", draw_calls(ImGui::GetDrawData())}};
        std::printf("%s\n", j.dump().c_str());
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "signlab: %s\n", e.what());
    return 1;
  }
}

}  // namespace signlab::gui
