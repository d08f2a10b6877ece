#pragma once
// The one-line note under a run in the Runs panel (RunView::note, computed in core): an estimated step
// constant and its cost, or what a fixed one means at the start. Warnings in the warning colour.
#include "core/engine/snapshot.hpp"

namespace signlab::ui {

void run_note(const RunView& r);

}  // namespace signlab::ui
