#pragma once
// PNG export (heat maps, GUI screenshots), through stb_image_write.
#include <cstdint>
#include <string>
#include <vector>

namespace signlab {

// Writes a w×h image whose pixels are given top row first, 4 bytes (RGBA) per pixel.
// On failure returns false and, when `error` is non-null, sets it to one line naming the path
// and the reason (bad size, cannot open: <system reason>, write failed).
bool write_png_rgba(const std::string& path, int w, int h, const std::vector<std::uint8_t>& rgba,
                    std::string* error);

// Same for 3 bytes (RGB) per pixel.
bool write_png_rgb(const std::string& path, int w, int h, const std::vector<std::uint8_t>& rgb,
                   std::string* error);

}  // namespace signlab
