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

// The SQL pieces List, ListIds and ListOpenTotals share: the table (the open deals' covering index when
// only open deals are asked for), the filters, and the amount factors when amounts are compared.
struct ListSql {
    std::string table;
    views::SqlFilter filter;
    AmountFactors factors;
    bool uses_amounts = false;

    // "[WITH factors ...] SELECT <columns> FROM <table> [JOIN factors] WHERE 1 <filters>"
    std::string Select(std::string_view columns) const {
        return factors.sql + "SELECT " + std::string(columns) + " FROM " + table +
               (uses_amounts ? " JOIN factors f ON f.code = o.currency_code" : "") + " WHERE 1" + filter.sql();
    }
    // Binds the factors then the filters; returns the next free index.
    int Bind(Statement& statement) const {
        int index = 1;
        for (const SqlValue& value : factors.values) {
            if (const auto* text = std::get_if<std::string>(&value)) statement.Bind(index, std::string_view(*text));
            ++index;
        }
        return filter.Bind(statement, index);
    }
};

Result<ListSql> BuildListSql(Database& database, const ListRequest& request, const ExchangeRateTable& rates,
                             bool uses_amounts) {
    ListSql built;
    views::SqlFilter& filter = built.filter;
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
    filter.AddText(request.text);
    // Open deals (the usual list) come from their covering partial index, as on the board.
    built.table = request.status == DealStatus::Open ? "opportunities o INDEXED BY opportunities_open_cards"
                                                     : "opportunities o";
    built.uses_amounts = uses_amounts || request.min_amount_minor || request.max_amount_minor;
    if (built.uses_amounts) {
        if (auto checked = CheckRates(database, built.table, filter, rates); !checked) return checked.errors();
        auto factors = BuildAmountFactors(rates);
        if (!factors) return factors.errors();
        built.factors = std::move(factors).value();
        if (request.min_amount_minor) filter.Add("round(o.amount_minor * f.factor) >= ?", {*request.min_amount_minor});
        if (request.max_amount_minor) filter.Add("round(o.amount_minor * f.factor) <= ?", {*request.max_amount_minor});
    }
    return built;
}

}  // namespace

Result<DealListPage> ViewQueries::List(const ListRequest& request) {
    if (auto valid = ValidateListRequest(request); !valid) return valid.errors();
    Database& database = state_->database;
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    auto built = BuildListSql(database, request, state_->catalogue.rates, request.sort == ListSort::Amount);
    if (!built) return built.errors();
    const ListSql& sql = built.value();

    DealListPage page;
    {
        auto count = database.PrepareCached(sql.Select("count(*)"), "Counting deals");
        if (!count) return count.errors();
        sql.Bind(*count.value());
        if (!count.value()->Step()) return views::StorageError(*count.value(), "Counting deals");
        page.total_count = count.value()->ColumnInt(0);
        count.value()->Reset();
    }

    // The card columns of kCardSelect, read from the same table the filters name.
    const std::string_view card_select = request.status == DealStatus::Open ? views::kOpenCardSelect : views::kCardSelect;
    const std::string_view columns = card_select.substr(7, card_select.find(" FROM ") - 7);
    const bool by_attention = request.sort == ListSort::Attention;
    std::string text = sql.Select(columns) + OrderBy(request);
    if (!by_attention) text += " LIMIT ? OFFSET ?";
    auto statement = database.PrepareCached(text, "Listing deals");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    const int next = sql.Bind(row);
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

Result<std::vector<std::string>> ViewQueries::ListIds(const ListRequest& request) {
    ListRequest bounded = request;
    bounded.limit = 1;  // any count is fine here; the rest of the request is checked as for a page
    if (auto valid = ValidateListRequest(bounded); !valid) return valid.errors();
    if (request.limit < 0) return ValidationError{"limit", "range", "The number of ids cannot be negative."};
    if (request.sort == ListSort::Attention) {
        return ValidationError{"sort", "unsupported", "Ranges of deals cannot be taken in attention order."};
    }
    Database& database = state_->database;
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    auto built = BuildListSql(database, request, state_->catalogue.rates, request.sort == ListSort::Amount);
    if (!built) return built.errors();
    auto statement = database.PrepareCached(built.value().Select("o.id") + OrderBy(request) + " LIMIT ? OFFSET ?",
                                            "Listing deal ids");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    const int next = built.value().Bind(row);
    row.Bind(next, request.limit).Bind(next + 1, request.offset);
    std::vector<std::string> ids;
    while (row.Step()) ids.push_back(row.ColumnText(0));
    if (!row.error().empty()) return views::StorageError(row, "Listing deal ids");
    return ids;
}

Result<std::vector<Money>> ViewQueries::ListOpenTotals(const ListRequest& request) {
    ListRequest bounded = request;
    bounded.limit = 1;
    bounded.offset = 0;
    if (auto valid = ValidateListRequest(bounded); !valid) return valid.errors();
    Database& database = state_->database;
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    auto built = BuildListSql(database, request, state_->catalogue.rates, false);
    if (!built) return built.errors();
    // Summed in SQL as integers: SQLite reports an overflow as an error rather than wrapping.
    auto statement = database.PrepareCached(
        built.value().Select("o.currency_code, sum(o.amount_minor)") + " AND o.status = 'open'" +
            " GROUP BY o.currency_code ORDER BY o.currency_code",
        "Adding up the list");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    built.value().Bind(row);
    std::vector<Money> totals;
    while (row.Step()) totals.push_back(Money{row.ColumnInt(1), row.ColumnText(0)});
    if (!row.error().empty()) {
        return ValidationError{"amount", "overflow", "A total of the listed amounts is too large to show."};
    }
    return totals;
}

}  // namespace roadbook
