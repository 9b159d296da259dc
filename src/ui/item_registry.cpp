// Implements Dear ImGui's test-engine hook functions (compiled in with IMGUI_ENABLE_TEST_ENGINE) to
// record every item's id, label and rectangle, and joins them with the tags the views set.
#include "ui/item_registry.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <unordered_map>

#include "core/text.h"

namespace roadbook::ui {
namespace {

struct Registry {
    std::vector<RegisteredItem> collecting;
    std::unordered_map<ImGuiID, size_t> index_by_id;
    std::vector<RegisteredItem> last_frame;
};

Registry& TheRegistry() {
    static Registry registry;
    return registry;
}

RegisteredItem& ItemFor(ImGuiID id) {
    Registry& registry = TheRegistry();
    auto found = registry.index_by_id.find(id);
    if (found != registry.index_by_id.end()) return registry.collecting[found->second];
    registry.index_by_id.emplace(id, registry.collecting.size());
    registry.collecting.push_back(RegisteredItem{id, "", "", 0, 0, 0, 0, false});
    return registry.collecting.back();
}


}  // namespace

void BeginItemFrame() {
    Registry& registry = TheRegistry();
    registry.collecting.clear();
    registry.index_by_id.clear();
    if (ImGuiContext* context = ImGui::GetCurrentContext()) context->TestEngineHookItems = true;
}

void FinishItemFrame() {
    Registry& registry = TheRegistry();
    registry.last_frame.swap(registry.collecting);
    registry.collecting.clear();
    registry.index_by_id.clear();
}

void TagLastItem(std::string_view tag, std::string_view label) {
    ImGuiID id = ImGui::GetItemID();
    if (id != 0) {
        RegisteredItem& item = ItemFor(id);
        item.tag = std::string(tag);
        if (!label.empty()) item.label = std::string(label);
        return;
    }
    // Text items have no id and never reach the hooks: record them from the last item's rectangle.
    id = ImHashData(tag.data(), tag.size());
    RegisteredItem& item = ItemFor(id);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 size = ImGui::GetItemRectSize();
    item.tag = std::string(tag);
    item.label = std::string(label);
    item.x = min.x;
    item.y = min.y;
    item.width = size.x;
    item.height = size.y;
    item.visible = ImGui::IsItemVisible();
}

void TagCurrentWindow(std::string_view tag) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    RegisteredItem& item = ItemFor(window->ID);
    item.tag = std::string(tag);
    item.x = window->Pos.x;
    item.y = window->Pos.y;
    item.width = window->Size.x;
    item.height = window->Size.y;
    // A window is hidden on the frame it appears (Dear ImGui measures it first); visible from the next.
    item.visible = window->Active && !window->Hidden;
}

const std::vector<RegisteredItem>& LastFrameItems() { return TheRegistry().last_frame; }

const RegisteredItem* FindTaggedItem(std::string_view tag) {
    for (const RegisteredItem& item : TheRegistry().last_frame) {
        if (item.tag == tag) return &item;
    }
    return nullptr;
}

std::string LastFrameItemsJson(float offset_x, float offset_y) {
    std::string out = "[";
    char number[160];
    for (const RegisteredItem& item : TheRegistry().last_frame) {
        if (out.size() > 1) out.push_back(',');
        std::snprintf(number, sizeof number, "{\"id\":%u,\"label\":", item.id);
        out += number;
        AppendJsonString(out, item.label);
        out += ",\"tag\":";
        AppendJsonString(out, item.tag);
        std::snprintf(number, sizeof number, ",\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f,\"visible\":%s}",
                      double(item.x + offset_x), double(item.y + offset_y), double(item.width), double(item.height),
                      item.visible ? "true" : "false");
        out += number;
    }
    out.push_back(']');
    return out;
}

}  // namespace roadbook::ui

// ---- Dear ImGui's test-engine hooks (declared in imgui_internal.h) ------------------------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* context, ImGuiID id, const ImRect& bounds,
                                 const ImGuiLastItemData* /*item_data*/) {
    if (id == 0) return;
    roadbook::ui::RegisteredItem& item = roadbook::ui::ItemFor(id);
    item.x = bounds.Min.x;
    item.y = bounds.Min.y;
    item.width = bounds.GetWidth();
    item.height = bounds.GetHeight();
    // Visible means a user could see it: inside the window's clip rectangle and the display.
    ImRect clip = context->CurrentWindow ? context->CurrentWindow->ClipRect
                                         : ImRect(ImVec2(0, 0), context->IO.DisplaySize);
    clip.ClipWith(ImRect(ImVec2(0, 0), context->IO.DisplaySize));
    item.visible = clip.Overlaps(bounds) && bounds.GetWidth() > 0 && bounds.GetHeight() > 0 &&
                   !(context->CurrentWindow && context->CurrentWindow->Hidden);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* /*context*/, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags /*flags*/) {
    if (id == 0 || label == nullptr) return;
    std::string_view text(label);
    if (const size_t hidden = text.find("##"); hidden != std::string_view::npos) text = text.substr(0, hidden);
    roadbook::ui::ItemFor(id).label = std::string(text);
}

void ImGuiTestEngineHook_Log(ImGuiContext* /*context*/, const char* /*format*/, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* /*context*/, ImGuiID /*id*/) { return nullptr; }
