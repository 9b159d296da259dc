// A real PostgreSQL cluster for tests: initdb and pg_ctl (run as the unprivileged user `nobody` when the
// tests run as root, since PostgreSQL refuses root) in a temporary directory, on a free loopback port.
// One cluster per test process, started on first use, shared by the cases (each takes a fresh database),
// stopped and removed at exit; a watchdog stops it even when the test process dies.
#pragma once

#include <filesystem>
#include <string>

namespace roadbook::testing {

// True when ROADBOOK_TEST_STORE=postgresql: the sync tests then run their servers on PostgreSQL.
bool UsePostgresStore();

class PostgresCluster {
public:
    // The process's cluster, started on the first call (throws std::runtime_error when it cannot start).
    static PostgresCluster& Shared();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // Creates an empty database and returns its URL.
    std::string CreateDatabase();
    std::string Url(const std::string& database) const;

    // Stops the cluster (fast shutdown: connections are cut) and starts it again on the same port.
    void Stop();
    void Start();

    // One SQL value as text ("NULL" for null, "" when no row or a statement without rows), for checks of
    // what a server stored.
    static std::string QueryText(const std::string& url, const std::string& sql);

private:
    PostgresCluster();
    // Runs a PostgreSQL program as the cluster's owner; returns its exit status.
    int RunAsOwner(const std::string& command_line) const;

    std::filesystem::path directory_;
    int port_ = 0;
    int next_database_ = 1;
    bool running_ = false;
};

}  // namespace roadbook::testing
