// Sync state, outbox and pulled-record application in the device database.
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

// Binds a change-log text value to a column of the given affinity: integers as integers, so STRICT
// tables accept them.
void BindColumnValue(Statement& statement, int index, const std::optional<std::string>& value, bool integer) {
    if (!value) {
        statement.BindNull(index);
    } else if (integer) {
        statement.Bind(index, int64_t(std::stoll(*value)));
    } else {
        statement.Bind(index, *value);
    }
}

bool IsInteger(const std::string& text) {
    if (text.empty() || text.size() > 20) return false;
    for (size_t index = text[0] == '-' ? 1 : 0; index < text.size(); ++index) {
        if (text[index] < '0' || text[index] > '9') return false;
    }
    return text != "-";
}

std::pair<std::string, std::string> SplitLinkId(const std::string& id) {
    const size_t colon = id.find(':');
    if (colon == std::string::npos) return {id, ""};
    return {id.substr(0, colon), id.substr(colon + 1)};
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
        "WHERE sequence > ? AND sequence <= ? AND origin = 'local' ORDER BY sequence LIMIT ?",
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
        "SELECT count(*) FROM change_log WHERE sequence > ? AND sequence <= ? AND origin = 'local'",
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

Result<const ReplicaStore::ColumnTypes*> ReplicaStore::TableColumns(const std::string& table) {
    auto found = columns_.find(table);
    if (found != columns_.end()) return &found->second;
    auto statement = database_.Prepare("SELECT name, type FROM pragma_table_info(?)", "Reading the columns of a table");
    if (!statement) return statement.errors();
    statement.value().Bind(1, table);
    ColumnTypes types;
    while (statement.value().Step()) {
        types.is_integer[statement.value().ColumnText(0)] = statement.value().ColumnText(1) == "INTEGER";
    }
    if (types.is_integer.empty()) return ValidationError{"", "storage", "The device has no table " + table};
    return &columns_.emplace(table, std::move(types)).first->second;
}

Status ReplicaStore::RecordRemote(const RemoteRecord& record, const RemoteField& field,
                                  const std::optional<std::string>& old_value, int64_t now_ms) {
    auto statement = database_.PrepareCached(
        "INSERT INTO change_log (entity, entity_id, field, old_value, new_value, actor, at_ms, clock, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'remote')",
        "Recording a pulled change");
    if (!statement) return statement.errors();
    Statement& insert = *statement.value();
    insert.Bind(1, record.entity).Bind(2, record.entity_id).Bind(3, field.column);
    insert.BindOptional(4, old_value);
    insert.BindOptional(5, field.value);
    insert.Bind(6, field.changed_by).Bind(7, now_ms).Bind(8, field.clock);
    return insert.Run();
}

Status ReplicaStore::RemoveRecord(const std::string& entity, const std::string& table, RecordShape shape,
                                  const std::string& entity_id) {
    if (shape == RecordShape::kContactLink) {
        auto [opportunity_id, contact_id] = SplitLinkId(entity_id);
        auto remove = database_.Prepare("DELETE FROM opportunity_contacts WHERE opportunity_id = ? AND contact_id = ?",
                                        "Removing a contact link");
        if (!remove) return remove.errors();
        remove.value().Bind(1, opportunity_id).Bind(2, contact_id);
        return remove.value().Run();
    }
    if (entity == "opportunity") {
        // A deal's own activities and contact links go with it; leads that converted into it keep their row.
        for (const char* sql : {"DELETE FROM activities WHERE opportunity_id = ?",
                                "DELETE FROM opportunity_contacts WHERE opportunity_id = ?",
                                "UPDATE leads SET converted_opportunity_id = NULL WHERE converted_opportunity_id = ?"}) {
            auto statement = database_.Prepare(sql, "Removing a deal's dependents");
            if (!statement) return statement.errors();
            statement.value().Bind(1, entity_id);
            if (auto removed = statement.value().Run(); !removed) return removed;
        }
    }
    // The search index has no delete triggers (nothing was deleted before sync): drop its entry here.
    for (const char* sql : {"DELETE FROM search_index WHERE rowid IN (SELECT document_id FROM search_documents "
                            "WHERE entity = ?1 AND entity_id = ?2)",
                            "DELETE FROM search_documents WHERE entity = ?1 AND entity_id = ?2"}) {
        auto statement = database_.Prepare(sql, "Removing a record from search");
        if (!statement) return statement.errors();
        statement.value().Bind(1, entity).Bind(2, entity_id);
        if (auto removed = statement.value().Run(); !removed) return removed;
    }
    const std::string key = shape == RecordShape::kExchangeRate ? "currency_code" : "id";
    auto remove = database_.Prepare("DELETE FROM " + table + " WHERE " + key + " = ?", "Removing a record");
    if (!remove) return remove.errors();
    remove.value().Bind(1, entity_id);
    return remove.value().Run();
}

// Writes one record; false when it was skipped as unchanged.
Result<bool> ReplicaStore::ApplyRecord(const RemoteRecord& record, int64_t acknowledged, ApplySummary& summary,
                                       int64_t now_ms) {
    if (record.deleted) {
        if (auto removed = RemoveRecord(record.entity, record.table, record.shape, record.entity_id); !removed) {
            return removed.errors();
        }
        return true;
    }
    auto columns = TableColumns(record.table);
    if (!columns) return columns.errors();
    // Values with an unacknowledged local change stay as the device has them until the server answers.
    auto pending_statement = database_.PrepareCached(
        "SELECT DISTINCT field FROM change_log WHERE origin = 'local' AND entity = ? AND entity_id = ? AND sequence > ?",
        "Finding pending fields");
    if (!pending_statement) return pending_statement.errors();
    Statement& pending_query = *pending_statement.value();
    pending_query.Bind(1, record.entity).Bind(2, record.entity_id).Bind(3, acknowledged);
    std::vector<std::string> pending;
    while (pending_query.Step()) pending.push_back(pending_query.ColumnText(0));
    pending_query.Reset();

    std::string key_condition = "id = ?";
    std::vector<std::string> key_values{record.entity_id};
    if (record.shape == RecordShape::kExchangeRate) key_condition = "currency_code = ?";
    if (record.shape == RecordShape::kContactLink) {
        auto [opportunity_id, contact_id] = SplitLinkId(record.entity_id);
        key_condition = "opportunity_id = ? AND contact_id = ?";
        key_values = {opportunity_id, contact_id};
    }
    std::vector<const RemoteField*> fields;
    bool remove_link = false;
    for (const RemoteField& field : record.fields) {
        if (std::find(pending.begin(), pending.end(), field.column) != pending.end()) {
            ++summary.fields_kept_for_pending;
            continue;
        }
        if (field.clock > summary.highest_clock) summary.highest_clock = field.clock;
        if (record.shape == RecordShape::kContactLink && field.column == "deleted") {
            remove_link = field.value == "1";
            continue;
        }
        if (record.shape == RecordShape::kExchangeRate && field.column == "rate_nanos" && !field.value) {
            remove_link = true;  // a rate set to nothing is a removed rate
            continue;
        }
        auto column = columns.value()->is_integer.find(field.column);
        if (column == columns.value()->is_integer.end()) continue;  // a field this device does not store
        if (field.value && column->second && !IsInteger(*field.value)) {
            return ValidationError{record.entity + "." + field.column, "format",
                                   record.entity + "." + field.column + " arrived as \"" + *field.value +
                                       "\", which is not a whole number"};
        }
        fields.push_back(&field);
    }
    if (remove_link) {
        if (auto removed = RemoveRecord(record.entity, record.table, record.shape, record.entity_id); !removed) {
            return removed.errors();
        }
        return true;
    }
    if (fields.empty()) return false;

    // The current values, to skip what is already equal and to record old values.
    std::string select_sql = "SELECT ";
    for (size_t index = 0; index < fields.size(); ++index) select_sql += (index ? ", " : "") + fields[index]->column;
    select_sql += " FROM " + record.table + " WHERE " + key_condition;
    auto current = database_.Prepare(select_sql, "Reading a record to update");
    if (!current) return current.errors();
    for (size_t index = 0; index < key_values.size(); ++index) current.value().Bind(int(index) + 1, key_values[index]);
    const bool exists = current.value().Step();
    if (!exists && !current.value().error().empty()) return StepFailed(current.value(), "Reading a record to update");

    std::vector<const RemoteField*> changed;
    std::vector<std::optional<std::string>> old_values;
    for (size_t index = 0; index < fields.size(); ++index) {
        std::optional<std::string> old_value;
        if (exists && !current.value().ColumnIsNull(int(index))) old_value = current.value().ColumnText(int(index));
        if (exists && old_value == fields[index]->value) continue;
        changed.push_back(fields[index]);
        old_values.push_back(old_value);
    }
    if (changed.empty()) return false;

    std::string sql;
    if (exists) {
        sql = "UPDATE " + record.table + " SET ";
        for (size_t index = 0; index < changed.size(); ++index) sql += (index ? ", " : "") + changed[index]->column + " = ?";
        sql += " WHERE " + key_condition;
    } else {
        std::string names;
        std::string placeholders;
        for (const RemoteField* field : changed) {
            names += (names.empty() ? "" : ", ") + field->column;
            placeholders += placeholders.empty() ? "?" : ", ?";
        }
        for (const char* key : record.shape == RecordShape::kContactLink ? std::vector<const char*>{}
                               : record.shape == RecordShape::kExchangeRate ? std::vector<const char*>{"currency_code"}
                                                                            : std::vector<const char*>{"id"}) {
            names += std::string(", ") + key;
            placeholders += ", ?";
        }
        // Creation and update times are the device's own bookkeeping, not synced: a new row gets now.
        for (const char* stamp : {"created_at_ms", "updated_at_ms"}) {
            const bool sent = std::any_of(changed.begin(), changed.end(),
                                          [&](const RemoteField* field) { return field->column == stamp; });
            if (!sent && columns.value()->is_integer.contains(stamp)) {
                names += std::string(", ") + stamp;
                placeholders += ", " + std::to_string(now_ms);
            }
        }
        sql = "INSERT INTO " + record.table + " (" + names + ") VALUES (" + placeholders + ")";
    }
    auto write = database_.Prepare(sql, "Writing a pulled record");
    if (!write) return write.errors();
    int parameter = 1;
    for (const RemoteField* field : changed) {
        BindColumnValue(write.value(), parameter++, field->value, columns.value()->is_integer.at(field->column));
    }
    if (exists || record.shape != RecordShape::kContactLink) {
        for (const std::string& key : key_values) write.value().Bind(parameter++, key);
    }
    if (auto written = write.value().Run(); !written) {
        return ValidationError{record.entity, "storage",
                               "Storing " + record.entity + " " + record.entity_id + " failed: " + written.first_error().message};
    }
    for (size_t index = 0; index < changed.size(); ++index) {
        if (auto recorded = RecordRemote(record, *changed[index], old_values[index], now_ms); !recorded) {
            return recorded.errors();
        }
    }
    return true;
}

Result<ApplySummary> ReplicaStore::ApplyPulled(const std::vector<RemoteRecord>& records,
                                               const std::vector<RemoteRecord>& removals, int64_t acknowledged,
                                               int64_t new_cursor, int64_t now_ms) {
    Transaction transaction(database_);
    if (!transaction.began()) return ValidationError{"", "storage", "Starting to apply pulled changes failed"};
    // Parents and children can arrive in one page in any order; references are checked at commit.
    if (auto deferred = database_.Execute("PRAGMA defer_foreign_keys = ON", "Deferring reference checks"); !deferred) {
        return deferred.errors();
    }
    ApplySummary summary;
    for (const RemoteRecord& record : records) {
        auto applied = ApplyRecord(record, acknowledged, summary, now_ms);
        if (!applied) return applied.errors();
        if (applied.value()) ++summary.records_written;
        auto generation = database_.PrepareCached(
            "INSERT INTO sync_generations (entity, entity_id, generation, seen) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (entity, entity_id) DO UPDATE SET generation = excluded.generation, seen = 1",
            "Recording a generation");
        if (!generation) return generation.errors();
        generation.value()->Bind(1, record.entity).Bind(2, record.entity_id).Bind(3, record.generation);
        if (auto stored = generation.value()->Run(); !stored) return stored.errors();
    }
    for (const RemoteRecord& removal : removals) {
        if (auto removed = RemoveRecord(removal.entity, removal.table, removal.shape, removal.entity_id); !removed) {
            return removed.errors();
        }
        ++summary.records_removed;
    }
    auto cursor = database_.PrepareCached("UPDATE sync_state SET cursor = ?", "Saving the sync cursor");
    if (!cursor) return cursor.errors();
    cursor.value()->Bind(1, new_cursor);
    if (auto saved = cursor.value()->Run(); !saved) return saved.errors();
    if (auto committed = transaction.Commit(); !committed) {
        return ValidationError{"", "storage",
                               "Applying pulled changes failed (a record refers to one this device does not have?): " +
                                   committed.first_error().message};
    }
    return summary;
}

Status ReplicaStore::BeginReset() {
    Transaction transaction(database_);
    if (auto marked = database_.Execute("UPDATE sync_generations SET seen = 0", "Starting a full pull"); !marked) {
        return marked;
    }
    if (auto cursor = database_.Execute("UPDATE sync_state SET cursor = 0", "Starting a full pull"); !cursor) return cursor;
    return transaction.Commit();
}

Result<int64_t> ReplicaStore::FinishReset(int64_t acknowledged,
                                          const std::map<std::string, std::pair<std::string, RecordShape>>& tables) {
    auto statement = database_.Prepare("SELECT entity, entity_id FROM sync_generations WHERE seen = 0",
                                       "Finding records the server no longer has");
    if (!statement) return statement.errors();
    std::vector<std::pair<std::string, std::string>> gone;
    while (statement.value().Step()) gone.emplace_back(statement.value().ColumnText(0), statement.value().ColumnText(1));
    if (gone.empty()) return int64_t{0};
    Transaction transaction(database_);
    int64_t removed = 0;
    for (const auto& [entity, entity_id] : gone) {
        auto pending = database_.Prepare(
            "SELECT 1 FROM change_log WHERE origin = 'local' AND entity = ? AND entity_id = ? AND sequence > ? LIMIT 1",
            "Checking for local changes");
        if (!pending) return pending.errors();
        pending.value().Bind(1, entity).Bind(2, entity_id).Bind(3, acknowledged);
        const bool keep = pending.value().Step();  // work not yet on the server is never dropped
        auto table = tables.find(entity);
        if (!keep && table != tables.end()) {
            if (auto dropped = RemoveRecord(entity, table->second.first, table->second.second, entity_id); !dropped) {
                return dropped.errors();
            }
            ++removed;
        }
        auto forget = database_.Prepare("DELETE FROM sync_generations WHERE entity = ? AND entity_id = ?",
                                        "Forgetting a record");
        if (!forget) return forget.errors();
        forget.value().Bind(1, entity).Bind(2, entity_id);
        if (auto forgotten = forget.value().Run(); !forgotten) return forgotten.errors();
    }
    if (auto committed = transaction.Commit(); !committed) return committed.errors();
    return removed;
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
