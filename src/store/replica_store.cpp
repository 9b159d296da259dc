// The device's sync identity, its outbox, the conflict inbox, rejections and the digest queries (pulled
// records are applied in replica_apply.cpp).
#include "store/replica_store.h"

#include "store/recorded_writer.h"
#include "store/write_context.h"

#include <algorithm>
#include <cassert>

namespace roadbook {
namespace {

ValidationError StepFailed(const Statement& statement, std::string_view operation) {
    return ValidationError{"", "storage", std::string(operation) + " failed: " + statement.error()};
}

}  // namespace

Result<SyncIdentity> ReplicaStore::LoadIdentity(const std::function<std::string()>& new_client_id) {
    auto select = database_.Prepare(
        "SELECT client_id, server_url, token, user_id, user_name, user_email, user_role, organisation_id, "
        "organisation_name, cursor, acknowledged_sequence, last_synced_at_ms, last_error FROM sync_state",
        "Reading the sync state");
    if (!select) return select.errors();
    Statement& row = select.value();
    if (row.Step()) {
        return SyncIdentity{row.ColumnText(0), row.ColumnText(1),  row.ColumnText(2), row.ColumnText(3),
                            row.ColumnText(4), row.ColumnText(5),  row.ColumnText(6), row.ColumnText(7),
                            row.ColumnText(8), row.ColumnInt(9),   row.ColumnInt(10), row.ColumnInt(11),
                            row.ColumnText(12)};
    }
    if (!row.error().empty()) return StepFailed(row, "Reading the sync state");
    SyncIdentity identity;
    identity.client_id = new_client_id();
    if (auto saved = SaveIdentity(identity); !saved) return saved.errors();
    return identity;
}

Status ReplicaStore::SaveIdentity(const SyncIdentity& identity) {
    auto statement = database_.PrepareCached(
        "INSERT OR REPLACE INTO sync_state (singleton, client_id, server_url, token, user_id, user_name, user_email, "
        "user_role, organisation_id, organisation_name, cursor, acknowledged_sequence, last_synced_at_ms, last_error) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "Saving the sync state");
    if (!statement) return statement.errors();
    Statement& upsert = *statement.value();
    upsert.Bind(1, identity.client_id).Bind(2, identity.server_url).Bind(3, identity.token).Bind(4, identity.user_id);
    upsert.Bind(5, identity.user_name).Bind(6, identity.user_email).Bind(7, identity.user_role);
    upsert.Bind(8, identity.organisation_id).Bind(9, identity.organisation_name).Bind(10, identity.cursor);
    upsert.Bind(11, identity.acknowledged_sequence).Bind(12, identity.last_synced_at_ms).Bind(13, identity.last_error);
    return upsert.Run();
}

Result<std::vector<OutboxChange>> ReplicaStore::Outbox(int64_t acknowledged, int64_t up_to, int64_t limit) {
    auto statement = database_.PrepareCached(
        "SELECT sequence, entity, entity_id, field, old_value, new_value, clock FROM change_log "
        "WHERE sequence > ? AND sequence <= ? AND origin = 'local' AND clock != '' ORDER BY sequence LIMIT ?",
        "Reading the outbox");
    if (!statement) return statement.errors();
    Statement& select = *statement.value();
    select.Bind(1, acknowledged).Bind(2, up_to).Bind(3, limit);
    std::vector<OutboxChange> changes;
    while (select.Step()) {
        changes.push_back({select.ColumnInt(0), select.ColumnText(1), select.ColumnText(2), select.ColumnText(3),
                           select.ColumnOptionalText(4), select.ColumnOptionalText(5), select.ColumnText(6)});
    }
    if (!select.error().empty()) return StepFailed(select, "Reading the outbox");
    select.Reset();
    return changes;
}

Result<int64_t> ReplicaStore::CountOutbox(int64_t acknowledged, int64_t up_to) {
    auto statement = database_.PrepareCached(
        "SELECT count(*) FROM change_log WHERE sequence > ? AND sequence <= ? AND origin = 'local' AND clock != ''",
        "Counting the outbox");
    if (!statement) return statement.errors();
    Statement& select = *statement.value();
    select.Bind(1, acknowledged).Bind(2, up_to);
    if (!select.Step()) return StepFailed(select, "Counting the outbox");
    const int64_t count = select.ColumnInt(0);
    select.Reset();
    return count;
}

Result<int64_t> ReplicaStore::HighestLocalSequence() {
    auto statement = database_.PrepareCached("SELECT coalesce(max(sequence), 0) FROM change_log WHERE origin = 'local'",
                                             "Reading the newest local change");
    if (!statement) return statement.errors();
    Statement& select = *statement.value();
    if (!select.Step()) return StepFailed(select, "Reading the newest local change");
    const int64_t highest = select.ColumnInt(0);
    select.Reset();
    return highest;
}

Result<int64_t> ReplicaStore::Generation(const std::string& entity, const std::string& entity_id) {
    auto statement = database_.PrepareCached(
        "SELECT generation FROM sync_generations WHERE entity = ? AND entity_id = ?", "Reading a generation");
    if (!statement) return statement.errors();
    Statement& select = *statement.value();
    select.Bind(1, entity).Bind(2, entity_id);
    int64_t generation = 1;
    if (select.Step()) generation = select.ColumnInt(0);
    else if (!select.error().empty()) return StepFailed(select, "Reading a generation");
    select.Reset();
    return generation;
}

Status ReplicaStore::AddConflict(const InboxConflict& conflict) {
    auto statement = database_.Prepare(
        "INSERT INTO sync_conflicts (entity, entity_id, field, base_value, mine_value, theirs_value, theirs_by, winner, "
        "detected_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "Adding a conflict");
    if (!statement) return statement.errors();
    Statement& insert = statement.value();
    insert.Bind(1, conflict.entity).Bind(2, conflict.entity_id).Bind(3, conflict.field);
    insert.BindOptional(4, conflict.base);
    insert.BindOptional(5, conflict.mine);
    insert.BindOptional(6, conflict.theirs);
    insert.Bind(7, conflict.theirs_by).Bind(8, conflict.mine_won ? "mine" : "theirs").Bind(9, conflict.detected_at_ms);
    return insert.Run();
}

Result<std::vector<InboxConflict>> ReplicaStore::OpenConflicts() {
    auto statement = database_.Prepare(
        "SELECT id, entity, entity_id, field, base_value, mine_value, theirs_value, theirs_by, winner, detected_at_ms "
        "FROM sync_conflicts WHERE resolved = 0 ORDER BY id",
        "Reading the conflict inbox");
    if (!statement) return statement.errors();
    Statement& select = statement.value();
    std::vector<InboxConflict> conflicts;
    while (select.Step()) {
        conflicts.push_back({select.ColumnInt(0), select.ColumnText(1), select.ColumnText(2), select.ColumnText(3),
                             select.ColumnOptionalText(4), select.ColumnOptionalText(5), select.ColumnOptionalText(6),
                             select.ColumnText(7), select.ColumnText(8) == "mine", select.ColumnInt(9)});
    }
    if (!select.error().empty()) return StepFailed(select, "Reading the conflict inbox");
    return conflicts;
}

Status ReplicaStore::ResolveConflict(int64_t conflict_id) {
    auto statement = database_.Prepare("UPDATE sync_conflicts SET resolved = 1 WHERE id = ?", "Resolving a conflict");
    if (!statement) return statement.errors();
    statement.value().Bind(1, conflict_id);
    return statement.value().Run();
}

Status ReplicaStore::AddRejection(int64_t sequence, const std::string& code, const std::string& message) {
    auto statement = database_.Prepare(
        "INSERT OR REPLACE INTO sync_rejections (sequence, code, message) VALUES (?, ?, ?)", "Recording a rejection");
    if (!statement) return statement.errors();
    statement.value().Bind(1, sequence).Bind(2, code).Bind(3, message);
    return statement.value().Run();
}

Result<std::vector<std::pair<int64_t, std::string>>> ReplicaStore::Rejections(int64_t limit) {
    auto statement = database_.Prepare("SELECT sequence, message FROM sync_rejections ORDER BY sequence DESC LIMIT ?",
                                       "Reading rejections");
    if (!statement) return statement.errors();
    statement.value().Bind(1, limit);
    std::vector<std::pair<int64_t, std::string>> rejections;
    while (statement.value().Step()) rejections.emplace_back(statement.value().ColumnInt(0), statement.value().ColumnText(1));
    return rejections;
}

Result<RecordSyncCounts> ReplicaStore::CountsForRecord(const std::string& entity, const std::string& entity_id,
                                                      int64_t acknowledged) {
    // Refused changes were skipped by the server, so they sit at or below the acknowledged sequence and
    // never count as pending.
    auto statement = database_.Prepare(
        "SELECT (SELECT count(*) FROM change_log WHERE origin = 'local' AND entity = ?1 AND entity_id = ?2 "
        "        AND sequence > ?3 AND clock != ''), "
        "       (SELECT count(*) FROM sync_conflicts WHERE resolved = 0 AND entity = ?1 AND entity_id = ?2), "
        "       (SELECT coalesce(min(field), '') FROM sync_conflicts WHERE resolved = 0 AND entity = ?1 "
        "        AND entity_id = ?2), "
        "       (SELECT count(*) FROM sync_rejections r JOIN change_log c ON c.sequence = r.sequence "
        "        WHERE c.entity = ?1 AND c.entity_id = ?2), "
        "       (SELECT coalesce(max(r.message), '') FROM sync_rejections r JOIN change_log c "
        "        ON c.sequence = r.sequence WHERE c.entity = ?1 AND c.entity_id = ?2 "
        "        AND r.sequence = (SELECT max(r2.sequence) FROM sync_rejections r2 JOIN change_log c2 "
        "        ON c2.sequence = r2.sequence WHERE c2.entity = ?1 AND c2.entity_id = ?2))",
        "Reading a record's sync state");
    if (!statement) return statement.errors();
    Statement& select = statement.value();
    select.Bind(1, entity).Bind(2, entity_id).Bind(3, acknowledged);
    if (!select.Step()) return StepFailed(select, "Reading a record's sync state");
    return RecordSyncCounts{select.ColumnInt(0), select.ColumnInt(1), select.ColumnText(2), select.ColumnInt(3),
                            select.ColumnText(4)};
}

Result<std::string> ReplicaStore::NewestLocalClock() {
    auto statement = database_.Prepare("SELECT coalesce(max(clock), '') FROM change_log WHERE origin = 'local'",
                                       "Reading the newest clock stamp");
    if (!statement) return statement.errors();
    if (!statement.value().Step()) return StepFailed(statement.value(), "Reading the newest clock stamp");
    return statement.value().ColumnText(0);
}

Result<std::vector<ReplicaStore::RemoteChange>> ReplicaStore::RemoteChangesToDeals(int64_t since_ms,
                                                                                  const std::string& owner_id,
                                                                                  int64_t limit) {
    auto statement = database_.Prepare(
        "SELECT c.entity_id, o.name, c.field, c.new_value, c.actor, c.at_ms FROM change_log c "
        "JOIN opportunities o ON o.id = c.entity_id WHERE c.origin = 'remote' AND c.entity = 'opportunity' "
        "AND c.at_ms > ? AND o.owner_id = ? AND c.actor != ? ORDER BY c.sequence DESC LIMIT ?",
        "Reading changes from others");
    if (!statement) return statement.errors();
    Statement& select = statement.value();
    select.Bind(1, since_ms).Bind(2, owner_id).Bind(3, owner_id).Bind(4, limit);
    std::vector<RemoteChange> changes;
    while (select.Step()) {
        changes.push_back({select.ColumnText(0), select.ColumnText(1), select.ColumnText(2), select.ColumnOptionalText(3),
                           select.ColumnText(4), select.ColumnInt(5)});
    }
    if (!select.error().empty()) return StepFailed(select, "Reading changes from others");
    return changes;
}

std::string ReplicaStore::UserName(const std::string& user_id) {
    std::string name = LookupText("users", "name", user_id);
    return name.empty() ? user_id : name;
}

std::string ReplicaStore::LookupText(std::string_view table, std::string_view column, const std::string& id) {
    auto statement = database_.PrepareCached(
        "SELECT " + std::string(column) + " FROM " + std::string(table) + " WHERE id = ?", "Looking up a name");
    if (!statement) return {};
    Statement& select = *statement.value();
    select.Bind(1, id);
    std::string text = select.Step() && !select.ColumnIsNull(0) ? select.ColumnText(0) : std::string();
    select.Reset();
    return text;
}

Status ReplicaStore::ResolveConflictKeeping(int64_t conflict_id, bool keep_mine, const WriteContext& context) {
    auto statement = database_.Prepare(
        "SELECT entity, entity_id, field, mine_value, theirs_value, winner FROM sync_conflicts WHERE id = ? AND resolved = 0",
        "Reading a conflict");
    if (!statement) return statement.errors();
    Statement& select = statement.value();
    select.Bind(1, conflict_id);
    if (!select.Step()) return ValidationError{"conflict", "not-found", "That conflict was already resolved."};
    const std::string entity = select.ColumnText(0);
    const std::string entity_id = select.ColumnText(1);
    const std::string field = select.ColumnText(2);
    const std::optional<std::string> chosen = keep_mine ? select.ColumnOptionalText(3) : select.ColumnOptionalText(4);
    const bool chosen_won = (select.ColumnText(5) == "mine") == keep_mine;
    select.Reset();
    if (entity != "opportunity") return ValidationError{"conflict", "entity", "Only deal conflicts can be resolved here."};

    Transaction transaction(database_);
    if (!transaction.began()) return ValidationError{"", "storage", "Starting to resolve the conflict failed"};
    if (!chosen_won) {
        auto columns = TableColumns("opportunities");
        if (!columns) return columns.errors();
        auto column = columns.value()->is_integer.find(field);
        if (column == columns.value()->is_integer.end()) {
            return ValidationError{"conflict", "field", "The deal has no field " + field};
        }
        SqlValue value = nullptr;
        if (chosen && column->second) value = int64_t(std::stoll(*chosen));
        else if (chosen) value = *chosen;
        RecordedWriter writer(database_, context);
        // A new change with a new clock: it wins on the server and travels to everyone.
        if (auto written = writer.Update("opportunities", "opportunity", entity_id, {{field, value}}); !written) {
            return written.errors();
        }
    }
    auto resolve = database_.Prepare("UPDATE sync_conflicts SET resolved = 1 WHERE id = ?", "Resolving a conflict");
    if (!resolve) return resolve.errors();
    resolve.value().Bind(1, conflict_id);
    if (auto resolved = resolve.value().Run(); !resolved) return resolved;
    return transaction.Commit();
}

}  // namespace roadbook
