// One organisation's transaction on the PostgreSQL store, on one pooled connection from Begin to Commit or
// destruction. Writers lock the organisation's row first (READ COMMITTED: every statement after the lock
// sees all that committed before it, and they keep what they read); readers work in one REPEATABLE READ
// snapshot.
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "sync/server/postgres_server_store.h"
#include "sync/server/postgres_write_buffer.h"

namespace roadbook::server {
namespace {

std::string Number(int64_t value) { return std::to_string(value); }

// "(team_id = '' OR team_id IN ($4, $5))" for a scope; appends the teams to `parameters`.
std::string ScopeCondition(const ReadScope& scope, std::string_view column, SqlParameters& parameters) {
    if (scope.everything) return "TRUE";
    std::string condition = "(";
    condition.append(column).append(" = ''");
    if (!scope.team_ids.empty()) {
        condition.append(" OR ").append(column).append(" IN (");
        for (size_t index = 0; index < scope.team_ids.size(); ++index) {
            parameters.push_back(scope.team_ids[index]);
            condition.append(index ? ", $" : "$").append(std::to_string(parameters.size()));
        }
        condition.append(")");
    }
    condition.append(")");
    return condition;
}

}  // namespace

class PostgresOrganisationTransaction final : public OrganisationTransaction {
public:
    PostgresOrganisationTransaction(PooledConnection connection, std::string organisation, bool write)
        : connection_(std::move(connection)), organisation_(std::move(organisation)), write_(write) {}
    ~PostgresOrganisationTransaction() override {
        if (started_ && !finished_) (void)connection_->Execute("Rolling back", "ROLLBACK");
    }

    Status Start() {
        if (!write_) {
            // One snapshot for the whole pull. Not READ ONLY: a new client's first pull adds its row.
            auto begun = connection_->Execute("Starting a transaction", "BEGIN ISOLATION LEVEL REPEATABLE READ");
            if (!begun) return begun.errors();
            started_ = true;
            return Done{};
        }
        // The organisation's row stays locked until commit: one writer at a time takes versions, so a
        // version is never visible before a smaller one is. (A missing organisation shows at NextVersion.)
        started_ = true;
        return connection_->ExecutePipeline(
            {{"Starting a transaction", "BEGIN", {}},
             {"Locking the organisation", "SELECT version FROM organisations WHERE id = $1 FOR UPDATE", {organisation_}}});
    }

    Result<int64_t> NextVersion() override {
        auto rows = Query("Taking a version", "UPDATE organisations SET version = version + 1 WHERE id = $1 RETURNING version",
                          {organisation_});
        if (!rows) return rows.errors();
        if (rows.value().count() == 0) return PostgresError("Taking a version", "no organisation");
        newest_version_ = rows.value().Number(0, 0);
        return newest_version_;
    }

    Result<int64_t> CurrentVersion() override { return OrganisationNumber("version"); }
    Result<int64_t> CollectedVersion() override { return OrganisationNumber("collected_version"); }

    Result<ClientProgress> ClientLastMutation(const std::string& client_id, const std::string& user_id,
                                              bool add_when_new) override {
        // Writers lock the client's row, so two servers never apply batches of one client side by side.
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        const std::string select = std::string("SELECT last_mutation_id, user_id, last_clock FROM clients ") +
                                   "WHERE organisation_id = $1 AND client_id = $2" + (write_ ? " FOR UPDATE" : "");
        auto rows = Query("Reading the client", select, {organisation_, client_id});
        if (!rows) return rows.errors();
        if (rows.value().count() == 0 && !add_when_new) return ClientProgress{};
        if (rows.value().count() == 0) {
            auto added = Query("Adding the client",
                               "INSERT INTO clients (organisation_id, client_id, user_id) VALUES ($1, $2, $3) "
                               "ON CONFLICT DO NOTHING",
                               {organisation_, client_id, user_id});
            if (!added) return added.errors();
            rows = Query("Reading the client", select, {organisation_, client_id});
            if (!rows) return rows.errors();
            // Another server added it after this snapshot began: the next attempt sees it.
            if (rows.value().count() == 0) return PostgresError("Reading the client", "added concurrently; retry");
        }
        const ClientProgress progress{rows.value().Number(0, 0), rows.value().Text(0, 2)};
        // A client id belongs to the user who first used it; another user gets a fresh start, never its ids.
        if (rows.value().Text(0, 1) != user_id) {
            return ValidationError{"clientId", "forbidden", "clientId belongs to another user; start a new client"};
        }
        return progress;
    }

    Status SetClientLastMutation(const std::string& client_id, const ClientProgress& progress) override {
        // Sent with the commit, like the buffered writes.
        pending_client_ = SqlStatement{
            "Recording the client's last mutation",
            "UPDATE clients SET last_mutation_id = $1, last_clock = $2 WHERE organisation_id = $3 AND client_id = $4",
            {Number(progress.last_mutation_id), progress.last_clock, organisation_, client_id}};
        return Done{};
    }

    Result<std::optional<RecordMeta>> ReadRecord(const std::string& entity, const std::string& entity_id) override {
        if (auto cached = records_.find({entity, entity_id}); cached != records_.end()) return cached->second;
        // Written without being read first: the row must be in the database before it is read back.
        if (pending_.HasRecord(entity, entity_id)) {
            if (auto flushed = Flush(); !flushed) return flushed.errors();
        }
        // A writer reads the record's fields with it: the merge asks for them one by one next.
        const std::string sql =
            write_ ? "SELECT r.generation, r.deleted, r.team_id, r.parent_id, r.created_by, r.deleted_at_ms, f.field, "
                     "f.value, f.clock, f.changed_by, f.version FROM records r LEFT JOIN fields f ON "
                     "f.organisation_id = r.organisation_id AND f.entity = r.entity AND f.entity_id = r.entity_id "
                     "WHERE r.organisation_id = $1 AND r.entity = $2 AND r.entity_id = $3"
                   : "SELECT generation, deleted, team_id, parent_id, created_by, deleted_at_ms FROM records "
                     "WHERE organisation_id = $1 AND entity = $2 AND entity_id = $3";
        auto rows = Query("Reading a record", sql, {organisation_, entity, entity_id});
        if (!rows) return rows.errors();
        const PostgresRows& found = rows.value();
        std::optional<RecordMeta> meta;
        if (found.count() > 0) {
            meta = RecordMeta{found.Number(0, 0), found.Number(0, 1) != 0, found.Text(0, 2),
                              found.Text(0, 3),   found.Text(0, 4),        found.Number(0, 5)};
        }
        records_[{entity, entity_id}] = meta;
        if (write_) {
            for (int row = 0; row < found.count(); ++row) {
                if (found.IsNull(row, 6)) continue;
                fields_.try_emplace({entity, entity_id, found.Text(row, 6)},
                                    StoredField{found.OptionalText(row, 7), found.Text(row, 8), found.Text(row, 9),
                                                found.Number(row, 10)});
            }
            fields_known_.insert({entity, entity_id});
        }
        return meta;
    }

    Status WriteRecord(const std::string& entity, const std::string& entity_id, const RecordMeta& meta,
                       int64_t version) override {
        pending_.Record(entity, entity_id, meta, version);
        // Keep the cache equal to the row to be: an update leaves created_by as it was.
        auto [cached, inserted] = records_.try_emplace({entity, entity_id}, meta);
        if (!inserted) {
            std::string created_by = cached->second ? cached->second->created_by : meta.created_by;
            cached->second = meta;
            cached->second->created_by = std::move(created_by);
        } else {
            records_.erase(cached);  // not read before: whether a row existed is unknown here
        }
        return Done{};
    }

    Result<std::optional<StoredField>> ReadField(const std::string& entity, const std::string& entity_id,
                                                 const std::string& field) override {
        if (auto cached = fields_.find({entity, entity_id, field}); cached != fields_.end()) return cached->second;
        if (fields_known_.contains({entity, entity_id})) return std::optional<StoredField>();
        auto rows = Query("Reading a field",
                          "SELECT value, clock, changed_by, version FROM fields "
                          "WHERE organisation_id = $1 AND entity = $2 AND entity_id = $3 AND field = $4",
                          {organisation_, entity, entity_id, field});
        if (!rows) return rows.errors();
        const PostgresRows& found = rows.value();
        std::optional<StoredField> state;
        if (found.count() > 0) state = StoredField{found.OptionalText(0, 0), found.Text(0, 1), found.Text(0, 2), found.Number(0, 3)};
        fields_[{entity, entity_id, field}] = state;
        return state;
    }

    Status WriteField(const std::string& entity, const std::string& entity_id, const std::string& field,
                      const StoredField& state) override {
        pending_.Field(entity, entity_id, field, state);
        fields_[{entity, entity_id, field}] = state;
        return Done{};
    }

    Result<std::vector<std::pair<std::string, std::string>>> ChildRecords(const std::string& parent_id) override {
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        auto rows = Query("Finding child records",
                          "SELECT entity, entity_id FROM records WHERE organisation_id = $1 AND parent_id = $2",
                          {organisation_, parent_id});
        if (!rows) return rows.errors();
        std::vector<std::pair<std::string, std::string>> children;
        for (int row = 0; row < rows.value().count(); ++row) {
            children.emplace_back(rows.value().Text(row, 0), rows.value().Text(row, 1));
        }
        return children;
    }

    Status RecordScopeMove(const ScopeMove& move, int64_t version) override {
        return Change("Recording a scope move",
                      "INSERT INTO scope_moves (organisation_id, version, entity, entity_id, from_team, to_team) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                      {organisation_, Number(version), move.entity, move.entity_id, move.from_team, move.to_team});
    }

    Status AppendConflict(const ConflictEntry& conflict) override {
        return Change("Logging a conflict",
                      "INSERT INTO conflicts (organisation_id, entity, entity_id, field, losing_value, losing_clock, "
                      "losing_user, winning_value, winning_clock, winning_user, at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                      {organisation_, conflict.entity, conflict.entity_id, conflict.field, conflict.losing_value,
                       conflict.losing_clock, conflict.losing_user, conflict.winning_value, conflict.winning_clock,
                       conflict.winning_user, Number(conflict.at_ms)});
    }

    Status AppendRejection(const std::string& client_id, int64_t mutation_id, const std::string& code,
                           const std::string& message, int64_t at_ms) override {
        return Change("Logging a rejection",
                      "INSERT INTO rejections (organisation_id, client_id, mutation_id, code, message, at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                      {organisation_, client_id, Number(mutation_id), code, message, Number(at_ms)});
    }

    Result<std::vector<ChangedField>> FieldsChanged(int64_t after_version, int64_t up_to_version,
                                                    const ReadScope& scope) override {
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        SqlParameters parameters{organisation_, Number(after_version), Number(up_to_version)};
        const std::string sql =
            "SELECT f.entity, f.entity_id, f.field, f.value, f.clock, f.changed_by, f.version, r.generation, "
            "r.deleted, r.team_id, r.parent_id, r.created_by, r.deleted_at_ms FROM fields f "
            "JOIN records r ON r.organisation_id = f.organisation_id AND r.entity = f.entity AND "
            "r.entity_id = f.entity_id WHERE f.organisation_id = $1 AND f.version > $2 AND f.version <= $3 AND " +
            ScopeCondition(scope, "r.team_id", parameters) + " ORDER BY f.version";
        auto rows = Query("Reading changed fields", sql, parameters);
        if (!rows) return rows.errors();
        const PostgresRows& found = rows.value();
        std::vector<ChangedField> fields;
        fields.reserve(size_t(found.count()));
        for (int row = 0; row < found.count(); ++row) {
            fields.push_back({found.Text(row, 0), found.Text(row, 1), found.Text(row, 2),
                              StoredField{found.OptionalText(row, 3), found.Text(row, 4), found.Text(row, 5),
                                          found.Number(row, 6)}});
            // The pull asks for these records next; they came with the join.
            records_.try_emplace({found.Text(row, 0), found.Text(row, 1)},
                                 RecordMeta{found.Number(row, 7), found.Number(row, 8) != 0, found.Text(row, 9),
                                            found.Text(row, 10), found.Text(row, 11), found.Number(row, 12)});
        }
        return fields;
    }

    Result<std::vector<ChangedRecord>> RecordsChanged(int64_t after_version, int64_t up_to_version,
                                                      const ReadScope& scope) override {
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        SqlParameters parameters{organisation_, Number(after_version), Number(up_to_version)};
        SqlParameters fields_parameters = parameters;
        const std::string sql =
            "SELECT entity, entity_id, generation, deleted, team_id, parent_id, created_by, deleted_at_ms, version "
            "FROM records WHERE organisation_id = $1 AND version > $2 AND version <= $3 AND " +
            ScopeCondition(scope, "team_id", parameters) + " ORDER BY version";
        auto rows = Query("Reading changed records", sql, parameters);
        if (!rows) return rows.errors();
        const PostgresRows& found = rows.value();
        std::vector<ChangedRecord> records;
        for (int row = 0; row < found.count(); ++row) {
            records.push_back({found.Text(row, 0), found.Text(row, 1),
                               RecordMeta{found.Number(row, 2), found.Number(row, 3) != 0, found.Text(row, 4),
                                          found.Text(row, 5), found.Text(row, 6), found.Number(row, 7)},
                               found.Number(row, 8)});
            records_.try_emplace({records.back().entity, records.back().entity_id}, records.back().meta);
        }
        if (write_ || records.empty()) return records;
        // The pull sends each of these records whole next: fetch all their fields in one query, not one each.
        const std::string fields_sql =
            "SELECT r.entity, r.entity_id, f.field, f.value, f.clock, f.changed_by, f.version FROM records r "
            "JOIN fields f ON f.organisation_id = r.organisation_id AND f.entity = r.entity AND f.entity_id = r.entity_id "
            "WHERE r.organisation_id = $1 AND r.version > $2 AND r.version <= $3 AND r.deleted = 0 AND " +
            ScopeCondition(scope, "r.team_id", fields_parameters);
        auto fields = Query("Reading changed records' fields", fields_sql, fields_parameters);
        if (!fields) return fields.errors();
        for (const ChangedRecord& record : records) whole_records_[{record.entity, record.entity_id}];
        for (int row = 0; row < fields.value().count(); ++row) {
            const PostgresRows& field = fields.value();
            whole_records_[{field.Text(row, 0), field.Text(row, 1)}].push_back(
                {field.Text(row, 0), field.Text(row, 1), field.Text(row, 2),
                 StoredField{field.OptionalText(row, 3), field.Text(row, 4), field.Text(row, 5), field.Number(row, 6)}});
        }
        return records;
    }

    Result<std::vector<ChangedField>> AllFields(const std::string& entity, const std::string& entity_id) override {
        if (auto prefetched = whole_records_.find({entity, entity_id}); prefetched != whole_records_.end()) {
            return prefetched->second;
        }
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        auto rows = Query("Reading a record's fields",
                          "SELECT field, value, clock, changed_by, version FROM fields "
                          "WHERE organisation_id = $1 AND entity = $2 AND entity_id = $3",
                          {organisation_, entity, entity_id});
        if (!rows) return rows.errors();
        const PostgresRows& found = rows.value();
        std::vector<ChangedField> fields;
        for (int row = 0; row < found.count(); ++row) {
            fields.push_back({entity, entity_id, found.Text(row, 0),
                              StoredField{found.OptionalText(row, 1), found.Text(row, 2), found.Text(row, 3),
                                          found.Number(row, 4)}});
        }
        return fields;
    }

    Result<std::vector<ScopeMove>> ScopeMoves(int64_t after_version, int64_t up_to_version) override {
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        auto rows = Query("Reading scope moves",
                          "SELECT entity, entity_id, from_team, to_team FROM scope_moves "
                          "WHERE organisation_id = $1 AND version > $2 AND version <= $3 ORDER BY version",
                          {organisation_, Number(after_version), Number(up_to_version)});
        if (!rows) return rows.errors();
        std::vector<ScopeMove> moves;
        for (int row = 0; row < rows.value().count(); ++row) {
            moves.push_back({rows.value().Text(row, 0), rows.value().Text(row, 1), rows.value().Text(row, 2),
                             rows.value().Text(row, 3)});
        }
        return moves;
    }

    Result<int64_t> PageEnd(int64_t after_version, int64_t limit) override {
        if (auto flushed = Flush(); !flushed) return flushed.errors();
        auto rows = Query("Finding the end of a page",
                          "SELECT version FROM fields WHERE organisation_id = $1 AND version > $2 "
                          "ORDER BY version LIMIT 1 OFFSET $3",
                          {organisation_, Number(after_version), Number(limit)});
        if (!rows) return rows.errors();
        if (rows.value().count() == 0) return CurrentVersion();
        const int64_t first_beyond = rows.value().Number(0, 0);
        // One version larger than a page is sent whole: a page never splits a version.
        return first_beyond - 1 > after_version ? first_beyond - 1 : first_beyond;
    }

    Result<std::optional<StoredUser>> FindUser(const std::string& user_id) override {
        auto user = ReadPostgresUser(*connection_, "id = $1", user_id);
        if (!user) return user.errors();
        if (user.value() && user.value()->organisation_id != organisation_) return std::optional<StoredUser>();
        return user;
    }

    Status Commit() override {
        // The buffered writes, the client's progress, the poke and the commit: one round trip.
        std::vector<SqlStatement> statements = pending_.TakeStatements(organisation_);
        if (pending_client_) statements.push_back(*std::exchange(pending_client_, std::nullopt));
        if (newest_version_ != 0) {
            // Delivered to every listening server when (and only if) the transaction commits.
            statements.push_back({"Announcing the change", "SELECT pg_notify($1, $2)",
                                  {kChangeChannel, organisation_ + " " + Number(newest_version_)}});
        }
        statements.push_back({"Committing", "COMMIT", {}});
        if (auto committed = connection_->ExecutePipeline(statements); !committed) return committed;
        // A failed statement skips the COMMIT, and a failed COMMIT (serialisation) reports itself: done.
        finished_ = true;
        return Done{};
    }

private:
    Status Flush() {
        std::vector<SqlStatement> statements = pending_.TakeStatements(organisation_);
        if (pending_client_) statements.push_back(*std::exchange(pending_client_, std::nullopt));
        if (statements.empty()) return Done{};
        return connection_->ExecutePipeline(statements);
    }

    Result<PostgresRows> Query(const std::string& operation, const std::string& sql, const SqlParameters& parameters) {
        return connection_->Execute(operation, sql, parameters);
    }
    Status Change(const std::string& operation, const std::string& sql, const SqlParameters& parameters) {
        auto done = connection_->Execute(operation, sql, parameters);
        if (!done) return done.errors();
        return Done{};
    }

    Result<int64_t> OrganisationNumber(const std::string& column) {
        auto rows = Query("Reading the organisation", "SELECT " + column + " FROM organisations WHERE id = $1",
                          {organisation_});
        if (!rows) return rows.errors();
        if (rows.value().count() == 0) return PostgresError("Reading the organisation", "no organisation");
        return rows.value().Number(0, 0);
    }

    PooledConnection connection_;
    std::string organisation_;
    bool write_;
    bool started_ = false;
    bool finished_ = false;
    int64_t newest_version_ = 0;
    // What the transaction read or wrote, by key. Safe for writers because every writer of the
    // organisation's records holds its row lock until commit, so nobody else changes these rows meanwhile;
    // safe for readers because their snapshot never changes. A push reads the same deal for each of its
    // fields, a pull each changed field's record: this spares those round trips.
    std::map<std::pair<std::string, std::string>, std::optional<RecordMeta>> records_;
    std::map<std::tuple<std::string, std::string, std::string>, std::optional<StoredField>> fields_;
    // A read transaction's snapshot never changes, so what it read stays true: the fields of the records a
    // pull sends whole, fetched together.
    std::map<std::pair<std::string, std::string>, std::vector<ChangedField>> whole_records_;
    // Records whose every field a writer has read (or written since): a field missing here does not exist.
    std::set<std::pair<std::string, std::string>> fields_known_;
    PostgresWriteBuffer pending_;
    std::optional<SqlStatement> pending_client_;
};

Result<std::unique_ptr<OrganisationTransaction>> PostgresServerStore::Begin(const std::string& organisation_id,
                                                                            bool write) {
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    auto transaction = std::make_unique<PostgresOrganisationTransaction>(std::move(connection).value(), organisation_id, write);
    if (auto started = transaction->Start(); !started) return started.errors();
    return std::unique_ptr<OrganisationTransaction>(std::move(transaction));
}

}  // namespace roadbook::server
