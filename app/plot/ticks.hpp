#pragma once
// Tick positions and labels for plot axes: "nice" linear ticks (steps of 1, 2, 5 × 10^k) and log10
// ticks (decades, with 2 and 5 sub-ticks when only a few decades are shown). Pure functions, no ImGui.
#include <string>
#include <vector>

namespace signlab::plot {

struct Tick {
  double value = 0.0;
  bool major = true;   // majors get a label and a stronger grid line
  std::string label;   // empty for unlabelled minor ticks
};

// The smallest step of the form {1, 2, 5} × 10^k that gives at most max_ticks ticks over `span`.
// Returns 0 for a non-positive or non-finite span.
double nice_step(double span, int max_ticks);

// Ticks at every multiple of nice_step(hi − lo, max_ticks) inside [lo, hi] (bounds in either order).
// A degenerate range gives one tick at lo; non-finite bounds give none.
std::vector<Tick> linear_ticks(double lo, double hi, int max_ticks = 8);

// Ticks for a log10 axis over [lo, hi], 0 < lo < hi: labelled decades (every k-th decade when there
// are more than max_major; the skipped decades become minor ticks), plus 2·10^k and 5·10^k minor ticks
// when the axis spans at most 3 decades (labelled when it spans under 2). Less than one decade falls
// back to linear ticks. Invalid bounds give none.
std::vector<Tick> log_ticks(double lo, double hi, int max_major = 8);

// Label of a linear tick v on an axis with tick spacing `step` whose largest |bound| is `magnitude`:
// as few digits as the step needs; scientific ("2.5e-4", "1e6") when magnitude >= 1e5 or < 1e-2.
std::string format_tick(double v, double step, double magnitude);

// A compact number with at most `significant` significant digits: plain for magnitudes from 0.01 to
// 99999 ("0.5", "100", "0.01"), scientific otherwise ("1e-3", "2.5e6"); "nan", "inf", "-inf".
std::string format_number(double v, int significant = 3);
// Whole numbers with thousands separators, "12345678" → "12,345,678" (read from across the room).
std::string format_grouped(long long v);

}  // namespace signlab::plot
