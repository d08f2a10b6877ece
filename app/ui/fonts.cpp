#include "app/ui/fonts.hpp"

#include <cstdio>

namespace signlab::ui {

const ImWchar* ui_glyph_ranges() {
  // Each block is one the texts draw from (tests/ui/glyphs_test.cpp checks every string the UI shows):
  // the whole of a block, so a new symbol from it needs no edit here.
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1 (², ·, ±, ×)
      0x0100, 0x017F,  // Latin Extended-A (ĝ)
      0x0300, 0x036F,  // combining diacritics (U+0304 macron in λ̄)
      0x0370, 0x03FF,  // Greek (β, λ, ρ, σ, φ, ν)
      0x1D00, 0x1DBF,  // phonetic extensions (ᵀ, superscript letters)
      0x2000, 0x209F,  // punctuation (—, –, ‖, …), super- and subscripts (₁, ₂, ⁻)
      0x2100, 0x214F,  // letterlike symbols (ℓ)
      0x2190, 0x22FF,  // arrows, mathematical operators (∇, ∞, √, ≤, ≈)
      0x25A0, 0x25FF,  // geometric shapes
      0,
  };
  return ranges;
}

bool load_ui_font(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  if (std::FILE* f = std::fopen(kUiFontPath, "rb")) {
    std::fclose(f);
    io.Fonts->AddFontFromFileTTF(kUiFontPath, 16.0f * scale, nullptr, ui_glyph_ranges());
    return true;
  }
  io.Fonts->AddFontDefault();
  return false;
}

}  // namespace signlab::ui
