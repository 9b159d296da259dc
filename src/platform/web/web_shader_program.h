// Compiling and linking the GLSL ES 3.0 programs embedded from shaders/ ("#version 300 es" is prefixed
// here, because WebGL2 needs it on the first line and the embedded sources start with comments).
#pragma once

#include <GLES3/gl3.h>

#include <string>

namespace roadbook::web {

// The linked program, or 0 with the driver's reason in `error` (`name` says which program it was).
GLuint LinkShaderProgram(const char* name, const char* vertex_source, const char* fragment_source, std::string& error);

}  // namespace roadbook::web
