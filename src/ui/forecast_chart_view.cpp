// The forecast chart, drawn with the draw list: a slot per month, the categories as nested bars from the
// baseline (closed inside commit inside best case, pipeline behind them all) and the weighted pipeline as
// a tick, so the eye compares months at a glance.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/fonts.h"
#include "ui/forecast_view.h"
#include "ui/item_registry.h"
#include "ui/theme.h"

namespace roadbook::ui {
namespace {

ImU32 WithAlpha(ImU32 color, int alpha) { return (color & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT); }

struct Series {
    const ForecastFigure ForecastColumnModel::*figure;
    ImU32 color;
    float width;  // share of the slot
};

void DrawLegend(const Series (&series)[4], ImU32 weighted_color) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const char* names[] = {"Pipeline", "Best case", "Commit", "Closed"};
    ImGui::PushFont(CurrentFonts().small);
    for (size_t index = 0; index < 4; ++index) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float size = ImGui::GetTextLineHeight() * 0.7f;
        draw->AddRectFilled(ImVec2(at.x, at.y + size * 0.2f), ImVec2(at.x + size, at.y + size * 1.2f), series[index].color, 3);
        ImGui::Dummy(ImVec2(size + 4, size));
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(names[index]);
        ImGui::SameLine(0, 14);
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float middle = at.y + ImGui::GetTextLineHeight() * 0.5f;
    draw->AddLine(ImVec2(at.x, middle), ImVec2(at.x + 14, middle), weighted_color, 2.5f);
    ImGui::Dummy(ImVec2(18, 1));
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted("Weighted");
    ImGui::PopFont();
}

}  // namespace

void DrawForecastChart(const ForecastModel& model, bool phone) {
    if (model.columns.empty()) return;
    const Palette& palette = CurrentPalette();
    const Series series[4] = {
        {&ForecastColumnModel::pipeline, WithAlpha(palette.accent, 60), 0.78f},
        {&ForecastColumnModel::best_case, WithAlpha(palette.accent, 120), 0.62f},
        {&ForecastColumnModel::commit, WithAlpha(palette.accent, 230), 0.46f},
        {&ForecastColumnModel::closed, palette.success, 0.30f},
    };
    int64_t largest = 1;
    for (const ForecastColumnModel& column : model.columns) {
        for (const Series& each : series) largest = std::max(largest, (column.*each.figure).minor);
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = phone ? 120.0f : 170.0f;
    const float label_height = ImGui::GetTextLineHeight() + 6;
    const float slot = std::floor(width / float(model.columns.size()));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushFont(CurrentFonts().small);
    ImGui::BeginGroup();
    for (size_t index = 0; index < model.columns.size(); ++index) {
        const ForecastColumnModel& column = model.columns[index];
        if (index > 0) ImGui::SameLine(0, 0);
        const ImVec2 min = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton(("##forecast-bar-" + column.key).c_str(), ImVec2(slot, height + label_height));
        TagLastItem("forecast.bar." + column.key, column.title + ": " + column.pipeline.text);
        const float baseline = min.y + height;
        const float center = min.x + slot * 0.5f;
        draw->AddLine(ImVec2(min.x, baseline), ImVec2(min.x + slot, baseline), palette.border, 1.0f);
        for (const Series& each : series) {
            const float bar = float(double((column.*each.figure).minor) / double(largest)) * (height - 8);
            if (bar <= 0) continue;
            const float half = slot * each.width * 0.5f;
            draw->AddRectFilled(ImVec2(center - half, baseline - bar), ImVec2(center + half, baseline), each.color, 4,
                                ImDrawFlags_RoundCornersTop);
        }
        const float weighted = float(double(column.weighted.minor) / double(largest)) * (height - 8);
        if (weighted > 0) {
            const float half = slot * 0.42f;
            draw->AddLine(ImVec2(center - half, baseline - weighted), ImVec2(center + half, baseline - weighted),
                          palette.text, 2.5f);
        }
        // "Overdue" or the month's first three letters.
        const std::string label = column.overdue ? column.title : column.title.substr(0, 3);
        const float label_width = ImGui::CalcTextSize(label.c_str()).x;
        draw->AddText(ImVec2(center - label_width * 0.5f, baseline + 4), column.overdue ? palette.danger : palette.text_muted,
                      label.c_str());
    }
    ImGui::EndGroup();
    TagLastItem("forecast.chart", model.total_text);
    ImGui::PopFont();
    DrawLegend(series, palette.text);
}

}  // namespace roadbook::ui
