// Backup and restore through sqlite3_serialize, sqlite3_deserialize and the online backup API.
#include "store/backup.h"

#include <sqlite3.h>

#include <cstring>
#include <string>

#include "store/migrations.h"
#include "store/page_mirror.h"

namespace roadbook {
namespace {

constexpr const char* kStagingFileName = "roadbook-restore-staging";
constexpr char kSqliteHeader[] = "SQLite format 3";  // and its terminating zero: the file's first 16 bytes

ValidationError Refused(const std::string& message) { return ValidationError{"file", "invalid-backup", message}; }

Result<int64_t> QueryNumber(Database& database, const std::string& sql, const std::string& operation) {
    auto rows = database.QueryReadOnly(sql);
    if (!rows) return rows.errors();
    if (rows.value().empty()) return ValidationError{"", "storage", operation + " returned nothing."};
    const auto* number = std::get_if<int64_t>(&rows.value()[0].values[0]);
    if (number == nullptr) return ValidationError{"", "storage", operation + " returned no number."};
    return *number;
}

// Replaces the content of `target` with that of `source` in one transaction (all or nothing).
Status CopyDatabase(Database& source, Database& target) {
    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
    if (backup == nullptr) {
        return ValidationError{"", "storage", "Restoring the backup could not start: " + target.LastErrorMessage()};
    }
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
        return ValidationError{"", "storage", "Restoring the backup failed: " + target.LastErrorMessage()};
    }
    return Done{};
}

}  // namespace

Result<std::vector<uint8_t>> ExportDatabase(Database& database) {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(database.handle(), "main", &size, 0);
    if (bytes == nullptr) {
        return ValidationError{"", "storage", "Copying the database for the backup failed: " + database.LastErrorMessage()};
    }
    std::vector<uint8_t> file(bytes, bytes + size);
    sqlite3_free(bytes);
    return file;
}

Status RestoreDatabase(Database& database, std::span<const uint8_t> file) {
    if (file.size() < 512 || std::memcmp(file.data(), kSqliteHeader, sizeof kSqliteHeader) != 0) {
        return Refused("This file is not a Roadbook backup: it is not a SQLite database.");
    }
    OpenOptions empty;
    empty.schema_version = 0;  // no migrations: the backup's own schema is about to replace it
    auto opened = Database::Open(":memory:", empty);
    if (!opened) return opened.errors();
    Database candidate = std::move(opened).value();

    auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(file.size()));
    if (copy == nullptr) return ValidationError{"", "storage", "Not enough memory to read the backup."};
    std::memcpy(copy, file.data(), file.size());
    const int loaded = sqlite3_deserialize(candidate.handle(), "main", copy, sqlite3_int64(file.size()),
                                           sqlite3_int64(file.size()),
                                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (loaded != SQLITE_OK) return Refused("This backup cannot be read: " + std::string(sqlite3_errstr(loaded)) + ".");

    auto integrity = candidate.QueryReadOnly("PRAGMA integrity_check");
    if (!integrity) return Refused("This backup is damaged: " + integrity.first_error().message);
    const auto* verdict = integrity.value().empty() ? nullptr : std::get_if<std::string>(&integrity.value()[0].values[0]);
    if (verdict == nullptr || *verdict != "ok") {
        return Refused("This backup is damaged: " + (verdict ? *verdict : std::string("no integrity verdict")) + ".");
    }
    auto version = QueryNumber(candidate, "PRAGMA user_version", "Reading the backup's schema version");
    if (!version) return version.errors();
    auto tables = QueryNumber(candidate,
                              "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('opportunities',"
                              " 'change_log')",
                              "Reading the backup's tables");
    if (!tables) return tables.errors();
    if (version.value() < 1 || tables.value() != 2) {
        return Refused("This SQLite file is not a Roadbook backup: it has no Roadbook opportunities and change log.");
    }
    if (version.value() > LatestSchemaVersion()) {
        return Refused("This backup was made by a newer Roadbook (schema " + std::to_string(version.value()) +
                       "); update Roadbook, then restore it.");
    }
    if (auto migrated = RunMigrations(candidate, LatestSchemaVersion()); !migrated) return migrated;

    // The online backup copies the page size too, and cannot change it when the target is in memory. So the
    // candidate goes through a staging file first, vacuumed there to the open database's page size.
    auto page_size = QueryNumber(database, "PRAGMA page_size", "Reading the page size");
    if (!page_size) return page_size.errors();
    if (auto registered = RegisterPageMirror(); !registered) return registered;
    struct StagingFile {
        ~StagingFile() { DeleteMirroredFile(kStagingFileName); }
    } staging;
    CreateMirroredFile(kStagingFileName, uint32_t(page_size.value()));
    OpenOptions unmigrated;
    unmigrated.schema_version = 0;  // the copy below brings the schema
    auto staged = Database::Open(MirroredDatabaseUri(kStagingFileName), unmigrated);
    if (!staged) return staged.errors();
    if (auto copied = CopyDatabase(candidate, staged.value()); !copied) return copied;
    if (auto resized = staged.value().Execute("PRAGMA page_size = " + std::to_string(page_size.value()) + "; VACUUM",
                                              "Matching the backup's page size");
        !resized) {
        return resized;
    }
    return CopyDatabase(staged.value(), database);
}

}  // namespace roadbook
