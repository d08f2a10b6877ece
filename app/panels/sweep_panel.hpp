#pragma once
// The "Sweep" tab: one optimizer over a grid of one or two of its hyperparameters on the current problem,
// start, noise and seed (cmd::StartSweep), shown as its points finish: the final loss against the value
// (one axis) or as a grid of coloured cells (two axes). A click on a point adds that configuration to the
// race as a run; the best point is marked and can be added with one button.
#include <imgui.h>

#include <string>
#include <vector>

#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

// Fills `size` (<= 0: the available space). Left: the form (optimizer, axes, steps, Run/Cancel, progress,
// the best point); right: the result of snapshot.sweep.
// Recorded items (UiState::note_item): "sweep_optimizer", "sweep_param:<a>", "sweep_run", "sweep_cancel",
// "sweep_add_best", "sweep_plot".
void sweep_panel(const Snapshot& snapshot, UiState& ui, CommandSink& sink, ImVec2 size);

// A first grid for parameter `p`: around the default on a log axis for log-scaled parameters
// (default/100 … default·10, inside the range), the whole range on a linear one.
SweepAxis default_sweep_axis(const ParamSpec& p);

// The SPEC of grid point `index` of `view`: its optimizer SPEC with the swept values set.
std::string sweep_point_spec(const SweepView& view, std::int64_t index);

}  // namespace signlab::ui
