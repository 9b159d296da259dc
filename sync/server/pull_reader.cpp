// Pull: one page of changes after the client's cursor, read in one snapshot and cut on version
// boundaries, limited to the client's scope, with removals for records that left it.
#include <algorithm>
#include <map>
#include <set>

#include "sync/server/sync_service.h"

namespace roadbook::server {
namespace {

ServiceError StorageFailure(const std::vector<ValidationError>& errors) {
    return server::StorageFailure("Reading the changes", errors.front().message);
}

ReadScope ScopeOf(const StoredUser& user) {
    ReadScope scope;
    scope.everything = user.role == "admin";
    scope.team_ids = user.team_ids;
    scope.team_ids.push_back(PersonalScope(user.id));
    if (!user.team_id.empty() && std::find(scope.team_ids.begin(), scope.team_ids.end(), user.team_id) == scope.team_ids.end()) {
        scope.team_ids.push_back(user.team_id);
    }
    return scope;
}

bool Receives(const ReadScope& scope, const std::string& team_id) {
    return scope.everything || team_id.empty() ||
           std::find(scope.team_ids.begin(), scope.team_ids.end(), team_id) != scope.team_ids.end();
}

sync::FieldState ToFieldState(const ChangedField& field) {
    return sync::FieldState{field.field, field.state.value, field.state.clock, field.state.changed_by};
}

}  // namespace

ServiceResult<sync::PullResponse> SyncService::Pull(const Principal& principal, const sync::PullRequest& request) {
    auto began = store_.Begin(principal.user.organisation_id, false);
    if (!began) return StorageFailure(began.errors());
    OrganisationTransaction& transaction = *began.value();
    auto collected = transaction.CollectedVersion();
    if (!collected) return StorageFailure(collected.errors());
    if (request.cursor > 0 && request.cursor < collected.value()) {
        return Failure(410, "reset-required", "Deleted records older than this device's last sync were cleaned up",
                                  "Pull again from cursor 0; keep and push the outbox as usual.");
    }
    auto current = transaction.CurrentVersion();
    if (!current) return StorageFailure(current.errors());
    if (request.cursor > current.value()) {
        return Failure(400, "bad-cursor", "cursor " + std::to_string(request.cursor) + " is ahead of the server",
                                  "Pull again from cursor 0.");
    }
    auto last_mutation = transaction.ClientLastMutation(request.client_id, principal.user.id, false);
    if (!last_mutation) {
        if (last_mutation.first_error().rule == "forbidden") {
            return Failure(403, "forbidden", last_mutation.first_error().message, "Use a new client id.");
        }
        return StorageFailure(last_mutation.errors());
    }
    auto page_end = transaction.PageEnd(request.cursor, request.limit);
    if (!page_end) return StorageFailure(page_end.errors());
    const int64_t end = std::max(request.cursor, std::min(page_end.value(), current.value()));
    const ReadScope scope = ScopeOf(principal.user);

    auto fields = transaction.FieldsChanged(request.cursor, end, scope);
    if (!fields) return StorageFailure(fields.errors());
    auto records = transaction.RecordsChanged(request.cursor, end, scope);
    if (!records) return StorageFailure(records.errors());
    auto moves = transaction.ScopeMoves(request.cursor, end);
    if (!moves) return StorageFailure(moves.errors());

    sync::PullResponse response;
    response.cursor = end;
    response.more = end < current.value();
    response.last_mutation_id = last_mutation.value().last_mutation_id;

    // Records keyed in first-change order, each with its fields.
    std::map<std::pair<std::string, std::string>, size_t> index;
    const auto record_slot = [&](const std::string& entity, const std::string& entity_id) -> sync::RecordState& {
        auto [found, inserted] = index.try_emplace({entity, entity_id}, response.records.size());
        if (inserted) response.records.push_back(sync::RecordState{entity, entity_id, 1, false, {}});
        return response.records[found->second];
    };
    std::set<std::pair<std::string, std::string>> whole;  // records sent with every field
    for (const ChangedRecord& record : records.value()) {
        sync::RecordState& state = record_slot(record.entity, record.entity_id);
        state.generation = record.meta.generation;
        state.deleted = record.meta.deleted;
        if (record.meta.deleted) continue;
        // New, restored or moved into scope: the device may have nothing of it, so it gets every field.
        auto all = transaction.AllFields(record.entity, record.entity_id);
        if (!all) return StorageFailure(all.errors());
        for (const ChangedField& field : all.value()) state.fields.push_back(ToFieldState(field));
        whole.insert({record.entity, record.entity_id});
    }
    for (const ChangedField& field : fields.value()) {
        const std::pair<std::string, std::string> key{field.entity, field.entity_id};
        if (whole.contains(key)) continue;
        const bool known = index.contains(key);
        sync::RecordState& state = record_slot(field.entity, field.entity_id);
        if (!known) {
            auto meta = transaction.ReadRecord(field.entity, field.entity_id);
            if (!meta) return StorageFailure(meta.errors());
            if (meta.value()) {
                state.generation = meta.value()->generation;
                state.deleted = meta.value()->deleted;
            }
        }
        if (!state.deleted) state.fields.push_back(ToFieldState(field));
    }
    if (!scope.everything) {
        for (const ScopeMove& move : moves.value()) {
            if (!Receives(scope, move.from_team) || Receives(scope, move.to_team)) continue;
            // Still out of scope now? A later move back in shows up as a changed record above.
            auto meta = transaction.ReadRecord(move.entity, move.entity_id);
            if (!meta) return StorageFailure(meta.errors());
            if (meta.value() && Receives(scope, meta.value()->team_id)) continue;
            response.removals.push_back({move.entity, move.entity_id});
        }
    }
    // The client-row insert for a new client is the only write; commit it.
    if (auto committed = transaction.Commit(); !committed) return StorageFailure(committed.errors());
    return response;
}

}  // namespace roadbook::server
