// Dragging cards and dropping them, shared by the board (columns and outcome targets) and the forecast
// (months): a mouse drags at once, a finger only after resting on the card; the carried card follows the
// pointer while its place stays outlined; a target is outlined while a card hovers over it, and a release
// over it counts as a drop.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <cstddef>
#include <functional>

namespace roadbook::ui {

// A finger must rest this long on a card before moving drags it; moving sooner scrolls.
inline constexpr double kTouchHoldSeconds = 0.35;

bool TouchInput();

// Draws the card whose invisible button was just submitted at `min`, `size` big, and lets it be dragged
// (not while `scrolling` by touch): `set_payload` sets the payload when the drag starts, and
// `draw_face(min, max, hovered, lifted)` draws the card at its place or, lifted, under the pointer.
void DrawDraggableCard(ImVec2 min, ImVec2 size, bool scrolling, const std::function<void()>& set_payload,
                       const std::function<void(ImVec2, ImVec2, bool hovered, bool lifted)>& draw_face);

// True when a payload of `type` and `size` bytes was dropped on `rect` (clipped to the current window: a
// target scrolled out of view takes nothing) in this frame; its bytes are copied to `out` first, because
// Dear ImGui frees the payload as the target ends.
bool AcceptDrop(const ImRect& rect, ImGuiID id, const char* type, void* out, size_t size);

}  // namespace roadbook::ui
