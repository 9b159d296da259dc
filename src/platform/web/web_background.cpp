// The background program (shaders/background.*.glsl) and its one full-screen triangle.
#include "platform/web/web_background.h"

#include <GLES3/gl3.h>

#include <string>

#include "background_shaders.h"
#include "platform/web/web_shader_program.h"

namespace roadbook::web {
namespace {

GLuint g_program = 0;
GLuint g_vertex_array = 0;
GLint g_top_location = -1;
GLint g_bottom_location = -1;
std::string g_error;

void SetColor(GLint location, ImU32 color) {
    const ImVec4 rgba = ImGui::ColorConvertU32ToFloat4(color);
    glUniform3f(location, rgba.x, rgba.y, rgba.z);
}

}  // namespace

bool InitBackground(const char** error) {
    g_program = LinkShaderProgram("background", embedded::k_background_vert_glsl, embedded::k_background_frag_glsl,
                                  g_error);
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
