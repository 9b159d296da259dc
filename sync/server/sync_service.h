// The server's sync rules over a ServerStore: sign-in, per-field last-writer-wins merge with clamped hybrid
// logical clocks, generations and tombstones, scopes by team, and paged pulls. No HTTP here: the routes
// (sync_routes) decode requests, call these and encode the answers.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "sync/protocol.h"
#include "sync/server/server_store.h"

namespace roadbook::server {

// An error with the HTTP status it maps to: 400, 401, 403, 404, 409, 410, 413, 429 or 503.
struct ServiceError {
    int status = 400;
    sync::ErrorBody body;
};

ServiceError Failure(int status, std::string code, std::string message, std::string hint,
                     std::optional<int64_t> last_mutation_id = std::nullopt);

template <typename Value>
using ServiceResult = std::variant<Value, ServiceError>;

// Who is asking, from a valid bearer token.
struct Principal {
    StoredUser user;
    std::string token_hash;
};

struct SyncSettings {
    int64_t max_clock_drift_ms = 60'000;               // stamps further ahead are pulled back to now + this
    int64_t token_lifetime_ms = 30LL * 24 * 3600 * 1000;
    int64_t tombstone_retention_ms = 90LL * 24 * 3600 * 1000;
    int login_attempts_per_minute = 10;                 // per email address
};

// Wakes the event streams of an organisation when its version moves.
class ChangeNotifier {
public:
    void Notify(const std::string& organisation_id, int64_t version);
    // Waits until the organisation's version passes `seen` or the timeout ends; returns the version.
    int64_t WaitBeyond(const std::string& organisation_id, int64_t seen, int64_t timeout_ms);
    void StopAll();
    bool stopping();

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, int64_t, std::less<>> versions_;
    bool stopping_ = false;
};

class SyncService {
public:
    SyncService(ServerStore& store, SyncSettings settings = {});
    ~SyncService();
    SyncService(const SyncService&) = delete;
    SyncService& operator=(const SyncService&) = delete;

    ServiceResult<sync::LoginResponse> Login(const sync::LoginRequest& request, int64_t now_ms);
    ServiceResult<Principal> Authenticate(std::string_view authorization_header, int64_t now_ms);
    ServiceResult<bool> Logout(const Principal& principal);

    ServiceResult<sync::PushResponse> Push(const Principal& principal, const sync::PushRequest& request, int64_t now_ms);
    ServiceResult<sync::PullResponse> Pull(const Principal& principal, const sync::PullRequest& request);

    // Writes the organisation's starting records (default pipeline, stages, lost reasons) and a record
    // for each team and user, so devices can show owners and assign deals.
    Status SeedOrganisation(const std::string& organisation_id, int64_t now_ms);
    Status PublishTeam(const std::string& organisation_id, const std::string& team_id, const std::string& name);
    Status PublishUser(const StoredUser& user);

    // Removes tombstones older than the retention window in every organisation; returns how many went.
    // Devices whose cursor is older get 410 and pull again from the start.
    Result<int64_t> CollectTombstones(int64_t now_ms);

    ChangeNotifier& notifier() { return notifier_; }
    ServerStore& store() { return store_; }

private:
    bool AllowLoginAttempt(const std::string& email, int64_t now_ms);
    // Writes server-made fields (clock from the server) as one version.
    Status WriteServerRecords(const std::string& organisation_id,
                              const std::vector<std::pair<std::pair<std::string, std::string>,
                                                          std::vector<std::pair<std::string, std::string>>>>& records);

    ServerStore& store_;
    SyncSettings settings_;
    ChangeNotifier notifier_;
    std::mutex login_mutex_;
    std::map<std::string, std::vector<int64_t>, std::less<>> login_attempts_;
};

}  // namespace roadbook::server
