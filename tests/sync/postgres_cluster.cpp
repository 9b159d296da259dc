// The tests' PostgreSQL cluster: initdb, pg_ctl start/stop as `nobody`, databases, a crash watchdog.
#include "postgres_cluster.h"

#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace roadbook::testing {
namespace {

constexpr const char* kBinaries = "/usr/lib/postgresql/15/bin";
constexpr const char* kSuperuser = "roadbook";

std::filesystem::path MakeDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "roadbook-postgres-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for the PostgreSQL cluster");
    return pattern;
}

// A port the kernel says is free now; the cluster binds it a moment later.
int FreeLoopbackPort() {
    const int descriptor = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (descriptor < 0 || bind(descriptor, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(descriptor, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        if (descriptor >= 0) close(descriptor);
        throw std::runtime_error("no free loopback port for PostgreSQL");
    }
    close(descriptor);
    return ntohs(address.sin_port);
}

std::unique_ptr<PGconn, void (*)(PGconn*)> Connect(const std::string& url) {
    std::unique_ptr<PGconn, void (*)(PGconn*)> connection(PQconnectdb(url.c_str()), &PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        throw std::runtime_error("cannot connect to the test cluster: " + std::string(PQerrorMessage(connection.get())));
    }
    return connection;
}

}  // namespace

bool UsePostgresStore() {
    const char* store = std::getenv("ROADBOOK_TEST_STORE");
    return store != nullptr && std::string(store) == "postgresql";
}

PostgresCluster& PostgresCluster::Shared() {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    // A function-local static: destroyed (cluster stopped, directory removed) when the process exits normally.
    static PostgresCluster cluster;
    return cluster;
}

int PostgresCluster::RunAsOwner(const std::string& command_line) const {
    // PostgreSQL will not run as root; `nobody` owns the cluster's directory then.
    // From the cluster's own directory: the caller's working directory may be closed to `nobody` (/root).
    const std::string prefix = "cd " + directory_.string() + " && " +
                               (geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups -- " : "");
    return std::system((prefix + command_line).c_str());
}

PostgresCluster::PostgresCluster() : directory_(MakeDirectory()), port_(FreeLoopbackPort()) {
    if (geteuid() == 0) {
        const passwd* nobody = getpwnam("nobody");
        if (nobody == nullptr || chown(directory_.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
            throw std::runtime_error("cannot hand " + directory_.string() + " to the user nobody");
        }
    }
    const std::string data = (directory_ / "data").string();
    const std::string initdb = std::string(kBinaries) + "/initdb -D " + data + " -U " + kSuperuser +
                               " --auth=trust --locale=C -E UTF8 --no-sync >" + (directory_ / "initdb.log").string() +
                               " 2>&1";
    if (RunAsOwner(initdb) != 0) throw std::runtime_error("initdb failed; see " + (directory_ / "initdb.log").string());
    // Should this process die without running destructors, the watchdog stops the cluster and removes it.
    const std::string stop = (geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups -- " : "") +
                             std::string(kBinaries) + "/pg_ctl -D " + data + " stop -m immediate";
    const std::string watchdog = "cd / && setsid sh -c 'while kill -0 " + std::to_string(getpid()) +
                                 " 2>/dev/null; do sleep 1; done; " + stop + "; rm -rf " + directory_.string() +
                                 "' </dev/null >/dev/null 2>&1 &";
    (void)std::system(watchdog.c_str());
    Start();
}

PostgresCluster::~PostgresCluster() {
    Stop();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void PostgresCluster::Start() {
    // Test settings: durability is not what these tests check, speed is welcome.
    const std::string options = "-p " + std::to_string(port_) + " -k " + directory_.string() +
                                " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                " -c full_page_writes=off -c max_connections=300";
    const std::string command = std::string(kBinaries) + "/pg_ctl -D " + (directory_ / "data").string() + " -l " +
                                (directory_ / "postgres.log").string() + " -w -t 60 -o '" + options + "' start >>" +
                                (directory_ / "pg_ctl.log").string() + " 2>&1";
    if (RunAsOwner(command) != 0) {
        throw std::runtime_error("pg_ctl start failed; see " + (directory_ / "postgres.log").string());
    }
    running_ = true;
}

void PostgresCluster::Stop() {
    if (!running_) return;
    running_ = false;
    (void)RunAsOwner(std::string(kBinaries) + "/pg_ctl -D " + (directory_ / "data").string() +
                     " -w -t 60 -m fast stop >/dev/null");
}

std::string PostgresCluster::Url(const std::string& database) const {
    return "postgresql://" + std::string(kSuperuser) + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresCluster::CreateDatabase() {
    const std::string name = "roadbook_test_" + std::to_string(next_database_++);
    auto connection = Connect(Url("postgres"));
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(
        PQexec(connection.get(), ("CREATE DATABASE " + name).c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        throw std::runtime_error("CREATE DATABASE failed: " + std::string(PQresultErrorMessage(result.get())));
    }
    return Url(name);
}

std::string PostgresCluster::QueryText(const std::string& url, const std::string& sql) {
    auto connection = Connect(url);
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) == PGRES_COMMAND_OK) return "";  // a statement without rows
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        throw std::runtime_error("test query failed: " + std::string(PQresultErrorMessage(result.get())));
    }
    if (PQntuples(result.get()) == 0) return "";
    return PQgetisnull(result.get(), 0, 0) ? "NULL" : PQgetvalue(result.get(), 0, 0);
}

}  // namespace roadbook::testing
