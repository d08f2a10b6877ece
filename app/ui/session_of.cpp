#include "app/ui/session_of.hpp"

#include <algorithm>
#include <iterator>

namespace signlab::ui {

Scenario session_of(const Snapshot& s, const UiState& ui) {
  Scenario sc;
  sc.problem = s.problem_spec;
  for (const auto& r : s.runs) {
    sc.optimizers.push_back(r.spec);
    sc.steps = std::max<long long>(sc.steps, r.step);
  }
  // Saved during the replay of a session: that session, not the moment of its replay.
  if (s.replay_left > 0) sc.steps = std::max<long long>(sc.steps, s.replay_total);
  // A session left after more steps reopens at the most a session replays (the rest would take as long
  // again as it took to get there).
  sc.steps = std::min(sc.steps, kMaxSessionSteps);
  // A large-d start is the problem's default unless Ctrl+click moved it; it is not worth megabytes of JSON
  // every autosave, so only small problems keep a custom start across sessions.
  if (s.start_point().size() <= kRunViewCoords) sc.start = s.start_point();
  sc.steps_per_s = s.steps_per_s;
  sc.playing = s.playing;
  sc.noise = s.noise_spec;
  sc.seed = s.seed;
  if (ui.curves_x >= 0 && ui.curves_x < static_cast<int>(std::size(kCurvesAxes))) sc.curves_x = kCurvesAxes[ui.curves_x];
  return sc;
}

}  // namespace signlab::ui
