// The schema history. Never edit an applied migration: add the next number instead, and add it to the
// migration tests, which open databases at every earlier version.
#include "store/migrations.h"

#include <string>

#include "store/database.h"

namespace roadbook {
namespace {

// Version 1: accounts, opportunities and the change log. Money is integer minor units with its ISO 4217
// code; calendar dates are ISO text; instants are Unix milliseconds UTC. The change log records every
// field change and is the history the UI shows and (later) the sync outbox.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE accounts (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX accounts_by_name ON accounts (name COLLATE NOCASE);

CREATE TABLE opportunities (
    id                   TEXT PRIMARY KEY NOT NULL,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    account_id           TEXT REFERENCES accounts (id),
    amount_minor         INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency_code        TEXT NOT NULL CHECK (length(currency_code) = 3),
    expected_close_date  TEXT NOT NULL CHECK (expected_close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status               TEXT NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'won', 'lost', 'postponed', 'archived')),
    created_at_ms        INTEGER NOT NULL,
    updated_at_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX opportunities_by_close_date ON opportunities (status, expected_close_date);

CREATE TABLE change_log (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    field        TEXT NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    actor        TEXT NOT NULL,
    at_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX change_log_by_entity ON change_log (entity, entity_id, sequence);
)sql";

constexpr Migration kMigrations[] = {
    {1, kVersion1},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Status RunMigrations(Database& database, int up_to_version) {
    const int target = up_to_version < 0 ? LatestSchemaVersion() : up_to_version;
    const int64_t current = database.SchemaVersion();
    if (current < 0) return ValidationError{"", "storage", "Reading the schema version failed"};
    if (current > LatestSchemaVersion()) {
        return ValidationError{"", "schema-too-new",
                               "This database was written by a newer Roadbook (schema " + std::to_string(current) +
                                   ", this version knows up to " + std::to_string(LatestSchemaVersion()) +
                                   "); it was left untouched."};
    }
    for (const Migration& migration : kMigrations) {
        if (migration.version <= current || migration.version > target) continue;
        Transaction transaction(database);
        if (!transaction.began()) {
            return ValidationError{"", "storage", "Starting migration " + std::to_string(migration.version) +
                                                      " failed: " + database.LastErrorMessage()};
        }
        const std::string operation = "Migration " + std::to_string(migration.version);
        if (auto applied = database.Execute(migration.sql, operation); !applied) return applied;
        const std::string bump = "PRAGMA user_version = " + std::to_string(migration.version);
        if (auto bumped = database.Execute(bump, operation); !bumped) return bumped;
        if (auto committed = transaction.Commit(); !committed) return committed;
    }
    return Done{};
}

}  // namespace roadbook
