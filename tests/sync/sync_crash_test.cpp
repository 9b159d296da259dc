// The real roadbook-server binary killed with SIGKILL in the middle of pushes and started again on the
// same data directory (or PostgreSQL database): every device converges and nothing the server acknowledged is lost.
#include <catch2/catch.hpp>

#include <signal.h>

#include <thread>

#include "postgres_cluster.h"
#include "server_process_support.h"
#include "web_root_support.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

// Runs `roadbook-server admin ...` and returns its first output line.
std::string Admin(const std::vector<std::string>& arguments) {
    std::vector<std::string> command = {"admin"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    ServerProcess process(ROADBOOK_SERVER_BINARY, command);
    std::optional<std::string> line = process.ReadStdoutLine(20'000ms);
    const std::optional<int> status = process.WaitForExit(20'000ms);
    INFO(process.AllStderr());
    REQUIRE(status == 0);
    REQUIRE(line);
    return *line;
}

// The store flags: the data directory, and the PostgreSQL database when the tests run on PostgreSQL.
std::vector<std::string> StoreFlags(const std::filesystem::path& base, const std::string& database_url) {
    std::vector<std::string> flags = {"--data-dir", (base / "data").string()};
    if (!database_url.empty()) flags.insert(flags.end(), {"--database", database_url});
    return flags;
}

std::unique_ptr<ServerProcess> StartServer(const std::filesystem::path& base, int port, const std::string& database_url) {
    std::vector<std::string> arguments = {"--port", std::to_string(port), "--web-root", (base / "web").string()};
    for (const std::string& flag : StoreFlags(base, database_url)) arguments.push_back(flag);
    return std::make_unique<ServerProcess>(ROADBOOK_SERVER_BINARY, arguments);
}

std::vector<std::string> With(std::vector<std::string> arguments, const std::vector<std::string>& more) {
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

}  // namespace

TEST_CASE("the server killed with SIGKILL during pushes and restarted loses nothing it acknowledged") {
    const std::filesystem::path base = MakeTemporaryDirectory("roadbook-crash");
    std::filesystem::create_directories(base / "web");
    WriteFile(base / "web" / "index.html", "<!doctype html><title>Roadbook</title>");
    const std::string database_url = UsePostgresStore() ? PostgresCluster::Shared().CreateDatabase() : "";
    const std::vector<std::string> store = StoreFlags(base, database_url);
    const std::string password = "crash test password";
    Admin(With({"create-organisation", "--name", "Crashco", "--admin-email", "admin@crash.test", "--admin-name", "Ada",
                "--password", password},
               store));
    CHECK(Admin(With({"add-user", "--organisation", "Crashco", "--email", "rep@crash.test", "--name", "Rae", "--role",
                      "rep", "--team", "North", "--password", password},
                     store))
              .find("rep@crash.test (rep) added") != std::string::npos);
    Admin(With({"add-user", "--organisation", "Crashco", "--email", "boss@crash.test", "--name", "Bo", "--role",
                "manager", "--team", "North", "--password", password},
               store));

    auto server = StartServer(base, 0, database_url);
    const std::optional<int> port = server->WaitUntilListening(10'000ms);
    REQUIRE(port);
    const std::string url = "http://127.0.0.1:" + std::to_string(*port);
    TestDevice rep("rep", base / "rep.sqlite");
    TestDevice boss("boss", base / "boss.sqlite");
    rep.SignIn(url, "rep@crash.test", password);
    boss.SignIn(url, "boss@crash.test", password);
    REQUIRE_SYNCED((&rep));
    REQUIRE_SYNCED((&boss));

    // Enough work for several push batches, so the kill lands in the middle of them.
    std::vector<std::string> deals;
    for (int index = 0; index < 150; ++index) deals.push_back(rep.CreateDeal("Crash deal " + std::to_string(index), 1000 + index));
    for (int index = 0; index < 150; ++index) rep.SetAmount(deals[size_t(index)], 5000 + index);

    // Two batches go through; the third is in flight when the server dies.
    int pushes = 0;
    std::thread killer;
    const auto kill_during_third_push = [&](const sync::OutgoingRequest& request) {
        if (request.path == "/api/v1/sync/push" && ++pushes == 3) {
            killer = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(3));
                server->SendSignal(SIGKILL);
            });
        }
        return Delivery::kDeliver;
    };
    CHECK(rep.Sync(kill_during_third_push) == sync::SyncPhase::kWaitingToRetry);
    killer.join();
    REQUIRE(server->WaitForExit(5000ms) == 128 + SIGKILL);
    const int64_t acknowledged_before_restart = rep.engine().identity().acknowledged_sequence;
    CHECK(acknowledged_before_restart >= 2 * sync::SyncEngine::kPushBatch);

    server = StartServer(base, *port, database_url);  // the same port, the same data directory
    REQUIRE(server->WaitUntilListening(10'000ms) == port);
    REQUIRE_SYNCED((&rep));
    REQUIRE_SYNCED((&boss));
    CHECK(rep.engine().identity().acknowledged_sequence >= acknowledged_before_restart);
    CHECK(rep.engine().CurrentStatus().pending == 0);
    CHECK(boss.Number("SELECT count(*) FROM opportunities WHERE name LIKE 'Crash deal %'") == 150);
    CHECK(boss.Number("SELECT sum(amount_minor) FROM opportunities WHERE name LIKE 'Crash deal %'") ==
          rep.Number("SELECT sum(amount_minor) FROM opportunities WHERE name LIKE 'Crash deal %'"));
    CHECK(boss.Number("SELECT count(*) FROM opportunities WHERE amount_minor < 5000 AND name LIKE 'Crash deal %'") == 0);
    server->SendSignal(SIGTERM);
    CHECK(server->WaitForExit(10'000ms) == 0);
    std::error_code ignored;
    std::filesystem::remove_all(base, ignored);
}

}  // namespace roadbook::testing
