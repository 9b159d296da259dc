// JSON encoding and strict decoding of the protocol v1 bodies (sync/PROTOCOL.md).
#include "sync/protocol.h"

#include <limits>

#include <nlohmann/json.hpp>

#include "sync/json_reader.h"

namespace roadbook::sync {
namespace {

using nlohmann::json;

constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
constexpr size_t kMaxValueBytes = 100'000;

// Invalid UTF-8 (never produced by us, possible in echoed input) is replaced rather than thrown on.
std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

json Nullable(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

json Envelope() { return json{{"schemaVersion", kSchemaVersion}}; }

template <typename Value>
Result<Value> Finish(JsonObjectReader& reader, Value value) {
    if (auto finished = reader.Finish(); !finished) return finished.errors();
    return value;
}

// Reads each element of an array as an object with `read`, collecting errors into the parent reader.
template <typename Item, typename ReadItem>
std::vector<Item> ReadArray(JsonObjectReader& parent, std::string_view key, size_t max_items, ReadItem read) {
    std::vector<Item> items;
    const json& array = parent.Array(key, max_items);
    items.reserve(array.size());
    for (size_t index = 0; index < array.size(); ++index) {
        JsonObjectReader element(array[index], parent.FieldPath(key) + "[" + std::to_string(index) + "]");
        Item item = read(element);
        if (auto finished = element.Finish(); !finished) {
            for (const ValidationError& error : finished.errors()) parent.errors().push_back(error);
        }
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<std::string> ReadTextArray(JsonObjectReader& parent, std::string_view key) {
    std::vector<std::string> texts;
    const json& array = parent.Array(key, 1000);
    for (const json& item : array) {
        if (!item.is_string()) {
            parent.errors().push_back({parent.FieldPath(key), "type", parent.FieldPath(key) + " must hold strings"});
            break;
        }
        texts.push_back(item.get<std::string>());
    }
    return texts;
}

}  // namespace

std::string_view MutationOutcomeName(MutationOutcome outcome) {
    switch (outcome) {
    case MutationOutcome::kApplied: return "applied";
    case MutationOutcome::kLost: return "lost";
    case MutationOutcome::kDuplicate: return "duplicate";
    case MutationOutcome::kRejected: return "rejected";
    }
    return "applied";
}

bool IsValidClientId(std::string_view client_id) {
    if (client_id.size() < 8 || client_id.size() > 64) return false;
    for (char character : client_id) {
        const bool allowed = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
                             (character >= '0' && character <= '9') || character == '-';
        if (!allowed) return false;
    }
    return true;
}

std::string EncodeLoginRequest(const LoginRequest& request) {
    json body = Envelope();
    body["email"] = request.email;
    body["password"] = request.password;
    return Dump(body);
}

Result<LoginRequest> DecodeLoginRequest(std::string_view body) {
    auto parsed = ParseJsonObject(body, kRequestJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    ReadSchemaVersion(reader);
    LoginRequest request{reader.Text("email", 254), reader.Text("password", 1024)};
    return Finish(reader, std::move(request));
}

std::string EncodeLoginResponse(const LoginResponse& response) {
    json body = Envelope();
    body["token"] = response.token;
    body["user"] = {{"id", response.user.id},       {"name", response.user.name},
                    {"email", response.user.email}, {"role", response.user.role},
                    {"teamIds", response.user.team_ids}};
    body["organisation"] = {{"id", response.organisation_id}, {"name", response.organisation_name}};
    return Dump(body);
}

Result<LoginResponse> DecodeLoginResponse(std::string_view body) {
    auto parsed = ParseJsonObject(body, kResponseJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    ReadSchemaVersion(reader);
    LoginResponse response;
    response.token = reader.Text("token", 200);
    JsonObjectReader user(reader.Object("user"), "user");
    response.user.id = user.Text("id", 80);
    response.user.name = user.Text("name", 1000);
    response.user.email = user.Text("email", 254);
    response.user.role = user.Text("role", 20);
    response.user.team_ids = ReadTextArray(user, "teamIds");
    if (auto finished = user.Finish(); !finished) return finished.errors();
    JsonObjectReader organisation(reader.Object("organisation"), "organisation");
    response.organisation_id = organisation.Text("id", 80);
    response.organisation_name = organisation.Text("name", 1000);
    if (auto finished = organisation.Finish(); !finished) return finished.errors();
    return Finish(reader, std::move(response));
}

std::string EncodePushRequest(const PushRequest& request) {
    json body = Envelope();
    body["clientId"] = request.client_id;
    body["previousMutationId"] = request.previous_mutation_id;
    json mutations = json::array();
    for (const Mutation& mutation : request.mutations) {
        mutations.push_back({{"id", mutation.id},
                             {"entity", mutation.entity},
                             {"entityId", mutation.entity_id},
                             {"field", mutation.field},
                             {"value", Nullable(mutation.value)},
                             {"base", Nullable(mutation.base)},
                             {"clock", mutation.clock},
                             {"generation", mutation.generation}});
    }
    body["mutations"] = std::move(mutations);
    return Dump(body);
}

Result<PushRequest> DecodePushRequest(std::string_view body) {
    auto parsed = ParseJsonObject(body, kRequestJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    ReadSchemaVersion(reader);
    PushRequest request;
    request.client_id = reader.Text("clientId", 64);
    if (reader.errors().empty() && !IsValidClientId(request.client_id)) {
        reader.errors().push_back({"clientId", "format", "clientId must be 8 to 64 of A-Z, a-z, 0-9 and -"});
    }
    request.previous_mutation_id = reader.Integer("previousMutationId", 0, kMaxId);
    request.mutations = ReadArray<Mutation>(reader, "mutations", kMaxMutationsPerPush, [](JsonObjectReader& item) {
        Mutation mutation;
        mutation.id = item.Integer("id", 1, kMaxId);
        mutation.entity = item.Text("entity", 40);
        mutation.entity_id = item.Text("entityId", 200);
        mutation.field = item.Text("field", 60);
        mutation.value = item.NullableText("value", kMaxValueBytes);
        mutation.base = item.NullableText("base", kMaxValueBytes);
        mutation.clock = item.Text("clock", 100);
        mutation.generation = item.Integer("generation", 1, kMaxId);
        return mutation;
    });
    for (size_t index = 1; index < request.mutations.size() && reader.errors().empty(); ++index) {
        if (request.mutations[index].id <= request.mutations[index - 1].id) {
            reader.errors().push_back({"mutations", "order", "mutations must have increasing ids"});
        }
    }
    if (reader.errors().empty() && !request.mutations.empty() &&
        request.mutations.front().id <= request.previous_mutation_id) {
        reader.errors().push_back(
            {"previousMutationId", "order", "previousMutationId must be below the first mutation's id"});
    }
    return Finish(reader, std::move(request));
}

std::string EncodePushResponse(const PushResponse& response) {
    json body = Envelope();
    body["lastMutationId"] = response.last_mutation_id;
    json results = json::array();
    for (const MutationResult& result : response.results) {
        json item = {{"id", result.id}, {"outcome", MutationOutcomeName(result.outcome)}};
        if (result.outcome == MutationOutcome::kRejected) {
            item["code"] = result.code;
            item["message"] = result.message;
        }
        results.push_back(std::move(item));
    }
    body["results"] = std::move(results);
    json conflicts = json::array();
    for (const Conflict& conflict : response.conflicts) {
        conflicts.push_back({{"mutationId", conflict.mutation_id}, {"entity", conflict.entity},
                             {"entityId", conflict.entity_id},     {"field", conflict.field},
                             {"base", Nullable(conflict.base)},    {"mine", Nullable(conflict.mine)},
                             {"theirs", Nullable(conflict.theirs)}, {"theirsBy", conflict.theirs_by},
                             {"winner", conflict.mine_won ? "mine" : "theirs"}});
    }
    body["conflicts"] = std::move(conflicts);
    return Dump(body);
}

Result<PushResponse> DecodePushResponse(std::string_view body) {
    auto parsed = ParseJsonObject(body, kResponseJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    ReadSchemaVersion(reader);
    PushResponse response;
    response.last_mutation_id = reader.Integer("lastMutationId", 0, kMaxId);
    response.results = ReadArray<MutationResult>(reader, "results", kMaxMutationsPerPush, [](JsonObjectReader& item) {
        MutationResult result;
        result.id = item.Integer("id", 1, kMaxId);
        const std::string outcome = item.Text("outcome", 20);
        if (outcome == "lost") result.outcome = MutationOutcome::kLost;
        else if (outcome == "duplicate") result.outcome = MutationOutcome::kDuplicate;
        else if (outcome == "rejected") result.outcome = MutationOutcome::kRejected;
        if (result.outcome == MutationOutcome::kRejected) {
            result.code = item.Text("code", 60);
            result.message = item.Text("message", 2000);
        }
        return result;
    });
    response.conflicts = ReadArray<Conflict>(reader, "conflicts", kMaxMutationsPerPush, [](JsonObjectReader& item) {
        Conflict conflict;
        conflict.mutation_id = item.Integer("mutationId", 1, kMaxId);
        conflict.entity = item.Text("entity", 40);
        conflict.entity_id = item.Text("entityId", 200);
        conflict.field = item.Text("field", 60);
        conflict.base = item.NullableText("base", kMaxValueBytes);
        conflict.mine = item.NullableText("mine", kMaxValueBytes);
        conflict.theirs = item.NullableText("theirs", kMaxValueBytes);
        conflict.theirs_by = item.Text("theirsBy", 80);
        conflict.mine_won = item.Text("winner", 10) == "mine";
        return conflict;
    });
    return Finish(reader, std::move(response));
}

std::string EncodePullRequest(const PullRequest& request) {
    json body = Envelope();
    body["clientId"] = request.client_id;
    body["cursor"] = request.cursor;
    body["limit"] = request.limit;
    return Dump(body);
}

Result<PullRequest> DecodePullRequest(std::string_view body) {
    auto parsed = ParseJsonObject(body, kRequestJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    ReadSchemaVersion(reader);
    PullRequest request;
    request.client_id = reader.Text("clientId", 64);
    if (reader.errors().empty() && !IsValidClientId(request.client_id)) {
        reader.errors().push_back({"clientId", "format", "clientId must be 8 to 64 of A-Z, a-z, 0-9 and -"});
    }
    request.cursor = reader.Integer("cursor", 0, kMaxId);
    request.limit = reader.OptionalInteger("limit", 1, kMaxPullLimit).value_or(5000);
    return Finish(reader, std::move(request));
}

std::string EncodePullResponse(const PullResponse& response) {
    json body = Envelope();
    body["cursor"] = response.cursor;
    body["more"] = response.more;
    body["lastMutationId"] = response.last_mutation_id;
    json records = json::array();
    for (const RecordState& record : response.records) {
        json fields = json::object();
        for (const FieldState& field : record.fields) {
            fields[field.field] = {{"value", Nullable(field.value)}, {"clock", field.clock}, {"by", field.changed_by}};
        }
        records.push_back({{"entity", record.entity},
                           {"entityId", record.entity_id},
                           {"generation", record.generation},
                           {"deleted", record.deleted},
                           {"fields", std::move(fields)}});
    }
    body["records"] = std::move(records);
    json removals = json::array();
    for (const RecordRemoval& removal : response.removals) {
        removals.push_back({{"entity", removal.entity}, {"entityId", removal.entity_id}});
    }
    body["removals"] = std::move(removals);
    return Dump(body);
}

Result<PullResponse> DecodePullResponse(std::string_view body) {
    auto parsed = ParseJsonObject(body, kResponseJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    ReadSchemaVersion(reader);
    PullResponse response;
    response.cursor = reader.Integer("cursor", 0, kMaxId);
    response.more = reader.Boolean("more");
    response.last_mutation_id = reader.Integer("lastMutationId", 0, kMaxId);
    response.records = ReadArray<RecordState>(reader, "records", 10'000'000, [](JsonObjectReader& item) {
        RecordState record;
        record.entity = item.Text("entity", 40);
        record.entity_id = item.Text("entityId", 200);
        record.generation = item.Integer("generation", 1, kMaxId);
        record.deleted = item.Boolean("deleted");
        const json& fields = item.Object("fields");
        for (const auto& field : fields.items()) {
            JsonObjectReader state(field.value(), item.FieldPath("fields") + "." + field.key());
            FieldState field_state{field.key(), state.NullableText("value", kMaxValueBytes), state.Text("clock", 100),
                                   state.Text("by", 80)};
            if (auto finished = state.Finish(); !finished) {
                for (const ValidationError& error : finished.errors()) item.errors().push_back(error);
            }
            record.fields.push_back(std::move(field_state));
        }
        return record;
    });
    response.removals = ReadArray<RecordRemoval>(reader, "removals", 10'000'000, [](JsonObjectReader& item) {
        return RecordRemoval{item.Text("entity", 40), item.Text("entityId", 200)};
    });
    return Finish(reader, std::move(response));
}

std::string EncodeErrorBody(const ErrorBody& error) {
    json body = {{"error", {{"code", error.code}, {"message", error.message}, {"hint", error.hint}}}};
    if (error.last_mutation_id) body["lastMutationId"] = *error.last_mutation_id;
    return Dump(body);
}

Result<ErrorBody> DecodeErrorBody(std::string_view body) {
    auto parsed = ParseJsonObject(body, kResponseJsonLimits);
    if (!parsed) return parsed.errors();
    JsonObjectReader reader(parsed.value(), "");
    JsonObjectReader error(reader.Object("error"), "error");
    ErrorBody decoded{error.Text("code", 100), error.Text("message", 10'000), error.Text("hint", 10'000), std::nullopt};
    if (auto finished = error.Finish(); !finished) return finished.errors();
    decoded.last_mutation_id = reader.OptionalInteger("lastMutationId", 0, kMaxId);
    return Finish(reader, std::move(decoded));
}

}  // namespace roadbook::sync
