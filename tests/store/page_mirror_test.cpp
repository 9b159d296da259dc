// The page mirror VFS: a real SQLite database in mirrored pages, what each commit changes, holes and
// truncation, and loading saved pages back into a database that SQLite accepts as whole and unchanged.
#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "store/demo_data.h"
#include "store/page_mirror.h"
#include "store_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

constexpr uint32_t kPageSize = 8192;

// Opens `name` through the mirror; a new file unless `existing` (then it must have been loaded).
Database OpenMirrored(const std::string& name, bool existing = false) {
    REQUIRE(RegisterPageMirror());
    if (!existing) CreateMirroredFile(name, kPageSize);
    OpenOptions options;
    options.page_size = int(kPageSize);
    options.journal_in_memory = true;
    auto opened = Database::Open(MirroredDatabaseUri(name), options);
    if (!opened) FAIL(opened.first_error().message);
    return std::move(opened).value();
}

// What durable storage would hold: page bytes by number, and the saved commit id and size.
struct SavedCopy {
    std::map<uint32_t, std::vector<uint8_t>> pages;
    uint64_t commit_id = 0;
    uint32_t page_count = 0;

    size_t Save(MirroredFile& file) {
        auto changes = file.TakeChanges();
        if (!changes) return 0;
        for (uint32_t page : changes->pages) {
            const uint8_t* data = file.PageData(page);
            pages[page] = data ? std::vector<uint8_t>(data, data + file.page_size()) : std::vector<uint8_t>(file.page_size(), 0);
        }
        pages.erase(pages.lower_bound(changes->page_count), pages.end());
        commit_id = changes->commit_id;
        page_count = changes->page_count;
        file.ConfirmSaved();
        return changes->pages.size();
    }

    void LoadInto(const std::string& name) const {
        auto file = CreateMirroredFile(name, kPageSize);
        for (const auto& [page, bytes] : pages) std::copy(bytes.begin(), bytes.end(), file->LoadPage(page));
        file->FinishLoad(int64_t(page_count) * kPageSize, commit_id);
    }
};

std::string IntegrityCheck(Database& database) {
    auto rows = database.QueryReadOnly("PRAGMA integrity_check");
    REQUIRE(rows);
    return std::get<std::string>(rows.value().at(0).values.at(0));
}

}  // namespace

TEST_CASE("A mirrored database counts commits and hands over only the pages they changed") {
    Database database = OpenMirrored("mirror-commits");
    auto file = FindMirroredFile("mirror-commits");
    REQUIRE(file);
    int commits_heard = 0;
    file->SetCommitListener([&] { ++commits_heard; });
    SavedCopy saved;
    CHECK(saved.Save(*file) == file->page_count());  // the migrations wrote every page
    CHECK(file->page_size() == kPageSize);
    CHECK(CountRows(database, "PRAGMA page_size") == kPageSize);

    const uint64_t before = file->commit_id();
    REQUIRE(database.Execute("BEGIN; CREATE TABLE probe (name TEXT); INSERT INTO probe VALUES ('Acme'); COMMIT",
                             "insert"));
    CHECK(file->commit_id() == before + 1);
    CHECK(commits_heard == 1);
    const size_t pages = saved.Save(*file);
    CHECK(pages >= 1);
    CHECK(pages <= 3);
    CHECK_FALSE(file->TakeChanges());  // nothing new

    SECTION("a read changes nothing") {
        CHECK(CountRows(database, "SELECT count(*) FROM probe") == 1);
        CHECK(file->commit_id() == before + 1);
        CHECK_FALSE(file->TakeChanges());
    }
    SECTION("nothing is handed over while a write transaction is open") {
        REQUIRE(database.Execute("BEGIN; UPDATE probe SET name = 'Acme Ltd'", "begin"));
        CHECK_FALSE(file->TakeChanges());
        REQUIRE(database.Execute("COMMIT", "commit"));
        CHECK(file->TakeChanges());
    }
    SECTION("a rolled-back transaction leaves the data as it was") {
        REQUIRE(database.Execute("BEGIN; UPDATE probe SET name = 'Gone'; ROLLBACK", "rollback"));
        saved.Save(*file);
        CHECK(IntegrityCheck(database) == "ok");
        saved.LoadInto("mirror-commits-copy");
        Database copy = OpenMirrored("mirror-commits-copy", true);
        auto rows = copy.QueryReadOnly("SELECT name FROM probe");
        REQUIRE(rows);
        CHECK(std::get<std::string>(rows.value().at(0).values.at(0)) == "Acme");
    }
}

TEST_CASE("Unsaved pages stay changed until a save is confirmed") {
    Database database = OpenMirrored("mirror-retry");
    auto file = FindMirroredFile("mirror-retry");
    SavedCopy saved;
    saved.Save(*file);
    REQUIRE(database.Execute("BEGIN; CREATE TABLE probe (name TEXT); INSERT INTO probe VALUES ('Acme'); COMMIT",
                             "insert"));
    auto first = file->TakeChanges();
    REQUIRE(first);
    CHECK(file->HasUnsavedChanges());
    file->ReturnUnsaved();  // the save failed
    REQUIRE(database.Execute("UPDATE probe SET name = 'Acme Ltd'", "update"));
    auto second = file->TakeChanges();
    REQUIRE(second);
    CHECK(second->commit_id == first->commit_id + 1);
    for (uint32_t page : first->pages) {
        CHECK(std::find(second->pages.begin(), second->pages.end(), page) != second->pages.end());
    }
    file->ConfirmSaved();
    CHECK_FALSE(file->HasUnsavedChanges());
}

TEST_CASE("Holes and truncation survive a save and a reload") {
    Database database = OpenMirrored("mirror-vacuum");
    auto file = FindMirroredFile("mirror-vacuum");
    SavedCopy saved;
    saved.Save(*file);
    REQUIRE(database.Execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB);"
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
                             " INSERT INTO blobs (body) SELECT randomblob(3000 + i * 7) FROM n",
                             "large insert"));
    saved.Save(*file);
    const uint32_t grown = file->page_count();
    REQUIRE(database.Execute("DELETE FROM blobs WHERE id % 3 <> 0; VACUUM", "vacuum"));
    CHECK(file->page_count() < grown);
    saved.Save(*file);
    CHECK(saved.pages.size() <= file->page_count());

    // Writing past the end: SQLite never leaves holes in a database, so write one directly.
    MirroredFile scratch(4096);
    const uint8_t byte = 7;
    scratch.Write(3 * 4096 + 10, &byte, 1);
    CHECK(scratch.size() == 3 * 4096 + 11);
    CHECK(scratch.PageData(1) == nullptr);
    std::vector<uint8_t> read(4096 * 4, 1);
    CHECK_FALSE(scratch.Read(0, read.data(), int64_t(read.size())));  // short: the file ends inside page 3
    CHECK(read[4096] == 0);
    CHECK(read[3 * 4096 + 10] == 7);
    scratch.Truncate(4096 + 5);
    CHECK(scratch.page_count() == 2);
    auto cut = scratch.TakeChanges();
    REQUIRE(cut);
    CHECK(cut->page_count == 2);

    saved.LoadInto("mirror-vacuum-copy");
    Database copy = OpenMirrored("mirror-vacuum-copy", true);
    CHECK(IntegrityCheck(copy) == "ok");
    CHECK(CountRows(copy, "SELECT count(*) FROM blobs") == 133);
    CHECK(CountRows(copy, "SELECT sum(length(body)) FROM blobs") ==
          CountRows(database, "SELECT sum(length(body)) FROM blobs"));
}

TEST_CASE("A one-field edit of a demo deal changes the same few pages at any database size") {
    std::vector<size_t> pages_per_size;
    for (int64_t deals : {200, 2000}) {
        const std::string name = "mirror-demo-" + std::to_string(deals);
        Database database = OpenMirrored(name);
        auto file = FindMirroredFile(name);
        DemoOptions options;
        options.opportunity_count = deals;
        options.seed = 3;
        REQUIRE(LoadDemoData(database, options));
        SavedCopy saved;
        saved.Save(*file);
        REQUIRE(database.Execute("UPDATE opportunities SET amount_minor = amount_minor + 1 WHERE rowid = 17",
                                 "edit"));
        pages_per_size.push_back(saved.Save(*file));
    }
    CHECK(pages_per_size[0] <= 3);
    CHECK(pages_per_size[0] == pages_per_size[1]);
}
