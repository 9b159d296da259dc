// The sync engine's rounds: push the persisted outbox, then pull until done; backoff on trouble.
#include "sync/client_engine.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sync/record_catalogue.h"

namespace roadbook::sync {
namespace {

constexpr int64_t kFirstRetryMs = 1000;
constexpr int64_t kLongestRetryMs = 60'000;

std::string ServerMessage(const HttpReply& reply) {
    if (reply.status == 0) return "The server could not be reached";
    auto error = DecodeErrorBody(reply.body);
    if (!error) return "The server answered " + std::to_string(reply.status);
    std::string message = error.value().message;
    if (!error.value().hint.empty()) message += ". " + error.value().hint;
    return message;
}

RecordShape ShapeOf(const EntityRule& entity) {
    if (entity.entity == "exchange_rate") return RecordShape::kExchangeRate;
    if (entity.composite_id) return RecordShape::kContactLink;
    return RecordShape::kRow;
}

}  // namespace

std::string_view SyncPhaseName(SyncPhase phase) {
    switch (phase) {
    case SyncPhase::kSignedOut: return "signed-out";
    case SyncPhase::kIdle: return "idle";
    case SyncPhase::kSigningIn: return "signing-in";
    case SyncPhase::kPushing: return "pushing";
    case SyncPhase::kPulling: return "pulling";
    case SyncPhase::kWaitingToRetry: return "waiting-to-retry";
    case SyncPhase::kFailed: return "failed";
    }
    return "idle";
}

SyncEngine::SyncEngine(Database& database, EngineHooks hooks)
    : replica_(database), hooks_(std::move(hooks)) {}

Status SyncEngine::Open() {
    auto identity = replica_.LoadIdentity(hooks_.new_client_id);
    if (!identity) return identity.errors();
    identity_ = identity.value();
    phase_ = signed_in() ? SyncPhase::kIdle : SyncPhase::kSignedOut;
    // Why the device was signed out (an ended sign-in) is still worth saying after the app restarts.
    if (!signed_in()) error_ = identity_.last_error;
    return Done{};
}

void SyncEngine::SaveIdentity() {
    if (auto saved = replica_.SaveIdentity(identity_); !saved) error_ = saved.first_error().message;
}

int64_t SyncEngine::PersistedSequence() const {
    if (hooks_.persisted_sequence) return hooks_.persisted_sequence();
    auto highest = const_cast<ReplicaStore&>(replica_).HighestLocalSequence();
    return highest ? highest.value() : 0;
}

void SyncEngine::BeginSignIn(const std::string& server_url, const std::string& email, const std::string& password) {
    std::string base = server_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    login_request_ = OutgoingRequest{base, "POST", "/api/v1/auth/login", EncodeLoginRequest({email, password}), ""};
    identity_.server_url = base;
    phase_ = SyncPhase::kSigningIn;
    expecting_ = Expecting::kNothing;
    error_.clear();
}

Result<OutgoingRequest> SyncEngine::SignOut() {
    OutgoingRequest logout{identity_.server_url, "POST", "/api/v1/auth/logout", "{\"schemaVersion\":1}", identity_.token};
    identity_.token.clear();
    identity_.last_error.clear();
    error_.clear();
    SaveIdentity();
    phase_ = SyncPhase::kSignedOut;
    expecting_ = Expecting::kNothing;
    round_requested_ = false;
    return logout;
}

bool SyncEngine::RequestSync() {
    if (!signed_in()) return false;
    round_requested_ = true;
    return true;
}

bool SyncEngine::Due(int64_t now_ms) const {
    if (expecting_ != Expecting::kNothing) return false;
    if (phase_ == SyncPhase::kSigningIn || phase_ == SyncPhase::kPushing || phase_ == SyncPhase::kPulling) return true;
    if (phase_ == SyncPhase::kWaitingToRetry) return round_requested_ || now_ms >= retry_at_ms_;
    return signed_in() && round_requested_;
}

std::optional<OutgoingRequest> SyncEngine::NextRequest() {
    if (expecting_ != Expecting::kNothing) return std::nullopt;
    if (phase_ == SyncPhase::kSigningIn) {
        expecting_ = Expecting::kLogin;
        return login_request_;
    }
    if (!signed_in()) return std::nullopt;
    const bool waiting = phase_ == SyncPhase::kWaitingToRetry;
    if ((phase_ == SyncPhase::kIdle || phase_ == SyncPhase::kFailed || waiting) &&
        (round_requested_ || (waiting && hooks_.now_ms() >= retry_at_ms_))) {
        round_requested_ = false;
        phase_ = SyncPhase::kPushing;
    }
    if (phase_ == SyncPhase::kPushing) {
        if (auto push = NextPush()) return push;
        phase_ = SyncPhase::kPulling;
    }
    if (phase_ == SyncPhase::kPulling) return NextPull();
    return std::nullopt;
}

std::optional<OutgoingRequest> SyncEngine::NextPush() {
    auto outbox = replica_.Outbox(identity_.acknowledged_sequence, PersistedSequence(), kPushBatch);
    if (!outbox) {
        Fail(outbox.first_error().message);
        return std::nullopt;
    }
    if (outbox.value().empty()) return std::nullopt;
    in_flight_ = std::move(outbox).value();
    PushRequest push{identity_.client_id, identity_.acknowledged_sequence, {}};
    for (const OutboxChange& change : in_flight_) {
        auto generation = replica_.Generation(change.entity, change.entity_id);
        push.mutations.push_back(Mutation{change.sequence, change.entity, change.entity_id, change.field,
                                          change.new_value, change.old_value, change.clock,
                                          generation ? generation.value() : 1});
    }
    expecting_ = Expecting::kPush;
    return OutgoingRequest{identity_.server_url, "POST", "/api/v1/sync/push", EncodePushRequest(push), identity_.token};
}

OutgoingRequest SyncEngine::NextPull() {
    expecting_ = Expecting::kPull;
    return OutgoingRequest{identity_.server_url, "POST", "/api/v1/sync/pull",
                           EncodePullRequest({identity_.client_id, identity_.cursor, kPullPage}), identity_.token};
}

void SyncEngine::HandleReply(const HttpReply& reply) {
    const Expecting expected = expecting_;
    expecting_ = Expecting::kNothing;
    switch (expected) {
    case Expecting::kLogin: HandleLogin(reply); break;
    case Expecting::kPush: HandlePush(reply); break;
    case Expecting::kPull: HandlePull(reply); break;
    case Expecting::kNothing: break;
    }
}

void SyncEngine::HandleLogin(const HttpReply& reply) {
    if (reply.status != 200) {
        phase_ = SyncPhase::kSignedOut;
        error_ = reply.status == 0 ? "Cannot reach " + (identity_.server_url.empty() ? std::string("the server")
                                                                                     : identity_.server_url)
                                   : ServerMessage(reply);
        return;
    }
    auto login = DecodeLoginResponse(reply.body);
    if (!login) {
        phase_ = SyncPhase::kSignedOut;
        error_ = "The server's sign-in answer was not understood: " + login.first_error().message;
        return;
    }
    const LoginResponse& answer = login.value();
    if (answer.user.id != identity_.user_id || answer.organisation_id != identity_.organisation_id) {
        // Another person or organisation: a fresh client on the server and a full pull. The outbox stays, so
        // work done before signing in is uploaded as this user's.
        identity_.client_id = hooks_.new_client_id();
        identity_.cursor = 0;
        identity_.acknowledged_sequence = 0;
    }
    identity_.token = answer.token;
    identity_.user_id = answer.user.id;
    identity_.user_name = answer.user.name;
    identity_.user_email = answer.user.email;
    identity_.user_role = answer.user.role;
    identity_.organisation_id = answer.organisation_id;
    identity_.organisation_name = answer.organisation_name;
    identity_.last_error.clear();
    if (hooks_.on_signed_in) {
        auto prepared = hooks_.on_signed_in(identity_);
        if (!prepared) {
            identity_.token.clear();
            SaveIdentity();
            phase_ = SyncPhase::kSignedOut;
            error_ = prepared.first_error().message;
            return;
        }
        if (prepared.value()) identity_.cursor = 0;
    }
    SaveIdentity();
    error_.clear();
    phase_ = SyncPhase::kIdle;
    consecutive_failures_ = 0;
    round_requested_ = true;
}

bool SyncEngine::CheckIncarnation(int64_t server_last_mutation_id) {
    auto highest = replica_.HighestLocalSequence();
    if (!highest || server_last_mutation_id <= highest.value()) return false;
    // Keep the acknowledged position: changes after it are pushed again under the new id, and the server
    // treats values it already holds (same clock) as duplicates.
    identity_.client_id = hooks_.new_client_id();
    SaveIdentity();
    return true;
}

void SyncEngine::HandlePush(const HttpReply& reply) {
    if (reply.status == 409) {
        auto error = DecodeErrorBody(reply.body);
        if (!error || !error.value().last_mutation_id) return Fail("The server refused the batch: " + ServerMessage(reply));
        if (error.value().code == "client-id-reused") {
            // This device lost state after pushing (a restored backup): continue as a new client and push
            // everything not acknowledged; the server skips what it already holds by clock.
            identity_.client_id = hooks_.new_client_id();
            SaveIdentity();
            return;
        }
        const int64_t server_last = *error.value().last_mutation_id;
        if (server_last == identity_.acknowledged_sequence) return Fail("The server keeps refusing the batch");
        if (!CheckIncarnation(server_last)) identity_.acknowledged_sequence = server_last;
        SaveIdentity();
        return;  // still pushing: the next request replays from the server's position
    }
    if (reply.status == 401) {
        identity_.token.clear();
        phase_ = SyncPhase::kSignedOut;
        error_ = "Your sign-in has ended (" + ServerMessage(reply) + "); sign in again to sync. Nothing was lost.";
        identity_.last_error = error_;
        SaveIdentity();
        return;
    }
    if (reply.status == 0 || reply.status == 429 || reply.status >= 500) return RetryLater(ServerMessage(reply));
    if (reply.status != 200) return Fail(ServerMessage(reply));
    auto response = DecodePushResponse(reply.body);
    if (!response) return RetryLater("The server's answer was not understood: " + response.first_error().message);
    const int64_t now = hooks_.now_ms();
    for (const MutationResult& result : response.value().results) {
        if (result.outcome == MutationOutcome::kRejected) (void)replica_.AddRejection(result.id, result.code, result.message);
    }
    for (const Conflict& conflict : response.value().conflicts) {
        (void)replica_.AddConflict({0, conflict.entity, conflict.entity_id, conflict.field, conflict.base, conflict.mine,
                                    conflict.theirs, conflict.theirs_by, conflict.mine_won, now});
    }
    const int64_t batch_last = in_flight_.empty() ? identity_.acknowledged_sequence : in_flight_.back().sequence;
    if (!CheckIncarnation(response.value().last_mutation_id)) {
        identity_.acknowledged_sequence = std::max(identity_.acknowledged_sequence,
                                                   std::min(response.value().last_mutation_id, batch_last));
    }
    SaveIdentity();
    in_flight_.clear();
}

void SyncEngine::HandlePull(const HttpReply& reply) {
    if (reply.status == 410) {
        // The server cleaned up deletions this device had not seen: pull everything again, then drop what
        // the server no longer has.
        if (auto reset = replica_.BeginReset(); !reset) return Fail(reset.first_error().message);
        identity_.cursor = 0;
        SaveIdentity();
        return;
    }
    if (reply.status == 401) return HandlePush(reply);
    if (reply.status == 0 || reply.status == 429 || reply.status >= 500) return RetryLater(ServerMessage(reply));
    if (reply.status != 200) return Fail(ServerMessage(reply));
    auto response = DecodePullResponse(reply.body);
    if (!response) return RetryLater("The server's answer was not understood: " + response.first_error().message);
    const PullResponse& page = response.value();

    std::vector<std::pair<int, RemoteRecord>> ordered;
    for (const RecordState& state : page.records) {
        const EntityRule* entity = FindEntity(state.entity);
        if (!entity || !IsValidEntityId(*entity, state.entity_id)) continue;  // a newer server's entity
        RemoteRecord record{state.entity, std::string(entity->table), ShapeOf(*entity), state.entity_id,
                            state.generation, state.deleted, {}};
        for (const FieldState& field : state.fields) {
            const FieldRule* rule = FindField(*entity, field.field);
            if (!rule || !CheckFieldValue(*entity, *rule, field.value)) continue;
            record.fields.push_back({field.field, field.value, field.clock, field.changed_by});
        }
        ordered.emplace_back(entity->apply_order, std::move(record));
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& left, const auto& right) { return left.first < right.first; });
    std::vector<RemoteRecord> records;
    records.reserve(ordered.size());
    for (auto& [order, record] : ordered) records.push_back(std::move(record));
    std::vector<RemoteRecord> removals;
    for (const RecordRemoval& removal : page.removals) {
        const EntityRule* entity = FindEntity(removal.entity);
        if (!entity || !IsValidEntityId(*entity, removal.entity_id)) continue;
        removals.push_back({removal.entity, std::string(entity->table), ShapeOf(*entity), removal.entity_id, 1, true, {}});
    }
    // The server may have applied a push whose answer was lost: what it reports is acknowledged.
    auto newest = replica_.HighestLocalSequence();
    const int64_t highest = newest ? newest.value() : 0;
    if (page.last_mutation_id > highest) {
        CheckIncarnation(page.last_mutation_id);
    } else if (page.last_mutation_id > identity_.acknowledged_sequence) {
        identity_.acknowledged_sequence = page.last_mutation_id;
        SaveIdentity();
    }
    auto applied = replica_.ApplyPulled(records, removals, identity_.acknowledged_sequence, page.cursor, hooks_.now_ms());
    if (!applied) return Fail(applied.first_error().message);
    if (applied.value().highest_clock > highest_remote_clock_) highest_remote_clock_ = applied.value().highest_clock;
    identity_.cursor = page.cursor;
    if (page.more) return;  // still pulling
    std::map<std::string, std::pair<std::string, RecordShape>> tables;
    for (const EntityRule& entity : AllEntities()) tables[std::string(entity.entity)] = {std::string(entity.table), ShapeOf(entity)};
    if (auto finished = replica_.FinishReset(identity_.acknowledged_sequence, tables); !finished) {
        return Fail(finished.first_error().message);
    }
    identity_.last_synced_at_ms = hooks_.now_ms();
    identity_.last_error.clear();
    SaveIdentity();
    phase_ = SyncPhase::kIdle;
    consecutive_failures_ = 0;
    error_.clear();
}

void SyncEngine::RetryLater(std::string reason) {
    in_flight_.clear();
    ++consecutive_failures_;
    const int64_t base = std::min(kLongestRetryMs, kFirstRetryMs << std::min(consecutive_failures_ - 1, 6));
    const double jitter = hooks_.random_unit ? 0.5 + hooks_.random_unit() : 1.0;
    retry_at_ms_ = hooks_.now_ms() + int64_t(double(base) * jitter);
    phase_ = SyncPhase::kWaitingToRetry;
    error_ = std::move(reason);
    identity_.last_error = error_;
    SaveIdentity();
}

void SyncEngine::Fail(std::string reason) {
    in_flight_.clear();
    phase_ = SyncPhase::kFailed;
    error_ = std::move(reason);
    identity_.last_error = error_;
    SaveIdentity();
}

SyncStatus SyncEngine::CurrentStatus() const {
    SyncStatus status;
    status.phase = phase_;
    status.last_synced_at_ms = identity_.last_synced_at_ms;
    status.error = error_;
    status.retry_at_ms = retry_at_ms_;
    auto& replica = const_cast<ReplicaStore&>(replica_);
    if (auto highest = replica.HighestLocalSequence(); highest) {
        if (auto pending = replica.CountOutbox(identity_.acknowledged_sequence, highest.value()); pending) {
            status.pending = pending.value();
        }
    }
    if (auto conflicts = replica.OpenConflicts(); conflicts) status.conflicts = int64_t(conflicts.value().size());
    return status;
}

}  // namespace roadbook::sync
