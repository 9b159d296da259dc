// The forecast for this month and the next five, plus the overdue bucket (open deals whose expected close
// date has passed), each rolled up by the core (RollUpForecast: Closed inside Commit inside Best case,
// Pipeline = every open deal not Omitted) in the reporting currency, weighted and unweighted.
#include <algorithm>

#include "store/view_queries.h"
#include "store/view_query_support.h"

namespace roadbook {
namespace {

// Where a deal counts: bucket 0 is overdue, 1..kForecastMonths the months; -1 outside the forecast.
int BucketOf(DealStatus status, CalendarDate expected_close, std::optional<CalendarDate> closed,
             const std::vector<CalendarDate>& month_starts, CalendarDate today) {
    if (status == DealStatus::Open && expected_close < today) return 0;
    const bool closed_deal = status == DealStatus::Won || status == DealStatus::Lost;
    const CalendarDate date = closed_deal && closed ? *closed : expected_close;
    for (size_t month = 0; month + 1 < month_starts.size(); ++month) {
        if (date >= month_starts[month] && date < month_starts[month + 1]) return int(month) + 1;
    }
    return -1;
}

void AddErrorsOnce(std::vector<ValidationError>& errors, const std::vector<ValidationError>& more) {
    for (const ValidationError& error : more) {
        const bool seen = std::any_of(errors.begin(), errors.end(), [&](const ValidationError& existing) {
            return existing.rule == error.rule && existing.message == error.message;
        });
        if (!seen) errors.push_back(error);
    }
}

}  // namespace

Result<ForecastView> ViewQueries::Forecast(const ForecastRequest& request) {
    Database& database = state_->database;
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    const views::Catalogue& catalogue = state_->catalogue;
    const CalendarDate today = request.clock.today;
    std::vector<CalendarDate> month_starts = {CalendarDate{today.year, today.month, 1}};
    for (int month = 0; month < kForecastMonths; ++month) {
        const CalendarDate start = month_starts.back();
        month_starts.push_back(AddDays(start, DaysInMonth(start.year, start.month)));
    }
    const std::string start = FormatIsoDate(month_starts.front());
    const std::string end = FormatIsoDate(month_starts.back());

    views::SqlFilter filter;
    filter.Add("(o.status = 'open' AND o.expected_close_date < ?)"
               " OR (o.status IN ('won', 'lost') AND o.closed_date >= ? AND o.closed_date < ?)"
               " OR (o.status IN ('postponed', 'archived') AND o.expected_close_date >= ? AND o.expected_close_date < ?)",
               {end, start, end, start, end});
    filter.AddScope(request.scope);
    if (!request.pipeline_id.empty()) filter.Add("o.pipeline_id = ?", {request.pipeline_id});
    auto statement = database.PrepareCached(
        "SELECT o.id, o.status, o.amount_minor, o.currency_code, o.stage_id, o.probability_override,"
        " o.forecast_category_override, o.expected_close_date, o.closed_date FROM opportunities o WHERE 1" +
            filter.sql(),
        "Reading the forecast");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    filter.Bind(row, 1);

    std::vector<std::vector<ForecastLine>> lines(size_t(kForecastMonths) + 1);
    std::vector<ValidationError> errors;
    while (row.Step()) {
        ForecastLine line;
        line.deal_id = row.ColumnText(0);
        auto status = ParseDealStatus(row.ColumnText(1));
        const views::StageInfo* stage = catalogue.FindStage(row.ColumnView(4));
        auto close = ParseCalendarDate(row.ColumnText(7), "expected_close_date");
        if (!status || !stage || !close) {
            errors.push_back({"", "storage", "Deal " + line.deal_id + " has a status, stage or date that cannot be read."});
            continue;
        }
        line.status = status.value();
        line.amount = Money{row.ColumnInt(2), row.ColumnText(3)};
        std::optional<int32_t> probability_override;
        if (!row.ColumnIsNull(5)) probability_override = int32_t(row.ColumnInt(5));
        auto probability = EffectiveProbability(line.status, stage->rules.default_probability, probability_override);
        if (!probability) {
            AddErrorsOnce(errors, probability.errors());
            continue;
        }
        line.probability = probability.value();
        std::optional<ForecastCategory> category_override;
        if (!row.ColumnIsNull(6)) {
            if (auto category = ParseForecastCategory(row.ColumnText(6))) category_override = category.value();
        }
        line.forecast_category =
            EffectiveForecastCategory(line.status, stage->rules.forecast_category, category_override);
        std::optional<CalendarDate> closed;
        if (!row.ColumnIsNull(8)) {
            if (auto parsed = ParseCalendarDate(row.ColumnText(8))) closed = parsed.value();
        }
        const int bucket = BucketOf(line.status, close.value(), closed, month_starts, today);
        if (bucket >= 0) lines[size_t(bucket)].push_back(std::move(line));
    }
    if (!row.error().empty()) return views::StorageError(row, "Reading the forecast");

    ForecastView view;
    view.reporting_currency = catalogue.rates.reporting_currency_code;
    std::vector<ForecastLine> all;
    for (size_t bucket = 0; bucket < lines.size(); ++bucket) {
        ForecastBucket result;
        result.overdue = bucket == 0;
        if (bucket > 0) result.month = month_starts[bucket - 1];
        auto rollup = RollUpForecast(lines[bucket], catalogue.rates);
        if (rollup) {
            result.rollup = std::move(rollup).value();
        } else {
            AddErrorsOnce(errors, rollup.errors());
        }
        view.buckets.push_back(std::move(result));
        all.insert(all.end(), lines[bucket].begin(), lines[bucket].end());
    }
    if (!errors.empty()) return errors;
    auto total = RollUpForecast(all, catalogue.rates);
    if (!total) return total.errors();
    view.total = std::move(total).value();
    return view;
}

}  // namespace roadbook
