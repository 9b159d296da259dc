// The board screen: header, pipeline picker and filters, then the columns side by side in a horizontally
// scrolling area with Won and Lost drop targets after them. Tags: board.pipeline, board.pipeline.<id>,
// board.filter.text, board.filter.owner (.all, .<user id>), board.filter.team (.all, .<team id>),
// board.column.<stage id>, board.drop.won, board.drop.lost.
#include "ui/board_view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "ui/board_column_view.h"
#include "ui/chrome_view.h"
#include "ui/card_drag_drop.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr float kColumnWidth = 284.0f;
constexpr float kColumnGap = 14.0f;
constexpr float kOutcomeTargetWidth = 150.0f;
constexpr float kEdgeScrollZone = 56.0f;
constexpr float kEdgeScrollPixelsPerSecond = 900.0f;

std::string Summary(const BoardModel& model) {
    if (!model.load_error.empty()) return "The board could not be read";
    if (model.deal_count == 0) return model.filtered ? "No open deals match the filters" : "No open deals yet";
    return std::to_string(model.deal_count) + (model.deal_count == 1 ? " open deal" : " open deals") + "  ·  " +
           model.total_text + "  ·  weighted " + model.weighted_text;
}

const std::string& LabelFor(const std::vector<ChoiceModel>& choices, const std::string& id, const std::string& fallback) {
    for (const ChoiceModel& choice : choices) {
        if (choice.id == id) return choice.label;
    }
    return fallback;
}

// A combo over `choices` with an "all" entry first (unless `all_label` is null); true when changed.
bool ChoiceCombo(const char* tag, const std::vector<ChoiceModel>& choices, std::string& selected,
                 const char* all_label, float width) {
    static const std::string kNone;
    const std::string all = all_label ? all_label : "";
    const std::string& preview = LabelFor(choices, selected, all_label ? all : kNone);
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo((std::string("##") + tag).c_str(), preview.c_str(), ImGuiComboFlags_HeightLarge);
    TagLastItem(tag, preview);
    if (!open) return false;
    bool changed = false;
    if (all_label) {
        if (ImGui::Selectable(all_label, selected.empty())) {
            changed = !selected.empty();
            selected.clear();
        }
        TagLastItem(std::string(tag) + ".all");
    }
    for (const ChoiceModel& choice : choices) {
        ImGui::PushID(choice.id.c_str());
        if (ImGui::Selectable(choice.label.c_str(), choice.id == selected)) {
            changed = choice.id != selected;
            selected = choice.id;
        }
        ImGui::PopID();
        TagLastItem(std::string(tag) + "." + choice.id);
    }
    ImGui::EndCombo();
    return changed;
}

void DrawToolbar(const BoardModel& model, BoardState& state, bool phone) {
    const float full = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    std::string pipeline = model.pipeline_id;
    const float pipeline_width = phone ? (full - gap) * 0.42f : 200.0f;
    if (ChoiceCombo("board.pipeline", model.pipelines, pipeline, nullptr, pipeline_width)) state.pipeline_id = pipeline;
    ImGui::SameLine();
    const float text_width = phone ? full - pipeline_width - gap : 260.0f;
    ImGui::SetNextItemWidth(text_width);
    StringInput("##board-filter", (std::string(icon::kSearch) + "  Filter deals or accounts").c_str(), state.text);
    TagLastItem("board.filter.text");
    if (!phone) ImGui::SameLine();
    const float combo_width = phone ? (full - gap) * 0.5f : 190.0f;
    ChoiceCombo("board.filter.owner", model.owners, state.owner_id, "Every owner", combo_width);
    ImGui::SameLine();
    if (ChoiceCombo("board.filter.team", model.teams, state.team_id, "Every team", combo_width)) {
        state.owner_id.clear();  // the owner list narrows to the team
    }
}

// The dragged card, if it was dropped on `rect` this frame.
std::optional<CardPayload> AcceptCard(const ImRect& rect, ImGuiID id) {
    CardPayload card;
    if (!AcceptDrop(rect, id, kCardPayload, &card, sizeof card)) return std::nullopt;
    return card;
}

const BoardCardModel* FindCard(const BoardModel& model, const char* id) {
    for (const BoardColumnModel& column : model.columns) {
        for (const BoardCardModel& card : column.cards) {
            if (card.id == id) return &card;
        }
    }
    return nullptr;
}

// "Won" and "Lost" after the columns: the board shows open stages only, so outcomes get their own targets.
ImRect DrawOutcomeTarget(const char* tag, const char* icon_text, const char* label, ImU32 color, ImVec2 size) {
    const Palette& palette = CurrentPalette();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImRect rect(min, ImVec2(min.x + size.x, min.y + size.y));
    ImGui::Dummy(size);
    TagLastItem(tag, label);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool carrying = ImGui::GetDragDropPayload() && ImGui::GetDragDropPayload()->IsDataType(kCardPayload);
    draw->AddRectFilled(rect.Min, rect.Max, carrying ? (color & 0x00FFFFFF) | 0x22000000 : palette.column, 12);
    draw->AddRect(rect.Min, rect.Max, carrying ? color : palette.border, 12, 0, 1.5f);
    ImGui::PushFont(CurrentFonts().heading);
    const ImVec2 icon_size = ImGui::CalcTextSize(icon_text);
    draw->AddText(ImVec2(rect.Min.x + (size.x - icon_size.x) * 0.5f, rect.Min.y + 40), color, icon_text);
    ImGui::PopFont();
    ImGui::PushFont(CurrentFonts().strong);
    const ImVec2 label_size = ImGui::CalcTextSize(label);
    draw->AddText(ImVec2(rect.Min.x + (size.x - label_size.x) * 0.5f, rect.Min.y + 76), color, label);
    ImGui::PopFont();
    ImGui::PushFont(CurrentFonts().small);
    const char* hint = "Drop a deal here";
    const ImVec2 hint_size = ImGui::CalcTextSize(hint);
    draw->AddText(ImVec2(rect.Min.x + (size.x - hint_size.x) * 0.5f, rect.Min.y + 100), palette.text_muted, hint);
    ImGui::PopFont();
    return rect;
}

// A card carried near the left or right edge scrolls the board that way.
void ScrollAtEdges(BoardState& state) {
    state.edge_scrolling = false;
    const ImGuiPayload* payload = ImGui::GetDragDropPayload();
    if (!payload || !payload->IsDataType(kCardPayload)) return;
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float mouse = ImGui::GetIO().MousePos.x;
    const float step = kEdgeScrollPixelsPerSecond * ImGui::GetIO().DeltaTime;
    if (mouse < window->InnerRect.Min.x + kEdgeScrollZone && ImGui::GetScrollX() > 0) {
        ImGui::SetScrollX(std::max(0.0f, ImGui::GetScrollX() - step));
        state.edge_scrolling = true;
    } else if (mouse > window->InnerRect.Max.x - kEdgeScrollZone && ImGui::GetScrollX() < ImGui::GetScrollMaxX()) {
        ImGui::SetScrollX(std::min(ImGui::GetScrollMaxX(), ImGui::GetScrollX() + step));
        state.edge_scrolling = true;
    }
}

// A finger that moves before resting long enough to pick a card up scrolls, along the axis it first
// moved on: sideways through the columns, or up and down one column. The frame that sees it lift still
// scrolls: on a busy device a whole quick flick can arrive together with the lift.
void TrackTouchScrolling(BoardState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool lifted = ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) && !lifted) {
        state.touch_scrolling = false;
        return;
    }
    const ImVec2 moved = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
    const bool past_threshold = moved.x * moved.x + moved.y * moved.y >= io.MouseDragThreshold * io.MouseDragThreshold;
    const float held = lifted ? io.MouseDownDurationPrev[0] : io.MouseDownDuration[0];
    if (!state.touch_scrolling && io.MouseSource == ImGuiMouseSource_TouchScreen && !ImGui::IsDragDropActive() &&
        past_threshold && held < kTouchHoldSeconds) {
        state.touch_scrolling = true;
        state.touch_scrolls_sideways = std::abs(moved.x) > std::abs(moved.y);
    }
}

void DrawColumns(const BoardModel& model, BoardState& state, UiCommands& commands, bool phone) {
    const Palette& palette = CurrentPalette();
    const float display_width = ImGui::GetIO().DisplaySize.x;
    // On phones a column is nearly a screen wide, with the next one peeking in to show there is more.
    const float column_width = phone ? std::max(240.0f, display_width - 2 * 16 - 36) : kColumnWidth;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("board-columns", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_HorizontalScrollbar);
    TrackTouchScrolling(state);
    if (state.touch_scrolling && state.touch_scrolls_sideways &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
        ImGui::SetScrollX(ImGui::GetScrollX() - ImGui::GetIO().MouseDelta.x);
    }
    const float height = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ScrollbarSize - 6;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(kColumnGap, 10));
    for (size_t index = 0; index < model.columns.size(); ++index) {
        const BoardColumnModel& column = model.columns[index];
        if (index > 0) ImGui::SameLine();
        const bool collapsed = state.collapsed_stage_ids.count(column.stage_id) > 0;
        const ImRect rect = DrawBoardColumn(column, state, ImVec2(collapsed ? kCollapsedColumnWidth : column_width, height));
        const std::optional<CardPayload> dropped = AcceptCard(rect, ImGui::GetID(("drop-" + column.stage_id).c_str()));
        if (dropped && column.stage_id != dropped->stage_id) {
            commands.move_stage = StageMove{dropped->opportunity_id, column.stage_id, column.name};
        }
    }
    const ImVec2 target_size(phone ? column_width * 0.5f : kOutcomeTargetWidth, std::min(height, 160.0f));
    ImGui::SameLine();
    ImGui::BeginGroup();
    const ImRect won = DrawOutcomeTarget("board.drop.won", icon::kTrophy, "Won", palette.success, target_size);
    const ImRect lost = DrawOutcomeTarget("board.drop.lost", icon::kThumbsDown, "Lost", palette.danger, target_size);
    ImGui::EndGroup();
    ImGui::PopStyleVar();
    if (const std::optional<CardPayload> dropped = AcceptCard(won, ImGui::GetID("drop-won"))) {
        if (const BoardCardModel* card = FindCard(model, dropped->opportunity_id)) {
            state.won = WonDialogState{true, card->id, card->name, card->amount_text, {}};
        }
    }
    if (const std::optional<CardPayload> dropped = AcceptCard(lost, ImGui::GetID("drop-lost"))) {
        if (const BoardCardModel* card = FindCard(model, dropped->opportunity_id)) {
            state.lost = LostDialogState{true, card->id, card->name, "", "", {}};
        }
    }
    ScrollAtEdges(state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace

void DrawBoardScreen(const BoardModel& model, BoardState& state, UiCommands& commands, bool phone) {
    state.opened_card_id.clear();
    DrawScreenHeader("Pipeline", Summary(model), commands, phone);
    ImGui::Dummy(ImVec2(0, 2));
    DrawToolbar(model, state, phone);
    ImGui::Dummy(ImVec2(0, 4));
    if (!model.load_error.empty()) {
        LoadErrorText("the board", model.load_error, "board.error");
        return;
    }
    DrawColumns(model, state, commands, phone);
    if (!state.opened_card_id.empty()) commands.open_deal = state.opened_card_id;
}

bool BoardIsAnimating(const BoardState& state) { return state.edge_scrolling; }

}  // namespace roadbook::ui
