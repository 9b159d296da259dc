// The search box and its results (see the header). The results are the model's for the text typed; the
// highlight is UI state, kept within the results.
#include "ui/search_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

const char* EntityIcon(const std::string& entity) {
    if (entity == "account") return icon::kBuilding;
    if (entity == "contact") return icon::kUser;
    return icon::kBriefcase;
}

const char* EntityLabel(const std::string& entity) {
    if (entity == "account") return "Account";
    if (entity == "contact") return "Contact";
    return "Deal";
}

}  // namespace

void DrawSearch(const SearchModel& model, SearchState& state, UiCommands& commands, bool phone) {
    if (!BeginDialog("Search###search", "dialog.search", state.open, phone, 560.0f)) return;
    const float full = ImGui::GetContentRegionAvail().x;
    if (state.focus_input) {
        ImGui::SetKeyboardFocusHere();
        state.focus_input = false;
    }
    ImGui::SetNextItemWidth(full - (phone ? 52.0f : 0.0f));
    if (StringInput("##search-input", (std::string(icon::kSearch) + "  Search deals, accounts and contacts").c_str(),
                    state.text)) {
        state.highlighted = 0;
    }
    TagLastItem("search.input");
    if (phone) {
        ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kClose) + "##search.close").c_str(), ImVec2(44, 0))) state.open = false;
        TagLastItem("search.close", "Close");
    }
    const int count = int(model.results.size());
    state.highlighted = std::clamp(state.highlighted, 0, std::max(0, count - 1));
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) state.highlighted = std::min(count - 1, state.highlighted + 1);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) state.highlighted = std::max(0, state.highlighted - 1);
    const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter);
    ImGui::Dummy(ImVec2(0, 4));
    if (!model.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
        ImGui::TextWrapped("%s", model.error.c_str());
        ImGui::PopStyleColor();
    } else if (!state.text.empty() && model.text == state.text && count == 0) {
        MutedText(("Nothing matches \"" + state.text + "\".").c_str());
        TagLastItem("search.empty", "Nothing matches");
    }
    const Palette& palette = CurrentPalette();
    for (int index = 0; index < count; ++index) {
        const SearchResultModel& result = model.results[size_t(index)];
        ImGui::PushID(index);
        const bool highlighted = index == state.highlighted;
        const ImVec2 start = ImGui::GetCursorPos();
        const bool clicked = ImGui::Selectable("##result", highlighted, ImGuiSelectableFlags_None,
                                               ImVec2(0, phone ? 52.0f : 44.0f));
        TagLastItem("search.result." + result.entity + "." + result.id, result.title);
        if (highlighted && ImGui::IsKeyPressed(ImGuiKey_DownArrow)) ImGui::SetScrollHereY();
        ImGui::SetCursorPos(ImVec2(start.x + 8, start.y + 4));
        ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
        ImGui::TextUnformatted(EntityIcon(result.entity));
        ImGui::PopStyleColor();
        ImGui::SameLine(start.x + 36);
        ImGui::BeginGroup();
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextUnformatted(result.title.c_str());
        ImGui::PopFont();
        MutedText((std::string(EntityLabel(result.entity)) + (result.detail.empty() ? "" : " · " + result.detail)).c_str());
        ImGui::EndGroup();
        ImGui::SetCursorPos(ImVec2(start.x, start.y + (phone ? 52.0f : 44.0f) + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
        if (clicked || (enter && highlighted)) commands.search_choice = SearchChoice{result.entity, result.id, result.title};
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) state.open = false;
    if (!state.open || commands.search_choice) ImGui::CloseCurrentPopup();
    EndDialog();
}

}  // namespace roadbook::ui
