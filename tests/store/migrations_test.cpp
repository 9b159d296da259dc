// Migrations: from an empty database and from every earlier version, forward only, never touching a
// database from a newer Roadbook.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "store/migrations.h"
#include "store/search.h"
#include "store_test_support.h"

using namespace roadbook;

namespace {
std::string TemporaryDatabasePath(const char* name) {
    const auto path = std::filesystem::temp_directory_path() / (std::string("roadbook-") + name + ".db");
    std::filesystem::remove(path);
    return path.string();
}
}  // namespace

TEST_CASE("migrations are numbered from 1 without gaps") {
    int expected = 1;
    for (const Migration& migration : AllMigrations()) REQUIRE(migration.version == expected++);
    REQUIRE(LatestSchemaVersion() == int(AllMigrations().size()));
}

TEST_CASE("an empty database migrates to the latest schema") {
    Database database = roadbook::testing::OpenFreshDatabase();
    REQUIRE(database.SchemaVersion() == LatestSchemaVersion());
    for (const char* table : {"accounts", "opportunities", "change_log"}) {
        REQUIRE(roadbook::testing::CountRows(
                    database, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'") == 1);
    }
    REQUIRE(roadbook::testing::CountRows(database, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0);
}

namespace {
// Rows a user could have had at each version; every later migration must keep them.
void SeedRowsValidAt(Database& database, int version) {
    if (version == 1) {
        REQUIRE(database.Execute("INSERT INTO accounts VALUES ('a-1', 'Łódź Logistics', 1, 1);"
                                 "INSERT INTO opportunities VALUES ('o-1', 'Fleet renewal', 'a-1', 1250000, 'EUR',"
                                 " '2027-03-31', 'open', 1, 1);",
                                 "seed version 1")
                    .ok());
    }
    if (version >= 2) {  // the same deal in the model of version 2, in the default pipeline's first stage
        REQUIRE(database.Execute("INSERT INTO accounts VALUES ('a-1', 'Łódź Logistics', 1, 1);"
                                 "INSERT INTO opportunities (id, name, account_id, pipeline_id, stage_id, amount_minor,"
                                 " currency_code, expected_close_date, stage_entered_at_ms, last_touch_at_ms,"
                                 " created_at_ms, updated_at_ms) VALUES ('o-1', 'Fleet renewal', 'a-1',"
                                 " '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000101',"
                                 " 1250000, 'EUR', '2027-03-31', 1, 1, 1, 1);",
                                 "seed version 2")
                    .ok());
    }
}

}  // namespace

TEST_CASE("a database at every earlier version migrates forward and keeps its rows") {
    for (int start = 0; start < LatestSchemaVersion(); ++start) {
        const std::string path = TemporaryDatabasePath(("migrate-from-" + std::to_string(start)).c_str());
        {
            auto old = Database::OpenAtVersion(path, start);
            REQUIRE(old.ok());
            REQUIRE(old.value().SchemaVersion() == start);
            SeedRowsValidAt(old.value(), start);
        }
        auto opened = Database::Open(path);
        REQUIRE(opened.ok());
        Database database = std::move(opened).value();
        REQUIRE(database.SchemaVersion() == LatestSchemaVersion());
        if (start >= 1) {
            REQUIRE(roadbook::testing::CountRows(database, "SELECT count(*) FROM opportunities WHERE id = 'o-1'"
                                                           " AND name = 'Fleet renewal' AND amount_minor = 1250000") == 1);
            // Version 2 puts earlier deals into the default pipeline's first stage and indexes them for search.
            REQUIRE(roadbook::testing::CountRows(database, "SELECT count(*) FROM opportunities o JOIN stages s ON "
                                                           "s.id = o.stage_id WHERE o.id = 'o-1' AND s.position = 0") == 1);
            REQUIRE(Search(database, "fleet").value().size() == 1);
            REQUIRE(Search(database, "lodz log").value().at(0).title == "Łódź Logistics");
        }
        REQUIRE(RunMigrations(database).ok());  // running again changes nothing
        REQUIRE(database.SchemaVersion() == LatestSchemaVersion());
        REQUIRE(roadbook::testing::CountRows(database, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0);
        std::filesystem::remove(path);
    }
}

TEST_CASE("a database from a newer Roadbook is refused and left untouched") {
    const std::string path = TemporaryDatabasePath("newer");
    {
        auto opened = Database::Open(path);
        REQUIRE(opened.ok());
        REQUIRE(opened.value().Execute("PRAGMA user_version = 999", "bump").ok());
    }
    auto reopened = Database::Open(path);
    REQUIRE_FALSE(reopened.ok());
    REQUIRE(reopened.first_error().rule == "schema-too-new");
    REQUIRE(reopened.first_error().message.find("newer Roadbook") != std::string::npos);
    std::filesystem::remove(path);
}
