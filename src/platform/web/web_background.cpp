// Compiles the embedded background shaders (prefixing "#version 300 es", which WebGL2 needs on the first
// line) and draws one full-screen triangle.
#include "platform/web/web_background.h"

#include <GLES3/gl3.h>

#include <string>

#include "background_shaders.h"

namespace roadbook::web {
namespace {

GLuint g_program = 0;
GLuint g_vertex_array = 0;
GLint g_top_location = -1;
GLint g_bottom_location = -1;
std::string g_error;

GLuint Compile(GLenum type, const char* source) {
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
        g_error = std::string("background shader: ") + log;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

void SetColor(GLint location, ImU32 color) {
    const ImVec4 rgba = ImGui::ColorConvertU32ToFloat4(color);
    glUniform3f(location, rgba.x, rgba.y, rgba.z);
}

}  // namespace

bool InitBackground(const char** error) {
    GLuint vertex = Compile(GL_VERTEX_SHADER, embedded::k_background_vert_glsl);
    GLuint fragment = vertex ? Compile(GL_FRAGMENT_SHADER, embedded::k_background_frag_glsl) : 0;
    if (vertex && fragment) {
        g_program = glCreateProgram();
        glAttachShader(g_program, vertex);
        glAttachShader(g_program, fragment);
        glLinkProgram(g_program);
        GLint linked = GL_FALSE;
        glGetProgramiv(g_program, GL_LINK_STATUS, &linked);
        if (linked != GL_TRUE) {
            g_error = "background shader: the program did not link";
            glDeleteProgram(g_program);
            g_program = 0;
        }
    }
    if (vertex) glDeleteShader(vertex);
    if (fragment) glDeleteShader(fragment);
    if (g_program == 0) {
        *error = g_error.c_str();
        return false;
    }
    g_top_location = glGetUniformLocation(g_program, "u_top_color");
    g_bottom_location = glGetUniformLocation(g_program, "u_bottom_color");
    glGenVertexArrays(1, &g_vertex_array);  // empty: the vertex shader needs no attributes
    return true;
}

bool DrawBackground(ImU32 top_color, ImU32 bottom_color) {
    if (g_program == 0) return false;
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(g_program);
    SetColor(g_top_location, top_color);
    SetColor(g_bottom_location, bottom_color);
    glBindVertexArray(g_vertex_array);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
    return true;
}

}  // namespace roadbook::web
