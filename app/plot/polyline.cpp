#include "app/plot/polyline.hpp"

#include <algorithm>
#include <cmath>

namespace signlab::plot {
namespace {

inline float cross(ImVec2 a, ImVec2 b) { return a.x * b.y - a.y * b.x; }

// The state of one sleeve: the last kept point, the cone of directions from it that keep every
// point since within tol of the line, and the greatest distance reached.
struct Sleeve {
  ImVec2 anchor;
  bool has_cone = false;
  ImVec2 left, right;  // unit vectors: the cone runs counter-clockwise from `right` to `left`
  float far = 0.0f;

  void reset(ImVec2 a) {
    anchor = a;
    has_cone = false;
    far = 0.0f;
  }

  // Whether p can be the end of the current segment; if so, narrows the cone by p's own sleeve.
  bool accept(ImVec2 p, float tol) {
    const float dx = p.x - anchor.x, dy = p.y - anchor.y;
    const float d = std::sqrt(dx * dx + dy * dy);
    if (d <= tol) {
      if (far > tol) return false;  // came back to the anchor: the far points would be lost
      far = std::max(far, d);
      return true;
    }
    // Turned back (even a little): a dropped point beyond the segment's end could lie up to √2·tol
    // from it.
    if (d < far) return false;
    const ImVec2 u(dx / d, dy / d);
    if (has_cone && (cross(right, u) < 0.0f || cross(u, left) < 0.0f)) return false;
    const float s = tol / d, c = std::sqrt(std::max(0.0f, 1.0f - s * s));
    const ImVec2 l(u.x * c - u.y * s, u.x * s + u.y * c);  // u turned by +asin(tol/d)
    const ImVec2 r(u.x * c + u.y * s, -u.x * s + u.y * c);  // and by -asin(tol/d)
    if (!has_cone) {
      left = l;
      right = r;
      has_cone = true;
    } else {
      if (cross(l, left) > 0.0f) left = l;    // the narrower of the two
      if (cross(right, r) > 0.0f) right = r;
    }
    far = std::max(far, d);
    return true;
  }
};

}  // namespace

void simplify_polyline(const ImVec2* pts, std::size_t n, float tol, std::vector<ImVec2>& out) {
  out.clear();
  if (n == 0) return;
  out.push_back(pts[0]);
  if (n == 1) return;
  if (!(tol > 0.0f)) {
    out.assign(pts, pts + n);
    return;
  }
  Sleeve sleeve;
  sleeve.reset(pts[0]);
  ImVec2 last = pts[0];
  for (std::size_t i = 1; i < n; ++i) {
    if (!sleeve.accept(pts[i], tol)) {
      out.push_back(last);
      sleeve.reset(last);
      sleeve.accept(pts[i], tol);  // always accepted from a fresh anchor
    }
    last = pts[i];
  }
  out.push_back(last);
}

void split_at_sharp_turns(const ImVec2* pts, int n, std::vector<std::pair<int, int>>& pieces) {
  if (n < 2) return;
  int from = 0;
  ImVec2 dir(0, 0);  // the last non-zero segment direction (unnormalised)
  bool have_dir = false;
  int corner = 0;  // where that segment ended
  for (int i = 1; i < n; ++i) {
    const ImVec2 d(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    if (d.x == 0.0f && d.y == 0.0f) continue;
    // Turned by more than 90° at the corner: the dot product of the directions is negative.
    if (have_dir && dir.x * d.x + dir.y * d.y < 0.0f && corner > from) {
      pieces.emplace_back(from, corner);
      from = corner;
    }
    dir = d;
    have_dir = true;
    corner = i;
  }
  pieces.emplace_back(from, n - 1);
}

void stroke_polyline(ImDrawList* dl, const ImVec2* pts, int n, ImU32 col, float width, bool anti_aliased,
                     std::vector<ImVec2>& scratch) {
  if (n < 2) return;
  std::vector<std::pair<int, int>> pieces;
  split_at_sharp_turns(pts, n, pieces);
  const ImDrawListFlags flags = dl->Flags;
  if (!anti_aliased) dl->Flags &= ~ImDrawListFlags_AntiAliasedLines;
  const float half = 0.5f * width;
  // scratch[end] moved by `half` away from the first point towards `step` (±1) that differs from it.
  auto extend = [&](std::size_t end, int step) {
    const ImVec2 p = scratch[end];
    for (std::size_t j = end + step; j < scratch.size(); j += step) {
      const float dx = p.x - scratch[j].x, dy = p.y - scratch[j].y;
      const float len = std::sqrt(dx * dx + dy * dy);
      if (len > 0.0f) return ImVec2(p.x + dx / len * half, p.y + dy / len * half);
    }
    return p;
  };
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const auto [from, to] = pieces[k];
    if (pieces.size() == 1) {
      dl->AddPolyline(pts + from, to - from + 1, col, 0, width);
      break;
    }
    scratch.assign(pts + from, pts + to + 1);
    // Square caps at the cuts (not at the path's own ends, which stay where the data put them).
    const ImVec2 head = k > 0 ? extend(0, 1) : scratch.front();
    const ImVec2 tail = k + 1 < pieces.size() ? extend(scratch.size() - 1, -1) : scratch.back();
    scratch.front() = head;
    scratch.back() = tail;
    dl->AddPolyline(scratch.data(), static_cast<int>(scratch.size()), col, 0, width);
  }
  dl->Flags = flags;
}

}  // namespace signlab::plot
