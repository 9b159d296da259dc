// A SQLite connection and prepared statements with RAII. The store layer is the only code that calls
// sqlite3_*; everything above it sees these types and Results.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace roadbook {

class Statement;

// One column value of a result row, as SQLite typed it.
using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

struct SqlRow {
    std::vector<std::string> columns;
    std::vector<SqlValue> values;
};

// How to open a database beyond its path.
struct OpenOptions {
    int page_size = 0;               // for a new database (PRAGMA page_size); 0 keeps SQLite's default
    bool journal_in_memory = false;  // for the page mirror: its saves are whole commits, so a rollback
                                     // journal only has to survive inside this process
    int schema_version = -1;         // migrate up to this version; -1 for the latest
};

class Database {
public:
    // Opens (creating if needed) the database at `path` (":memory:" for an in-memory one) and runs every
    // pending migration. An error names the operation and SQLite's reason.
    static Result<Database> Open(const std::string& path);
    // Opens and migrates only up to `schema_version`: for migration tests that need old databases.
    static Result<Database> OpenAtVersion(const std::string& path, int schema_version);
    // Opens with options; `path` may be a URI such as MirroredDatabaseUri() names.
    static Result<Database> Open(const std::string& path, const OpenOptions& options);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs statements that return no rows (schema, pragmas). Errors carry `operation` and SQLite's text.
    Status Execute(std::string_view sql, std::string_view operation);
    Result<Statement> Prepare(std::string_view sql, std::string_view operation);
    // A statement prepared once per connection and reset for each use: for the hot paths of commands.
    // The pointer stays valid as long as the database; bindings from an earlier use are cleared.
    Result<Statement*> PrepareCached(std::string_view sql, std::string_view operation);

    // Runs one statement that must not modify the database and returns every row: the test hook's
    // query(sql). Writing statements and multiple statements are refused with a reason.
    Result<std::vector<SqlRow>> QueryReadOnly(std::string_view sql);

    int64_t SchemaVersion();
    // True between BEGIN and COMMIT or ROLLBACK.
    bool InTransaction() const;
    std::string LastErrorMessage() const;
    sqlite3* handle() const { return connection_; }

private:
    explicit Database(sqlite3* connection);
    sqlite3* connection_ = nullptr;
    struct StatementCache;
    std::unique_ptr<StatementCache> cache_;  // declared after connection_: destroyed (finalized) first
};

// A prepared statement. Bind* uses 1-based parameter indexes as SQLite does.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& Bind(int index, std::string_view text);
    Statement& Bind(int index, int64_t number);
    Statement& BindNull(int index);
    // The text, or NULL for nullopt.
    Statement& BindOptional(int index, const std::optional<std::string>& text);

    // Advances to the next row: true when a row is available, false when done. Errors go to error().
    bool Step();
    // Runs to completion, for statements without rows.
    Status Run();
    void Reset();

    int64_t ColumnInt(int column) const;
    std::string ColumnText(int column) const;
    // The same text without a copy, for lookups in hot loops; valid until the next Step() or Reset().
    std::string_view ColumnView(int column) const;
    bool ColumnIsNull(int column) const;
    // The text, or nullopt for NULL.
    std::optional<std::string> ColumnOptionalText(int column) const;
    SqlValue ColumnValue(int column) const;
    int ColumnCount() const;
    std::string ColumnName(int column) const;

    // The error of the last Step() that failed, naming the operation; empty when none.
    const std::string& error() const { return error_; }

private:
    friend class Database;
    Statement(sqlite3_stmt* statement, std::string operation)
        : statement_(statement), operation_(std::move(operation)) {}
    sqlite3_stmt* statement_ = nullptr;
    std::string operation_;
    std::string error_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() is called: a failed command writes nothing.
class Transaction {
public:
    explicit Transaction(Database& database);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool began() const { return began_; }
    Status Commit();

private:
    Database& database_;
    bool began_ = false;
    bool finished_ = false;
};

}  // namespace roadbook
