// Backups: the database as one SQLite file to download, and restoring such a file over the open database
// after checking that it is a readable Roadbook database (a wrong file is refused and changes nothing).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace roadbook {

// The whole database as the bytes of a SQLite file, as of the last commit.
Result<std::vector<uint8_t>> ExportDatabase(Database& database);

// Checks `file` (SQLite header, integrity, a Roadbook schema no newer than this version), brings it up to
// the current schema in memory, and only then replaces the content of `database` with it, keeping the
// database's page size. On any error the database is untouched and the error says why.
Status RestoreDatabase(Database& database, std::span<const uint8_t> file);

}  // namespace roadbook
