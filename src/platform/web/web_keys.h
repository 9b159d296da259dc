// Translation of DOM KeyboardEvent keys to Dear ImGui keys.
#pragma once

#include <imgui.h>

namespace roadbook::web {

// `key` is KeyboardEvent.key (layout-aware, so Ctrl+A selects all on AZERTY too), `code` is
// KeyboardEvent.code (physical, for keys whose `key` depends on modifiers). ImGuiKey_None if unknown.
ImGuiKey KeyFromDom(const char* key, const char* code);

}  // namespace roadbook::web
