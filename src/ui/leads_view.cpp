// The leads inbox screen: filter, list and the chosen lead.
#include "ui/leads_view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

#include "ui/chrome_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

ImU32 StatusColor(const std::string& status) {
    const Palette& palette = CurrentPalette();
    if (status == "qualified" || status == "converted") return palette.success;
    if (status == "disqualified") return palette.danger;
    if (status == "working") return palette.accent;
    return palette.warning;
}

void DrawToolbar(const LeadsModel& model, LeadsState& state, bool phone) {
    std::string shown = "Active";
    for (const ChoiceModel& filter : model.filters) {
        if (filter.id == state.filter) shown = filter.label;
    }
    ImGui::SetNextItemWidth(phone ? ImGui::GetContentRegionAvail().x * 0.55f : 220.0f);
    if (ImGui::BeginCombo("##leads-filter", shown.c_str(), ImGuiComboFlags_HeightLargest)) {
        for (const ChoiceModel& filter : model.filters) {
            if (ImGui::Selectable(filter.label.c_str(), filter.id == state.filter, ImGuiSelectableFlags_None, ImVec2(0, 30))) {
                state.filter = filter.id;
            }
            TagLastItem("leads.filter." + filter.id, filter.label);
        }
        ImGui::EndCombo();
    }
    TagLastItem("leads.filter", shown);
    ImGui::SameLine();
    const std::string label = std::string(icon::kPlus) + "  New lead##action.new-lead";
    if (SecondaryButton(label.c_str())) {
        state.new_lead = NewLeadDialogState{};
        state.new_lead.open = true;
    }
    TagLastItem("action.new-lead", "New lead");
}

void DrawRow(const LeadRowModel& row, LeadsState& state, float width) {
    const Palette& palette = CurrentPalette();
    const float line = ImGui::GetTextLineHeight();
    const float height = 2 * line + 22;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushID(row.id.c_str());
    if (ImGui::InvisibleButton("##lead-row", ImVec2(width, height))) state.selected_id = row.id;
    TagLastItem("leads.row." + row.id, row.name);
    const bool chosen = state.selected_id == row.id;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + width, min.y + height);
    draw->AddRectFilled(min, max, chosen || ImGui::IsItemHovered() ? palette.surface_raised : palette.surface, 10);
    draw->AddRect(min, max, chosen ? palette.accent : palette.border, 10, 0, chosen ? 2.0f : 1.0f);
    const float left = min.x + 12;
    ImGui::PushFont(CurrentFonts().strong);
    const std::string title = row.company.empty() ? row.name : row.name + " \u00b7 " + row.company;
    ImGui::RenderTextEllipsis(draw, ImVec2(left, min.y + 9), ImVec2(max.x - 110, min.y + 9 + line), max.x - 110,
                              max.x - 110, title.c_str(), title.c_str() + title.size(), nullptr);
    ImGui::PopFont();
    const float status_width = ImGui::CalcTextSize(row.status_label.c_str()).x;
    draw->AddText(ImVec2(max.x - 12 - status_width, min.y + 9), StatusColor(row.status), row.status_label.c_str());
    ImGui::PushFont(CurrentFonts().small);
    draw->AddText(ImVec2(left, min.y + 13 + line), palette.text_muted, row.detail.c_str());
    ImGui::PopFont();
    ImGui::PopID();
}

void DrawList(const LeadsModel& model, LeadsState& state) {
    if (model.rows.empty()) {
        ImGui::Dummy(ImVec2(0, 8));
        MutedWrappedText("No leads here. New lead adds one; trade fairs and web forms are where they come from.");
        TagLastItem("leads.empty", "No leads here");
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    ImGuiListClipper clipper;
    clipper.Begin(int(model.rows.size()), 2 * ImGui::GetTextLineHeight() + 22 + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) DrawRow(model.rows[size_t(index)], state, width);
    }
}

void DrawChecklist(const LeadDetailModel& lead, UiCommands& commands) {
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted("Qualification");
    ImGui::PopFont();
    const bool locked = lead.status == "converted";
    ImGui::BeginDisabled(locked);
    for (const LeadCheckModel& check : lead.checklist) {
        bool checked = check.checked;
        if (ImGui::Checkbox((check.label + "##lead.check." + check.item).c_str(), &checked)) {
            commands.leads.check = LeadCheckChange{lead.id, check.item, checked};
        }
        TagLastItem("lead.check." + check.item, check.label);
        ImGui::SameLine(0, 18);
    }
    ImGui::NewLine();
    ImGui::EndDisabled();
}

void DrawMoves(const LeadDetailModel& lead, LeadsState& state, UiCommands& commands) {
    const auto button = [&](bool shown, bool primary, const char* label, const char* tag) {
        if (!shown) return false;
        const std::string id = std::string(label) + "##" + tag;
        SameLineIfFits(ButtonWidth(id.c_str()));
        const bool pressed = primary ? PrimaryButton(id.c_str()) : SecondaryButton(id.c_str());
        TagLastItem(tag, label);
        return pressed;
    };
    ImGui::NewLine();
    if (button(lead.can_convert, true, "Convert to deal", "lead.convert")) {
        state.convert = ConvertDialogState{};
        state.convert.open = true;
    }
    if (button(lead.can_work, false, "Start working", "lead.work")) commands.leads.move = LeadStatusChange{lead.id, "working"};
    if (button(lead.can_qualify, false, "Qualify", "lead.qualify")) commands.leads.move = LeadStatusChange{lead.id, "qualified"};
    if (button(lead.can_reopen, false, "Back to working", "lead.reopen")) {
        commands.leads.move = LeadStatusChange{lead.id, "working"};
    }
    if (button(lead.can_disqualify, false, "Disqualify", "lead.disqualify")) {
        state.disqualify = DisqualifyDialogState{};
        state.disqualify.open = true;
    }
    if (button(!lead.converted_opportunity_id.empty(), true, "Open the deal", "lead.open-deal")) {
        commands.open_deal = lead.converted_opportunity_id;
    }
}

void DrawDetail(const LeadDetailModel& lead, LeadsState& state, UiCommands& commands, bool phone) {
    if (phone) {
        if (SecondaryButton("Back##lead.back")) state.selected_id.clear();
        TagLastItem("lead.back", "Back");
    }
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextWrapped("%s", lead.name.c_str());
    ImGui::PopFont();
    TagLastItem("lead.title", lead.name);
    if (!lead.company.empty()) MutedText((std::string(icon::kBuilding) + "  " + lead.company).c_str());
    if (!lead.contact_line.empty()) MutedText((std::string(icon::kEnvelope) + "  " + lead.contact_line).c_str());
    if (!lead.source.empty()) MutedText(("Source: " + lead.source).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(lead.status));
    ImGui::TextUnformatted(lead.status_label.c_str());
    ImGui::PopStyleColor();
    TagLastItem("lead.status", lead.status_label);
    if (!lead.disqualify_reason.empty()) MutedWrappedText(("Disqualified: " + lead.disqualify_reason).c_str());
    ImGui::Dummy(ImVec2(0, 6));
    DrawChecklist(lead, commands);
    if (lead.status == "new" || lead.status == "working") {
        ImGui::PushFont(CurrentFonts().small);
        MutedWrappedText("Tick all four to qualify; a working lead can be converted at any time.");
        ImGui::PopFont();
    }
    DrawMoves(lead, state, commands);
}

}  // namespace

void DrawLeadsScreen(const LeadsModel& model, LeadsState& state, UiCommands& commands, bool phone) {
    const int64_t active = model.active_count;
    DrawScreenHeader("Leads", std::to_string(active) + (active == 1 ? " active lead" : " active leads"), commands, phone);
    if (!model.load_error.empty()) {
        LoadErrorText("the leads", model.load_error, "leads.error");
        return;
    }
    if (phone && model.detail) {
        ImGui::BeginChild("lead-detail", ImVec2(0, 0));
        DrawDetail(*model.detail, state, commands, phone);
        ImGui::EndChild();
        return;
    }
    DrawToolbar(model, state, phone);
    ImGui::Dummy(ImVec2(0, 4));
    const float list_width = phone || !model.detail ? 0.0f : ImGui::GetContentRegionAvail().x * 0.45f;
    ImGui::BeginChild("lead-list", ImVec2(list_width, 0));
    DrawList(model, state);
    ImGui::EndChild();
    if (!phone && model.detail) {
        ImGui::SameLine(0, 24);
        ImGui::BeginChild("lead-detail", ImVec2(0, 0));
        DrawDetail(*model.detail, state, commands, phone);
        ImGui::EndChild();
    }
}

}  // namespace roadbook::ui
