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
#include "sync/server/login_guard.h"
#include "sync/server/server_store.h"

namespace roadbook::server {

// An error with the HTTP status it maps to: 400, 401, 403, 404, 409, 410, 413, 429 or 503.
struct ServiceError {
    int status = 400;
    sync::ErrorBody body;
};

ServiceError Failure(int status, std::string code, std::string message, std::string hint,
                     std::optional<int64_t> last_mutation_id = std::nullopt);

// The scope of the records of a user who is in no team ("user:<id>"): that user and admins receive them.
inline std::string PersonalScope(const std::string& user_id) { return "user:" + user_id; }

// A storage failure as a client sees it: 503 "storage" with no storage detail (no SQL, no paths); the detail
// goes to the server's standard error for its operator.
ServiceError StorageFailure(std::string_view operation, std::string_view detail);

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
    LoginLimits login;                                  // sign-in attempts and password checks at once
    int max_event_streams_per_user = 6;                  // a rep's devices and tabs; each holds a connection
    int64_t event_stream_recheck_ms = 5'000;             // how soon a sign-out or revocation ends a stream
    int64_t event_stream_lifetime_ms = 3'600'000;        // then the device reconnects (and signs in anew)
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

    // `client_address` is the connection's peer address, counted for the per-address limit.
    ServiceResult<sync::LoginResponse> Login(const sync::LoginRequest& request, const std::string& client_address,
                                             int64_t now_ms);
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

    // An event stream for `user_id` starts (false when the user already holds the most allowed) and ends.
    bool OpenEventStream(const std::string& user_id);
    void CloseEventStream(const std::string& user_id);
    const SyncSettings& settings() const { return settings_; }

    ChangeNotifier& notifier() { return notifier_; }
    ServerStore& store() { return store_; }

private:
    // Checks `password` against the user's hash, or against a hash of a random password when there is no
    // such user (or it is inactive), so both take one Argon2id check.
    bool PasswordMatches(const std::optional<StoredUser>& user, std::string_view password);
    // Writes server-made fields (clock from the server) as one version.
    Status WriteServerRecords(const std::string& organisation_id,
                              const std::vector<std::pair<std::pair<std::string, std::string>,
                                                          std::vector<std::pair<std::string, std::string>>>>& records);

    ServerStore& store_;
    SyncSettings settings_;
    ChangeNotifier notifier_;
    LoginGuard login_guard_;
    std::mutex streams_mutex_;
    std::map<std::string, int, std::less<>> event_streams_by_user_;
    std::once_flag decoy_hash_made_;
    std::string decoy_password_hash_;
};

}  // namespace roadbook::server
