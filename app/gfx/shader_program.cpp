#include "app/gfx/shader_program.hpp"

#include <epoxy/gl.h>

#include <utility>

#include "app/gfx/embedded_shaders.hpp"

namespace signlab::gfx {
namespace {

std::string shader_log(GLuint shader) {
  GLint len = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
  if (len <= 1) return "(the driver gave no log)";
  std::string log(static_cast<std::size_t>(len), '\0');
  GLsizei written = 0;
  glGetShaderInfoLog(shader, len, &written, log.data());
  log.resize(static_cast<std::size_t>(written));
  while (!log.empty() && (log.back() == '\n' || log.back() == '\0')) log.pop_back();
  return log;
}

std::string program_log(GLuint program) {
  GLint len = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
  if (len <= 1) return "(the driver gave no log)";
  std::string log(static_cast<std::size_t>(len), '\0');
  GLsizei written = 0;
  glGetProgramInfoLog(program, len, &written, log.data());
  log.resize(static_cast<std::size_t>(written));
  while (!log.empty() && (log.back() == '\n' || log.back() == '\0')) log.pop_back();
  return log;
}

// Returns the shader, or 0 with *error set.
GLuint compile(GLenum type, const char* name, const char* source, std::string* error) {
  const GLuint shader = glCreateShader(type);
  if (shader == 0) {
    if (error) *error = std::string("shaders/") + name + ": glCreateShader failed (no current GL context?)";
    return 0;
  }
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    if (error) *error = std::string("shaders/") + name + ": compile failed:\n" + shader_log(shader);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

ShaderProgram::~ShaderProgram() { release(); }

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept : program_(std::exchange(other.program_, 0)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
  if (this != &other) {
    release();
    program_ = std::exchange(other.program_, 0);
  }
  return *this;
}

void ShaderProgram::release() {
  if (program_ != 0) glDeleteProgram(program_);
  program_ = 0;
}

int ShaderProgram::uniform(const char* name) const {
  return program_ != 0 ? glGetUniformLocation(program_, name) : -1;
}

bool ShaderProgram::build(const char* vertex_name, const char* fragment_name, std::string* error) {
  const EmbeddedShader* vs = find_embedded_shader(vertex_name);
  const EmbeddedShader* fs = find_embedded_shader(fragment_name);
  if (!vs || !fs) {
    std::string missing;
    if (!vs) missing += std::string("shaders/") + vertex_name;
    if (!fs) missing += std::string(missing.empty() ? "" : " and ") + "shaders/" + fragment_name;
    if (error) *error = missing + ": not embedded in this binary (is the file missing from shaders/?)";
    release();
    return false;
  }
  return build_from_source(vs->name, vs->source, fs->name, fs->source, error);
}

bool ShaderProgram::build_from_source(const char* vertex_name, const char* vertex_source,
                                      const char* fragment_name, const char* fragment_source,
                                      std::string* error) {
  release();
  std::string vs_error, fs_error;
  const GLuint vs = compile(GL_VERTEX_SHADER, vertex_name, vertex_source, &vs_error);
  const GLuint fs = compile(GL_FRAGMENT_SHADER, fragment_name, fragment_source, &fs_error);
  if (vs == 0 || fs == 0) {
    if (error) {
      *error = vs_error;
      if (!vs_error.empty() && !fs_error.empty()) *error += "\n";
      *error += fs_error;
    }
    if (vs) glDeleteShader(vs);
    if (fs) glDeleteShader(fs);
    return false;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDetachShader(program, vs);
  glDetachShader(program, fs);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    if (error) {
      *error = std::string("shaders/") + vertex_name + " + shaders/" + fragment_name + ": link failed:\n" +
               program_log(program);
    }
    glDeleteProgram(program);
    return false;
  }
  program_ = program;
  return true;
}

}  // namespace signlab::gfx
