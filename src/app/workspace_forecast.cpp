// The forecast's view model: ViewQueries::Forecast's buckets with their totals in the reporting currency,
// the largest open deals of each month as cards, and re-dating a deal dropped on another month.
#include <algorithm>
#include <cstdio>

#include "app/view_text.h"
#include "app/workspace.h"
#include "core/money.h"
#include "core/pipeline.h"
#include "store/opportunity_record.h"

namespace roadbook {
namespace {

constexpr int64_t kCardsPerColumn = 12;
// Open deals past their close date, oldest first: enough to fill the overdue column and count the rest.
constexpr int64_t kOverdueScan = 200;

std::string MonthKey(CalendarDate month) {
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02d", int(month.year), int(month.month));
    return key;
}

ui::ForecastFigure Figure(const char* label, int64_t minor, const std::string& currency) {
    return {label, FormatMoney(Money{minor, currency}), minor};
}

ui::ForecastCardModel CardOf(const DealCard& card, CalendarDate today) {
    ui::ForecastCardModel model;
    model.id = card.id;
    model.name = card.name;
    model.account_name = card.account_name;
    model.amount_text = FormatMoney(card.amount);
    model.detail_text = std::string(ForecastCategoryLabel(card.forecast_category)) + " \u00b7 " +
                        std::to_string(card.probability) + " % \u00b7 " + FormatShortDate(card.expected_close_date);
    model.close_date_passed = card.expected_close_date < today;
    return model;
}

}  // namespace

const ui::ForecastModel& Workspace::Forecast(uint64_t data_version) {
    const ViewClock clock = clock_();
    const ForecastKey key{data_version, clock.today};
    if (forecast_key_ == key) return forecast_;
    forecast_key_ = key;
    forecast_ = ui::ForecastModel{};
    ForecastRequest request;
    request.clock = clock;
    auto view = views_.Forecast(request);
    if (!view) {
        forecast_.load_error = view.first_error().message;
        return forecast_;
    }
    const std::string& currency = view.value().reporting_currency;
    forecast_.reporting_currency = currency;
    const ForecastRollup& total = view.value().total;
    forecast_.total_text = "Pipeline " + FormatMoney(Money{total.pipeline.amount_minor, currency}) + " \u00b7 weighted " +
                           FormatMoney(Money{total.pipeline.weighted_minor, currency}) + " \u00b7 commit " +
                           FormatMoney(Money{total.commit.amount_minor, currency}) + " \u00b7 closed " +
                           FormatMoney(Money{total.closed.amount_minor, currency});
    const CalendarDate this_month{clock.today.year, clock.today.month, 1};
    for (const ForecastBucket& bucket : view.value().buckets) {
        ui::ForecastColumnModel column;
        column.overdue = bucket.overdue;
        column.key = bucket.overdue ? "overdue" : MonthKey(bucket.month);
        column.title = bucket.overdue ? "Overdue" : MonthYearText(bucket.month);
        const ForecastRollup& rollup = bucket.rollup;
        column.closed = Figure("Closed", rollup.closed.amount_minor, currency);
        column.commit = Figure("Commit", rollup.commit.amount_minor, currency);
        column.best_case = Figure("Best case", rollup.best_case.amount_minor, currency);
        column.pipeline = Figure("Pipeline", rollup.pipeline.amount_minor, currency);
        column.weighted = Figure("Weighted", rollup.pipeline.weighted_minor, currency);
        column.deal_count = rollup.pipeline.deal_count;

        ListRequest deals;
        deals.clock = clock;
        deals.status = DealStatus::Open;
        if (bucket.overdue) {
            deals.sort = ListSort::CloseDate;
            deals.limit = kOverdueScan;
        } else {
            deals.close_month = column.key;
            deals.sort = ListSort::Amount;
            deals.descending = true;
            deals.limit = kCardsPerColumn;
        }
        auto page = views_.List(deals);
        if (!page) {
            forecast_.load_error = page.first_error().message;
            return forecast_;
        }
        std::vector<DealCard> rows = std::move(page).value().rows;
        if (bucket.overdue) {
            // Oldest first from the list; the column shows the largest of those before this month.
            std::erase_if(rows, [&](const DealCard& card) { return !(card.expected_close_date < this_month); });
            std::stable_sort(rows.begin(), rows.end(), [](const DealCard& left, const DealCard& right) {
                return left.amount.minor_units > right.amount.minor_units;
            });
        }
        for (const DealCard& card : rows) {
            if (int64_t(column.cards.size()) == kCardsPerColumn) break;
            column.cards.push_back(CardOf(card, clock.today));
        }
        column.more = std::max<int64_t>(0, column.deal_count - int64_t(column.cards.size()));
        forecast_.columns.push_back(std::move(column));
    }
    return forecast_;
}

Status Workspace::Redate(const ui::ForecastRedate& redate) {
    int year = 0;
    int month = 0;
    if (std::sscanf(redate.month.c_str(), "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12) {
        return ValidationError{"month", "format", "A forecast month looks like 2026-11, not '" + redate.month + "'."};
    }
    auto deal = FindOpportunity(database_, redate.opportunity_id);
    if (!deal) return deal.errors();
    // The same day of the month, or the month's last day when it is shorter.
    const CalendarDate current = deal.value().expected_close_date;
    OpportunityEdit edit;
    edit.expected_close_date = CalendarDate{int32_t(year), int32_t(month),
                                            std::min<int32_t>(current.day, DaysInMonth(year, month))};
    return opportunities_.Edit(redate.opportunity_id, edit, new_context_());
}

}  // namespace roadbook
