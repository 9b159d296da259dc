// Real parts for sync tests: an in-process roadbook server on 127.0.0.1 (port 0) with a SQLite store in a
// temporary directory (or, with ROADBOOK_TEST_STORE=postgresql, a fresh database in the tests' own
// PostgreSQL cluster), and devices that each own a SQLite file, a hybrid clock, the sync engine and the
// cpp-httplib transport. A device's network can be told to lose, duplicate or fail replies.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/hybrid_logical_clock.h"
#include "httplib.h"
#include "platform/native/http_sync_transport.h"
#include "store/database.h"
#include "store/write_context.h"
#include "sync/client_engine.h"
#include "sync/server/accounts.h"
#include "sync/server/server_store.h"
#include "sync/server/sync_service.h"

// Syncs the device and requires the round to end idle, showing the engine's error when it does not.
#define REQUIRE_SYNCED(device)                                              \
    do {                                                                    \
        const auto synced_phase = (device)->Sync();                         \
        INFO("sync error: " << (device)->engine().CurrentStatus().error);   \
        REQUIRE(synced_phase == ::roadbook::sync::SyncPhase::kIdle);        \
    } while (false)

namespace roadbook::testing {

std::filesystem::path MakeTemporaryDirectory(const std::string& prefix);

class InProcessServer {
public:
    explicit InProcessServer(server::SyncSettings settings = {});
    // A server on an existing PostgreSQL database, as a second server beside another (same data).
    InProcessServer(server::SyncSettings settings, const std::string& database_url);
    ~InProcessServer();
    InProcessServer(const InProcessServer&) = delete;
    InProcessServer& operator=(const InProcessServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }
    server::SyncService& service() { return *service_; }
    server::Accounts& accounts() { return *accounts_; }
    // Reads the server's own file or database, for checks of what it stored.
    std::string QueryText(const std::string& sql);
    // The PostgreSQL database's URL; empty on SQLite.
    const std::string& database_url() const { return database_url_; }

private:
    void StartServing(server::SyncSettings settings);

    std::filesystem::path directory_;
    std::string database_url_;
    std::unique_ptr<server::ServerStore> store_;
    std::unique_ptr<server::SyncService> service_;
    std::unique_ptr<server::Accounts> accounts_;
    httplib::Server http_;
    std::thread thread_;
    int port_ = 0;
};

// An organisation with one team ("East") of a manager and two reps, and a second team ("West") of one rep.
struct TestOrganisation {
    std::string name;
    std::string admin = "admin@";
    std::string manager, rep_a, rep_b, rep_west;  // emails
    std::string password = "correct horse battery";
};
TestOrganisation CreateTestOrganisation(server::Accounts& accounts, const std::string& name);

// What the network does to one request: deliver it, drop it before the server sees it, or let the server
// handle it and lose the reply.
enum class Delivery { kDeliver, kDropRequest, kDropReply, kDuplicateRequest, kServiceUnavailable };

class TestDevice {
public:
    // `name` becomes the clock's node id; `clock_offset_ms` skews the device's wall clock.
    TestDevice(std::string name, std::filesystem::path database_file, int64_t clock_offset_ms = 0);

    const std::string& name() const { return name_; }
    Database& database() { return database_; }
    sync::SyncEngine& engine() { return *engine_; }
    WriteContext Context();

    void SignIn(const std::string& url, const std::string& email, const std::string& password);
    // Runs requests until the engine is idle, failed, waiting or signed out (at most `max_requests`).
    sync::SyncPhase Sync(const std::function<Delivery(const sync::OutgoingRequest&)>& network = {},
                         int max_requests = 200);

    std::string CreateDeal(const std::string& name, int64_t amount_minor, const std::string& close_date = "2027-06-30");
    void SetAmount(const std::string& deal_id, int64_t amount_minor);
    void SetName(const std::string& deal_id, const std::string& name);
    void SetOwner(const std::string& deal_id, const std::string& user_id);
    // One SQL value as text ("NULL" for null, "" when no row).
    std::string Text(const std::string& sql);
    int64_t Number(const std::string& sql);
    // The user's id on this device (from the sign-in).
    const std::string& user_id() const { return engine_->identity().user_id; }

    int64_t now_ms() const;
    int64_t clock_offset_ms = 0;
    // When set, only changes up to this sequence count as persisted (a commit not yet on disk).
    std::optional<int64_t> persisted_up_to;

private:
    std::string name_;
    Database database_;
    HybridLogicalClock clock_;
    std::unique_ptr<sync::SyncEngine> engine_;
    platform::HttpSyncTransport transport_;
    int64_t next_id_ = 1;
};

Database OpenDatabaseOrFail(const std::filesystem::path& file);

// A raw request, for what the engine would never send.
sync::HttpReply Post(const std::string& url, const std::string& path, const std::string& body,
                     const std::string& token = "");
// Signs in over HTTP and returns the bearer token (throws when refused).
std::string SignInToken(const std::string& url, const std::string& email, const std::string& password);

// A team's server and organisation, and devices signed in to it, each with its own SQLite file.
struct Team {
    explicit Team(server::SyncSettings settings = {});
    ~Team();
    std::unique_ptr<TestDevice> Device(const std::string& name, const std::string& email, int64_t offset_ms = 0);

    InProcessServer server;
    TestOrganisation organisation;
    std::filesystem::path directory;
};

}  // namespace roadbook::testing
