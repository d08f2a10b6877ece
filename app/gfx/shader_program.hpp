#pragma once
// A GL program compiled and linked from two embedded shaders (shaders/*.vert + shaders/*.frag).
// Needs a current GL 3.3 core context for everything except the default constructor.
#include <string>

namespace signlab::gfx {

class ShaderProgram {
 public:
  ShaderProgram() = default;
  ~ShaderProgram();
  ShaderProgram(ShaderProgram&& other) noexcept;
  ShaderProgram& operator=(ShaderProgram&& other) noexcept;
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  // Compiles and links the embedded shaders named `vertex_name` and `fragment_name` (file names
  // under shaders/). On failure returns false, keeps no program, and sets *error (when non-null) to
  // a message naming the file(s) and carrying the driver's info log.
  bool build(const char* vertex_name, const char* fragment_name, std::string* error);

  // Same from explicit sources; the names are only used in error messages.
  bool build_from_source(const char* vertex_name, const char* vertex_source, const char* fragment_name,
                         const char* fragment_source, std::string* error);

  bool valid() const { return program_ != 0; }
  unsigned id() const { return program_; }
  // glGetUniformLocation on this program (-1 when absent or optimised away).
  int uniform(const char* name) const;
  // Deletes the program (no-op when there is none).
  void release();

 private:
  unsigned program_ = 0;
};

}  // namespace signlab::gfx
