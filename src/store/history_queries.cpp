// Field and stage history from the change log (which every command writes in its own transaction).
#include "store/history_queries.h"

#include <map>

#include "store/database.h"

namespace roadbook {
namespace {

// One change-log row from its columns field, old_value, new_value, actor, at_ms, clock, sequence starting at
// `first`: both history readers select them in that order.
FieldChange ReadFieldChange(Statement& read, int first) {
    FieldChange change;
    change.field = read.ColumnText(first);
    if (!read.ColumnIsNull(first + 1)) change.old_value = read.ColumnText(first + 1);
    if (!read.ColumnIsNull(first + 2)) change.new_value = read.ColumnText(first + 2);
    change.actor = read.ColumnText(first + 3);
    change.at_ms = read.ColumnInt(first + 4);
    change.clock = read.ColumnText(first + 5);
    change.sequence = read.ColumnInt(first + 6);
    return change;
}

}  // namespace

Result<std::vector<FieldChange>> FieldHistory(Database& database, const std::string& entity, const std::string& id) {
    auto statement = database.PrepareCached(
        "SELECT field, old_value, new_value, actor, at_ms, clock, sequence FROM change_log "
        "WHERE entity = ? AND entity_id = ? ORDER BY sequence", "Reading the history");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, entity).Bind(2, id);
    std::vector<FieldChange> changes;
    while (read.Step()) changes.push_back(ReadFieldChange(read, 0));
    if (!read.error().empty()) return ValidationError{"", "storage", read.error()};
    return changes;
}

Result<std::vector<ContactLinkChange>> ContactLinkHistory(Database& database, const std::string& opportunity_id) {
    // The links' ids all start "<opportunity id>:" (';' sorts right after ':'), so the entity index serves
    // the range.
    auto statement = database.PrepareCached(
        "SELECT substr(l.entity_id, length(?1) + 2), coalesce(c.name, ''), l.field, l.old_value, l.new_value, l.actor, "
        "l.at_ms, l.clock, l.sequence FROM change_log l "
        "LEFT JOIN contacts c ON c.id = substr(l.entity_id, length(?1) + 2) "
        "WHERE l.entity = 'opportunity_contact' AND l.entity_id >= ?1 || ':' AND l.entity_id < ?1 || ';' "
        "ORDER BY l.sequence",
        "Reading the contact history");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, opportunity_id);
    std::vector<ContactLinkChange> changes;
    while (read.Step()) {
        ContactLinkChange link;
        link.contact_id = read.ColumnText(0);
        link.contact_name = read.ColumnText(1);
        link.change = ReadFieldChange(read, 2);
        changes.push_back(std::move(link));
    }
    if (!read.error().empty()) return ValidationError{"", "storage", read.error()};
    return changes;
}

Result<std::vector<StageVisit>> StageHistory(Database& database, const std::string& opportunity_id, int64_t now_ms) {
    auto statement = database.PrepareCached(
        "SELECT c.new_value, coalesce(s.name, ''), c.at_ms FROM change_log c LEFT JOIN stages s ON s.id = c.new_value "
        "WHERE c.entity = 'opportunity' AND c.entity_id = ? AND c.field = 'stage_id' ORDER BY c.sequence",
        "Reading the stage history");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, opportunity_id);
    std::vector<StageVisit> visits;
    while (read.Step()) {
        StageVisit visit;
        visit.stage_id = read.ColumnText(0);
        visit.stage_name = read.ColumnText(1);
        visit.entered_at_ms = read.ColumnInt(2);
        if (!visits.empty()) visits.back().exited_at_ms = visit.entered_at_ms;
        visits.push_back(std::move(visit));
    }
    if (!read.error().empty()) return ValidationError{"", "storage", read.error()};
    std::map<std::string, int64_t> cumulative;
    for (StageVisit& visit : visits) {
        const int64_t end = visit.exited_at_ms.value_or(now_ms);
        visit.duration_ms = end > visit.entered_at_ms ? end - visit.entered_at_ms : 0;
        visit.cumulative_ms = (cumulative[visit.stage_id] += visit.duration_ms);
    }
    return visits;
}

}  // namespace roadbook
