// A board column and its cards. Cards have one fixed height so ImGuiListClipper draws only the visible
// ones: a pipeline can hold 10k deals, and a frame costs the few dozen on screen. Cards are drawn with the
// draw list (text clipped with an ellipsis) over one invisible button that takes clicks and drags.
#include "ui/board_column_view.h"

#include <cstdio>
#include <string>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr float kCardPadding = 12.0f;
constexpr float kLineGap = 4.0f;

float CardHeight() { return 4 * ImGui::GetTextLineHeight() + 3 * kLineGap + 2 * kCardPadding; }

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

const char* ActivityIcon(ActivityDue due) {
    switch (due) {
        case ActivityDue::Overdue: return icon::kTriangle;
        case ActivityDue::Today: return icon::kClock;
        case ActivityDue::Future: return icon::kCalendar;
        case ActivityDue::None: break;
    }
    return icon::kWarning;
}

// Text from `left` to at most `right`, ending in "..." when it does not fit.
void ClippedText(ImDrawList* draw, ImVec2 position, float right, const std::string& text, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    const float height = ImGui::GetTextLineHeight();
    ImGui::RenderTextEllipsis(draw, position, ImVec2(right, position.y + height), right, right, text.c_str(),
                              text.c_str() + text.size(), nullptr);
    ImGui::PopStyleColor();
}

float TextWidth(const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x; }

void DrawCardFace(const BoardCardModel& card, ImVec2 min, ImVec2 max, bool hovered, bool lifted) {
    const Palette& palette = CurrentPalette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (lifted) draw->AddRectFilled(ImVec2(min.x + 2, min.y + 3), ImVec2(max.x + 2, max.y + 4), IM_COL32(0, 0, 0, 40), 10);
    draw->AddRectFilled(min, max, hovered ? palette.surface_raised : palette.surface, 10);
    draw->AddRect(min, max, lifted ? palette.accent : palette.border, 10, 0, lifted ? 2.0f : 1.0f);
    // A rotting deal is marked down its whole left edge, so a column's stale deals show at a glance.
    if (card.rot_days > 0) draw->AddRectFilled(min, ImVec2(min.x + 4, max.y), palette.danger, 10, ImDrawFlags_RoundCornersLeft);

    const float line = ImGui::GetTextLineHeight() + kLineGap;
    const float left = min.x + kCardPadding;
    const float right = max.x - kCardPadding;
    float y = min.y + kCardPadding;
    ImGui::PushFont(CurrentFonts().strong);
    ClippedText(draw, ImVec2(left, y), right, card.name, palette.text);
    ImGui::PopFont();
    y += line;
    ClippedText(draw, ImVec2(left, y), right, card.account_name.empty() ? "No account" : card.account_name,
                palette.text_muted);
    y += line;
    ImGui::PushFont(CurrentFonts().strong);
    ClippedText(draw, ImVec2(left, y), right - 110, card.amount_text, palette.text);
    ImGui::PopFont();
    const std::string close = card.close_date_passed ? std::string(icon::kWarning) + " " + card.close_date_text
                                                     : card.close_date_text;
    draw->AddText(ImVec2(right - TextWidth(close), y), card.close_date_passed ? palette.danger : palette.text_muted,
                  close.c_str());
    y += line;

    // Owner on the left; on the right the next-activity state and, when rotting, for how long.
    ImGui::PushFont(CurrentFonts().small);
    const float small_offset = (ImGui::GetTextLineHeight() - ImGui::GetFontSize()) * 0.5f + 1;
    std::string indicators = std::string(ActivityIcon(card.next_activity)) + " " + card.next_activity_text;
    std::string rot;
    if (card.rot_days > 0) rot = std::string(icon::kFire) + " " + std::to_string(card.rot_days) + "d";
    float x = right;
    if (!rot.empty()) {
        x -= TextWidth(rot);
        draw->AddText(ImVec2(x, y + small_offset), palette.danger, rot.c_str());
        x -= 10;
    }
    x -= TextWidth(indicators);
    draw->AddText(ImVec2(x, y + small_offset), ActivityColor(card.next_activity), indicators.c_str());
    const std::string owner = std::string(icon::kUser) + " " + (card.owner_name.empty() ? "Unassigned" : card.owner_name);
    ClippedText(draw, ImVec2(left, y + small_offset), x - 10, owner, palette.text_muted);
    ImGui::PopFont();
}

void DrawCard(const BoardCardModel& card, const std::string& stage_id, BoardState& state, float width) {
    const float height = CardHeight();
    ImGui::PushID(card.id.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    // A click that carried nothing opens the deal; a drag moves it.
    if (ImGui::InvisibleButton("##card", ImVec2(width, height)) && !state.touch_scrolling &&
        !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left)) {
        state.opened_card_id = card.id;
    }
    TagLastItem("board.card." + card.id, card.name);
    DrawDraggableCard(
        min, ImVec2(width, height), state.touch_scrolling,
        [&] {
            CardPayload payload;
            std::snprintf(payload.opportunity_id, sizeof payload.opportunity_id, "%s", card.id.c_str());
            std::snprintf(payload.stage_id, sizeof payload.stage_id, "%s", stage_id.c_str());
            ImGui::SetDragDropPayload(kCardPayload, &payload, sizeof payload);
        },
        [&](ImVec2 face_min, ImVec2 face_max, bool hovered, bool lifted) {
            DrawCardFace(card, face_min, face_max, hovered, lifted);
        });
    ImGui::PopID();
}

// The collapsed column's name, written bottom to top by rotating the vertices the text added.
void DrawUpwardText(ImDrawList* draw, ImVec2 bottom_left, const std::string& text, ImU32 color) {
    const int first_vertex = draw->VtxBuffer.Size;
    // Text is clipped glyph by glyph as it is added, before the turn: add it unclipped, the turned
    // glyphs land inside the strip.
    draw->PushClipRectFullScreen();
    draw->AddText(bottom_left, color, text.c_str());
    draw->PopClipRect();
    // A quarter turn counter-clockwise about bottom_left: (x, y) -> (x0 + (y - y0), y0 - (x - x0)).
    for (int index = first_vertex; index < draw->VtxBuffer.Size; ++index) {
        ImVec2& position = draw->VtxBuffer[index].pos;
        const ImVec2 relative(position.x - bottom_left.x, position.y - bottom_left.y);
        position = ImVec2(bottom_left.x + relative.y, bottom_left.y - relative.x);
    }
}

bool CollapseButton(const BoardColumnModel& column, bool collapsed) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6, 4));
    const std::string label = std::string(collapsed ? icon::kChevronRight : icon::kChevronDown) + "##collapse";
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(28, 28));
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    TagLastItem("board.collapse." + column.stage_id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(collapsed ? "Show this stage" : "Fold this stage away");
    return pressed;
}

void ToggleCollapsed(BoardState& state, const std::string& stage_id) {
    if (!state.collapsed_stage_ids.erase(stage_id)) state.collapsed_stage_ids.insert(stage_id);
}

void CountBadge(int64_t count) {
    const Palette& palette = CurrentPalette();
    const std::string text = std::to_string(count);
    ImGui::PushFont(CurrentFonts().small);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x + 14, min.y + size.y + 6);
    ImGui::GetWindowDrawList()->AddRectFilled(min, max, palette.surface_raised, 99);
    ImGui::GetWindowDrawList()->AddText(ImVec2(min.x + 7, min.y + 3), palette.text_muted, text.c_str());
    ImGui::Dummy(ImVec2(max.x - min.x, max.y - min.y));
    ImGui::PopFont();
}

void DrawCollapsed(const BoardColumnModel& column, BoardState& state) {
    if (CollapseButton(column, true)) ToggleCollapsed(state, column.stage_id);
    CountBadge(column.deal_count);
    ImGui::PushFont(CurrentFonts().strong);
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    DrawUpwardText(ImGui::GetWindowDrawList(), ImVec2(cursor.x + 4, cursor.y + 8 + ImGui::CalcTextSize(column.name.c_str()).x),
                   column.name, CurrentPalette().text);
    ImGui::PopFont();
}

void DrawHeader(const BoardColumnModel& column, BoardState& state) {
    if (CollapseButton(column, false)) ToggleCollapsed(state, column.stage_id);
    ImGui::SameLine(0, 4);
    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(column.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    CountBadge(column.deal_count);
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(column.total_text.c_str());
    ImGui::PopFont();
    ImGui::PushFont(CurrentFonts().small);
    const std::string weighted = "Weighted " + column.weighted_text + "  ·  " + std::to_string(column.probability) + "%";
    MutedText(weighted.c_str());
    ImGui::PopFont();
}

}  // namespace

ImRect DrawBoardColumn(const BoardColumnModel& column, BoardState& state, ImVec2 size) {
    const Palette& palette = CurrentPalette();
    const bool collapsed = state.collapsed_stage_ids.count(column.stage_id) > 0;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette.column);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(collapsed ? 10.0f : 12.0f, 10.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 12);
    ImGui::BeginChild(("column-" + column.stage_id).c_str(), size, ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImRect rect(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + size.x, ImGui::GetWindowPos().y + size.y));
    TagCurrentWindow("board.column." + column.stage_id);
    if (collapsed) {
        DrawCollapsed(column, state);
    } else {
        DrawHeader(column, state);
        ImGui::Dummy(ImVec2(0, 2));
        ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::BeginChild("cards", ImVec2(0, 0), ImGuiChildFlags_None);
        if (TouchInput() && state.touch_scrolling && !state.touch_scrolls_sideways &&
            ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
            ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
        }
        const float width = ImGui::GetContentRegionAvail().x;
        if (column.cards.empty()) {
            ImGui::Dummy(ImVec2(0, 8));
            ImGui::PushFont(CurrentFonts().small);
            CenterNextItem(ImGui::CalcTextSize("No deals in this stage").x);
            MutedText("No deals in this stage");
            ImGui::PopFont();
        }
        ImGuiListClipper clipper;
        clipper.Begin(int(column.cards.size()), CardHeight() + ImGui::GetStyle().ItemSpacing.y);
        while (clipper.Step()) {
            for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
                DrawCard(column.cards[size_t(index)], column.stage_id, state, width);
            }
        }
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return rect;
}

}  // namespace roadbook::ui
