// The deal list: filters and sorting in SQL with LIMIT/OFFSET paging, so a page costs a page of cards.
// Amounts filter and sort in the reporting currency (a per-currency factor joined in; a currency without a
// rate is an error, never silently left out). Sorting by attention scores every match with the core rules
// first, since the score is not stored.
#include <cmath>
#include <cstdio>

#include "core/currency.h"
#include "store/view_queries.h"
#include "store/view_query_support.h"

namespace roadbook {
namespace {

Status ValidateListRequest(const ListRequest& request) {
    std::vector<ValidationError> errors;
    if (request.limit < 1 || request.limit > kMaxListPageSize) {
        errors.push_back({"limit", "range", "A page holds 1 to " + std::to_string(kMaxListPageSize) + " deals."});
    }
    if (request.offset < 0) errors.push_back({"offset", "range", "The offset cannot be negative."});
    if (!request.close_month.empty() &&
        (request.close_month.size() != 7 || !ParseCalendarDate(request.close_month + "-01", "close_month"))) {
        errors.push_back({"close_month", "format", "Close month must look like 2026-07."});
    }
    if (request.min_amount_minor && request.max_amount_minor && *request.max_amount_minor < *request.min_amount_minor) {
        errors.push_back({"max_amount_minor", "range", "The maximum amount is below the minimum."});
    }
    if (!errors.empty()) return errors;
    return Done{};
}

// "WITH factors (code, factor) AS (VALUES ...)": reporting-currency minor units per minor unit of each
// currency with a rate, and of the reporting currency itself.
struct AmountFactors {
    std::string sql;
    std::vector<SqlValue> values;
};

Result<AmountFactors> BuildAmountFactors(const ExchangeRateTable& rates) {
    const auto reporting = FindCurrency(rates.reporting_currency_code);
    if (!reporting) {
        return ValidationError{"reporting_currency", "unknown-currency",
                               "Reporting currency \"" + rates.reporting_currency_code + "\" is not a currency code."};
    }
    AmountFactors factors;
    factors.sql = "WITH factors (code, factor) AS (VALUES (?, 1.0)";
    factors.values.push_back(rates.reporting_currency_code);
    for (const ExchangeRate& rate : rates.rates) {
        const auto currency = FindCurrency(rate.currency_code);
        if (!currency || rate.currency_code == rates.reporting_currency_code) continue;
        const double factor = double(rate.rate_nanos) / double(kExchangeRateScale) *
                              std::pow(10.0, reporting->exponent - currency->exponent);
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", factor);
        factors.sql += ", (?, CAST(? AS REAL))";
        factors.values.push_back(rate.currency_code);
        factors.values.push_back(std::string(text));
    }
    factors.sql += ") ";
    return factors;
}

// Every currency of a matching deal must have a rate before amounts can be compared.
Status CheckRates(Database& database, std::string_view table, const views::SqlFilter& filter,
                  const ExchangeRateTable& rates) {
    auto statement = database.PrepareCached(
        "SELECT DISTINCT o.currency_code FROM " + std::string(table) + " WHERE 1" + filter.sql(), "Checking currencies");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    filter.Bind(row, 1);
    std::vector<ValidationError> errors;
    while (row.Step()) {
        const std::string code = row.ColumnText(0);
        if (code != rates.reporting_currency_code && rates.Find(code) == nullptr) {
            errors.push_back(MissingRateError(code, rates.reporting_currency_code));
        }
    }
    if (!row.error().empty()) return views::StorageError(row, "Checking currencies");
    if (!errors.empty()) return errors;
    return Done{};
}

std::string OrderBy(const ListRequest& request) {
    const std::string direction = request.descending ? " DESC" : "";
    switch (request.sort) {
        case ListSort::Name: return " ORDER BY o.name COLLATE NOCASE" + direction + ", o.id";
        case ListSort::Amount: return " ORDER BY round(o.amount_minor * f.factor)" + direction + ", o.id";
        case ListSort::CloseDate: return " ORDER BY o.expected_close_date" + direction + ", o.id";
        case ListSort::Stage:
            return " ORDER BY (SELECT position FROM pipelines WHERE id = o.pipeline_id)" + direction +
                   ", (SELECT position FROM stages WHERE id = o.stage_id)" + direction + ", o.id";
        case ListSort::Owner:
            return " ORDER BY (SELECT name FROM users WHERE id = o.owner_id) COLLATE NOCASE" + direction + ", o.id";
        case ListSort::Attention: return "";  // scored in memory
    }
    return "";
}

}  // namespace

Result<DealListPage> ViewQueries::List(const ListRequest& request) {
    if (auto valid = ValidateListRequest(request); !valid) return valid.errors();
    Database& database = state_->database;
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    const ExchangeRateTable& rates = state_->catalogue.rates;

    views::SqlFilter filter;
    filter.AddScope(request.scope);
    if (!request.pipeline_id.empty()) filter.Add("o.pipeline_id = ?", {request.pipeline_id});
    if (!request.stage_id.empty()) filter.Add("o.stage_id = ?", {request.stage_id});
    if (request.status == DealStatus::Open) {
        filter.Add("o.status = 'open'");  // a literal, so the planner can prove the partial index applies
    } else if (request.status) {
        filter.Add("o.status = ?", {std::string(DealStatusName(*request.status))});
    }
    if (!request.close_month.empty()) {
        const CalendarDate first = ParseCalendarDate(request.close_month + "-01").value();
        const CalendarDate next = AddDays(first, DaysInMonth(first.year, first.month));
        filter.Add("o.expected_close_date >= ? AND o.expected_close_date < ?", {FormatIsoDate(first), FormatIsoDate(next)});
    }
    for (const std::string& tag : request.tags) {
        filter.Add("instr(',' || o.tags || ',', ',' || ? || ',') > 0", {tag});
    }

    const bool uses_amounts = request.min_amount_minor || request.max_amount_minor || request.sort == ListSort::Amount;
    AmountFactors factors;
    // Open deals (the usual list) come from their covering partial index, as on the board.
    const bool open_only = request.status == DealStatus::Open;
    const std::string table =
        open_only ? "opportunities o INDEXED BY opportunities_open_cards" : "opportunities o";
    std::string from = std::string(open_only ? views::kOpenCardSelect : views::kCardSelect);
    if (uses_amounts) {
        if (auto checked = CheckRates(database, table, filter, rates); !checked) return checked.errors();
        auto built = BuildAmountFactors(rates);
        if (!built) return built.errors();
        factors = std::move(built).value();
        from = factors.sql + from + " JOIN factors f ON f.code = o.currency_code";
        if (request.min_amount_minor) filter.Add("round(o.amount_minor * f.factor) >= ?", {*request.min_amount_minor});
        if (request.max_amount_minor) filter.Add("round(o.amount_minor * f.factor) <= ?", {*request.max_amount_minor});
    }
    const auto bind = [&](Statement& statement) {
        int index = 1;
        for (const SqlValue& value : factors.values) {
            if (const auto* text = std::get_if<std::string>(&value)) statement.Bind(index, std::string_view(*text));
            ++index;
        }
        return filter.Bind(statement, index);
    };

    DealListPage page;
    {
        const std::string count_sql = factors.sql + "SELECT count(*) FROM " + table +
                                      (uses_amounts ? " JOIN factors f ON f.code = o.currency_code" : "") + " WHERE 1" +
                                      filter.sql();
        auto count = database.PrepareCached(count_sql, "Counting deals");
        if (!count) return count.errors();
        bind(*count.value());
        if (!count.value()->Step()) return views::StorageError(*count.value(), "Counting deals");
        page.total_count = count.value()->ColumnInt(0);
        count.value()->Reset();
    }

    const bool by_attention = request.sort == ListSort::Attention;
    std::string sql = from + " WHERE 1" + filter.sql() + OrderBy(request);
    if (!by_attention) sql += " LIMIT ? OFFSET ?";
    auto statement = database.PrepareCached(sql, "Listing deals");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    const int next = bind(row);
    if (!by_attention) row.Bind(next, request.limit).Bind(next + 1, request.offset);
    views::CardReader reader(*state_, request.clock);
    while (row.Step()) {
        if (auto read = reader.Read(row, page.rows.emplace_back()); !read) {
            row.Reset();
            return read.errors();
        }
    }
    if (!row.error().empty()) return views::StorageError(row, "Listing deals");

    if (by_attention) {
        views::SortCardsByAttention(page.rows);
        const size_t first = std::min(page.rows.size(), size_t(request.offset));
        const size_t last = std::min(page.rows.size(), first + size_t(request.limit));
        page.rows = std::vector<DealCard>(std::make_move_iterator(page.rows.begin() + std::ptrdiff_t(first)),
                                          std::make_move_iterator(page.rows.begin() + std::ptrdiff_t(last)));
    }
    return page;
}

}  // namespace roadbook
