#include "app/gfx/layer_compositor.hpp"

#include <epoxy/gl.h>
#include <backends/imgui_impl_opengl3.h>

#include <cmath>
#include <cstdint>

namespace signlab::gfx {

struct LayerCompositor::Layer {
  explicit Layer(ImGuiID i) : id(i), list(std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData())) {}
  ImGuiID id;
  std::unique_ptr<ImDrawList> list;
  unsigned fbo = 0, texture = 0;
  int w = 0, h = 0;        // texture size (framebuffer pixels)
  ImVec2 min, max;         // display rectangle
  float scale = 1.0f;
  bool pending = false;    // recorded this frame: render_layers() must draw it
};

namespace {

// The texture's size, leaving the 2-D binding as it was.
bool texture_size(unsigned tex, int& w, int& h) {
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glBindTexture(GL_TEXTURE_2D, tex);
  GLint tw = 0, th = 0;
  glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &tw);
  glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, &th);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev));
  w = tw;
  h = th;
  return tw > 0 && th > 0;
}

bool near_whole(float v) { return std::abs(v - std::round(v)) < 0.05f; }

}  // namespace

LayerCompositor::LayerCompositor(double min_interval, int spacing) : scheduler_(min_interval, spacing) {}

LayerCompositor::~LayerCompositor() {
  for (auto& l : layers_) {
    if (l->fbo) glDeleteFramebuffers(1, &l->fbo);
    if (l->texture) glDeleteTextures(1, &l->texture);
  }
  if (read_fbo_) glDeleteFramebuffers(1, &read_fbo_);
}

void LayerCompositor::begin_frame() {
  scheduler_.begin_frame(ImGui::GetTime());
  redrawn_ = 0;
  style_ = plot::style_fingerprint(ImGui::GetStyle(), ImGui::GetFont(), ImGui::GetFontSize());
  copies_.clear();
  for (auto& l : layers_) l->pending = false;
}

LayerCompositor::Layer& LayerCompositor::find(ImGuiID id) {
  for (auto& l : layers_)
    if (l->id == id) return *l;
  layers_.push_back(std::make_unique<Layer>(id));
  return *layers_.back();
}

LayerCompositor::Layer* LayerCompositor::place(ImGuiID id, ImVec2 min, ImVec2 max, std::uint64_t content,
                                                bool& redraw) {
  redraw = false;
  const float scale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
  plot::LayerInputs in;
  in.x0 = static_cast<int>(std::lround(min.x));
  in.y0 = static_cast<int>(std::lround(min.y));
  in.x1 = static_cast<int>(std::lround(max.x));
  in.y1 = static_cast<int>(std::lround(max.y));
  in.scale = scale;
  in.style = style_;
  in.content = content;
  if (in.x1 <= in.x0 || in.y1 <= in.y0) return nullptr;
  Layer& l = find(id);
  if (!l.texture) scheduler_.drop(id);
  redraw = scheduler_.request(id, in);
  l.min = ImVec2(static_cast<float>(in.x0), static_cast<float>(in.y0));
  l.max = ImVec2(static_cast<float>(in.x1), static_cast<float>(in.y1));
  l.scale = scale;
  Copy c;
  c.layer = &l;
  c.a = l.min;
  c.b = l.max;
  c.uv0 = ImVec2(0, 1);  // rendered in GL's orientation: its top is the texture's last row
  c.uv1 = ImVec2(1, 0);
  copies_.push_back(c);
  if (redraw) {
    l.pending = true;
    ++redrawn_;
  }
  return &l;
}

ImDrawList* LayerCompositor::layer(ImGuiID id, ImVec2 min, ImVec2 max, std::uint64_t content) {
  bool redraw = false;
  Layer* l = place(id, min, max, content, redraw);
  if (!l || !redraw) return nullptr;
  ImDrawList& dl = *l->list;
  dl._ResetForNewFrame();
  dl.Flags = ImGui::GetWindowDrawList()->Flags;
  dl.PushTextureID(ImGui::GetIO().Fonts->TexID);
  dl.PushClipRect(l->min, l->max);
  return &dl;
}

void LayerCompositor::capture(ImGuiID id, ImDrawList* list, ImVec2 min, ImVec2 max, std::uint64_t content) {
  if (!list) return;
  bool redraw = false;
  Layer* l = place(id, min, max, content, redraw);
  if (!l) return;
  if (redraw) {
    l->list->_ResetForNewFrame();
    l->list->CmdBuffer = list->CmdBuffer;
    l->list->IdxBuffer = list->IdxBuffer;
    l->list->VtxBuffer = list->VtxBuffer;
  }
  // Nothing left for ImGui to render for this window: its picture comes from the layer.
  list->CmdBuffer.resize(0);
  list->IdxBuffer.resize(0);
  list->VtxBuffer.resize(0);
  list->_VtxCurrentIdx = 0;
  list->_VtxWritePtr = list->VtxBuffer.Data;
  list->_IdxWritePtr = list->IdxBuffer.Data;
}

void LayerCompositor::drop(ImGuiID id) { scheduler_.drop(id); }

void LayerCompositor::invalidate_all() {
  for (auto& l : layers_) scheduler_.drop(l->id);
}

bool LayerCompositor::underlay_image(ImTextureID texture, ImVec2 a, ImVec2 b, ImVec2 uv0, ImVec2 uv1) {
  const auto tex = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(texture));
  int w = 0, h = 0;
  if (!tex || !texture_size(tex, w, h)) return false;
  // Only a pixel-for-pixel copy: a scaled one would round the source rectangle to whole texels.
  const float scale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
  const float sx0 = uv0.x * static_cast<float>(w), sx1 = uv1.x * static_cast<float>(w);
  const float sy0 = uv0.y * static_cast<float>(h), sy1 = uv1.y * static_cast<float>(h);
  const float dw = (b.x - a.x) * scale, dh = (b.y - a.y) * scale;
  if (!near_whole(sx0) || !near_whole(sx1) || !near_whole(sy0) || !near_whole(sy1) || !near_whole(a.x * scale) ||
      !near_whole(a.y * scale) || std::abs(std::abs(sx1 - sx0) - dw) > 0.05f || std::abs(std::abs(sy1 - sy0) - dh) > 0.05f)
    return false;
  Copy c;
  c.texture = tex;
  c.a = a;
  c.b = b;
  c.uv0 = uv0;
  c.uv1 = uv1;
  copies_.push_back(c);
  return true;
}

bool LayerCompositor::ensure_target(Layer& l, int w, int h) {
  if (l.fbo && l.texture && l.w == w && l.h == h) return true;
  GLint prev_tex = 0, prev_draw = 0, prev_read = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);
  if (!l.texture) glGenTextures(1, &l.texture);
  glBindTexture(GL_TEXTURE_2D, l.texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  if (!l.fbo) glGenFramebuffers(1, &l.fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, l.fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, l.texture, 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev_tex));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));
  if (!complete) {
    glDeleteFramebuffers(1, &l.fbo);
    glDeleteTextures(1, &l.texture);
    l.fbo = l.texture = 0;
    l.w = l.h = 0;
    scheduler_.drop(l.id);
    return false;
  }
  l.w = w;
  l.h = h;
  return true;
}

void LayerCompositor::render_layers(const ImVec4& background) {
  GLint prev_draw = 0, prev_read = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);
  GLfloat prev_clear[4];
  glGetFloatv(GL_COLOR_CLEAR_VALUE, prev_clear);
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
  for (auto& lp : layers_) {
    Layer& l = *lp;
    if (!l.pending) continue;
    l.pending = false;
    const ImVec2 size(l.max.x - l.min.x, l.max.y - l.min.y);
    const int w = static_cast<int>(size.x * l.scale), h = static_cast<int>(size.y * l.scale);
    if (w <= 0 || h <= 0 || !ensure_target(l, w, h)) continue;
    glBindFramebuffer(GL_FRAMEBUFFER, l.fbo);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    l.list->_PopUnusedDrawCmd();
    ImDrawList* lists[] = {l.list.get()};
    ImDrawData dd;
    dd.Valid = true;
    dd.CmdLists = lists;
    dd.CmdListsCount = 1;
    dd.TotalVtxCount = l.list->VtxBuffer.Size;
    dd.TotalIdxCount = l.list->IdxBuffer.Size;
    dd.DisplayPos = l.min;
    dd.DisplaySize = size;
    dd.FramebufferScale = ImVec2(l.scale, l.scale);
    ImGui_ImplOpenGL3_RenderDrawData(&dd);
  }
  if (scissor) glEnable(GL_SCISSOR_TEST);
  else glDisable(GL_SCISSOR_TEST);
  glClearColor(prev_clear[0], prev_clear[1], prev_clear[2], prev_clear[3]);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));
}

void LayerCompositor::composite(int fb_height) {
  if (copies_.empty()) return;
  const ImDrawData* frame = ImGui::GetDrawData();
  const ImVec2 pos = frame ? frame->DisplayPos : ImVec2(0, 0);
  const ImVec2 sc = frame ? frame->FramebufferScale : ImVec2(1, 1);
  GLint prev_read = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
  glDisable(GL_SCISSOR_TEST);  // a blit obeys the scissor test
  for (const Copy& c : copies_) {
    int w = 0, h = 0;
    if (c.layer) {
      if (!c.layer->fbo) continue;
      glBindFramebuffer(GL_READ_FRAMEBUFFER, c.layer->fbo);
      w = c.layer->w;
      h = c.layer->h;
    } else {
      if (!texture_size(c.texture, w, h)) continue;
      if (!read_fbo_) glGenFramebuffers(1, &read_fbo_);
      glBindFramebuffer(GL_READ_FRAMEBUFFER, read_fbo_);
      glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, c.texture, 0);
      if (glCheckFramebufferStatus(GL_READ_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) continue;
    }
    // Texture rows: v = 0 is row 0, GL's bottom; screen rows grow downwards, GL's upwards.
    auto r = [](float v) { return static_cast<GLint>(std::lround(v)); };
    const GLint sx0 = r(c.uv0.x * static_cast<float>(w)), sx1 = r(c.uv1.x * static_cast<float>(w));
    const GLint sy_top = r(c.uv0.y * static_cast<float>(h)), sy_bottom = r(c.uv1.y * static_cast<float>(h));
    const GLint dx0 = r((c.a.x - pos.x) * sc.x), dx1 = r((c.b.x - pos.x) * sc.x);
    const GLint dy_top = fb_height - r((c.a.y - pos.y) * sc.y), dy_bottom = fb_height - r((c.b.y - pos.y) * sc.y);
    const bool same_size = std::abs(sx1 - sx0) == std::abs(dx1 - dx0) && std::abs(sy_top - sy_bottom) == std::abs(dy_top - dy_bottom);
    // Listed with increasing source coordinates: an unflipped copy is then recognisable as one.
    if (sy_bottom <= sy_top)
      glBlitFramebuffer(sx0, sy_bottom, sx1, sy_top, dx0, dy_bottom, dx1, dy_top, GL_COLOR_BUFFER_BIT,
                        same_size ? GL_NEAREST : GL_LINEAR);
    else
      glBlitFramebuffer(sx0, sy_top, sx1, sy_bottom, dx0, dy_top, dx1, dy_bottom, GL_COLOR_BUFFER_BIT,
                        same_size ? GL_NEAREST : GL_LINEAR);
  }
  if (read_fbo_) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, read_fbo_);
    glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, 0, 0);
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));
  if (scissor) glEnable(GL_SCISSOR_TEST);
}

}  // namespace signlab::gfx
