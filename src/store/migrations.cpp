// The schema history. Never edit an applied migration: add the next number instead, and add it to the
// migration tests, which open databases at every earlier version.
#include "store/migrations.h"

#include <string>

#include "store/database.h"
#include "store_migrations.h"

namespace roadbook {
namespace {

// The SQL lives in migrations/v<N>_<what>.sql, embedded at build time (cmake/EmbedFiles.cmake).
const Migration kMigrations[] = {
    {1, embedded::k_v1_opportunities_sql},
    {2, embedded::k_v2_opportunity_model_sql},
    {3, embedded::k_v3_view_indexes_sql},
    {4, embedded::k_v4_sync_sql},
    {5, embedded::k_v5_contacts_by_account_sql},
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
