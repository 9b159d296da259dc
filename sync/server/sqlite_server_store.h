// The embedded default server store: one SQLite file in WAL mode. One connection, used by one
// transaction at a time: SQLite has one writer anyway, and this keeps snapshots simple.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "store/database.h"
#include "sync/server/server_store.h"

namespace roadbook::server {

// The file roadbook-server keeps under --data-dir.
inline constexpr const char* kServerStoreFileName = "roadbook-server.sqlite";

class SqliteServerStore final : public ServerStore {
public:
    // Opens or creates `path` (":memory:" for tests that need no file) and its schema.
    static Result<std::unique_ptr<SqliteServerStore>> Open(const std::string& path);

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

    explicit SqliteServerStore(Database database) : database_(std::move(database)) {}

private:
    friend class SqliteOrganisationTransaction;
    Result<std::optional<StoredUser>> ReadUser(std::string_view where, const std::string& key);

    std::mutex mutex_;  // held by each account call and for a transaction's whole life
    Database database_;
};

}  // namespace roadbook::server
