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

void TagLastItem(std::string_view tag) {
    const ImGuiID id = ImGui::GetItemID();
    if (id == 0) return;
    ItemFor(id).tag = std::string(tag);
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
