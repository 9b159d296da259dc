// The SQLite wrapper: read-only queries for the test hook, statement errors, transactions that roll back.
#include <catch2/catch.hpp>

#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::OpenFreshDatabase;

TEST_CASE("read-only queries return typed rows with column names") {
    Database database = OpenFreshDatabase();
    auto rows = database.QueryReadOnly("SELECT 1 AS one, 'Łódź' AS city, NULL AS missing, 2.5 AS half");
    INFO((rows.ok() ? "" : rows.first_error().message));
    REQUIRE(rows.ok());
    REQUIRE(rows.value().size() == 1);
    const SqlRow& row = rows.value()[0];
    REQUIRE(row.columns == std::vector<std::string>{"one", "city", "missing", "half"});
    REQUIRE(std::get<int64_t>(row.values[0]) == 1);
    REQUIRE(std::get<std::string>(row.values[1]) == "Łódź");
    REQUIRE(std::holds_alternative<std::nullptr_t>(row.values[2]));
    REQUIRE(std::get<double>(row.values[3]) == 2.5);
}

TEST_CASE("read-only queries refuse writes, several statements and bad SQL with a reason") {
    Database database = OpenFreshDatabase();
    auto write = database.QueryReadOnly("DELETE FROM opportunities");
    REQUIRE_FALSE(write.ok());
    REQUIRE(write.first_error().message.find("read-only") != std::string::npos);
    auto two = database.QueryReadOnly("SELECT 1; SELECT 2");
    REQUIRE_FALSE(two.ok());
    REQUIRE(two.first_error().message.find("more than one statement") != std::string::npos);
    auto bad = database.QueryReadOnly("SELEKT 1");
    REQUIRE_FALSE(bad.ok());
    REQUIRE(bad.first_error().message.find("syntax error") != std::string::npos);
    REQUIRE_FALSE(database.QueryReadOnly("").ok());
}

TEST_CASE("a transaction that is not committed leaves nothing behind") {
    Database database = OpenFreshDatabase();
    {
        Transaction transaction(database);
        REQUIRE(transaction.began());
        REQUIRE(database.Execute("INSERT INTO accounts VALUES ('a', 'Acme', 1, 1)", "insert").ok());
    }
    REQUIRE(roadbook::testing::CountRows(database, "SELECT count(*) FROM accounts") == 0);
    {
        Transaction transaction(database);
        REQUIRE(database.Execute("INSERT INTO accounts VALUES ('a', 'Acme', 1, 1)", "insert").ok());
        REQUIRE(transaction.Commit().ok());
    }
    REQUIRE(roadbook::testing::CountRows(database, "SELECT count(*) FROM accounts") == 1);
}

TEST_CASE("opening a path that cannot be a database names the operation") {
    auto opened = Database::Open("/nonexistent-folder/roadbook.db");
    REQUIRE_FALSE(opened.ok());
    REQUIRE(opened.first_error().message.find("Opening the database") != std::string::npos);
}
