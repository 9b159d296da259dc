// The forecast screen: the chart, then the months side by side (scrolling sideways), each with its totals
// per forecast category and its largest deals as cards that open on a click and re-date on a drop.
#include "ui/forecast_view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/chrome_view.h"
#include "ui/card_drag_drop.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr const char* kForecastPayload = "FORECAST_DEAL";
constexpr float kColumnWidth = 250.0f;
constexpr float kCardPadding = 10.0f;

struct DealPayload {
    char opportunity_id[96];
    char month[16];
};

float CardHeight() { return 3 * ImGui::GetTextLineHeight() + 2 * kCardPadding + 4; }

void DrawCardFace(const ForecastCardModel& card, ImVec2 min, ImVec2 max, bool hovered, bool lifted) {
    const Palette& palette = CurrentPalette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, hovered ? palette.surface_raised : palette.surface, 10);
    draw->AddRect(min, max, lifted ? palette.accent : palette.border, 10, 0, lifted ? 2.0f : 1.0f);
    const float left = min.x + kCardPadding;
    const float right = max.x - kCardPadding;
    const float line = ImGui::GetTextLineHeight() + 2;
    float y = min.y + kCardPadding;
    // In the current text colour, ending in "..." where it would pass `limit`.
    const auto text = [&](const std::string& value, float limit) {
        ImGui::RenderTextEllipsis(draw, ImVec2(left, y), ImVec2(limit, y + line), limit, limit, value.c_str(),
                                  value.c_str() + value.size(), nullptr);
    };
    ImGui::PushFont(CurrentFonts().strong);
    const float amount_width = ImGui::CalcTextSize(card.amount_text.c_str()).x;
    draw->AddText(ImVec2(right - amount_width, y), palette.text, card.amount_text.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, palette.text);
    text(card.name, right - amount_width - 8);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    y += line;
    ImGui::PushFont(CurrentFonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, palette.text_muted);
    text(card.account_name.empty() ? std::string("No account") : card.account_name, right);
    y += line;
    ImGui::PushStyleColor(ImGuiCol_Text, card.close_date_passed ? palette.danger : palette.text_muted);
    text(card.detail_text, right);
    ImGui::PopStyleColor(2);
    ImGui::PopFont();
}

void DrawCard(const ForecastCardModel& card, const std::string& month, float width, UiCommands& commands) {
    const float height = CardHeight();
    ImGui::PushID(card.id.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##forecast-card", ImVec2(width, height)) &&
        !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left)) {
        commands.open_deal = card.id;
    }
    TagLastItem("forecast.card." + card.id, card.name);
    DrawDraggableCard(
        min, ImVec2(width, height), false,
        [&] {
            DealPayload payload{};
            std::snprintf(payload.opportunity_id, sizeof payload.opportunity_id, "%s", card.id.c_str());
            std::snprintf(payload.month, sizeof payload.month, "%s", month.c_str());
            ImGui::SetDragDropPayload(kForecastPayload, &payload, sizeof payload);
        },
        [&](ImVec2 face_min, ImVec2 face_max, bool hovered, bool lifted) {
            DrawCardFace(card, face_min, face_max, hovered, lifted);
        });
    ImGui::PopID();
}

void DrawFigure(const ForecastFigure& figure, const std::string& tag, bool strong) {
    ImGui::PushFont(strong ? CurrentFonts().strong : CurrentFonts().small);
    MutedText(figure.label.c_str());
    ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - ImGui::CalcTextSize(figure.text.c_str()).x -
                    ImGui::GetStyle().ItemSpacing.x);
    ImGui::TextUnformatted(figure.text.c_str());
    TagLastItem(tag, figure.text);
    ImGui::PopFont();
}

// A zero height grows the column to its content (phones stack the months down one scrolling page).
ImRect DrawColumn(const ForecastColumnModel& column, ImVec2 size, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette.column);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 10));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 12);
    const ImGuiChildFlags flags = ImGuiChildFlags_AlwaysUseWindowPadding | (size.y == 0 ? ImGuiChildFlags_AutoResizeY : 0);
    ImGui::BeginChild(("forecast-" + column.key).c_str(), size, flags);
    if (size.y == 0) size.y = ImGui::GetWindowHeight();
    const ImRect rect(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + size.x, ImGui::GetWindowPos().y + size.y));
    TagCurrentWindow("forecast.column." + column.key);
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::PushStyleColor(ImGuiCol_Text, column.overdue ? palette.danger : palette.text);
    ImGui::TextUnformatted(column.title.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SameLine();
    MutedText(column.deal_count == 1 ? "1 deal" : (std::to_string(column.deal_count) + " deals").c_str());
    const std::string prefix = "forecast.total." + column.key + ".";
    DrawFigure(column.commit, prefix + "commit", false);
    DrawFigure(column.best_case, prefix + "best_case", false);
    DrawFigure(column.pipeline, prefix + "pipeline", true);
    DrawFigure(column.weighted, prefix + "weighted", false);
    if (!column.overdue) DrawFigure(column.closed, prefix + "closed", false);
    ImGui::Dummy(ImVec2(0, 4));
    const float width = ImGui::GetContentRegionAvail().x;
    if (column.cards.empty()) {
        ImGui::PushFont(CurrentFonts().small);
        MutedWrappedText(column.overdue ? "Nothing overdue." : "No open deals close this month. Drop one here.");
        ImGui::PopFont();
    }
    for (const ForecastCardModel& card : column.cards) DrawCard(card, column.key, width, commands);
    if (column.more > 0) {
        ImGui::PushFont(CurrentFonts().small);
        const std::string more = "+ " + std::to_string(column.more) + " more (in the list)";
        MutedText(more.c_str());
        TagLastItem("forecast.more." + column.key, more);
        ImGui::PopFont();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return rect;
}

// A deal dropped on `rect` this frame.
std::optional<DealPayload> AcceptDeal(const ImRect& rect, ImGuiID id) {
    DealPayload deal;
    if (!AcceptDrop(rect, id, kForecastPayload, &deal, sizeof deal)) return std::nullopt;
    return deal;
}

const ForecastCardModel* FindCard(const ForecastModel& model, const std::string& id) {
    for (const ForecastColumnModel& column : model.columns) {
        for (const ForecastCardModel& card : column.cards) {
            if (card.id == id) return &card;
        }
    }
    return nullptr;
}

}  // namespace

void DrawForecastScreen(const ForecastModel& model, UiCommands& commands, bool phone) {
    const std::string subtitle = model.reporting_currency.empty()
                                     ? std::string()
                                     : "In " + model.reporting_currency + ": drag a deal to another month to move its close date";
    DrawScreenHeader("Forecast", subtitle, commands, phone);
    if (!model.load_error.empty()) {
        LoadErrorText("the forecast", model.load_error, "forecast.error");
        return;
    }
    ImGui::PushFont(CurrentFonts().small);
    MutedWrappedText(model.total_text.c_str());
    ImGui::PopFont();
    DrawForecastChart(model, phone);
    ImGui::Dummy(ImVec2(0, 6));
    // Desktops put the months side by side, scrolling sideways; phones stack them down the page.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    if (!phone) {
        ImGui::BeginChild("forecast-columns", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_HorizontalScrollbar);
    }
    const float height = phone ? 0.0f : std::max(200.0f, ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ScrollbarSize - 6);
    const float column_width = phone ? ImGui::GetContentRegionAvail().x : kColumnWidth;
    for (size_t index = 0; index < model.columns.size(); ++index) {
        const ForecastColumnModel& column = model.columns[index];
        if (index > 0 && !phone) ImGui::SameLine(0, 12);
        if (index > 0 && phone) ImGui::Dummy(ImVec2(0, 4));
        const ImRect rect = DrawColumn(column, ImVec2(column_width, height), commands);
        if (column.overdue) continue;  // a close date cannot be moved into the past by a drop
        const std::optional<DealPayload> dropped = AcceptDeal(rect, ImGui::GetID(("drop-" + column.key).c_str()));
        if (dropped && column.key != dropped->month) {
            const ForecastCardModel* card = FindCard(model, dropped->opportunity_id);
            commands.redate = ForecastRedate{dropped->opportunity_id, column.key, card ? card->name : std::string(), column.title};
        }
    }
    if (!phone) ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace roadbook::ui
