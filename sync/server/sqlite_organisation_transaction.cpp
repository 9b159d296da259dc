// One organisation's transaction on the SQLite server store: records, fields, versions, clients and logs,
// holding the store's connection (and its mutex) from Begin to Commit or destruction.
#include <mutex>

#include "sync/server/sqlite_server_store.h"

namespace roadbook::server {
namespace {

ValidationError StorageError(const std::string& operation, const std::string& reason) {
    return ValidationError{"", "storage", operation + " failed: " + reason};
}

// "(team_id = '' OR team_id IN (?, ?))" for a scope; parameters start at `first_parameter`.
std::string ScopeCondition(const ReadScope& scope, std::string_view column) {
    if (scope.everything) return "1";
    std::string condition = "(";
    condition.append(column).append(" = ''");
    if (!scope.team_ids.empty()) {
        condition.append(" OR ").append(column).append(" IN (");
        for (size_t index = 0; index < scope.team_ids.size(); ++index) condition.append(index ? ", ?" : "?");
        condition.append(")");
    }
    condition.append(")");
    return condition;
}

void BindScope(Statement& statement, int first_parameter, const ReadScope& scope) {
    if (scope.everything) return;
    for (size_t index = 0; index < scope.team_ids.size(); ++index) {
        statement.Bind(first_parameter + int(index), scope.team_ids[index]);
    }
}

}  // namespace

class SqliteOrganisationTransaction final : public OrganisationTransaction {
public:
    SqliteOrganisationTransaction(SqliteServerStore& store, std::unique_lock<std::mutex> lock, std::string organisation)
        : store_(store), lock_(std::move(lock)), organisation_(std::move(organisation)) {}
    ~SqliteOrganisationTransaction() override {
        if (!finished_) (void)db().Execute("ROLLBACK", "Rolling back");
    }

    Status Start(bool write) {
        auto begun = db().Execute(write ? "BEGIN IMMEDIATE" : "BEGIN", "Starting a transaction");
        if (begun) started_ = true;
        return begun;
    }

    Result<int64_t> NextVersion() override {
        auto statement = db().PrepareCached(
            "UPDATE organisations SET version = version + 1 WHERE id = ? RETURNING version", "Taking a version");
        if (!statement) return statement.errors();
        Statement& update = *statement.value();
        update.Bind(1, organisation_);
        if (!update.Step()) return StorageError("Taking a version", update.error().empty() ? "no organisation" : update.error());
        const int64_t version = update.ColumnInt(0);
        update.Reset();
        return version;
    }

    Result<int64_t> CurrentVersion() override { return OrganisationNumber("version"); }
    Result<int64_t> CollectedVersion() override { return OrganisationNumber("collected_version"); }

    Result<ClientProgress> ClientLastMutation(const std::string& client_id, const std::string& user_id,
                                              bool add_when_new) override {
        auto statement = db().PrepareCached(
            "SELECT last_mutation_id, user_id, last_clock FROM clients WHERE organisation_id = ? AND client_id = ?",
            "Reading the client");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, client_id);
        if (!select.Step()) {
            if (!select.error().empty()) return StorageError("Reading the client", select.error());
            if (!add_when_new) return ClientProgress{};
            auto insert = db().PrepareCached(
                "INSERT INTO clients (organisation_id, client_id, user_id) VALUES (?, ?, ?)", "Adding the client");
            if (!insert) return insert.errors();
            insert.value()->Bind(1, organisation_).Bind(2, client_id).Bind(3, user_id);
            if (auto added = insert.value()->Run(); !added) return added.errors();
            return ClientProgress{};
        }
        const ClientProgress progress{select.ColumnInt(0), select.ColumnText(2)};
        const std::string owner = select.ColumnText(1);
        select.Reset();
        // A client id belongs to the user who first used it; another user gets a fresh start, never its ids.
        if (owner != user_id) {
            return ValidationError{"clientId", "forbidden", "clientId belongs to another user; start a new client"};
        }
        return progress;
    }

    Status SetClientLastMutation(const std::string& client_id, const ClientProgress& progress) override {
        auto statement = db().PrepareCached(
            "UPDATE clients SET last_mutation_id = ?, last_clock = ? WHERE organisation_id = ? AND client_id = ?",
            "Recording the client's last mutation");
        if (!statement) return statement.errors();
        statement.value()->Bind(1, progress.last_mutation_id).Bind(2, progress.last_clock).Bind(3, organisation_);
        statement.value()->Bind(4, client_id);
        return statement.value()->Run();
    }

    Result<std::optional<RecordMeta>> ReadRecord(const std::string& entity, const std::string& entity_id) override {
        auto statement = db().PrepareCached(
            "SELECT generation, deleted, team_id, parent_id, created_by, deleted_at_ms FROM records "
            "WHERE organisation_id = ? AND entity = ? AND entity_id = ?",
            "Reading a record");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, entity).Bind(3, entity_id);
        if (!select.Step()) {
            if (!select.error().empty()) return StorageError("Reading a record", select.error());
            return std::optional<RecordMeta>();
        }
        RecordMeta meta{select.ColumnInt(0), select.ColumnInt(1) != 0, select.ColumnText(2), select.ColumnText(3),
                        select.ColumnText(4), select.ColumnInt(5)};
        select.Reset();
        return std::optional<RecordMeta>(std::move(meta));
    }

    Status WriteRecord(const std::string& entity, const std::string& entity_id, const RecordMeta& meta,
                       int64_t version) override {
        auto statement = db().PrepareCached(
            "INSERT INTO records (organisation_id, entity, entity_id, generation, deleted, team_id, parent_id, "
            "created_by, deleted_at_ms, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (organisation_id, entity, entity_id) DO UPDATE SET generation = excluded.generation, "
            "deleted = excluded.deleted, team_id = excluded.team_id, parent_id = excluded.parent_id, "
            "deleted_at_ms = excluded.deleted_at_ms, version = excluded.version",
            "Writing a record");
        if (!statement) return statement.errors();
        Statement& upsert = *statement.value();
        upsert.Bind(1, organisation_).Bind(2, entity).Bind(3, entity_id).Bind(4, meta.generation);
        upsert.Bind(5, int64_t{meta.deleted ? 1 : 0}).Bind(6, meta.team_id).Bind(7, meta.parent_id);
        upsert.Bind(8, meta.created_by).Bind(9, meta.deleted_at_ms).Bind(10, version);
        return upsert.Run();
    }

    Result<std::optional<StoredField>> ReadField(const std::string& entity, const std::string& entity_id,
                                                 const std::string& field) override {
        auto statement = db().PrepareCached(
            "SELECT value, clock, changed_by, version FROM fields "
            "WHERE organisation_id = ? AND entity = ? AND entity_id = ? AND field = ?",
            "Reading a field");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, entity).Bind(3, entity_id).Bind(4, field);
        if (!select.Step()) {
            if (!select.error().empty()) return StorageError("Reading a field", select.error());
            return std::optional<StoredField>();
        }
        StoredField state{select.ColumnOptionalText(0), select.ColumnText(1), select.ColumnText(2), select.ColumnInt(3)};
        select.Reset();
        return std::optional<StoredField>(std::move(state));
    }

    Status WriteField(const std::string& entity, const std::string& entity_id, const std::string& field,
                      const StoredField& state) override {
        auto statement = db().PrepareCached(
            "INSERT INTO fields (organisation_id, entity, entity_id, field, value, clock, changed_by, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organisation_id, entity, entity_id, field) DO UPDATE SET "
            "value = excluded.value, clock = excluded.clock, changed_by = excluded.changed_by, "
            "version = excluded.version",
            "Writing a field");
        if (!statement) return statement.errors();
        Statement& upsert = *statement.value();
        upsert.Bind(1, organisation_).Bind(2, entity).Bind(3, entity_id).Bind(4, field);
        upsert.BindOptional(5, state.value);
        upsert.Bind(6, state.clock).Bind(7, state.changed_by).Bind(8, state.version);
        return upsert.Run();
    }

    Result<std::vector<std::pair<std::string, std::string>>> ChildRecords(const std::string& parent_id) override {
        auto statement = db().PrepareCached(
            "SELECT entity, entity_id FROM records WHERE organisation_id = ? AND parent_id = ?", "Finding child records");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, parent_id);
        std::vector<std::pair<std::string, std::string>> children;
        while (select.Step()) children.emplace_back(select.ColumnText(0), select.ColumnText(1));
        if (!select.error().empty()) return StorageError("Finding child records", select.error());
        return children;
    }

    Status RecordScopeMove(const ScopeMove& move, int64_t version) override {
        auto statement = db().PrepareCached(
            "INSERT INTO scope_moves (organisation_id, version, entity, entity_id, from_team, to_team) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            "Recording a scope move");
        if (!statement) return statement.errors();
        statement.value()->Bind(1, organisation_).Bind(2, version).Bind(3, move.entity).Bind(4, move.entity_id);
        statement.value()->Bind(5, move.from_team).Bind(6, move.to_team);
        return statement.value()->Run();
    }

    Status AppendConflict(const ConflictEntry& conflict) override {
        auto statement = db().PrepareCached(
            "INSERT INTO conflicts (organisation_id, entity, entity_id, field, losing_value, losing_clock, "
            "losing_user, winning_value, winning_clock, winning_user, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "Logging a conflict");
        if (!statement) return statement.errors();
        Statement& insert = *statement.value();
        insert.Bind(1, organisation_).Bind(2, conflict.entity).Bind(3, conflict.entity_id).Bind(4, conflict.field);
        insert.BindOptional(5, conflict.losing_value);
        insert.Bind(6, conflict.losing_clock).Bind(7, conflict.losing_user);
        insert.BindOptional(8, conflict.winning_value);
        insert.Bind(9, conflict.winning_clock).Bind(10, conflict.winning_user).Bind(11, conflict.at_ms);
        return insert.Run();
    }

    Status AppendRejection(const std::string& client_id, int64_t mutation_id, const std::string& code,
                           const std::string& message, int64_t at_ms) override {
        auto statement = db().PrepareCached(
            "INSERT INTO rejections (organisation_id, client_id, mutation_id, code, message, at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            "Logging a rejection");
        if (!statement) return statement.errors();
        statement.value()->Bind(1, organisation_).Bind(2, client_id).Bind(3, mutation_id).Bind(4, code);
        statement.value()->Bind(5, message).Bind(6, at_ms);
        return statement.value()->Run();
    }

    Result<std::vector<ChangedField>> FieldsChanged(int64_t after_version, int64_t up_to_version,
                                                    const ReadScope& scope) override {
        const std::string sql =
            "SELECT f.entity, f.entity_id, f.field, f.value, f.clock, f.changed_by, f.version FROM fields f "
            "JOIN records r ON r.organisation_id = f.organisation_id AND r.entity = f.entity AND "
            "r.entity_id = f.entity_id WHERE f.organisation_id = ? AND f.version > ? AND f.version <= ? AND " +
            ScopeCondition(scope, "r.team_id") + " ORDER BY f.version";
        auto prepared = db().Prepare(sql, "Reading changed fields");
        if (!prepared) return prepared.errors();
        Statement& select = prepared.value();
        select.Bind(1, organisation_).Bind(2, after_version).Bind(3, up_to_version);
        BindScope(select, 4, scope);
        std::vector<ChangedField> fields;
        while (select.Step()) {
            fields.push_back({select.ColumnText(0), select.ColumnText(1), select.ColumnText(2),
                              StoredField{select.ColumnOptionalText(3), select.ColumnText(4), select.ColumnText(5),
                                          select.ColumnInt(6)}});
        }
        if (!select.error().empty()) return StorageError("Reading changed fields", select.error());
        return fields;
    }

    Result<std::vector<ChangedRecord>> RecordsChanged(int64_t after_version, int64_t up_to_version,
                                                      const ReadScope& scope) override {
        const std::string sql =
            "SELECT entity, entity_id, generation, deleted, team_id, parent_id, created_by, deleted_at_ms, version "
            "FROM records WHERE organisation_id = ? AND version > ? AND version <= ? AND " +
            ScopeCondition(scope, "team_id") + " ORDER BY version";
        auto prepared = db().Prepare(sql, "Reading changed records");
        if (!prepared) return prepared.errors();
        Statement& select = prepared.value();
        select.Bind(1, organisation_).Bind(2, after_version).Bind(3, up_to_version);
        BindScope(select, 4, scope);
        std::vector<ChangedRecord> records;
        while (select.Step()) {
            records.push_back({select.ColumnText(0), select.ColumnText(1),
                               RecordMeta{select.ColumnInt(2), select.ColumnInt(3) != 0, select.ColumnText(4),
                                          select.ColumnText(5), select.ColumnText(6), select.ColumnInt(7)},
                               select.ColumnInt(8)});
        }
        if (!select.error().empty()) return StorageError("Reading changed records", select.error());
        return records;
    }

    Result<std::vector<ChangedField>> AllFields(const std::string& entity, const std::string& entity_id) override {
        auto statement = db().PrepareCached(
            "SELECT field, value, clock, changed_by, version FROM fields "
            "WHERE organisation_id = ? AND entity = ? AND entity_id = ?",
            "Reading a record's fields");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, entity).Bind(3, entity_id);
        std::vector<ChangedField> fields;
        while (select.Step()) {
            fields.push_back({entity, entity_id, select.ColumnText(0),
                              StoredField{select.ColumnOptionalText(1), select.ColumnText(2), select.ColumnText(3),
                                          select.ColumnInt(4)}});
        }
        if (!select.error().empty()) return StorageError("Reading a record's fields", select.error());
        return fields;
    }

    Result<std::vector<ScopeMove>> ScopeMoves(int64_t after_version, int64_t up_to_version) override {
        auto statement = db().PrepareCached(
            "SELECT entity, entity_id, from_team, to_team FROM scope_moves "
            "WHERE organisation_id = ? AND version > ? AND version <= ? ORDER BY version",
            "Reading scope moves");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, after_version).Bind(3, up_to_version);
        std::vector<ScopeMove> moves;
        while (select.Step()) {
            moves.push_back({select.ColumnText(0), select.ColumnText(1), select.ColumnText(2), select.ColumnText(3)});
        }
        if (!select.error().empty()) return StorageError("Reading scope moves", select.error());
        return moves;
    }

    Result<int64_t> PageEnd(int64_t after_version, int64_t limit) override {
        auto statement = db().PrepareCached(
            "SELECT version FROM fields WHERE organisation_id = ? AND version > ? ORDER BY version LIMIT 1 OFFSET ?",
            "Finding the end of a page");
        if (!statement) return statement.errors();
        Statement& select = *statement.value();
        select.Bind(1, organisation_).Bind(2, after_version).Bind(3, limit);
        if (!select.Step()) {
            if (!select.error().empty()) return StorageError("Finding the end of a page", select.error());
            return CurrentVersion();
        }
        const int64_t first_beyond = select.ColumnInt(0);
        select.Reset();
        // One version larger than a page is sent whole: a page never splits a version.
        return first_beyond - 1 > after_version ? first_beyond - 1 : first_beyond;
    }

    Result<std::optional<StoredUser>> FindUser(const std::string& user_id) override {
        auto user = store_.ReadUser("id = ?", user_id);
        if (!user) return user.errors();
        if (user.value() && user.value()->organisation_id != organisation_) return std::optional<StoredUser>();
        return user;
    }

    Status Commit() override {
        auto committed = db().Execute("COMMIT", "Committing");
        if (committed) finished_ = true;
        return committed;
    }

private:
    Database& db() { return store_.database_; }

    Result<int64_t> OrganisationNumber(std::string_view column) {
        auto statement = db().Prepare("SELECT " + std::string(column) + " FROM organisations WHERE id = ?",
                                      "Reading the organisation");
        if (!statement) return statement.errors();
        statement.value().Bind(1, organisation_);
        if (!statement.value().Step()) return StorageError("Reading the organisation", "no organisation");
        return statement.value().ColumnInt(0);
    }

    SqliteServerStore& store_;
    std::unique_lock<std::mutex> lock_;
    std::string organisation_;
    bool started_ = false;
    bool finished_ = false;
};

Result<std::unique_ptr<OrganisationTransaction>> SqliteServerStore::Begin(const std::string& organisation_id,
                                                                          bool write) {
    std::unique_lock lock(mutex_);
    auto transaction = std::make_unique<SqliteOrganisationTransaction>(*this, std::move(lock), organisation_id);
    if (auto started = transaction->Start(write); !started) return started.errors();
    return std::unique_ptr<OrganisationTransaction>(std::move(transaction));
}

}  // namespace roadbook::server
