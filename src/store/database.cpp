// The SQLite connection, statements and transactions behind database.h.
#include "store/database.h"

#include <sqlite3.h>

#include <cassert>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/text.h"
#include "store/migrations.h"

namespace roadbook {
namespace {

ValidationError StoreError(std::string_view operation, std::string_view reason) {
    return ValidationError{"", "storage", std::string(operation) + " failed: " + std::string(reason)};
}

// roadbook_search_fold(text): core's FoldForSearch for the search triggers (migrations/v2).
void SearchFold(sqlite3_context* context, int, sqlite3_value** arguments) {
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(arguments[0]));
    const std::string folded = FoldForSearch(std::string_view(text, size_t(sqlite3_value_bytes(arguments[0]))));
    sqlite3_result_text(context, folded.data(), int(folded.size()), SQLITE_TRANSIENT);
}

void RegisterSearchFold(sqlite3* connection) {
    sqlite3_create_function_v2(connection, "roadbook_search_fold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, SearchFold, nullptr,
                               nullptr, nullptr);
}

}  // namespace

struct Database::StatementCache {
    std::unordered_map<std::string, Statement> statements;
};

Database::Database(sqlite3* connection) : connection_(connection), cache_(std::make_unique<StatementCache>()) {}

Result<Statement*> Database::PrepareCached(std::string_view sql, std::string_view operation) {
    auto found = cache_->statements.find(std::string(sql));
    if (found == cache_->statements.end()) {
        auto prepared = Prepare(sql, operation);
        if (!prepared) return prepared.errors();
        found = cache_->statements.emplace(std::string(sql), std::move(prepared).value()).first;
    }
    found->second.Reset();
    found->second.operation_ = std::string(operation);
    return &found->second;
}

Result<Database> Database::Open(const std::string& path) { return Open(path, OpenOptions{}); }

Result<Database> Database::OpenAtVersion(const std::string& path, int schema_version) {
    OpenOptions options;
    options.schema_version = schema_version;
    return Open(path, options);
}

Result<Database> Database::Open(const std::string& path, const OpenOptions& options) {
    sqlite3* connection = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(path.c_str(), &connection, flags, nullptr) != SQLITE_OK) {
        std::string reason = connection ? sqlite3_errmsg(connection) : "out of memory";
        sqlite3_close_v2(connection);
        return StoreError("Opening the database " + path, reason);
    }
    sqlite3_extended_result_codes(connection, 1);
    RegisterSearchFold(connection);
    Database database(connection);
    if (options.page_size > 0) {
        if (auto status = database.Execute("PRAGMA page_size = " + std::to_string(options.page_size), "Setting the page size");
            !status) {
            return status.errors();
        }
    }
    if (options.journal_in_memory) {
        if (auto status = database.Execute("PRAGMA journal_mode = MEMORY", "Keeping the journal in memory"); !status) {
            return status.errors();
        }
    }
    if (auto status = database.Execute("PRAGMA foreign_keys = ON", "Enabling foreign keys"); !status) {
        return status.errors();
    }
    const int schema_version = options.schema_version < 0 ? LatestSchemaVersion() : options.schema_version;
    if (auto migrated = RunMigrations(database, schema_version); !migrated) return migrated.errors();
    return database;
}

Database::Database(Database&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)), cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        cache_.reset();
        sqlite3_close_v2(connection_);
        connection_ = std::exchange(other.connection_, nullptr);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Database::~Database() {
    cache_.reset();  // statements are finalized before the connection closes
    sqlite3_close_v2(connection_);
}

bool Database::InTransaction() const { return connection_ != nullptr && sqlite3_get_autocommit(connection_) == 0; }

std::string Database::LastErrorMessage() const { return connection_ ? sqlite3_errmsg(connection_) : "closed"; }

Status Database::Execute(std::string_view sql, std::string_view operation) {
    char* message = nullptr;
    const std::string statement(sql);
    if (sqlite3_exec(connection_, statement.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string reason = message ? message : LastErrorMessage();
        sqlite3_free(message);
        return StoreError(operation, reason);
    }
    return Done{};
}

Result<Statement> Database::Prepare(std::string_view sql, std::string_view operation) {
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(connection_, sql.data(), int(sql.size()), &statement, &tail) != SQLITE_OK) {
        return StoreError(operation, LastErrorMessage());
    }
    if (statement == nullptr) return StoreError(operation, "the SQL holds no statement");
    Statement prepared(statement, std::string(operation));
    if (tail != nullptr && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
        return StoreError(operation, "the SQL holds more than one statement");
    }
    return prepared;
}

Result<std::vector<SqlRow>> Database::QueryReadOnly(std::string_view sql) {
    auto prepared = Prepare(sql, "Query");
    if (!prepared) return prepared.errors();
    Statement statement = std::move(prepared).value();
    if (!sqlite3_stmt_readonly(statement.statement_)) {
        return StoreError("Query", "only read-only statements are allowed");
    }
    std::vector<SqlRow> rows;
    while (statement.Step()) {
        SqlRow row;
        for (int column = 0; column < statement.ColumnCount(); ++column) {
            row.columns.push_back(statement.ColumnName(column));
            row.values.push_back(statement.ColumnValue(column));
        }
        rows.push_back(std::move(row));
    }
    if (!statement.error().empty()) return StoreError("Query", statement.error());
    return rows;
}

int64_t Database::SchemaVersion() {
    auto statement = Prepare("PRAGMA user_version", "Reading the schema version");
    if (!statement) return -1;
    return statement.value().Step() ? statement.value().ColumnInt(0) : -1;
}

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      operation_(std::move(other.operation_)),
      error_(std::move(other.error_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        statement_ = std::exchange(other.statement_, nullptr);
        operation_ = std::move(other.operation_);
        error_ = std::move(other.error_);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::Bind(int index, std::string_view text) {
    [[maybe_unused]] const int code =
        sqlite3_bind_text(statement_, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
    assert(code == SQLITE_OK && "bind index out of range");
    return *this;
}

Statement& Statement::Bind(int index, int64_t number) {
    [[maybe_unused]] const int code = sqlite3_bind_int64(statement_, index, number);
    assert(code == SQLITE_OK && "bind index out of range");
    return *this;
}

Statement& Statement::BindNull(int index) {
    [[maybe_unused]] const int code = sqlite3_bind_null(statement_, index);
    assert(code == SQLITE_OK && "bind index out of range");
    return *this;
}

bool Statement::Step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code != SQLITE_DONE) error_ = operation_ + ": " + sqlite3_errmsg(sqlite3_db_handle(statement_));
    return false;
}

Status Statement::Run() {
    error_.clear();
    while (Step()) {
    }
    if (!error_.empty()) return ValidationError{"", "storage", error_};
    return Done{};
}

void Statement::Reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    error_.clear();
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Statement::ColumnText(int column) const {
    const auto* text = sqlite3_column_text(statement_, column);
    const int bytes = sqlite3_column_bytes(statement_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), size_t(bytes)) : std::string();
}

std::string_view Statement::ColumnView(int column) const {
    const auto* text = sqlite3_column_text(statement_, column);
    const int bytes = sqlite3_column_bytes(statement_, column);
    return text ? std::string_view(reinterpret_cast<const char*>(text), size_t(bytes)) : std::string_view();
}

bool Statement::ColumnIsNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::optional<std::string> Statement::ColumnOptionalText(int column) const {
    if (ColumnIsNull(column)) return std::nullopt;
    return ColumnText(column);
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& text) {
    return text ? Bind(index, *text) : BindNull(index);
}

SqlValue Statement::ColumnValue(int column) const {
    switch (sqlite3_column_type(statement_, column)) {
        case SQLITE_INTEGER: return ColumnInt(column);
        case SQLITE_FLOAT: return sqlite3_column_double(statement_, column);
        case SQLITE_NULL: return nullptr;
        default: return ColumnText(column);  // text, and blobs shown as their bytes
    }
}

int Statement::ColumnCount() const { return sqlite3_column_count(statement_); }

std::string Statement::ColumnName(int column) const {
    const char* name = sqlite3_column_name(statement_, column);
    return name ? name : "";
}

Transaction::Transaction(Database& database) : database_(database) {
    began_ = database_.Execute("BEGIN IMMEDIATE", "Starting a transaction").ok();
}

Transaction::~Transaction() {
    if (began_ && !finished_) database_.Execute("ROLLBACK", "Rolling back");
}

Status Transaction::Commit() {
    assert(began_ && !finished_ && "Commit() on a transaction that is not open");
    auto status = database_.Execute("COMMIT", "Committing");
    finished_ = status.ok();
    return status;
}

}  // namespace roadbook
