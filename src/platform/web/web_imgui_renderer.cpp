// Dear ImGui's draw data on WebGL2 (see the header). Every draw list of a frame goes into one vertex buffer
// and one index buffer: indices become 32-bit and absolute, so no draw needs a base vertex (WebGL2 has
// none) and Dear ImGui never has to split a large list.
#include "platform/web/web_imgui_renderer.h"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "imgui_shaders.h"
#include "platform/web/web_shader_program.h"

namespace roadbook::web {
namespace {

struct Renderer {
    GLuint program = 0;
    GLint projection_location = -1;
    GLint texture_location = -1;
    GLuint vertex_array = 0;
    GLuint vertex_buffer = 0;
    GLuint index_buffer = 0;
    GLuint font_texture = 0;
    std::vector<uint32_t> indices;  // kept between frames so the upload reuses its memory
};

Renderer& State() {
    static Renderer renderer;
    return renderer;
}

// Pixels of the display to clip space, y down as Dear ImGui draws.
void SetProjection(const ImDrawData& draw_data) {
    const float left = draw_data.DisplayPos.x;
    const float right = draw_data.DisplayPos.x + draw_data.DisplaySize.x;
    const float top = draw_data.DisplayPos.y;
    const float bottom = draw_data.DisplayPos.y + draw_data.DisplaySize.y;
    const float projection[16] = {
        2.0f / (right - left), 0.0f, 0.0f, 0.0f,
        0.0f, 2.0f / (top - bottom), 0.0f, 0.0f,
        0.0f, 0.0f, -1.0f, 0.0f,
        (right + left) / (left - right), (top + bottom) / (bottom - top), 0.0f, 1.0f,
    };
    glUniformMatrix4fv(State().projection_location, 1, GL_FALSE, projection);
}

}  // namespace

bool InitImGuiRenderer(std::string& error) {
    Renderer& renderer = State();
    renderer.program = LinkShaderProgram("imgui", embedded::k_imgui_vert_glsl, embedded::k_imgui_frag_glsl, error);
    if (renderer.program == 0) return false;
    renderer.projection_location = glGetUniformLocation(renderer.program, "u_projection");
    renderer.texture_location = glGetUniformLocation(renderer.program, "u_texture");
    glGenVertexArrays(1, &renderer.vertex_array);
    glGenBuffers(1, &renderer.vertex_buffer);
    glGenBuffers(1, &renderer.index_buffer);
    // The vertex layout is fixed, so the vertex array remembers it once; it also keeps the index buffer.
    glBindVertexArray(renderer.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, renderer.vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, renderer.index_buffer);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "roadbook_webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return true;
}

void UploadFontTexture() {
    Renderer& renderer = State();
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (renderer.font_texture == 0) glGenTextures(1, &renderer.font_texture);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, renderer.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(renderer.font_texture)));
}

void RenderImGuiDrawData(const ImDrawData& draw_data) {
    Renderer& renderer = State();
    const float framebuffer_width = draw_data.DisplaySize.x * draw_data.FramebufferScale.x;
    const float framebuffer_height = draw_data.DisplaySize.y * draw_data.FramebufferScale.y;
    if (framebuffer_width <= 0 || framebuffer_height <= 0 || draw_data.TotalVtxCount == 0) return;

    // One upload of every list's vertices; indices made absolute into them.
    glBindVertexArray(renderer.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, renderer.vertex_buffer);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(draw_data.TotalVtxCount) * GLsizeiptr(sizeof(ImDrawVert)), nullptr, GL_STREAM_DRAW);
    renderer.indices.resize(size_t(draw_data.TotalIdxCount));
    GLintptr vertex_offset = 0;
    size_t index_offset = 0;
    uint32_t first_vertex = 0;
    for (const ImDrawList* list : draw_data.CmdLists) {
        const GLsizeiptr bytes = GLsizeiptr(list->VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert));
        glBufferSubData(GL_ARRAY_BUFFER, vertex_offset, bytes, list->VtxBuffer.Data);
        vertex_offset += bytes;
        // A command's indices count from its VtxOffset within the list (large lists are not split).
        for (const ImDrawCmd& command : list->CmdBuffer) {
            const uint32_t base = first_vertex + command.VtxOffset;
            for (unsigned int index = command.IdxOffset; index < command.IdxOffset + command.ElemCount; ++index) {
                renderer.indices[index_offset + index] = base + list->IdxBuffer[int(index)];
            }
        }
        index_offset += size_t(list->IdxBuffer.Size);
        first_vertex += uint32_t(list->VtxBuffer.Size);
    }
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(renderer.indices.size() * sizeof(uint32_t)), renderer.indices.data(),
                 GL_STREAM_DRAW);

    glViewport(0, 0, GLsizei(framebuffer_width), GLsizei(framebuffer_height));
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(renderer.program);
    glUniform1i(renderer.texture_location, 0);
    SetProjection(draw_data);
    glActiveTexture(GL_TEXTURE0);

    const ImVec2 origin = draw_data.DisplayPos;
    const ImVec2 scale = draw_data.FramebufferScale;
    ImTextureID bound = nullptr;
    size_t list_first_index = 0;
    for (const ImDrawList* list : draw_data.CmdLists) {
        for (const ImDrawCmd& command : list->CmdBuffer) {
            if (command.UserCallback != nullptr) {
                // Roadbook registers no callbacks; the state is this renderer's own, so a reset has nothing to do.
                if (command.UserCallback != ImDrawCallback_ResetRenderState) command.UserCallback(list, &command);
                continue;
            }
            const float min_x = (command.ClipRect.x - origin.x) * scale.x;
            const float min_y = (command.ClipRect.y - origin.y) * scale.y;
            const float max_x = (command.ClipRect.z - origin.x) * scale.x;
            const float max_y = (command.ClipRect.w - origin.y) * scale.y;
            if (max_x <= min_x || max_y <= min_y || command.ElemCount == 0) continue;
            glScissor(GLint(min_x), GLint(framebuffer_height - max_y), GLsizei(max_x - min_x), GLsizei(max_y - min_y));
            if (command.GetTexID() != bound) {
                bound = command.GetTexID();
                glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<intptr_t>(bound)));
            }
            glDrawElements(GL_TRIANGLES, GLsizei(command.ElemCount), GL_UNSIGNED_INT,
                           reinterpret_cast<void*>((list_first_index + command.IdxOffset) * sizeof(uint32_t)));
        }
        list_first_index += size_t(list->IdxBuffer.Size);
    }
    // The next frame starts with the background, which must not be clipped to the last panel.
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
}

}  // namespace roadbook::web
