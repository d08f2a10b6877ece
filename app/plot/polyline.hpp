#pragma once
// Polylines for drawing. Simplification: software GL (Mesa llvmpipe) pays about as much for a thin
// triangle as for thousands of pixels, and a trajectory or a converged loss curve sampled every
// pixel is mostly straight (pure function). Stroking: ImGui 1.86's thick polyline joins segments by
// averaging their normals, which collapses to zero width where a path turns back on itself (a sign
// method's zig-zag, a noisy path): the path is cut there and each piece drawn on its own.
#include <imgui.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace signlab::plot {

// Writes to `out` a subset of pts[0..n) (first and last always kept, order kept) such that every
// dropped point lies within `tol` of the segment between the two kept points around it (sleeve
// fitting: a point is dropped while it stays inside the cone of directions that keeps all points
// since the last kept one within `tol`, and its distance from that point does not shrink).
// With `tol` a fraction of a pixel the drawn line looks the same. `out` must not alias `pts`.
void simplify_polyline(const ImVec2* pts, std::size_t n, float tol, std::vector<ImVec2>& out);

// Cuts pts[0..n) at every vertex where the direction turns by more than 90° (zero-length segments
// keep the previous direction): pieces [from, to] (inclusive, consecutive pieces share their cut
// vertex), appended to `pieces`. Within a piece ImGui's mitred joins stay at most √2 times as wide as
// the line; a turn beyond 90° would make them up to 100 times wider or, turning back, zero wide.
void split_at_sharp_turns(const ImVec2* pts, int n, std::vector<std::pair<int, int>>& pieces);

// Draws pts[0..n) as a line of `width` pixels in `col` that keeps its width at reversals: cut by
// split_at_sharp_turns, each piece one AddPolyline, the cut ends extended by half the width (square
// caps, so an obtuse corner shows no notch). `scratch` holds the extended pieces (reused). With
// `anti_aliased` false the list's anti-aliasing is off for these lines (an outline under a coloured
// line needs none: a third of the triangles). An outline pass and a colour pass over the same
// points cut at the same vertices, so the outline never shows through the colour.
void stroke_polyline(ImDrawList* dl, const ImVec2* pts, int n, ImU32 col, float width, bool anti_aliased,
                     std::vector<ImVec2>& scratch);

}  // namespace signlab::plot
