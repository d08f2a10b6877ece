#pragma once
// Cached layers: parts of the picture that change less often than the frame rate (a plot whose data
// moves on, a heat map that changes only with the view) are drawn once into a texture by the GL front
// end and copied into later frames. Software GL (Mesa llvmpipe) pays for every shaded pixel and every
// triangle, so a plot redrawn at 20 Hz instead of every frame costs a third as much or less.
//
// Widgets see only LayerHost (no GL here): null in headless tests, where everything is drawn directly.
// When a layer must be redrawn is decided by LayerSchedule, a small pure class tested without GL.
#include <imgui.h>

#include <cstdint>
#include <vector>

namespace signlab::plot {

// What a cached picture depends on. A change of `x0..y1` (window moved or resized), `scale`
// (framebuffer pixels per unit) or `style` (theme, font, anti-aliasing) makes the picture wrong at
// once; a change of `content` (the data: e.g. the snapshot sequence number) makes it merely old.
struct LayerInputs {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // screen rectangle, whole pixels
  float scale = 1.0f;
  std::uint64_t style = 0;
  std::uint64_t content = 0;
};

class LayerSchedule {
 public:
  // Whether the picture must be redrawn at time `now` (seconds): always when there is none yet or
  // its place, scale or style changed; when only the content changed, once `min_interval` has passed
  // since the last redraw and `budget` allows it (the front end lets one such redraw happen per
  // frame, so two plots do not both redraw in the same frame).
  bool due(const LayerInputs& in, double now, double min_interval, bool budget) const;
  // True when a redraw would be forced (no picture, or place, scale or style changed): no budget needed.
  bool stale(const LayerInputs& in) const;
  // Records that the picture was redrawn from `in` at `now`.
  void drawn(const LayerInputs& in, double now);
  // Forgets the picture (its texture was lost or freed): the next due() is true.
  void invalidate() { valid_ = false; }
  bool valid() const { return valid_; }

 private:
  bool valid_ = false;
  LayerInputs last_;
  double drawn_at_ = 0.0;
};

// Decides, frame by frame, which cached layers are redrawn. Redraws forced by a stale picture
// (LayerSchedule::stale) happen at once. Redraws asked for by new content alone are spread out: at
// most one every `spacing` frames for all layers together, each layer at most once per
// `min_interval` seconds, and the layer whose picture is oldest goes first (no layer starves).
class LayerScheduler {
 public:
  LayerScheduler(double min_interval, int spacing)
      : min_interval_(min_interval), spacing_(spacing < 1 ? 1 : spacing) {}
  // Starts a frame at time `now` (seconds): picks the layer that may redraw for new content.
  void begin_frame(double now);
  // Layer `id` is shown this frame with inputs `in`: true when it must be redrawn now (it is then
  // recorded as drawn from `in`).
  bool request(ImGuiID id, const LayerInputs& in);
  // The picture of layer `id` is gone or out of date (drawn live, texture lost): redrawn when next
  // requested.
  void drop(ImGuiID id);
  long long frame() const { return frame_; }

 private:
  struct Entry {
    ImGuiID id = 0;
    LayerSchedule schedule;
    double drawn_at = 0.0;
    bool dirty = false;       // its content changed since its picture was drawn
    bool requested = false;   // requested in the current frame
    bool recent = false;      // requested in the previous frame
  };
  Entry& entry(ImGuiID id);

  double min_interval_;
  int spacing_;
  double now_ = 0.0;
  long long frame_ = 0;
  long long last_content_redraw_ = -1;  // frame of the last content-driven redraw (-1: none)
  ImGuiID next_ = 0;                    // the layer allowed a content-driven redraw this frame
  bool has_next_ = false;
  std::vector<Entry> entries_;
};

// A fingerprint of what the look of anything drawn by ImGui depends on: the style's colours and
// sizes, the anti-aliasing flags, the font and its size.
std::uint64_t style_fingerprint(const ImGuiStyle& style, const ImFont* font, float font_size);

// Implemented by the GL front end (app/gfx/layer_compositor).
class LayerHost {
 public:
  virtual ~LayerHost() = default;
  // Starts the cached layer `id` over the screen rectangle [min, max) (rounded to whole pixels).
  // Returns the draw list to record the layer into when it must be redrawn this frame, or nullptr when
  // the last picture still holds (then draw nothing). Either way the picture is copied into the frame
  // before ImGui draws: it lies under everything the windows draw, so draw nothing under it yourself.
  // Call it from inside the window the layer belongs to (it takes that window's draw-list flags).
  virtual ImDrawList* layer(ImGuiID id, ImVec2 min, ImVec2 max, std::uint64_t content) = 0;
  // The same for a whole window: `list` is its finished draw list (call after ImGui::End()), covering
  // [min, max). When the layer is due its commands are kept as the new picture; either way `list` is
  // emptied and the cached picture shown in its place.
  virtual void capture(ImGuiID id, ImDrawList* list, ImVec2 min, ImVec2 max, std::uint64_t content) = 0;
  // The widget draws itself directly this frame (the user is interacting with it): the cached
  // picture is out of date from now on and is redrawn the next time the layer is used.
  virtual void drop(ImGuiID id) = 0;
  // Shows an opaque texture over [a, b) (uv0, uv1 as in ImDrawList::AddImage) by copying it into the
  // frame before ImGui draws, under everything; false when the host cannot (draw it yourself then).
  virtual bool underlay_image(ImTextureID texture, ImVec2 a, ImVec2 b, ImVec2 uv0, ImVec2 uv1) = 0;
};

}  // namespace signlab::plot
