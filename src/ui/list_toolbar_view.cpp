// Above the deal list: the text and status filters, and while deals are selected a bar with what can be
// done to all of them at once (stage, owner, lost with a reason); plus the bulk "why were they lost?".
#include <imgui.h>

#include <string>

#include "ui/deal_list_view.h"
#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/lost_reason_fields.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

struct StatusEntry {
    ListStatusFilter status;
    const char* label;
    const char* tag;
};

constexpr StatusEntry kStatuses[] = {
    {ListStatusFilter::Open, "Open", "list.status.open"},
    {ListStatusFilter::Won, "Won", "list.status.won"},
    {ListStatusFilter::Lost, "Lost", "list.status.lost"},
    {ListStatusFilter::Postponed, "Postponed", "list.status.postponed"},
    {ListStatusFilter::Archived, "Archived", "list.status.archived"},
    {ListStatusFilter::All, "All deals", "list.status.all"},
};

const char* StatusLabel(ListStatusFilter status) {
    for (const StatusEntry& entry : kStatuses) {
        if (entry.status == status) return entry.label;
    }
    return "";
}

// A button that opens a list of choices; returns the chosen id or nullptr.
// Phones leave out the chevron, so the whole bar fits one line of a 390 px screen.
const ChoiceModel* ChoiceMenu(const char* label, const char* tag, const std::vector<ChoiceModel>& choices, bool phone) {
    const std::string popup = std::string(tag) + "-menu";
    const std::string text = std::string(label) + (phone ? "" : std::string("  ") + icon::kChevronDown) + "##" + tag;
    SameLineIfFits(ButtonWidth(text.c_str()));
    if (SecondaryButton(text.c_str())) {
        ImGui::OpenPopup(popup.c_str());
    }
    TagLastItem(tag, label);
    const ChoiceModel* chosen = nullptr;
    ImGui::SetNextWindowSizeConstraints(ImVec2(220, 0), ImVec2(460, 480));
    if (ImGui::BeginPopup(popup.c_str())) {
        for (const ChoiceModel& choice : choices) {
            ImGui::PushID(choice.id.c_str());
            if (ImGui::Selectable(choice.label.c_str(), false, ImGuiSelectableFlags_None, ImVec2(0, 30))) chosen = &choice;
            TagLastItem(std::string(tag) + "." + choice.id, choice.label);
            ImGui::PopID();
        }
        ImGui::EndPopup();
    }
    return chosen;
}

}  // namespace

void DrawListFilters(ListState& state, bool phone) {
    const float status_width = phone ? 130.0f : 160.0f;
    ImGui::SetNextItemWidth(phone ? ImGui::GetContentRegionAvail().x - status_width - ImGui::GetStyle().ItemSpacing.x
                                  : 260.0f);
    StringInput("##list-filter", (std::string(icon::kSearch) + "  Filter by deal or account").c_str(), state.text);
    TagLastItem("list.filter");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(status_width);
    const bool open = ImGui::BeginCombo("##list-status", StatusLabel(state.status), ImGuiComboFlags_HeightLargest);
    TagLastItem("list.status", StatusLabel(state.status));
    if (open) {
        for (const StatusEntry& entry : kStatuses) {
            if (ImGui::Selectable(entry.label, entry.status == state.status, ImGuiSelectableFlags_None, ImVec2(0, 30))) {
                state.status = entry.status;
                state.selected.clear();  // what was selected is no longer what is listed
                state.anchor_index = -1;
            }
            TagLastItem(entry.tag, entry.label);
        }
        ImGui::EndCombo();
    }
}

void DrawBulkActions(const DealListModel& model, ListState& state, UiCommands& commands, bool phone) {
    const size_t count = state.selected.size();
    const std::string text = std::to_string(count) + " selected";  // also the tag's label
    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    TagLastItem("list.selection", text);
    if (const ChoiceModel* stage = ChoiceMenu("Stage", "list.bulk-stage", model.stages, phone)) commands.bulk_stage = stage->id;
    if (const ChoiceModel* owner = ChoiceMenu("Owner", "list.bulk-owner", model.owners, phone)) commands.bulk_owner = owner->id;
    const std::string lost = phone ? std::string("Lost##list.bulk-lost")
                                   : std::string(icon::kThumbsDown) + "  Mark lost##list.bulk-lost";
    SameLineIfFits(ButtonWidth(lost.c_str()));
    if (SecondaryButton(lost.c_str())) {
        state.lost = BulkLostDialogState{};
        state.lost.open = true;
        state.lost.opportunity_ids.assign(state.selected.begin(), state.selected.end());
    }
    TagLastItem("list.bulk-lost", "Mark lost");
    const std::string clear = std::string(icon::kClose) + (phone ? "" : "  Clear") + "##list.clear-selection";
    SameLineIfFits(ButtonWidth(clear.c_str()));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    if (ImGui::Button(clear.c_str())) {
        commands.clear_selection = true;
    }
    ImGui::PopStyleColor();
    TagLastItem("list.clear-selection", "Clear");
}

void DrawBulkLostDialog(const DealListModel& model, ListState& state, UiCommands& commands, bool phone) {
    BulkLostDialogState& dialog = state.lost;
    const size_t count = dialog.opportunity_ids.size();
    const auto pressed = DrawLostQuestion("Mark as lost###bulk-lost", count == 1 ? "Why was it lost?" : "Why were they lost?",
                                          std::to_string(count) + (count == 1 ? " deal leaves" : " deals leave") +
                                              " the pipeline; the reason feeds the win-loss report.",
                                          model.lost_reasons, dialog.open, dialog.reason_id, dialog.note, dialog.errors, phone);
    if (!pressed) return;
    if (pressed->cancel) dialog = BulkLostDialogState{};
    if (pressed->confirm) commands.bulk_lost = BulkLostAnswer{dialog.opportunity_ids, dialog.reason_id, dialog.note};
}

}  // namespace roadbook::ui
