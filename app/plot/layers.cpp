#include "app/plot/layers.hpp"

#include <cstring>

namespace signlab::plot {
namespace {

// FNV-1a over raw bytes.
std::uint64_t fnv(std::uint64_t h, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

bool LayerSchedule::stale(const LayerInputs& in) const {
  return !valid_ || in.x0 != last_.x0 || in.y0 != last_.y0 || in.x1 != last_.x1 || in.y1 != last_.y1 ||
         in.scale != last_.scale || in.style != last_.style;
}

bool LayerSchedule::due(const LayerInputs& in, double now, double min_interval, bool budget) const {
  if (stale(in)) return true;
  if (in.content == last_.content) return false;
  return budget && now - drawn_at_ >= min_interval;
}

void LayerSchedule::drawn(const LayerInputs& in, double now) {
  valid_ = true;
  last_ = in;
  drawn_at_ = now;
}

LayerScheduler::Entry& LayerScheduler::entry(ImGuiID id) {
  for (Entry& e : entries_)
    if (e.id == id) return e;
  entries_.emplace_back();
  entries_.back().id = id;
  return entries_.back();
}

void LayerScheduler::begin_frame(double now) {
  now_ = now;
  ++frame_;
  has_next_ = false;
  const bool budget = last_content_redraw_ < 0 || frame_ - last_content_redraw_ >= spacing_;
  double oldest = 0.0;
  for (Entry& e : entries_) {
    e.recent = e.requested;
    e.requested = false;
    if (!budget || !e.recent || !e.dirty || now_ - e.drawn_at < min_interval_) continue;
    if (!has_next_ || e.drawn_at < oldest) {
      next_ = e.id;
      oldest = e.drawn_at;
      has_next_ = true;
    }
  }
}

bool LayerScheduler::request(ImGuiID id, const LayerInputs& in) {
  Entry& e = entry(id);
  e.requested = true;
  bool redraw = e.schedule.stale(in);
  if (!redraw && e.schedule.due(in, now_, 0.0, true)) {  // new content
    e.dirty = true;
    // A layer not shown in the last frame cannot have been picked in begin_frame(): it may take a
    // budget nobody was picked for.
    const bool free = !has_next_ && !e.recent && (last_content_redraw_ < 0 || frame_ - last_content_redraw_ >= spacing_);
    if (now_ - e.drawn_at >= min_interval_ && ((has_next_ && next_ == id) || free)) {
      redraw = true;
      last_content_redraw_ = frame_;
      has_next_ = false;
    }
  }
  if (redraw) {
    e.schedule.drawn(in, now_);
    e.drawn_at = now_;
    e.dirty = false;
  }
  return redraw;
}

void LayerScheduler::drop(ImGuiID id) {
  Entry& e = entry(id);
  e.schedule.invalidate();
  e.requested = true;
}

std::uint64_t style_fingerprint(const ImGuiStyle& style, const ImFont* font, float font_size) {
  std::uint64_t h = 14695981039346656037ull;
  h = fnv(h, style.Colors, sizeof style.Colors);
  const float sizes[] = {style.Alpha, style.FrameRounding, style.FrameBorderSize, style.WindowRounding,
                         style.ItemSpacing.x, style.ItemSpacing.y, style.FramePadding.x, style.FramePadding.y,
                         style.CurveTessellationTol, style.CircleTessellationMaxError, font_size};
  h = fnv(h, sizes, sizeof sizes);
  const bool flags[] = {style.AntiAliasedLines, style.AntiAliasedLinesUseTex, style.AntiAliasedFill};
  h = fnv(h, flags, sizeof flags);
  h = fnv(h, &font, sizeof font);
  return h;
}

}  // namespace signlab::plot
