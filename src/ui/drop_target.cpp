// Drop targets for dragged cards.
#include "ui/drop_target.h"

#include <cstring>

#include "ui/theme.h"

namespace roadbook::ui {

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
