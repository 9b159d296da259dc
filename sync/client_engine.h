// The device's sync engine, without I/O: it says which HTTP request to send next and digests the reply,
// so the browser (fetch, asynchronous) and native tests (cpp-httplib) drive the same rules. A round
// pushes the persisted outbox in batches (Replicache rules: the server skips ids it has seen and refuses
// gaps; a rejected change is recorded and skipped), then pulls pages until the server has no more.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/replica_store.h"
#include "sync/protocol.h"

namespace roadbook::sync {

struct OutgoingRequest {
    std::string base_url;  // the server, e.g. "http://127.0.0.1:8080" ("" for the page's own origin)
    std::string method;    // "POST"
    std::string path;    // "/api/v1/sync/push"
    std::string body;
    std::string token;   // for the Authorization header; empty for sign-in
};

struct HttpReply {
    int status = 0;  // 0: no answer (offline, refused, timed out)
    std::string body;
};

struct EngineHooks {
    std::function<int64_t()> now_ms;
    std::function<std::string()> new_client_id;
    // The newest change-log sequence that is durable on the device; only those changes are pushed.
    // Unset: everything committed is durable (native SQLite files).
    std::function<int64_t()> persisted_sequence;
    // A value between 0 and 1 for backoff jitter.
    std::function<double()> random_unit;
    // After a sign-in succeeded and before anything is pushed: the app may remove or adopt local records.
    // True when it removed records, so everything is pulled again; an error ends the sign-in with its message.
    std::function<Result<bool>(const SyncIdentity&)> on_signed_in;
};

enum class SyncPhase { kSignedOut, kIdle, kSigningIn, kPushing, kPulling, kWaitingToRetry, kFailed };
std::string_view SyncPhaseName(SyncPhase phase);

struct SyncStatus {
    SyncPhase phase = SyncPhase::kSignedOut;
    int64_t pending = 0;            // local changes not yet acknowledged
    int64_t last_synced_at_ms = 0;
    std::string error;              // what went wrong last, with what to do
    int64_t retry_at_ms = 0;        // for kWaitingToRetry
    int64_t conflicts = 0;          // open entries in the inbox
};

class SyncEngine {
public:
    SyncEngine(Database& database, EngineHooks hooks);

    // Loads the identity (making a client id on first use).
    Status Open();
    bool signed_in() const { return !identity_.token.empty(); }
    const SyncIdentity& identity() const { return identity_; }

    // Starts signing in; the next request is the login. Earlier unsynced work stays in the outbox.
    void BeginSignIn(const std::string& server_url, const std::string& email, const std::string& password);
    // Forgets the token; local data and the outbox stay. Returns the logout request to send (its answer
    // does not matter). The caller warns first when work is unsynced.
    Result<OutgoingRequest> SignOut();

    // Asks for a round (start, back online, tab visible, after commits, timer, "Sync now"). Returns false
    // when signed out. A round already running takes the request in its next pass.
    bool RequestSync();
    // True when a retry or a requested round is due at `now_ms`.
    bool Due(int64_t now_ms) const;

    // The request to send now, if any. At most one is in flight: call HandleReply before asking again.
    std::optional<OutgoingRequest> NextRequest();
    void HandleReply(const HttpReply& reply);

    // The phase, error and counts (pending changes, open conflicts: two queries).
    SyncStatus CurrentStatus() const;
    SyncPhase CurrentPhase() const { return phase_; }
    const std::string& CurrentError() const { return error_; }
    // The newest clock stamp pulled so far, for the device's hybrid logical clock (Receive).
    const std::string& highest_remote_clock() const { return highest_remote_clock_; }
    ReplicaStore& replica() { return replica_; }

    static constexpr int64_t kPushBatch = 500;
    static constexpr int64_t kPullPage = 5000;

private:
    enum class Expecting { kNothing, kLogin, kPush, kPull };

    std::optional<OutgoingRequest> NextPush();
    OutgoingRequest NextPull();
    void HandleLogin(const HttpReply& reply);
    void HandlePush(const HttpReply& reply);
    void HandlePull(const HttpReply& reply);
    // Temporary trouble: back off with jitter and try the round again later.
    void RetryLater(std::string reason);
    void Fail(std::string reason);
    // The server remembers more of this client than the device has: the device lost state (a restore or a
    // lost store), so it continues as a new client and never reuses a mutation id.
    // Returns true when it switched to a new client id.
    bool CheckIncarnation(int64_t server_last_mutation_id);
    int64_t PersistedSequence() const;
    void SaveIdentity();

    ReplicaStore replica_;
    EngineHooks hooks_;
    SyncIdentity identity_;
    SyncPhase phase_ = SyncPhase::kSignedOut;
    Expecting expecting_ = Expecting::kNothing;
    bool round_requested_ = false;
    int consecutive_failures_ = 0;
    int64_t retry_at_ms_ = 0;
    std::string error_;
    std::string highest_remote_clock_;
    OutgoingRequest login_request_;
    std::vector<OutboxChange> in_flight_;  // the push batch awaiting its reply
};

}  // namespace roadbook::sync
