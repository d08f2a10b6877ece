#pragma once
// The oracle controls under the Problem window: exact gradients, or Gaussian or heavy-tailed (Student-t)
// noise with its scale, degrees of freedom, finite-sum size and curvature spread, and the seed of the
// samples. Every run sees the same samples; applying a change restarts the runs (cmd::SetOracle).
#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Recorded items: "noise_kind", "noise_param:<key>", "noise_seed", "noise_apply".
void noise_controls(const Snapshot& snapshot, UiState& ui, CommandSink& sink);

}  // namespace signlab::ui
