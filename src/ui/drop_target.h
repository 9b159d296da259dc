// Dropping a dragged card on a rectangle, shared by the board's columns and outcome targets and the
// forecast's months: the target is outlined while a card hovers over it, and a release counts as a drop.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <cstddef>

namespace roadbook::ui {

// True when a payload of `type` and `size` bytes was dropped on `rect` (clipped to the current window: a
// target scrolled out of view takes nothing) in this frame; its bytes are copied to `out` first, because
// Dear ImGui frees the payload as the target ends.
bool AcceptDrop(const ImRect& rect, ImGuiID id, const char* type, void* out, size_t size);

}  // namespace roadbook::ui
