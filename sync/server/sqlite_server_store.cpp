// The SQLite server store: opening the file and its schema, accounts and tokens, tombstone collection
// (an organisation's reads and writes are in sqlite_organisation_transaction.cpp).
#include "sync/server/sqlite_server_store.h"

#include "sync/server/credentials.h"
#include "sync_server_schema.h"

namespace roadbook::server {
namespace {

ValidationError StorageError(const std::string& operation, const std::string& reason) {
    return ValidationError{"", "storage", operation + " failed: " + reason};
}

}  // namespace

Result<std::unique_ptr<SqliteServerStore>> SqliteServerStore::Open(const std::string& path) {
    OpenOptions options;
    options.schema_version = 0;  // the device schema is not the server's
    auto database = Database::Open(path, options);
    if (!database) return database.errors();
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 5000",
                               "PRAGMA foreign_keys = ON"}) {
        if (auto set = database.value().Execute(pragma, "Configuring the server store"); !set) return set.errors();
    }
    if (auto created = database.value().Execute(embedded::k_sqlite_server_schema_sql, "Creating the server schema");
        !created) {
        return created.errors();
    }
    return std::make_unique<SqliteServerStore>(std::move(database).value());
}

Result<StoredOrganisation> SqliteServerStore::CreateOrganisation(const std::string& name) {
    std::lock_guard lock(mutex_);
    StoredOrganisation organisation{NewRecordId(), name};
    auto statement = database_.Prepare("INSERT INTO organisations (id, name, created_at_ms) VALUES (?, ?, ?)",
                                       "Creating the organisation");
    if (!statement) return statement.errors();
    statement.value().Bind(1, organisation.id).Bind(2, name).Bind(3, UnixMillisecondsNow());
    if (auto inserted = statement.value().Run(); !inserted) {
        return ValidationError{"organisation", "taken", "An organisation named \"" + name + "\" already exists"};
    }
    return organisation;
}

Result<std::optional<StoredOrganisation>> SqliteServerStore::FindOrganisation(const std::string& id_or_name) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("SELECT id, name FROM organisations WHERE id = ?1 OR name = ?1",
                                       "Finding the organisation");
    if (!statement) return statement.errors();
    statement.value().Bind(1, id_or_name);
    if (!statement.value().Step()) return std::optional<StoredOrganisation>();
    return std::optional<StoredOrganisation>(
        StoredOrganisation{statement.value().ColumnText(0), statement.value().ColumnText(1)});
}

Result<std::vector<std::string>> SqliteServerStore::OrganisationIds() {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("SELECT id FROM organisations ORDER BY id", "Listing organisations");
    if (!statement) return statement.errors();
    std::vector<std::string> ids;
    while (statement.value().Step()) ids.push_back(statement.value().ColumnText(0));
    return ids;
}

Result<std::string> SqliteServerStore::CreateTeam(const std::string& organisation_id, const std::string& name) {
    std::lock_guard lock(mutex_);
    const std::string id = NewRecordId();
    auto statement = database_.Prepare("INSERT INTO teams (organisation_id, id, name) VALUES (?, ?, ?)",
                                       "Creating the team");
    if (!statement) return statement.errors();
    statement.value().Bind(1, organisation_id).Bind(2, id).Bind(3, name);
    if (auto inserted = statement.value().Run(); !inserted) {
        return ValidationError{"team", "taken", "A team named \"" + name + "\" already exists"};
    }
    return id;
}

Result<std::optional<std::string>> SqliteServerStore::FindTeam(const std::string& organisation_id,
                                                               const std::string& name) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("SELECT id FROM teams WHERE organisation_id = ? AND name = ?", "Finding the team");
    if (!statement) return statement.errors();
    statement.value().Bind(1, organisation_id).Bind(2, name);
    if (!statement.value().Step()) return std::optional<std::string>();
    return std::optional<std::string>(statement.value().ColumnText(0));
}

Status SqliteServerStore::CreateUser(const StoredUser& user) {
    std::lock_guard lock(mutex_);
    Transaction transaction(database_);
    auto statement = database_.Prepare(
        "INSERT INTO users (id, organisation_id, email, name, role, team_id, password_hash, active) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        "Creating the user");
    if (!statement) return statement.errors();
    Statement& insert = statement.value();
    insert.Bind(1, user.id).Bind(2, user.organisation_id).Bind(3, user.email).Bind(4, user.name).Bind(5, user.role);
    insert.Bind(6, user.team_id).Bind(7, user.password_hash).Bind(8, int64_t{user.active ? 1 : 0});
    if (auto inserted = insert.Run(); !inserted) {
        return ValidationError{"email", "taken", "A user with the email " + user.email + " already exists"};
    }
    for (const std::string& team : user.team_ids) {
        auto member = database_.Prepare("INSERT OR IGNORE INTO user_teams (user_id, team_id) VALUES (?, ?)",
                                        "Adding the user to a team");
        if (!member) return member.errors();
        member.value().Bind(1, user.id).Bind(2, team);
        if (auto added = member.value().Run(); !added) return added;
    }
    return transaction.Commit();
}

Result<std::optional<StoredUser>> SqliteServerStore::ReadUser(std::string_view where, const std::string& key) {
    auto statement = database_.Prepare(
        "SELECT id, organisation_id, email, name, role, team_id, password_hash, active FROM users WHERE " +
            std::string(where),
        "Reading the user");
    if (!statement) return statement.errors();
    Statement& select = statement.value();
    select.Bind(1, key);
    if (!select.Step()) return std::optional<StoredUser>();
    StoredUser user{select.ColumnText(0), select.ColumnText(1), select.ColumnText(2), select.ColumnText(3),
                    select.ColumnText(4), select.ColumnText(5), {}, select.ColumnText(6), select.ColumnInt(7) != 0};
    auto teams = database_.Prepare("SELECT team_id FROM user_teams WHERE user_id = ? ORDER BY team_id", "Reading teams");
    if (!teams) return teams.errors();
    teams.value().Bind(1, user.id);
    while (teams.value().Step()) user.team_ids.push_back(teams.value().ColumnText(0));
    return std::optional<StoredUser>(std::move(user));
}

Result<std::optional<StoredUser>> SqliteServerStore::FindUserByEmail(const std::string& email) {
    std::lock_guard lock(mutex_);
    return ReadUser("email = ?", email);
}

Status SqliteServerStore::SetPassword(const std::string& user_id, const std::string& password_hash) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?", "Setting the password");
    if (!statement) return statement.errors();
    statement.value().Bind(1, password_hash).Bind(2, user_id);
    return statement.value().Run();
}

Status SqliteServerStore::StoreToken(const std::string& token_hash, const StoredToken& token) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare(
        "INSERT INTO tokens (token_hash, user_id, organisation_id, expires_at_ms) VALUES (?, ?, ?, ?)",
        "Storing the token");
    if (!statement) return statement.errors();
    statement.value().Bind(1, token_hash).Bind(2, token.user_id).Bind(3, token.organisation_id);
    statement.value().Bind(4, token.expires_at_ms);
    return statement.value().Run();
}

Result<std::optional<StoredToken>> SqliteServerStore::FindToken(const std::string& token_hash, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto statement = database_.PrepareCached(
        "SELECT t.user_id, t.organisation_id, t.expires_at_ms FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.revoked = 0 AND t.expires_at_ms > ? AND u.active = 1",
        "Checking the token");
    if (!statement) return statement.errors();
    Statement& select = *statement.value();
    select.Bind(1, token_hash).Bind(2, now_ms);
    if (!select.Step()) return std::optional<StoredToken>();
    StoredToken token{select.ColumnText(0), select.ColumnText(1), select.ColumnInt(2)};
    select.Reset();
    return std::optional<StoredToken>(std::move(token));
}

Status SqliteServerStore::RevokeToken(const std::string& token_hash) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("UPDATE tokens SET revoked = 1 WHERE token_hash = ?", "Revoking the token");
    if (!statement) return statement.errors();
    statement.value().Bind(1, token_hash);
    return statement.value().Run();
}

Status SqliteServerStore::RevokeUserTokens(const std::string& user_id) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("UPDATE tokens SET revoked = 1 WHERE user_id = ?", "Revoking tokens");
    if (!statement) return statement.errors();
    statement.value().Bind(1, user_id);
    return statement.value().Run();
}

Result<int64_t> SqliteServerStore::RecordLoginAttempt(const std::string& key, int64_t now_ms, int64_t since_ms) {
    std::lock_guard lock(mutex_);
    auto insert = database_.PrepareCached("INSERT INTO login_attempts (key, at_ms) VALUES (?, ?)",
                                          "Recording a sign-in attempt");
    if (!insert) return insert.errors();
    insert.value()->Bind(1, key).Bind(2, now_ms);
    if (auto inserted = insert.value()->Run(); !inserted) return inserted.errors();
    auto count = database_.PrepareCached("SELECT count(*) FROM login_attempts WHERE key = ? AND at_ms >= ?",
                                         "Counting sign-in attempts");
    if (!count) return count.errors();
    Statement& select = *count.value();
    select.Bind(1, key).Bind(2, since_ms);
    const int64_t attempts = select.Step() ? select.ColumnInt(0) : 0;
    select.Reset();
    return attempts;
}

Result<int64_t> SqliteServerStore::PruneSignIns(int64_t before_ms) {
    std::lock_guard lock(mutex_);
    int64_t removed = 0;
    for (const char* sql : {"DELETE FROM login_attempts WHERE at_ms < ? RETURNING 1",
                            "DELETE FROM tokens WHERE expires_at_ms < ? OR revoked = 1 RETURNING 1"}) {
        auto statement = database_.Prepare(sql, "Pruning sign-ins");
        if (!statement) return statement.errors();
        statement.value().Bind(1, before_ms);
        while (statement.value().Step()) ++removed;
        if (!statement.value().error().empty()) return StorageError("Pruning sign-ins", statement.value().error());
    }
    return removed;
}

Result<int64_t> SqliteServerStore::PruneRejections(int64_t before_ms) {
    std::lock_guard lock(mutex_);
    auto statement = database_.Prepare("DELETE FROM rejections WHERE at_ms < ? RETURNING 1", "Pruning rejections");
    if (!statement) return statement.errors();
    statement.value().Bind(1, before_ms);
    int64_t removed = 0;
    while (statement.value().Step()) ++removed;
    if (!statement.value().error().empty()) return StorageError("Pruning rejections", statement.value().error());
    return removed;
}

Result<int64_t> SqliteServerStore::CollectTombstones(const std::string& organisation_id, int64_t deleted_before_ms) {
    std::lock_guard lock(mutex_);
    Transaction transaction(database_);
    // Cursors at or below the newest collected tombstone's version could miss its deletion: they reset.
    auto mark = database_.Prepare(
        "UPDATE organisations SET collected_version = max(collected_version, coalesce((SELECT max(version) FROM "
        "records WHERE organisation_id = ?1 AND deleted = 1 AND deleted_at_ms < ?2), 0)) WHERE id = ?1",
        "Marking collected versions");
    if (!mark) return mark.errors();
    mark.value().Bind(1, organisation_id).Bind(2, deleted_before_ms);
    if (auto marked = mark.value().Run(); !marked) return marked.errors();
    auto fields = database_.Prepare(
        "DELETE FROM fields WHERE organisation_id = ?1 AND (entity, entity_id) IN (SELECT entity, entity_id FROM "
        "records WHERE organisation_id = ?1 AND deleted = 1 AND deleted_at_ms < ?2)",
        "Collecting tombstone fields");
    if (!fields) return fields.errors();
    fields.value().Bind(1, organisation_id).Bind(2, deleted_before_ms);
    if (auto removed = fields.value().Run(); !removed) return removed.errors();
    auto records = database_.Prepare(
        "DELETE FROM records WHERE organisation_id = ? AND deleted = 1 AND deleted_at_ms < ? RETURNING 1",
        "Collecting tombstones");
    if (!records) return records.errors();
    records.value().Bind(1, organisation_id).Bind(2, deleted_before_ms);
    int64_t collected = 0;
    while (records.value().Step()) ++collected;
    if (!records.value().error().empty()) return StorageError("Collecting tombstones", records.value().error());
    if (auto committed = transaction.Commit(); !committed) return committed.errors();
    return collected;
}

}  // namespace roadbook::server
