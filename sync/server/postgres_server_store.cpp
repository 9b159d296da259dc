// The PostgreSQL server store: connecting and migrating the schema, accounts and tokens, tombstone
// collection (an organisation's transaction is in postgres_organisation_transaction.cpp, the LISTEN
// thread in postgres_change_listener.cpp).
#include "sync/server/postgres_server_store.h"

#include <unistd.h>

#include "sync/server/credentials.h"
#include "sync_server_schema.h"

namespace roadbook::server {
namespace {

// Each entry moves the schema one version up; servers of every version agree on this list's prefix.
const std::vector<const char*>& Migrations() {
    static const std::vector<const char*> migrations = {embedded::k_postgres_server_schema_sql,
                                                         embedded::k_postgres_login_attempts_sql};
    return migrations;
}

// Any constant works; it only has to be the same in every roadbook-server sharing the database.
constexpr const char* kMigrationLock = "720815";

std::string Number(int64_t value) { return std::to_string(value); }

}  // namespace

Result<std::unique_ptr<PostgresServerStore>> PostgresServerStore::Open(const std::string& url,
                                                                       PostgresStoreSettings settings) {
    auto store = std::make_unique<PostgresServerStore>(url, settings);
    if (auto migrated = store->Migrate(); !migrated) return migrated.errors();
    return store;
}

Status PostgresServerStore::Migrate() {
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    PostgresConnection& database = *connection.value();
    const std::string operation = "Bringing the PostgreSQL schema up to date";
    if (auto begun = database.Execute(operation, "BEGIN"); !begun) return begun.errors();
    // Servers starting together take turns: the second finds the schema already made.
    if (auto locked = database.Execute(operation, "SELECT pg_advisory_xact_lock($1::bigint)", {kMigrationLock}); !locked) {
        return locked.errors();
    }
    if (auto made = database.Execute(operation, "CREATE TABLE IF NOT EXISTS roadbook_schema (version INTEGER NOT NULL)");
        !made) {
        return made.errors();
    }
    auto current = database.Execute(operation, "SELECT coalesce(max(version), 0) FROM roadbook_schema");
    if (!current) return current.errors();
    const int64_t from = current.value().Number(0, 0);
    if (from > int64_t(Migrations().size())) {
        return PostgresError(operation, "the database has schema version " + Number(from) +
                                            ", newer than this roadbook-server knows; upgrade the server");
    }
    for (int64_t version = from + 1; version <= int64_t(Migrations().size()); ++version) {
        if (auto applied = database.ExecuteScript(operation, Migrations()[size_t(version - 1)]); !applied) return applied;
    }
    if (auto recorded = database.Execute(operation, "DELETE FROM roadbook_schema"); !recorded) return recorded.errors();
    if (auto recorded = database.Execute(operation, "INSERT INTO roadbook_schema (version) VALUES ($1)",
                                         {Number(int64_t(Migrations().size()))});
        !recorded) {
        return recorded.errors();
    }
    if (auto committed = database.Execute(operation, "COMMIT"); !committed) return committed.errors();
    return Done{};
}

Result<PostgresRows> PostgresServerStore::Run(const std::string& operation, const std::string& sql,
                                              const SqlParameters& parameters) {
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    return connection.value()->Execute(operation, sql, parameters);
}

Result<StoredOrganisation> PostgresServerStore::CreateOrganisation(const std::string& name) {
    StoredOrganisation organisation{NewRecordId(), name};
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    auto inserted = connection.value()->Execute("Creating the organisation",
                                                "INSERT INTO organisations (id, name, created_at_ms) VALUES ($1, $2, $3)",
                                                {organisation.id, name, Number(UnixMillisecondsNow())});
    if (!inserted) {
        if (connection.value()->last_state() != kUniqueViolation) return inserted.errors();
        return ValidationError{"organisation", "taken", "An organisation named \"" + name + "\" already exists"};
    }
    return organisation;
}

Result<std::optional<StoredOrganisation>> PostgresServerStore::FindOrganisation(const std::string& id_or_name) {
    auto rows = Run("Finding the organisation", "SELECT id, name FROM organisations WHERE id = $1 OR name = $1",
                    {id_or_name});
    if (!rows) return rows.errors();
    if (rows.value().count() == 0) return std::optional<StoredOrganisation>();
    return std::optional<StoredOrganisation>(StoredOrganisation{rows.value().Text(0, 0), rows.value().Text(0, 1)});
}

Result<std::vector<std::string>> PostgresServerStore::OrganisationIds() {
    auto rows = Run("Listing organisations", "SELECT id FROM organisations ORDER BY id", {});
    if (!rows) return rows.errors();
    std::vector<std::string> ids;
    for (int row = 0; row < rows.value().count(); ++row) ids.push_back(rows.value().Text(row, 0));
    return ids;
}

Result<std::string> PostgresServerStore::CreateTeam(const std::string& organisation_id, const std::string& name) {
    const std::string id = NewRecordId();
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    auto inserted = connection.value()->Execute("Creating the team",
                                                "INSERT INTO teams (organisation_id, id, name) VALUES ($1, $2, $3)",
                                                {organisation_id, id, name});
    if (!inserted) {
        if (connection.value()->last_state() != kUniqueViolation) return inserted.errors();
        return ValidationError{"team", "taken", "A team named \"" + name + "\" already exists"};
    }
    return id;
}

Result<std::optional<std::string>> PostgresServerStore::FindTeam(const std::string& organisation_id,
                                                                 const std::string& name) {
    auto rows = Run("Finding the team", "SELECT id FROM teams WHERE organisation_id = $1 AND name = $2",
                    {organisation_id, name});
    if (!rows) return rows.errors();
    if (rows.value().count() == 0) return std::optional<std::string>();
    return std::optional<std::string>(rows.value().Text(0, 0));
}

Status PostgresServerStore::CreateUser(const StoredUser& user) {
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    PostgresConnection& database = *connection.value();
    if (auto begun = database.Execute("Creating the user", "BEGIN"); !begun) return begun.errors();
    // Any failure below leaves the transaction open; the rollback closes it before the connection goes back.
    const auto fail = [&](std::vector<ValidationError> errors) -> Status {
        (void)database.Execute("Rolling back", "ROLLBACK");
        return errors;
    };
    auto inserted = database.Execute(
        "Creating the user",
        "INSERT INTO users (id, organisation_id, email, name, role, team_id, password_hash, active) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {user.id, user.organisation_id, user.email, user.name, user.role, user.team_id, user.password_hash,
         Number(user.active ? 1 : 0)});
    if (!inserted) {
        if (database.last_state() != kUniqueViolation) return fail(inserted.errors());
        return fail({ValidationError{"email", "taken", "A user with the email " + user.email + " already exists"}});
    }
    for (const std::string& team : user.team_ids) {
        auto added = database.Execute("Adding the user to a team",
                                      "INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                      {user.id, team});
        if (!added) return fail(added.errors());
    }
    if (auto committed = database.Execute("Creating the user", "COMMIT"); !committed) return committed.errors();
    return Done{};
}

Result<std::optional<StoredUser>> ReadPostgresUser(PostgresConnection& connection, const std::string& where,
                                                   const std::string& key) {
    auto rows = connection.Execute(
        "Reading the user",
        "SELECT id, organisation_id, email, name, role, team_id, password_hash, active FROM users WHERE " + where, {key});
    if (!rows) return rows.errors();
    const PostgresRows& found = rows.value();
    if (found.count() == 0) return std::optional<StoredUser>();
    StoredUser user{found.Text(0, 0), found.Text(0, 1), found.Text(0, 2), found.Text(0, 3), found.Text(0, 4),
                    found.Text(0, 5), {}, found.Text(0, 6), found.Number(0, 7) != 0};
    auto teams = connection.Execute("Reading teams", "SELECT team_id FROM user_teams WHERE user_id = $1 ORDER BY team_id",
                                    {user.id});
    if (!teams) return teams.errors();
    for (int row = 0; row < teams.value().count(); ++row) user.team_ids.push_back(teams.value().Text(row, 0));
    return std::optional<StoredUser>(std::move(user));
}

Result<std::optional<StoredUser>> PostgresServerStore::FindUserByEmail(const std::string& email) {
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    return ReadPostgresUser(*connection.value(), "lower(email) = lower($1)", email);
}

Status PostgresServerStore::SetPassword(const std::string& user_id, const std::string& password_hash) {
    auto updated = Run("Setting the password", "UPDATE users SET password_hash = $1 WHERE id = $2", {password_hash, user_id});
    if (!updated) return updated.errors();
    return Done{};
}

Status PostgresServerStore::StoreToken(const std::string& token_hash, const StoredToken& token) {
    auto inserted = Run("Storing the token",
                        "INSERT INTO tokens (token_hash, user_id, organisation_id, expires_at_ms) VALUES ($1, $2, $3, $4)",
                        {token_hash, token.user_id, token.organisation_id, Number(token.expires_at_ms)});
    if (!inserted) return inserted.errors();
    return Done{};
}

Result<std::optional<StoredToken>> PostgresServerStore::FindToken(const std::string& token_hash, int64_t now_ms) {
    auto rows = Run("Checking the token",
                    "SELECT t.user_id, t.organisation_id, t.expires_at_ms FROM tokens t JOIN users u ON u.id = t.user_id "
                    "WHERE t.token_hash = $1 AND t.revoked = 0 AND t.expires_at_ms > $2 AND u.active = 1",
                    {token_hash, Number(now_ms)});
    if (!rows) return rows.errors();
    if (rows.value().count() == 0) return std::optional<StoredToken>();
    return std::optional<StoredToken>(StoredToken{rows.value().Text(0, 0), rows.value().Text(0, 1), rows.value().Number(0, 2)});
}

Status PostgresServerStore::RevokeToken(const std::string& token_hash) {
    auto updated = Run("Revoking the token", "UPDATE tokens SET revoked = 1 WHERE token_hash = $1", {token_hash});
    if (!updated) return updated.errors();
    return Done{};
}

Status PostgresServerStore::RevokeUserTokens(const std::string& user_id) {
    auto updated = Run("Revoking tokens", "UPDATE tokens SET revoked = 1 WHERE user_id = $1", {user_id});
    if (!updated) return updated.errors();
    return Done{};
}

Result<int64_t> PostgresServerStore::RecordLoginAttempt(const std::string& key, int64_t now_ms, int64_t since_ms) {
    // The inserted row is not visible to the count in the same statement: it is added.
    auto rows = Run("Recording a sign-in attempt",
                    "WITH recorded AS (INSERT INTO login_attempts (key, at_ms) VALUES ($1, $2)) "
                    "SELECT count(*) + 1 FROM login_attempts WHERE key = $1 AND at_ms >= $3",
                    {key, Number(now_ms), Number(since_ms)});
    if (!rows) return rows.errors();
    return rows.value().Number(0, 0);
}

Result<int64_t> PostgresServerStore::PruneSignIns(int64_t before_ms) {
    int64_t removed = 0;
    for (const char* sql : {"DELETE FROM login_attempts WHERE at_ms < $1",
                            "DELETE FROM tokens WHERE expires_at_ms < $1 OR revoked = 1"}) {
        auto done = Run("Pruning sign-ins", sql, {Number(before_ms)});
        if (!done) return done.errors();
        removed += done.value().affected();
    }
    return removed;
}

Result<int64_t> PostgresServerStore::PruneRejections(int64_t before_ms) {
    auto done = Run("Pruning rejections", "DELETE FROM rejections WHERE at_ms < $1", {Number(before_ms)});
    if (!done) return done.errors();
    return done.value().affected();
}

Result<int64_t> PostgresServerStore::CollectTombstones(const std::string& organisation_id, int64_t deleted_before_ms) {
    auto connection = pool_.Acquire();
    if (!connection) return connection.errors();
    PostgresConnection& database = *connection.value();
    const std::string operation = "Collecting tombstones";
    if (auto begun = database.Execute(operation, "BEGIN"); !begun) return begun.errors();
    const SqlParameters parameters{organisation_id, Number(deleted_before_ms)};
    // The organisation row first, as every writer takes it: no push lands between the mark and the deletes.
    const char* statements[] = {
        "SELECT version FROM organisations WHERE id = $1 AND $2::bigint IS NOT NULL FOR UPDATE",
        // Cursors at or below the newest collected tombstone's version could miss its deletion: they reset.
        "UPDATE organisations SET collected_version = greatest(collected_version, coalesce((SELECT max(version) FROM "
        "records WHERE organisation_id = $1 AND deleted = 1 AND deleted_at_ms < $2), 0)) WHERE id = $1",
        "DELETE FROM fields f USING records r WHERE f.organisation_id = $1 AND r.organisation_id = $1 AND "
        "r.entity = f.entity AND r.entity_id = f.entity_id AND r.deleted = 1 AND r.deleted_at_ms < $2",
        "DELETE FROM records WHERE organisation_id = $1 AND deleted = 1 AND deleted_at_ms < $2"};
    int64_t collected = 0;
    for (const char* statement : statements) {
        auto done = database.Execute(operation, statement, parameters);
        if (!done) {
            (void)database.Execute("Rolling back", "ROLLBACK");
            return done.errors();
        }
        collected = done.value().affected();
    }
    if (auto committed = database.Execute(operation, "COMMIT"); !committed) return committed.errors();
    return collected;
}

}  // namespace roadbook::server
