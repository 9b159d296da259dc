// Backups: export gives a SQLite file with everything; restore accepts only a readable Roadbook database
// and, when it refuses, leaves the open database exactly as it was.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/backup.h"
#include "store/demo_data.h"
#include "store/migrations.h"
#include "store_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

Database DemoDatabase(int64_t deals, uint64_t seed) {
    Database database = OpenFreshDatabase();
    DemoOptions options;
    options.opportunity_count = deals;
    options.seed = seed;
    REQUIRE(LoadDemoData(database, options));
    return database;
}

std::string Fingerprint(Database& database) {
    auto rows = database.QueryReadOnly(
        "SELECT count(*) || ':' || total(amount_minor) || ':' || max(name) FROM opportunities");
    REQUIRE(rows);
    return std::get<std::string>(rows.value().at(0).values.at(0));
}

std::vector<uint8_t> Bytes(const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); }

}  // namespace

TEST_CASE("A backup restores into another database with identical content") {
    Database source = DemoDatabase(60, 5);
    auto file = ExportDatabase(source);
    REQUIRE(file);
    CHECK(std::string(file.value().begin(), file.value().begin() + 15) == "SQLite format 3");

    Database target = DemoDatabase(10, 9);
    REQUIRE(Fingerprint(target) != Fingerprint(source));
    REQUIRE(RestoreDatabase(target, file.value()));
    CHECK(Fingerprint(target) == Fingerprint(source));
    CHECK(CountRows(target, "SELECT count(*) FROM change_log") == CountRows(source, "SELECT count(*) FROM change_log"));
    CHECK(target.SchemaVersion() == LatestSchemaVersion());
}

TEST_CASE("A backup with another page size is restored at the open database's page size") {
    OpenOptions small_pages;
    small_pages.page_size = 1024;
    auto opened = Database::Open(":memory:", small_pages);
    REQUIRE(opened);
    Database source = std::move(opened).value();
    REQUIRE(CountRows(source, "PRAGMA page_size") == 1024);
    auto file = ExportDatabase(source);
    REQUIRE(file);
    Database target = DemoDatabase(5, 1);
    const int64_t page_size = CountRows(target, "PRAGMA page_size");
    auto restored = RestoreDatabase(target, file.value());
    INFO((restored ? std::string() : restored.first_error().message));
    REQUIRE(restored);
    CHECK(CountRows(target, "PRAGMA page_size") == page_size);
    CHECK(CountRows(target, "SELECT count(*) FROM opportunities") == 0);
}

TEST_CASE("A wrong file is refused with a reason and changes nothing") {
    Database target = DemoDatabase(20, 2);
    const std::string before = Fingerprint(target);

    SECTION("not SQLite") {
        auto refused = RestoreDatabase(target, Bytes(std::string(4096, 'x')));
        REQUIRE_FALSE(refused);
        CHECK(refused.first_error().rule == "invalid-backup");
        CHECK(refused.first_error().message.find("not a SQLite database") != std::string::npos);
    }
    SECTION("too short") {
        auto refused = RestoreDatabase(target, Bytes("SQLite format 3"));
        REQUIRE_FALSE(refused);
        CHECK(refused.first_error().field == "file");
    }
    SECTION("SQLite, but not Roadbook") {
        OpenOptions bare;
        bare.schema_version = 0;
        auto other = Database::Open(":memory:", bare);
        REQUIRE(other);
        REQUIRE(other.value().Execute("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')", "other"));
        auto file = ExportDatabase(other.value());
        REQUIRE(file);
        auto refused = RestoreDatabase(target, file.value());
        REQUIRE_FALSE(refused);
        CHECK(refused.first_error().message.find("not a Roadbook backup") != std::string::npos);
    }
    SECTION("from a newer Roadbook") {
        Database newer = OpenFreshDatabase();
        REQUIRE(newer.Execute("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1), "newer"));
        auto file = ExportDatabase(newer);
        REQUIRE(file);
        auto refused = RestoreDatabase(target, file.value());
        REQUIRE_FALSE(refused);
        CHECK(refused.first_error().message.find("newer Roadbook") != std::string::npos);
    }
    SECTION("damaged") {
        Database source = DemoDatabase(40, 4);
        auto file = ExportDatabase(source);
        REQUIRE(file);
        std::vector<uint8_t> damaged = file.value();
        const size_t page_size = size_t(CountRows(source, "PRAGMA page_size"));
        // Scribble over the middle of the file, past the header and the schema page.
        for (size_t index = page_size * 3; index < std::min(damaged.size(), page_size * 6); ++index) damaged[index] = 0xA5;
        auto refused = RestoreDatabase(target, damaged);
        REQUIRE_FALSE(refused);
        CHECK(refused.first_error().rule == "invalid-backup");
    }
    CHECK(Fingerprint(target) == before);
    CHECK(target.SchemaVersion() == LatestSchemaVersion());
}
