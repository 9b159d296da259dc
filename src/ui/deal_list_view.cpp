// The deal list's rows. ImGuiListClipper draws only the rows on screen, out of every matching deal; the
// app keeps a window of rows loaded around them, and a row outside it (a jump of the scrollbar) draws as a
// placeholder for the one frame it takes to load.
#include "ui/deal_list_view.h"

#include <imgui.h>

#include <algorithm>

#include "ui/chrome_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr float kRowHeight = 40.0f;

struct ColumnSpec {
    ListColumn column;
    const char* label;
    const char* tag;
    float weight;
    bool sortable;
    bool right_aligned;
};

constexpr ColumnSpec kColumns[] = {
    {ListColumn::Name, "Deal", "list.sort.name", 3.0f, true, false},
    {ListColumn::Account, "Account", "list.sort.account", 2.0f, false, false},
    {ListColumn::Stage, "Stage", "list.sort.stage", 1.6f, true, false},
    {ListColumn::Owner, "Owner", "list.sort.owner", 1.5f, true, false},
    {ListColumn::Amount, "Amount", "list.sort.amount", 1.4f, true, true},
    {ListColumn::CloseDate, "Expected close", "list.sort.close-date", 1.4f, true, false},
    {ListColumn::NextActivity, "Next activity", "list.sort.next-activity", 1.4f, false, false},
};
constexpr int kFirstDataColumn = 1;  // column 0 holds the selection checkboxes

std::string Summary(const DealListModel& model) {
    std::string text = std::to_string(model.total_count) + (model.total_count == 1 ? " deal" : " deals");
    for (const std::string& total : model.open_totals) text += "  ·  " + total;
    return text;
}

void RightAlignedText(const std::string& text) {
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - width));
    ImGui::TextUnformatted(text.c_str());
}

void CloseDateText(const DealRowModel& row) {
    if (!row.close_date_passed) {
        ImGui::TextUnformatted(row.close_date_text.c_str());
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
    ImGui::Text("%s  %s", row.close_date_text.c_str(), icon::kWarning);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Expected close date has passed");
}

ImU32 ActivityColor(ActivityDue due) {
    const Palette& palette = CurrentPalette();
    switch (due) {
        case ActivityDue::Overdue: return palette.danger;
        case ActivityDue::Today: return palette.success;
        case ActivityDue::Future: return palette.text_muted;
        case ActivityDue::None: break;
    }
    return palette.warning;
}

void NextActivityText(const DealRowModel& row) {
    if (!row.status_text.empty()) {
        MutedText(row.status_text.c_str());
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ActivityColor(row.next_activity));
    ImGui::TextUnformatted(icon::kCircle);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(row.next_activity_text.c_str());
}

SelectionKind ClickKind() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyShift) return SelectionKind::Range;
    if (io.KeyCtrl || io.KeySuper) return SelectionKind::Toggle;
    return SelectionKind::Only;
}

// The selection checkbox of a row; a click toggles the row without touching the rest of the selection.
void SelectionCheckbox(const DealRowModel& row, int64_t index, bool selected, UiCommands& commands) {
    bool checked = selected;
    if (ImGui::Checkbox("##select", &checked)) {
        commands.select_row = ListSelection{ImGui::GetIO().KeyShift ? SelectionKind::Range : SelectionKind::Toggle,
                                            index, row.id};
    }
    TagLastItem("list.select." + row.id, row.name);
}

// Header cells are plain selectables rather than Dear ImGui's sortable headers, whose click needs a frame
// of hovering first (a finger's tap has none); a click sorts by the column, a second click reverses it.
void SortHeaders(ListState& state, bool all_selected, bool any, UiCommands& commands) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, kRowHeight);
    ImGui::TableSetColumnIndex(0);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    bool everything = all_selected;
    if (ImGui::Checkbox("##select-all", &everything) && any) commands.toggle_select_all = true;
    TagLastItem("list.select-all");
    ImGui::PushFont(CurrentFonts().strong);
    for (int index = 0; index < int(std::size(kColumns)); ++index) {
        const ColumnSpec& spec = kColumns[index];
        ImGui::TableSetColumnIndex(index + kFirstDataColumn);
        const bool sorted = spec.sortable && state.sort == spec.column;
        std::string label = spec.label;
        if (sorted) label += std::string("  ") + (state.descending ? icon::kSortDown : icon::kSortUp);
        label += std::string("##") + spec.tag;
        if (!spec.sortable) ImGui::BeginDisabled();
        if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_None,
                              ImVec2(0, kRowHeight - ImGui::GetStyle().CellPadding.y * 2))) {
            // The store sorts (SQL), so a new sort reads one page again, whatever the number of deals.
            state.descending = sorted ? !state.descending : spec.column == ListColumn::Amount;
            state.sort = spec.column;
        }
        if (!spec.sortable) ImGui::EndDisabled();
        TagLastItem(spec.tag, spec.label);
    }
    ImGui::PopFont();
}

void DrawTable(const DealListModel& model, ListState& state, UiCommands& commands) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("deals", int(std::size(kColumns)) + kFirstDataColumn, flags, ImGui::GetContentRegionAvail())) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("##select", ImGuiTableColumnFlags_WidthFixed, 28.0f);
    for (const ColumnSpec& spec : kColumns) {
        ImGui::TableSetupColumn(spec.label, ImGuiTableColumnFlags_WidthStretch, spec.weight);
    }
    const bool all_selected = model.total_count > 0 && int64_t(state.selected.size()) >= model.total_count;
    SortHeaders(state, all_selected, model.total_count > 0, commands);

    state.missing_rows = false;
    int64_t first_shown = INT64_MAX;
    int64_t last_shown = -1;
    ImGuiListClipper clipper;
    clipper.Begin(int(std::min<int64_t>(model.total_count, INT32_MAX)), kRowHeight);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            first_shown = std::min<int64_t>(first_shown, index);
            last_shown = std::max<int64_t>(last_shown, index);
            ImGui::TableNextRow(ImGuiTableRowFlags_None, kRowHeight);
            const DealRowModel* row = model.Row(index);
            if (!row) {
                state.missing_rows = true;
                ImGui::TableSetColumnIndex(kFirstDataColumn);
                ImGui::AlignTextToFramePadding();
                MutedText("…");
                continue;
            }
            ImGui::PushID(row->id.c_str());
            const bool selected = state.selected.count(row->id) > 0;
            // The checkbox first, so it keeps the pointer over its cell; the row's selectable spans every
            // column behind it. (No AllowOverlap: that needs a frame of hovering first, and a tap has none.)
            ImGui::TableSetColumnIndex(0);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
            SelectionCheckbox(*row, index, selected, commands);
            ImGui::TableSetColumnIndex(kFirstDataColumn);
            const ImVec2 start = ImGui::GetCursorPos();
            if (ImGui::Selectable("##row", selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick,
                                  ImVec2(0, kRowHeight - ImGui::GetStyle().CellPadding.y * 2))) {
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
                    commands.open_deal = row->id;
                } else {
                    commands.select_row = ListSelection{ClickKind(), index, row->id};
                }
            }
            TagLastItem("list.row." + row->id, row->name);
            ImGui::SetCursorPos(start);
            ImGui::AlignTextToFramePadding();
            ImGui::PushFont(CurrentFonts().strong);
            ImGui::TextUnformatted(row->name.c_str());
            ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            MutedText(row->account_name.empty() ? "—" : row->account_name.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(row->stage_name.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(row->owner_name.empty() ? "—" : row->owner_name.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            RightAlignedText(row->amount_text);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            CloseDateText(*row);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            NextActivityText(*row);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (last_shown >= 0) {
        state.visible_first = first_shown;
        state.visible_last = last_shown;
    }
}

void DrawCards(const DealListModel& model, ListState& state, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("cards", ImGui::GetContentRegionAvail(), false);
    ImGui::PopStyleColor();
    const float card_height = 3 * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().ItemSpacing.y + 2 * 12.0f;
    state.missing_rows = false;
    int64_t first_shown = INT64_MAX;
    int64_t last_shown = -1;
    ImGuiListClipper clipper;
    clipper.Begin(int(std::min<int64_t>(model.total_count, INT32_MAX)), card_height + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            first_shown = std::min<int64_t>(first_shown, index);
            last_shown = std::max<int64_t>(last_shown, index);
            const DealRowModel* row = model.Row(index);
            if (!row) {
                state.missing_rows = true;
                ImGui::Dummy(ImVec2(-1, card_height));
                continue;
            }
            ImGui::PushID(row->id.c_str());
            const bool selected = state.selected.count(row->id) > 0;
            ImGui::PushStyleColor(ImGuiCol_ChildBg, selected ? palette.surface_raised : palette.surface);
            ImGui::PushStyleColor(ImGuiCol_Border, selected ? palette.accent : palette.border);
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
            ImGui::BeginChild("card", ImVec2(-1, card_height), ImGuiChildFlags_Border,
                              ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
            // A large checkbox on the right, where a thumb reaches it; a tap on the card opens the deal.
            const ImVec2 start = ImGui::GetCursorPos();
            if (ImGui::InvisibleButton("##open", ImVec2(ImGui::GetContentRegionAvail().x - 44, card_height - 24))) {
                commands.open_deal = row->id;
            }
            ImGui::SetCursorPos(start);
            ImGui::PushFont(CurrentFonts().strong);
            ImGui::TextUnformatted(row->name.c_str());
            ImGui::PopFont();
            MutedText(row->account_name.empty() ? "No account" : row->account_name.c_str());
            ImGui::SameLine();
            // Left of the checkbox's column.
            const float amount_width = ImGui::CalcTextSize(row->amount_text.c_str()).x;
            ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - 44 - amount_width));
            ImGui::TextUnformatted(row->amount_text.c_str());
            CloseDateText(*row);
            ImGui::SameLine();
            MutedText(("  " + row->stage_name).c_str());
            ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - 30, start.y));
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(7, 7));
            SelectionCheckbox(*row, index, selected, commands);
            ImGui::PopStyleVar();
            ImGui::EndChild();
            TagLastItem("list.row." + row->id, row->name);
            ImGui::PopStyleVar();
            ImGui::PopStyleColor(2);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    if (last_shown >= 0) {
        state.visible_first = first_shown;
        state.visible_last = last_shown;
    }
}

void DrawNoMatch() {
    ImGui::Dummy(ImVec2(0, 24));
    const char* text = "No deals match these filters.";
    CenterNextItem(ImGui::CalcTextSize(text).x);
    MutedText(text);
    TagLastItem("list.empty", text);
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

}  // namespace

void DrawListScreen(const DealListModel& model, ListState& state, UiCommands& commands, bool phone) {
    DrawScreenHeader("Deals", Summary(model), commands, phone);
    ImGui::Dummy(ImVec2(0, 6));
    const bool unfiltered = state.text.empty() && state.status == ListStatusFilter::Open;
    if (model.load_error.empty() && model.total_count == 0 && unfiltered) {
        DrawEmptyOpportunities(commands);
        return;
    }
    // The bulk actions share the filters' row on wide screens and have their own on phones, shown whether or
    // not anything is selected, so selecting never moves the rows under the pointer.
    DrawListFilters(state, phone);
    if (!phone) ImGui::SameLine(0, 24);
    if (!state.selected.empty()) {
        DrawBulkActions(model, state, commands, phone);
    } else {
        ImGui::AlignTextToFramePadding();
        MutedText(phone ? "Tick deals to change several at once." : "Select deals to change several at once.");
    }
    ImGui::Dummy(ImVec2(0, 4));
    if (!model.load_error.empty()) {
        LoadErrorText("your deals", model.load_error, "list.error");
    } else if (model.total_count == 0) {
        DrawNoMatch();
    } else if (phone) {
        DrawCards(model, state, commands);
    } else {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, CurrentPalette().surface);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
        ImGui::BeginChild("table-card", ImVec2(0, 0), ImGuiChildFlags_Border);
        DrawTable(model, state, commands);
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
}

}  // namespace roadbook::ui
