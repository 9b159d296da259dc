// Compiles and links an embedded vertex and fragment shader pair (see the header).
#include "platform/web/web_shader_program.h"

namespace roadbook::web {
namespace {

GLuint Compile(const char* name, GLenum type, const char* source, std::string& error) {
    const std::string text = std::string("#version 300 es\n") + source;
    const char* pointer = text.c_str();
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &pointer, nullptr);
    glCompileShader(shader);
    GLint compiled = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
    if (compiled != GL_TRUE) {
        char log[512] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        error = std::string(name) + (type == GL_VERTEX_SHADER ? " vertex" : " fragment") + " shader: " + log;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

}  // namespace

GLuint LinkShaderProgram(const char* name, const char* vertex_source, const char* fragment_source, std::string& error) {
    GLuint vertex = Compile(name, GL_VERTEX_SHADER, vertex_source, error);
    GLuint fragment = vertex ? Compile(name, GL_FRAGMENT_SHADER, fragment_source, error) : 0;
    GLuint program = 0;
    if (vertex && fragment) {
        program = glCreateProgram();
        glAttachShader(program, vertex);
        glAttachShader(program, fragment);
        glLinkProgram(program);
        GLint linked = GL_FALSE;
        glGetProgramiv(program, GL_LINK_STATUS, &linked);
        if (linked != GL_TRUE) {
            char log[512] = {};
            glGetProgramInfoLog(program, sizeof log, nullptr, log);
            error = std::string(name) + " program did not link: " + log;
            glDeleteProgram(program);
            program = 0;
        }
    }
    if (vertex) glDeleteShader(vertex);
    if (fragment) glDeleteShader(fragment);
    return program;
}

}  // namespace roadbook::web
