// Draws Dear ImGui's draw data with WebGL2 (shaders/imgui.*.glsl). It replaces Dear ImGui's OpenGL3 backend,
// which reads back and restores about twenty pieces of GL state every frame: in a browser each read is a
// synchronous call into the GPU process. Roadbook owns every GL call on its canvas, so this renderer sets
// the state it needs and reads nothing back.
#pragma once

#include <imgui.h>

#include <string>

namespace roadbook::web {

// Compiles the program and creates the buffers; false with the reason in `error` when WebGL refused them.
bool InitImGuiRenderer(std::string& error);
// Uploads Dear ImGui's font atlas as a texture (again after the fonts were rebuilt for a new pixel ratio).
void UploadFontTexture();
// Draws one frame's draw lists into the canvas's framebuffer, over whatever is already there.
void RenderImGuiDrawData(const ImDrawData& draw_data);

}  // namespace roadbook::web
