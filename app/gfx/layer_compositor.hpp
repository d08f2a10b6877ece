#pragma once
// The GL side of plot::LayerHost: each cached layer is an ImDrawList rendered by ImGui's OpenGL 3
// backend into its own RGBA8 texture when plot::LayerSchedule says so; every frame, right after the
// clear, the layers shown and the underlay images are copied into the framebuffer with
// glBlitFramebuffer (a plain copy when nothing is scaled), and ImGui's draw data goes on top.
// Needs a current GL 3.3 core context and the ImGui OpenGL 3 backend initialised.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "app/plot/layers.hpp"

namespace signlab::gfx {

class LayerCompositor final : public plot::LayerHost {
 public:
  // `min_interval`: seconds between two redraws of a layer that new content alone asks for;
  // `spacing`: such redraws happen in at most one frame out of `spacing` (all layers together).
  explicit LayerCompositor(double min_interval = 1.0 / 20.0, int spacing = 3);
  ~LayerCompositor() override;  // frees its GL objects (the context must still be current)
  LayerCompositor(const LayerCompositor&) = delete;
  LayerCompositor& operator=(const LayerCompositor&) = delete;

  // Call after ImGui::NewFrame(), before the windows are drawn.
  void begin_frame();
  ImDrawList* layer(ImGuiID id, ImVec2 min, ImVec2 max, std::uint64_t content) override;
  void capture(ImGuiID id, ImDrawList* list, ImVec2 min, ImVec2 max, std::uint64_t content) override;
  void drop(ImGuiID id) override;
  bool underlay_image(ImTextureID texture, ImVec2 a, ImVec2 b, ImVec2 uv0, ImVec2 uv1) override;
  // After ImGui::Render(): renders the layers redrawn this frame into their textures, each cleared
  // first to `background` (opaque: what the frame is cleared to under them).
  void render_layers(const ImVec4& background);
  // With the frame's framebuffer bound (`fb_height` pixels high) and cleared: copies in this frame's
  // layers and underlay images, before ImGui's draw data is rendered on top.
  void composite(int fb_height);

  // Every layer redrawn in the next frame (a screenshot's last frame shows one moment throughout).
  void invalidate_all();

  // Layers redrawn in the current frame (for the frame statistics).
  int redrawn() const { return redrawn_; }

 private:
  struct Layer;
  struct Copy {
    const Layer* layer = nullptr;  // a cached layer, or
    unsigned texture = 0;          // an underlay image
    ImVec2 a, b, uv0, uv1;         // display rectangle and texture coordinates (ImGui's convention)
  };
  Layer& find(ImGuiID id);
  // Places layer `id` over [min, max) this frame (null: an empty rectangle) and says whether it must
  // be redrawn; if so, marks it for render_layers().
  Layer* place(ImGuiID id, ImVec2 min, ImVec2 max, std::uint64_t content, bool& redraw);
  bool ensure_target(Layer& l, int w, int h);

  plot::LayerScheduler scheduler_;
  std::uint64_t style_ = 0;
  int redrawn_ = 0;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Copy> copies_;
  unsigned read_fbo_ = 0;  // underlay textures are attached to it to be read
};

}  // namespace signlab::gfx
