// Dragging and dropping cards.
#include "ui/card_drag_drop.h"

#include <cstring>

#include "ui/theme.h"

namespace roadbook::ui {

bool TouchInput() { return ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen; }

void DrawDraggableCard(ImVec2 min, ImVec2 size, bool scrolling, const std::function<void()>& set_payload,
                       const std::function<void(ImVec2, ImVec2, bool hovered, bool lifted)>& draw_face) {
    const bool hovered = ImGui::IsItemHovered() && !TouchInput();
    // A finger drags only after resting on the card; a quick swipe scrolls instead.
    const bool may_drag = !TouchInput() || (!scrolling && ImGui::GetIO().MouseDownDuration[0] >= kTouchHoldSeconds);
    bool lifted = false;
    if (may_drag && ImGui::BeginDragDropSource(ImGuiDragDropFlags_SourceNoHoldToOpenOthers)) {
        set_payload();
        // The tooltip shows the card itself under the pointer.
        const ImVec2 preview = ImGui::GetCursorScreenPos();
        ImGui::Dummy(size);
        draw_face(preview, ImVec2(preview.x + size.x, preview.y + size.y), false, true);
        ImGui::EndDragDropSource();
        lifted = true;
    }
    const ImVec2 max(min.x + size.x, min.y + size.y);
    if (lifted) {
        // The card's place stays as an outline while it is carried.
        ImGui::GetWindowDrawList()->AddRect(min, max, CurrentPalette().border, 10, 0, 1.5f);
    } else {
        draw_face(min, max, hovered, false);
    }
}

bool AcceptDrop(const ImRect& rect, ImGuiID id, const char* type, void* out, size_t size) {
    ImRect visible = rect;
    visible.ClipWith(ImGui::GetCurrentWindow()->ClipRect);
    if (visible.GetWidth() <= 0 || !ImGui::BeginDragDropTargetCustom(visible, id)) return false;
    const ImGuiPayload* payload =
        ImGui::AcceptDragDropPayload(type, ImGuiDragDropFlags_AcceptNoDrawDefaultRect | ImGuiDragDropFlags_AcceptBeforeDelivery);
    bool dropped = false;
    if (payload) {
        ImGui::GetWindowDrawList()->AddRect(visible.Min, visible.Max, CurrentPalette().accent, 12, 0, 2.5f);
        // Dear ImGui delivers only to a target that also accepted the frame before; a quick flick can be
        // released over a target in the very frame it first reaches it, and that is a drop too.
        if ((payload->IsDelivery() || !ImGui::IsMouseDown(ImGuiMouseButton_Left)) && size_t(payload->DataSize) == size) {
            std::memcpy(out, payload->Data, size);
            dropped = true;
        }
    }
    ImGui::EndDragDropTarget();
    return dropped;
}

}  // namespace roadbook::ui
