#pragma once
// The GLSL sources of shaders/, embedded into the binary at build time by cmake/embed_shaders.cmake
// (which generates the definition of embedded_shaders()).
#include <cstring>
#include <string_view>
#include <vector>

namespace signlab::gfx {

struct EmbeddedShader {
  const char* name;    // file name under shaders/, e.g. "heatmap.frag"
  const char* source;  // the file's text
};

// Every file of shaders/ (*.vert, *.frag, *.glsl), sorted by name.
const std::vector<EmbeddedShader>& embedded_shaders();

// The embedded shader called `name` (file name, e.g. "heatmap.vert"), or nullptr when there is none.
inline const EmbeddedShader* find_embedded_shader(std::string_view name) {
  for (const EmbeddedShader& s : embedded_shaders()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

}  // namespace signlab::gfx
