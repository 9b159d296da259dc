// libpq made safe to hold: one connection, the rows of one statement (always PQexecParams, never text
// glued into SQL), and a small pool that drops connections a database restart broke and opens new ones.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace roadbook::server {

// Parameters are sent as text; libpq converts them to the column types on the server.
using SqlParameters = std::vector<std::optional<std::string>>;

struct SqlStatement {
    std::string operation;  // names the step in an error: "Writing fields"
    std::string sql;
    SqlParameters parameters;
};

// SQLSTATE of a unique-key violation, the one database error that is the caller's input and not an outage.
inline constexpr const char* kUniqueViolation = "23505";

ValidationError PostgresError(const std::string& operation, const std::string& reason);

class PostgresRows {
public:
    explicit PostgresRows(PGresult* result) : result_(result, &PQclear) {}
    int count() const { return PQntuples(result_.get()); }
    bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
    std::string Text(int row, int column) const { return PQgetvalue(result_.get(), row, column); }
    std::optional<std::string> OptionalText(int row, int column) const;
    int64_t Number(int row, int column) const;
    // Rows an INSERT, UPDATE or DELETE touched.
    int64_t affected() const;

private:
    std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class PostgresConnection {
public:
    // Connects with a libpq URL or key=value string; the error names the operation and libpq's reason.
    static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
    ~PostgresConnection();
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Result<PostgresRows> Execute(const std::string& operation, const std::string& sql,
                                 const SqlParameters& parameters = {});
    // Statements sent together and answered together (libpq's pipeline mode): one round trip for all of
    // them. They run in order; after a failure the rest are skipped and the first error is returned.
    Status ExecutePipeline(const std::vector<SqlStatement>& statements);
    // Several statements without parameters (the schema), through the simple query protocol.
    Status ExecuteScript(const std::string& operation, const std::string& sql);
    // The SQLSTATE of the last failed Execute ("" when it succeeded or the connection itself failed).
    const std::string& last_state() const { return last_state_; }
    // True once the server went away (restart, network): the connection is useless and must be dropped.
    bool broken() const { return PQstatus(connection_) != CONNECTION_OK; }
    PGconn* native() { return connection_; }

private:
    explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
    PGconn* connection_;
    std::string last_state_;
    // Statements with parameters are prepared once per connection (parsing and planning a push's many
    // small statements again each time cost more than running them); the key is the SQL text.
    std::unordered_map<std::string, std::string> prepared_;
};

class PostgresPool;

// A connection borrowed from the pool; handed back (or dropped when broken) when it goes out of scope.
class PooledConnection {
public:
    PooledConnection(PostgresPool& pool, std::unique_ptr<PostgresConnection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    PooledConnection(PooledConnection&& other) noexcept = default;
    PooledConnection& operator=(PooledConnection&&) = delete;
    ~PooledConnection();
    PostgresConnection* operator->() { return connection_.get(); }
    PostgresConnection& operator*() { return *connection_; }

private:
    PostgresPool* pool_;
    std::unique_ptr<PostgresConnection> connection_;
};

class PostgresPool {
public:
    PostgresPool(std::string url, int size) : url_(std::move(url)), size_(size) {}

    // An idle connection, a new one while fewer than `size` are open, or one freed within the wait.
    Result<PooledConnection> Acquire();
    const std::string& url() const { return url_; }
    // Closes every idle connection: the database restarted, so they are dead even if they look alive.
    void DropIdle();

private:
    friend class PooledConnection;
    void Return(std::unique_ptr<PostgresConnection> connection);

    static constexpr std::chrono::seconds kAcquireWait{10};
    std::string url_;
    int size_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<PostgresConnection>> idle_;
    int open_ = 0;
};

}  // namespace roadbook::server
