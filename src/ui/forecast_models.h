// What the forecast draws: a column per expected close month (overdue, this month and the next five) with
// totals per forecast category in the reporting currency, the deals in each, and the chart's figures.
// Plain data, no Dear ImGui.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roadbook::ui {

struct ForecastCardModel {
    std::string id;
    std::string name;
    std::string account_name;
    std::string amount_text;       // in the deal's own currency
    std::string detail_text;       // "Commit · 60 % · 14 Nov"
    bool close_date_passed = false;
};

// One figure of a column: its label, the text shown, and the number the chart scales.
struct ForecastFigure {
    std::string label;  // "Commit"
    std::string text;   // "€12,500.00"
    int64_t minor = 0;  // in the reporting currency
};

struct ForecastColumnModel {
    std::string key;    // "overdue" or "YYYY-MM": the tag and the target of a drop
    std::string title;  // "Overdue", "November 2026"
    bool overdue = false;
    ForecastFigure closed, commit, best_case, pipeline, weighted;
    int64_t deal_count = 0;                 // open deals counted in the column
    std::vector<ForecastCardModel> cards;   // the largest first
    int64_t more = 0;                       // deals not shown as cards
};

struct ForecastModel {
    std::string reporting_currency;
    std::vector<ForecastColumnModel> columns;
    std::string total_text;  // "Pipeline €1.2M · weighted €480k · commit €300k"
    std::string load_error;
};

// A deal dropped on another month: its expected close date moves there (same day, within the month).
struct ForecastRedate {
    std::string opportunity_id;
    std::string month;  // "YYYY-MM"
    std::string deal_name;
    std::string month_title;  // "September 2026", for the toast
};

}  // namespace roadbook::ui
