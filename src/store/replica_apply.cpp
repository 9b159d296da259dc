// Applying pulled pages to the device's tables: generic upserts typed by the tables' columns, removals
// with their dependents, change-log rows for the history, and the full pull of a reset.
#include <algorithm>

#include "store/replica_store.h"

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

}  // namespace roadbook
