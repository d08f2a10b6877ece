#pragma once
// The UI font: DejaVu Sans (Debian's fonts-dejavu-core) with the glyph ranges every UI text uses, so
// the window and the headless tests build the same atlas.
#include <imgui.h>

namespace signlab::ui {

// Where the font file is.
constexpr const char* kUiFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// The Unicode ranges baked into the atlas (zero-terminated pairs): Latin, combining marks (λ̄ is
// λ + U+0304), Greek, subscripts and superscripts, arrows, mathematical operators, box shapes.
const ImWchar* ui_glyph_ranges();

// Adds the UI font at 16 px × scale to the current context's atlas. Returns false (and adds ImGui's
// built-in font, ASCII only) when the file is missing; the caller says so.
bool load_ui_font(float scale);

}  // namespace signlab::ui
