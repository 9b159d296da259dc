// The page background drawn with the GLSL ES program in shaders/background.*.glsl before Dear ImGui's
// panels: the theme's background colour with a faint accent glow at the top.
#pragma once

#include <imgui.h>

namespace roadbook::web {

// Compiles the program; false (and the reason in `error`) if the driver refused it, in which case the
// frame loop keeps the plain clear colour.
bool InitBackground(const char** error);
// Returns false (drawing nothing) when the program is unavailable.
bool DrawBackground(ImU32 top_color, ImU32 bottom_color);

}  // namespace roadbook::web
