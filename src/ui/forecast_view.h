// The forecast screen: a chart of the months and a column per month (overdue, this month and the next
// five) with totals per forecast category and the largest deals; dragging a deal to another month re-dates it.
// Tags: forecast.chart, forecast.bar.<key>, forecast.column.<key>, forecast.total.<key>.<commit|best_case|
// pipeline|weighted|closed>, forecast.card.<opportunity id>, forecast.more.<key>, forecast.error; <key> is
// "overdue" or "YYYY-MM".
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawForecastScreen(const ForecastModel& model, UiCommands& commands, bool phone);
// The months as nested bars (forecast_chart_view.cpp): pipeline, best case, commit and closed, with a tick
// for the weighted pipeline.
void DrawForecastChart(const ForecastModel& model, bool phone);

}  // namespace roadbook::ui
