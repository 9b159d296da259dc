// Reading one opportunity for the deal detail: one row with its links' names joined in.
#include "store/opportunity_record.h"

#include "store/command_support.h"
#include "store/database.h"

namespace roadbook {
namespace {

std::optional<CalendarDate> OptionalDate(const Statement& row, int column) {
    if (row.ColumnIsNull(column)) return std::nullopt;
    auto date = ParseCalendarDate(row.ColumnText(column));
    if (!date) return std::nullopt;
    return date.value();
}

std::vector<std::string> SplitTags(const std::string& joined) {
    std::vector<std::string> tags;
    size_t start = 0;
    while (start <= joined.size() && !joined.empty()) {
        const size_t comma = joined.find(',', start);
        const size_t end = comma == std::string::npos ? joined.size() : comma;
        if (end > start) tags.push_back(joined.substr(start, end - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return tags;
}

}  // namespace

Result<OpportunityRecord> FindOpportunity(Database& database, const std::string& id) {
    auto statement = database.PrepareCached(
        "SELECT o.id, o.name, coalesce(o.account_id, ''), coalesce(a.name, ''), coalesce(o.primary_contact_id, ''),"
        " o.pipeline_id, coalesce(p.name, ''), o.stage_id, coalesce(o.owner_id, ''), coalesce(u.name, ''),"
        " o.amount_minor, o.currency_code, o.probability_override, o.forecast_category_override,"
        " o.expected_close_date, o.source, o.priority, o.tags, o.needs, o.status, o.closed_date,"
        " coalesce(r.label, ''), o.lost_note, o.postponed_until, o.postponed_reason, o.no_next_step_reason"
        " FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id"
        " LEFT JOIN pipelines p ON p.id = o.pipeline_id LEFT JOIN users u ON u.id = o.owner_id"
        " LEFT JOIN lost_reasons r ON r.id = o.lost_reason_id WHERE o.id = ?",
        "Reading the opportunity");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    row.Bind(1, id);
    if (!row.Step()) {
        if (!row.error().empty()) return StorageError(row);
        return NotFound("id", "opportunity", id);
    }
    OpportunityRecord record;
    record.id = row.ColumnText(0);
    record.name = row.ColumnText(1);
    record.account_id = row.ColumnText(2);
    record.account_name = row.ColumnText(3);
    record.primary_contact_id = row.ColumnText(4);
    record.pipeline_id = row.ColumnText(5);
    record.pipeline_name = row.ColumnText(6);
    record.stage_id = row.ColumnText(7);
    record.owner_id = row.ColumnText(8);
    record.owner_name = row.ColumnText(9);
    record.amount = Money{row.ColumnInt(10), row.ColumnText(11)};
    if (!row.ColumnIsNull(12)) record.probability_override = int32_t(row.ColumnInt(12));
    if (!row.ColumnIsNull(13)) {
        if (auto category = ParseForecastCategory(row.ColumnText(13))) record.forecast_category_override = category.value();
    }
    auto close = ParseCalendarDate(row.ColumnText(14), "expected_close_date");
    if (!close) {
        row.Reset();
        return close.errors();
    }
    record.expected_close_date = close.value();
    record.source = row.ColumnText(15);
    record.priority = int32_t(row.ColumnInt(16));
    record.tags = SplitTags(row.ColumnText(17));
    record.needs = row.ColumnText(18);
    auto status = ParseDealStatus(row.ColumnText(19));
    if (!status) {
        row.Reset();
        return status.errors();
    }
    record.status = status.value();
    record.closed_date = OptionalDate(row, 20);
    record.lost_reason_label = row.ColumnText(21);
    record.lost_note = row.ColumnText(22);
    record.postponed_until = OptionalDate(row, 23);
    record.postponed_reason = row.ColumnText(24);
    record.no_next_step_reason = row.ColumnText(25);
    row.Reset();
    return record;
}

}  // namespace roadbook
