// libpq connections, statement results and the connection pool of the PostgreSQL server store.
#include "sync/server/postgres_connection.h"

#include <algorithm>
#include <charconv>

namespace roadbook::server {

ValidationError PostgresError(const std::string& operation, const std::string& reason) {
    // libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...?"); one line
    // reads better in a log and in a JSON error.
    std::string line;
    for (char character : reason) {
        if (character == '\n' || character == '\t') character = ' ';
        if (character == ' ' && (line.empty() || line.back() == ' ')) continue;
        line += character;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return ValidationError{"", "storage", operation + " failed: " + line};
}

std::optional<std::string> PostgresRows::OptionalText(int row, int column) const {
    if (IsNull(row, column)) return std::nullopt;
    return Text(row, column);
}

int64_t PostgresRows::Number(int row, int column) const {
    const char* text = PQgetvalue(result_.get(), row, column);
    int64_t number = 0;
    std::from_chars(text, text + std::char_traits<char>::length(text), number);
    return number;
}

int64_t PostgresRows::affected() const {
    const char* text = PQcmdTuples(result_.get());
    int64_t number = 0;
    std::from_chars(text, text + std::char_traits<char>::length(text), number);
    return number;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& url) {
    PGconn* connection = PQconnectdb(url.c_str());
    if (connection == nullptr) return PostgresError("Connecting to PostgreSQL", "out of memory");
    if (PQstatus(connection) != CONNECTION_OK) {
        std::string reason = PQerrorMessage(connection);
        PQfinish(connection);
        return PostgresError("Connecting to PostgreSQL", reason);
    }
    // Notices ("relation already exists, skipping", shutdown notes) are not errors; errors come back as values.
    PQsetNoticeProcessor(connection, [](void*, const char*) {}, nullptr);
    return std::unique_ptr<PostgresConnection>(new PostgresConnection(connection));
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

Result<PostgresRows> PostgresConnection::Execute(const std::string& operation, const std::string& sql,
                                                 const SqlParameters& parameters) {
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const std::optional<std::string>& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
    last_state_.clear();
    PGresult* result = nullptr;
    if (parameters.empty()) {
        result = PQexecParams(connection_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    } else {
        auto found = prepared_.find(sql);
        if (found == prepared_.end()) {
            const std::string name = "roadbook_" + std::to_string(prepared_.size() + 1);
            PGresult* prepared = PQprepare(connection_, name.c_str(), sql.c_str(), int(values.size()), nullptr);
            const bool ok = prepared != nullptr && PQresultStatus(prepared) == PGRES_COMMAND_OK;
            std::string reason = prepared ? PQresultErrorMessage(prepared) : PQerrorMessage(connection_);
            if (prepared != nullptr) {
                const char* state = PQresultErrorField(prepared, PG_DIAG_SQLSTATE);
                last_state_ = state ? state : "";
            }
            PQclear(prepared);
            if (!ok) return PostgresError(operation, reason);
            found = prepared_.emplace(sql, name).first;
        }
        result = PQexecPrepared(connection_, found->second.c_str(), int(values.size()), values.data(), nullptr, nullptr, 0);
    }
    if (result == nullptr) return PostgresError(operation, PQerrorMessage(connection_));
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        last_state_ = state ? state : "";
        std::string reason = PQresultErrorMessage(result);
        PQclear(result);
        return PostgresError(operation, reason);
    }
    return PostgresRows(result);
}

Status PostgresConnection::ExecutePipeline(const std::vector<SqlStatement>& statements) {
    if (statements.size() == 1) {
        auto done = Execute(statements.front().operation, statements.front().sql, statements.front().parameters);
        if (!done) return done.errors();
        return Done{};
    }
    last_state_.clear();
    if (PQenterPipelineMode(connection_) != 1) return PostgresError(statements.front().operation, PQerrorMessage(connection_));
    std::optional<ValidationError> failure;
    for (const SqlStatement& statement : statements) {
        std::vector<const char*> values;
        for (const std::optional<std::string>& parameter : statement.parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
        if (PQsendQueryParams(connection_, statement.sql.c_str(), int(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0) != 1) {
            failure = PostgresError(statement.operation, PQerrorMessage(connection_));
            break;
        }
    }
    if (!failure && PQpipelineSync(connection_) != 1) failure = PostgresError("Sending statements", PQerrorMessage(connection_));
    if (failure) {
        // Nothing sensible can follow a send that failed (the connection is gone); it will be dropped.
        (void)PQexitPipelineMode(connection_);
        return *failure;
    }
    // One result (then a null) per statement, then the sync point.
    size_t answered = 0;
    while (true) {
        PGresult* result = PQgetResult(connection_);
        if (result == nullptr) {
            if (answered < statements.size()) ++answered;
            if (PQstatus(connection_) != CONNECTION_OK) {
                if (!failure) failure = PostgresError(statements.front().operation, PQerrorMessage(connection_));
                break;
            }
            continue;
        }
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(result);
            break;
        }
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_PIPELINE_ABORTED && !failure) {
            const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
            last_state_ = state ? state : "";
            failure = PostgresError(statements[std::min(answered, statements.size() - 1)].operation,
                                    PQresultErrorMessage(result));
        }
        PQclear(result);
    }
    (void)PQexitPipelineMode(connection_);
    if (failure) return *failure;
    return Done{};
}

Status PostgresConnection::ExecuteScript(const std::string& operation, const std::string& sql) {
    PGresult* result = PQexec(connection_, sql.c_str());
    if (result == nullptr) return PostgresError(operation, PQerrorMessage(connection_));
    const ExecStatusType status = PQresultStatus(result);
    std::string reason = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return PostgresError(operation, reason);
    return Done{};
}

PooledConnection::~PooledConnection() {
    if (pool_ != nullptr && connection_ != nullptr) pool_->Return(std::move(connection_));
}

Result<PooledConnection> PostgresPool::Acquire() {
    std::unique_lock lock(mutex_);
    const bool available = returned_.wait_for(lock, kAcquireWait, [&] { return !idle_.empty() || open_ < size_; });
    if (!available) {
        return PostgresError("Taking a database connection",
                             "all " + std::to_string(size_) + " connections stayed busy for " +
                                 std::to_string(kAcquireWait.count()) + " s");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return PooledConnection(*this, std::move(connection));
    }
    ++open_;
    lock.unlock();
    auto opened = PostgresConnection::Open(url_);
    if (!opened) {
        lock.lock();
        --open_;
        returned_.notify_one();
        return opened.errors();
    }
    return PooledConnection(*this, std::move(opened).value());
}

void PostgresPool::DropIdle() {
    std::unique_lock lock(mutex_);
    std::vector<std::unique_ptr<PostgresConnection>> dead = std::move(idle_);
    idle_.clear();
    open_ -= int(dead.size());
    lock.unlock();
    returned_.notify_all();
}

void PostgresPool::Return(std::unique_ptr<PostgresConnection> connection) {
    // A connection left inside a transaction by an early return must not carry it to the next borrower.
    if (!connection->broken() && PQtransactionStatus(connection->native()) != PQTRANS_IDLE) {
        (void)connection->Execute("Rolling back", "ROLLBACK");
        if (PQtransactionStatus(connection->native()) != PQTRANS_IDLE) connection.reset();
    }
    std::unique_lock lock(mutex_);
    if (connection == nullptr) {
        --open_;
        lock.unlock();
        returned_.notify_one();
        return;
    }
    if (connection->broken()) {
        // The database restarted or the network failed: the idle connections are as dead as this one, and
        // finding that out one failed request at a time would turn one outage into many 503s.
        std::vector<std::unique_ptr<PostgresConnection>> dead = std::move(idle_);
        idle_.clear();
        open_ -= 1 + int(dead.size());
        lock.unlock();
        returned_.notify_all();
        return;  // `connection` and `dead` close here, outside the lock
    }
    idle_.push_back(std::move(connection));
    lock.unlock();
    returned_.notify_one();
}

}  // namespace roadbook::server
