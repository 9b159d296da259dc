// Protocol v1 (sync/PROTOCOL.md): the request and response bodies of /api/v1/auth and /api/v1/sync as
// types, with strict JSON decoding (unknown fields, wrong types and out-of-range values are errors that
// name the field) shared by the client engine and the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace roadbook::sync {

inline constexpr int kSchemaVersion = 1;
inline constexpr size_t kMaxMutationsPerPush = 2000;
inline constexpr size_t kMaxBodyBytes = 8 * 1024 * 1024;
inline constexpr int64_t kMaxPullLimit = 20'000;

struct LoginRequest {
    std::string email;
    std::string password;
};

struct SignedInUser {
    std::string id;
    std::string name;
    std::string email;
    std::string role;  // rep, manager, admin
    std::vector<std::string> team_ids;
};

struct LoginResponse {
    std::string token;
    SignedInUser user;
    std::string organisation_id;
    std::string organisation_name;
};

// One field change: a local change-log row on its way to the server. `id` is the row's sequence.
struct Mutation {
    int64_t id = 0;
    std::string entity;
    std::string entity_id;
    std::string field;
    std::optional<std::string> value;
    std::optional<std::string> base;  // the value the device had before, for the conflict inbox
    std::string clock;                // hybrid logical clock stamp
    int64_t generation = 1;           // the record generation the device changed
};

struct PushRequest {
    std::string client_id;
    int64_t previous_mutation_id = 0;  // the mutation before the first one here (0 for none)
    std::vector<Mutation> mutations;
};

enum class MutationOutcome { kApplied, kLost, kDuplicate, kRejected };
std::string_view MutationOutcomeName(MutationOutcome outcome);

struct MutationResult {
    int64_t id = 0;
    MutationOutcome outcome = MutationOutcome::kApplied;
    std::string code;     // for kRejected: the rule, e.g. "forbidden", "stale-generation"
    std::string message;  // for kRejected: a sentence naming the field and rule
};

// A concurrent edit of an inbox field by someone else, detected while applying this device's mutation.
struct Conflict {
    int64_t mutation_id = 0;
    std::string entity;
    std::string entity_id;
    std::string field;
    std::optional<std::string> base;
    std::optional<std::string> mine;
    std::optional<std::string> theirs;
    std::string theirs_by;  // user id
    bool mine_won = false;
};

struct PushResponse {
    int64_t last_mutation_id = 0;
    std::vector<MutationResult> results;
    std::vector<Conflict> conflicts;
};

struct PullRequest {
    std::string client_id;
    int64_t cursor = 0;
    int64_t limit = 5000;
};

struct FieldState {
    std::string field;
    std::optional<std::string> value;
    std::string clock;
    std::string changed_by;
};

struct RecordState {
    std::string entity;
    std::string entity_id;
    int64_t generation = 1;
    bool deleted = false;
    std::vector<FieldState> fields;  // every field for a record new to this client, else those changed
};

struct RecordRemoval {
    std::string entity;
    std::string entity_id;
};

struct PullResponse {
    int64_t cursor = 0;  // pass it to the next pull
    bool more = false;   // another page is waiting
    int64_t last_mutation_id = 0;
    std::vector<RecordState> records;
    std::vector<RecordRemoval> removals;  // left this client's scope: drop locally, never a delete
};

std::string EncodeLoginRequest(const LoginRequest& request);
Result<LoginRequest> DecodeLoginRequest(std::string_view body);
std::string EncodeLoginResponse(const LoginResponse& response);
Result<LoginResponse> DecodeLoginResponse(std::string_view body);

std::string EncodePushRequest(const PushRequest& request);
Result<PushRequest> DecodePushRequest(std::string_view body);
std::string EncodePushResponse(const PushResponse& response);
Result<PushResponse> DecodePushResponse(std::string_view body);

std::string EncodePullRequest(const PullRequest& request);
Result<PullRequest> DecodePullRequest(std::string_view body);
std::string EncodePullResponse(const PullResponse& response);
Result<PullResponse> DecodePullResponse(std::string_view body);

// {"error":{"code","message","hint"}} plus optional extras (lastMutationId on a gap).
struct ErrorBody {
    std::string code;
    std::string message;
    std::string hint;
    std::optional<int64_t> last_mutation_id;
};
std::string EncodeErrorBody(const ErrorBody& error);
Result<ErrorBody> DecodeErrorBody(std::string_view body);

// A client id: 8..64 of [A-Za-z0-9-].
bool IsValidClientId(std::string_view client_id);

}  // namespace roadbook::sync
