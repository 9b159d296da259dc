// Numbered, forward-only schema migrations, run when a database opens.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"

namespace roadbook {

class Database;

struct Migration {
    int version;           // becomes PRAGMA user_version once applied
    std::string_view sql;  // applied in one transaction with the version bump
};

// Every migration in order; the last one's version is the schema this build writes.
std::span<const Migration> AllMigrations();
int LatestSchemaVersion();

// Applies the migrations after `up_to`... in order, each in its own transaction. Refuses a database from a
// newer Roadbook (its schema version is above ours) instead of touching it.
Status RunMigrations(Database& database, int up_to_version = -1);

}  // namespace roadbook
