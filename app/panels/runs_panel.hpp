#pragma once
// The "Runs" window: play/pause/step/reset, the speed, and one block per run with its state, metrics
// and live hyperparameter sliders; an "Add run" combo at the bottom.
#include "app/ui/ui_state.hpp"
#include "core/engine/commands.hpp"
#include "core/engine/snapshot.hpp"
#include "core/spec/param_spec.hpp"

namespace signlab::ui {

void runs_panel(const Snapshot& snapshot, UiState& ui, CommandSink& sink);

// The widget for one registry parameter, shared by the run and problem panels: a slider in log10 space
// showing the real value (Scale::Log), a checkbox (Toggle), an integer slider (Integer) or a plain
// slider (Linear); a typed field (clamped to the range) for Entry::Typed and for ranges no ImGui slider
// can show; ParamSpec::help as tooltip. Returns true when the user changed `value` (rounded to
// what the slider shows and clamped to [min, max]).
bool param_slider(const ParamSpec& p, double& value);

}  // namespace signlab::ui
