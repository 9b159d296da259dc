// The server store for several stateless roadbook-servers sharing one PostgreSQL database (sync/server/README.md):
// a small connection pool, versions in commit order per organisation (its row locked FOR UPDATE by each
// writer), pulls read in one REPEATABLE READ snapshot, and LISTEN/NOTIFY so a change committed through one
// server wakes the event streams of every other.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sync/server/postgres_connection.h"
#include "sync/server/server_store.h"

namespace roadbook::server {

// The NOTIFY channel; the payload is "<organisation id> <version>".
inline constexpr const char* kChangeChannel = "roadbook_changes";

struct PostgresStoreSettings {
    int pool_size = 8;
};

class PostgresServerStore final : public ServerStore {
public:
    // Connects to `url` (postgresql://user@host:port/database) and brings the schema up to date.
    static Result<std::unique_ptr<PostgresServerStore>> Open(const std::string& url, PostgresStoreSettings settings = {});
    ~PostgresServerStore() override;

    Result<StoredOrganisation> CreateOrganisation(const std::string& name) override;
    Result<std::optional<StoredOrganisation>> FindOrganisation(const std::string& id_or_name) override;
    Result<std::vector<std::string>> OrganisationIds() override;
    Result<std::string> CreateTeam(const std::string& organisation_id, const std::string& name) override;
    Result<std::optional<std::string>> FindTeam(const std::string& organisation_id, const std::string& name) override;
    Status CreateUser(const StoredUser& user) override;
    Result<std::optional<StoredUser>> FindUserByEmail(const std::string& email) override;
    Status SetPassword(const std::string& user_id, const std::string& password_hash) override;
    Status StoreToken(const std::string& token_hash, const StoredToken& token) override;
    Result<std::optional<StoredToken>> FindToken(const std::string& token_hash, int64_t now_ms) override;
    Status RevokeToken(const std::string& token_hash) override;
    Status RevokeUserTokens(const std::string& user_id) override;
    Result<int64_t> RecordLoginAttempt(const std::string& key, int64_t now_ms, int64_t since_ms) override;
    Result<int64_t> PruneSignIns(int64_t before_ms) override;
    Result<int64_t> PruneRejections(int64_t before_ms) override;
    Result<std::unique_ptr<OrganisationTransaction>> Begin(const std::string& organisation_id, bool write) override;
    Result<int64_t> CollectTombstones(const std::string& organisation_id, int64_t deleted_before_ms) override;
    void WatchChanges(ChangeCallback on_change) override;

    PostgresServerStore(std::string url, PostgresStoreSettings settings) : pool_(std::move(url), settings.pool_size) {}

private:
    // One statement on a pooled connection, outside any transaction.
    Result<PostgresRows> Run(const std::string& operation, const std::string& sql, const SqlParameters& parameters);
    Status Migrate();
    // The listener thread: LISTEN on its own connection, calling back for every NOTIFY, and after each
    // reconnect for every organisation (pokes may have been lost while the connection was down).
    void Listen();
    void Deliver(const std::string& organisation_id, int64_t version);

    PostgresPool pool_;
    std::mutex callback_mutex_;  // held while the callback runs, so WatchChanges({}) waits it out
    ChangeCallback on_change_;
    std::thread listener_;
    std::atomic<bool> stopping_{false};
    int wake_pipe_[2] = {-1, -1};  // written on shutdown, so the listener's poll returns at once
};

// Reads a user with the same columns everywhere (accounts and transactions).
Result<std::optional<StoredUser>> ReadPostgresUser(PostgresConnection& connection, const std::string& where,
                                                   const std::string& key);

}  // namespace roadbook::server
