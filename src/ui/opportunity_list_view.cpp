// Opportunity rows, virtualised with ImGuiListClipper so long lists cost only the visible rows.
#include "ui/opportunity_list_view.h"

#include <imgui.h>

#include <algorithm>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

enum Column { kName, kAccount, kAmount, kCloseDate };

ListOrder OrderForColumn(int column) {
    switch (column) {
        case kName: return ListOrder::Name;
        case kAmount: return ListOrder::Amount;
        case kCloseDate: return ListOrder::CloseDate;
        default: return ListOrder::NewestFirst;
    }
}

void RightAlignedText(const std::string& text) {
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - width);
    ImGui::TextUnformatted(text.c_str());
}

void CloseDateText(const OpportunityRowModel& row) {
    if (row.close_date_passed) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
        ImGui::Text("%s  %s", row.close_date_text.c_str(), icon::kWarning);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Expected close date has passed");
    } else {
        ImGui::TextUnformatted(row.close_date_text.c_str());
    }
}

}  // namespace

void DrawOpportunityTable(const OpportunityListModel& model, UiCommands& commands) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("opportunities", 4, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortAscending, 3.0f);
    ImGui::TableSetupColumn("Account", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 2.0f);
    ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending, 1.4f);
    ImGui::TableSetupColumn("Expected close", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortAscending |
                            ImGuiTableColumnFlags_DefaultSort, 1.4f);
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TableHeadersRow();
    ImGui::PopFont();

    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsDirty) {
        // The store sorts (SQL), so the order survives new rows; direction follows each column's preference.
        const ListOrder wanted = sort->SpecsCount > 0 ? OrderForColumn(sort->Specs[0].ColumnIndex) : ListOrder::CloseDate;
        if (wanted != model.order) commands.change_order = wanted;
        sort->SpecsDirty = false;
    }

    ImGuiListClipper clipper;
    clipper.Begin(int(model.rows.size()));
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            const OpportunityRowModel& row = model.rows[size_t(index)];
            ImGui::PushID(row.id.c_str());
            ImGui::TableNextRow(ImGuiTableRowFlags_None, 40.0f);
            ImGui::TableSetColumnIndex(kName);
            ImGui::PushFont(CurrentFonts().strong);
            ImGui::Selectable(row.name.c_str(), false,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap,
                              ImVec2(0, ImGui::GetFrameHeight()));
            ImGui::PopFont();
            TagLastItem("list.row." + row.id);
            ImGui::TableSetColumnIndex(kAccount);
            ImGui::AlignTextToFramePadding();
            MutedText(row.account_name.empty() ? "—" : row.account_name.c_str());
            ImGui::TableSetColumnIndex(kAmount);
            ImGui::AlignTextToFramePadding();
            RightAlignedText(row.amount_text);
            ImGui::TableSetColumnIndex(kCloseDate);
            ImGui::AlignTextToFramePadding();
            CloseDateText(row);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void DrawOpportunityCards(const OpportunityListModel& model) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("cards", ImGui::GetContentRegionAvail(), false);
    ImGui::PopStyleColor();
    ImGuiListClipper clipper;
    const float card_height =
        3 * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().ItemSpacing.y + 2 * 12.0f;  // three lines + padding
    clipper.Begin(int(model.rows.size()), card_height + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            const OpportunityRowModel& row = model.rows[size_t(index)];
            ImGui::PushID(row.id.c_str());
            ImGui::PushStyleColor(ImGuiCol_ChildBg, palette.surface);
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
            ImGui::BeginChild("card", ImVec2(-1, card_height), ImGuiChildFlags_Border,
                              ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
            ImGui::PushFont(CurrentFonts().strong);
            ImGui::TextUnformatted(row.name.c_str());
            ImGui::PopFont();
            MutedText(row.account_name.empty() ? "No account" : row.account_name.c_str());
            ImGui::SameLine();
            RightAlignedText(row.amount_text);
            CloseDateText(row);
            ImGui::EndChild();
            TagLastItem("list.row." + row.id);
            ImGui::PopStyleVar();
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

void DrawEmptyOpportunities(UiCommands& commands) {
    const float height = ImGui::GetContentRegionAvail().y;
    ImGui::Dummy(ImVec2(0, height * 0.18f));
    ImGui::PushFont(CurrentFonts().heading);
    const char* heading = "No opportunities yet";
    CenterNextItem(ImGui::CalcTextSize(icon::kInbox).x);
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
    ImGui::TextUnformatted(icon::kInbox);
    ImGui::PopStyleColor();
    CenterNextItem(ImGui::CalcTextSize(heading).x);
    ImGui::TextUnformatted(heading);
    ImGui::PopFont();
    const char* explanation = "Add the deals you are working on. They are kept on this device and work offline.";
    const float wrap = std::min(420.0f, ImGui::GetContentRegionAvail().x - 24.0f);
    CenterNextItem(wrap);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    MutedText(explanation);
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 8));
    const std::string label = std::string(icon::kPlus) + "  Add your first opportunity";
    const float button_width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x + 8;
    CenterNextItem(button_width);
    if (PrimaryButton(label.c_str(), ImVec2(button_width, 0))) commands.open_new_opportunity = true;
    TagLastItem("action.add-first-opportunity");
}

}  // namespace roadbook::ui
