// ActivityStore's queries: one activity, a deal's timeline, and what is due for Today. Read-only; the
// column list and its reader live here together so they cannot drift apart.
#include "store/activity_store.h"

#include <cassert>

#include "store/command_support.h"
#include "store/database.h"

namespace roadbook {
namespace {

constexpr const char* kActivityColumns =
    "SELECT a.id, a.kind, a.state, a.subject, a.notes, a.outcome, coalesce(a.opportunity_id, ''), "
    "coalesce(o.name, ''), coalesce(a.contact_id, ''), coalesce(c.name, ''), coalesce(a.owner_id, ''), a.due_date, "
    "a.done_at_ms, a.created_at_ms, a.updated_at_ms FROM activities a "
    "LEFT JOIN opportunities o ON o.id = a.opportunity_id LEFT JOIN contacts c ON c.id = a.contact_id ";

ActivityRow ReadActivity(const Statement& read) {
    ActivityRow row;
    row.id = read.ColumnText(0);
    auto kind = ParseActivityKind(read.ColumnText(1));
    auto state = ParseActivityState(read.ColumnText(2));
    assert(kind.ok() && state.ok() && "the schema only stores known kinds and states");
    row.kind = kind.value();
    row.state = state.value();
    row.subject = read.ColumnText(3);
    row.notes = read.ColumnText(4);
    row.outcome = read.ColumnText(5);
    row.opportunity_id = read.ColumnText(6);
    row.opportunity_name = read.ColumnText(7);
    row.contact_id = read.ColumnText(8);
    row.contact_name = read.ColumnText(9);
    row.owner_id = read.ColumnText(10);
    if (!read.ColumnIsNull(11)) {
        auto due = ParseCalendarDate(read.ColumnText(11), "due_date");
        if (due) row.due_date = due.value();
    }
    if (!read.ColumnIsNull(12)) row.done_at_ms = read.ColumnInt(12);
    row.created_at_ms = read.ColumnInt(13);
    row.updated_at_ms = read.ColumnInt(14);
    return row;
}

Result<std::vector<ActivityRow>> ReadAll(Statement& read) {
    std::vector<ActivityRow> rows;
    while (read.Step()) rows.push_back(ReadActivity(read));
    if (!read.error().empty()) return StorageError(read);
    return rows;
}

}  // namespace

Result<ActivityRow> ActivityStore::Find(const std::string& activity_id) const {
    auto statement = database_.PrepareCached(std::string(kActivityColumns) + "WHERE a.id = ?", "Reading the activity");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, activity_id);
    auto rows = ReadAll(*statement.value());
    if (!rows) return rows.errors();
    if (rows.value().empty()) {
        return ValidationError{"activity_id", "not-found", "No activity with id " + activity_id + "."};
    }
    return std::move(rows.value().front());
}

Result<std::vector<ActivityRow>> ActivityStore::Timeline(const std::string& opportunity_id) const {
    auto statement = database_.PrepareCached(
        std::string(kActivityColumns) +
            "WHERE a.opportunity_id = ? ORDER BY a.state = 'scheduled' DESC, "
            "CASE WHEN a.state = 'scheduled' THEN a.due_date END, coalesce(a.done_at_ms, a.updated_at_ms) DESC, "
            "a.id DESC",
        "Reading the timeline");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, opportunity_id);
    return ReadAll(*statement.value());
}

Result<std::vector<ActivityRow>> ActivityStore::DueOnOrBefore(CalendarDate date, const std::string& owner_id) const {
    auto statement = database_.PrepareCached(
        std::string(kActivityColumns) +
            "WHERE a.state = 'scheduled' AND a.due_date <= ?1 AND (?2 = '' OR a.owner_id = ?2) "
            "ORDER BY a.due_date, a.created_at_ms, a.id",
        "Reading the activities due");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, FormatIsoDate(date)).Bind(2, owner_id);
    return ReadAll(*statement.value());
}

}  // namespace roadbook
