#pragma once
// Polyline simplification for drawing: software GL (Mesa llvmpipe) pays about as much for a thin
// triangle as for thousands of pixels, and a trajectory or a converged loss curve sampled every
// pixel is mostly straight. Pure function, no drawing.
#include <imgui.h>

#include <cstddef>
#include <vector>

namespace signlab::plot {

// Writes to `out` a subset of pts[0..n) (first and last always kept, order kept) such that every
// dropped point lies within `tol` of the segment between the two kept points around it (sleeve
// fitting: a point is dropped while it stays inside the cone of directions that keeps all points
// since the last kept one within `tol`, and its distance from that point does not shrink).
// With `tol` a fraction of a pixel the drawn line looks the same. `out` must not alias `pts`.
void simplify_polyline(const ImVec2* pts, std::size_t n, float tol, std::vector<ImVec2>& out);

}  // namespace signlab::plot
