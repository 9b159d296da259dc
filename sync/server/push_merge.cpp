// Push: applies a client's batch in one transaction with the Replicache rules (skip ids already seen,
// refuse gaps) and the merge rule of sync/PROTOCOL.md: per field, the later clamped hybrid clock wins; the loser
// goes to the conflict log; a rejected mutation is recorded and skipped so the client never gets stuck.
#include <algorithm>
#include <set>
#include <utility>

#include "core/hybrid_logical_clock.h"
#include "sync/record_catalogue.h"
#include "sync/server/sync_service.h"

namespace roadbook::server {
namespace {

using sync::Mutation;
using sync::MutationOutcome;
using sync::MutationResult;

ServiceError StorageFailure(const std::vector<ValidationError>& errors) {
    return server::StorageFailure("Storing the changes", errors.front().message);
}

// Who may read and change a record of `team_id` (sync/PROTOCOL.md, Scope and authorisation): admins, everyone
// for organisation-wide records (""), the members of its team, and for a personal record ("user:<id>", the
// deals of an owner in no team) that person. The creator has no right of its own: a deal handed to another
// team is that team's.
bool InScope(const StoredUser& user, const std::string& team_id) {
    if (user.role == "admin" || team_id.empty() || team_id == PersonalScope(user.id)) return true;
    return std::find(user.team_ids.begin(), user.team_ids.end(), team_id) != user.team_ids.end();
}

// The deal a contact link belongs to, from its id "<deal id>:<contact id>" (the id says it, so a link can only
// ever be made for that deal).
std::string LinkDeal(const std::string& link_id) { return link_id.substr(0, link_id.find(':')); }
std::string LinkContact(const std::string& link_id) { return link_id.substr(link_id.find(':') + 1); }

// Applies one batch inside one transaction; any storage failure aborts the whole batch.
class BatchApplier {
public:
    BatchApplier(OrganisationTransaction& transaction, const Principal& principal, const SyncSettings& settings,
                 const std::string& client_id, int64_t now_ms)
        : transaction_(transaction), user_(principal.user), settings_(settings), client_id_(client_id), now_ms_(now_ms) {}

    // The outcome, or storage errors.
    Result<MutationResult> Apply(const Mutation& mutation, std::vector<sync::Conflict>& conflicts);
    int64_t version() const { return version_; }

private:
    Result<int64_t> Version();
    MutationResult Reject(const Mutation& mutation, std::string code, std::string message);
    Result<std::string> TeamOfUser(const std::optional<std::string>& user_id);
    Result<std::string> ScopeTeam(const sync::EntityRule& entity, const std::string& entity_id, RecordMeta& meta);
    Status MoveRecord(const std::string& entity, const std::string& entity_id, RecordMeta meta,
                      const std::string& new_team);
    Result<std::optional<std::string>> FieldValue(const std::string& entity, const std::string& id, const char* field);

    // Records this batch created: their creator may still write them when an earlier change in the same batch
    // (a new deal's owner in another team) already moved them out of the creator's scope.
    std::set<std::pair<std::string, std::string>> created_here_;
    OrganisationTransaction& transaction_;
    const StoredUser& user_;
    const SyncSettings& settings_;
    const std::string& client_id_;
    int64_t now_ms_;
    int64_t version_ = 0;
    std::vector<MutationResult> rejections_;
};

Result<int64_t> BatchApplier::Version() {
    if (version_ == 0) {
        auto next = transaction_.NextVersion();
        if (!next) return next.errors();
        version_ = next.value();
    }
    return version_;
}

MutationResult BatchApplier::Reject(const Mutation& mutation, std::string code, std::string message) {
    return MutationResult{mutation.id, MutationOutcome::kRejected, std::move(code), std::move(message)};
}

Result<std::optional<std::string>> BatchApplier::FieldValue(const std::string& entity, const std::string& id,
                                                            const char* field) {
    auto state = transaction_.ReadField(entity, id, field);
    if (!state) return state.errors();
    if (!state.value()) return std::optional<std::string>();
    return state.value()->value;
}

// The team of a user's records: the user's team, or a personal scope when the user is in none, so a deal owned
// by an admin or a teamless rep is never organisation-wide.
Result<std::string> BatchApplier::TeamOfUser(const std::optional<std::string>& user_id) {
    if (!user_id || user_id->empty()) return PersonalScope(user_.id);
    auto user = transaction_.FindUser(*user_id);
    if (!user) return user.errors();
    if (user.value() && !user.value()->team_id.empty()) return user.value()->team_id;
    return PersonalScope(*user_id);
}

// The team whose members receive the record, from its owner or its parent deal or lead.
Result<std::string> BatchApplier::ScopeTeam(const sync::EntityRule& entity, const std::string& entity_id,
                                            RecordMeta& meta) {
    if (entity.scope == sync::ScopeRule::kOrganisation) return std::string();
    const std::string name(entity.entity);
    if (entity.scope == sync::ScopeRule::kParentDeal && entity.composite_id) {
        auto deal = transaction_.ReadRecord("opportunity", LinkDeal(entity_id));
        if (!deal) return deal.errors();
        meta.parent_id = LinkDeal(entity_id);
        if (deal.value()) return deal.value()->team_id;
    }
    if (entity.scope == sync::ScopeRule::kParentDeal) {
        for (const char* parent_field : {"opportunity_id", "lead_id"}) {
            if (!sync::FindField(entity, parent_field)) continue;
            auto parent = FieldValue(name, entity_id, parent_field);
            if (!parent) return parent.errors();
            if (!parent.value()) continue;
            auto parent_record =
                transaction_.ReadRecord(std::string_view(parent_field) == "lead_id" ? "lead" : "opportunity", *parent.value());
            if (!parent_record) return parent_record.errors();
            meta.parent_id = *parent.value();
            if (parent_record.value()) return parent_record.value()->team_id;
        }
    }
    std::optional<std::string> owner;
    if (sync::FindField(entity, "owner_id")) {
        auto owner_value = FieldValue(name, entity_id, "owner_id");
        if (!owner_value) return owner_value.errors();
        owner = owner_value.value();
    }
    auto team = TeamOfUser(owner ? owner : std::optional<std::string>(meta.created_by));
    if (!team) return team.errors();
    return team.value();
}

// Moves a record (and, for a deal, its activities and contact links) to another team, recording the move so
// clients of the old team are told to drop it.
Status BatchApplier::MoveRecord(const std::string& entity, const std::string& entity_id, RecordMeta meta,
                                const std::string& new_team) {
    auto version = Version();
    if (!version) return version.errors();
    const std::string old_team = meta.team_id;
    meta.team_id = new_team;
    if (auto written = transaction_.WriteRecord(entity, entity_id, meta, version.value()); !written) return written;
    if (auto moved = transaction_.RecordScopeMove({entity, entity_id, old_team, new_team}, version.value()); !moved) {
        return moved;
    }
    if (entity != "opportunity" && entity != "lead") return Done{};
    auto children = transaction_.ChildRecords(entity_id);
    if (!children) return children.errors();
    for (const auto& [child_entity, child_id] : children.value()) {
        auto child = transaction_.ReadRecord(child_entity, child_id);
        if (!child) return child.errors();
        if (!child.value() || child.value()->team_id == new_team) continue;
        if (auto moved = MoveRecord(child_entity, child_id, *child.value(), new_team); !moved) return moved;
    }
    return Done{};
}

Result<MutationResult> BatchApplier::Apply(const Mutation& mutation, std::vector<sync::Conflict>& conflicts) {
    const sync::EntityRule* entity = sync::FindEntity(mutation.entity);
    if (!entity) return Reject(mutation, "unknown-entity", "entity \"" + mutation.entity + "\" does not sync");
    if (!sync::IsValidEntityId(*entity, mutation.entity_id)) {
        return Reject(mutation, "format", mutation.entity + " id \"" + mutation.entity_id + "\" is not a valid id");
    }
    const bool deletion = mutation.field == sync::kDeletedField;
    const sync::FieldRule* field = deletion ? nullptr : sync::FindField(*entity, mutation.field);
    if (!deletion && !field) {
        return Reject(mutation, "unknown-field", mutation.entity + "." + mutation.field + " is not a synced field");
    }
    if (deletion && mutation.value != "0" && mutation.value != "1") {
        return Reject(mutation, "format", mutation.entity + "._deleted must be \"1\" (delete) or \"0\" (restore)");
    }
    if (field) {
        if (auto checked = sync::CheckFieldValue(*entity, *field, mutation.value); !checked) {
            return Reject(mutation, checked.first_error().rule, checked.first_error().message);
        }
    }
    auto stamp = ParseHybridTimestamp(mutation.clock, "clock");
    if (!stamp) return Reject(mutation, "format", "clock \"" + mutation.clock + "\" is not a hybrid clock stamp");
    if (entity->access == sync::WriteAccess::kServerOnly) {
        return Reject(mutation, "forbidden", mutation.entity + " records are managed on the server only");
    }
    if (entity->access == sync::WriteAccess::kAdmin && user_.role != "admin") {
        return Reject(mutation, "forbidden", "only an admin may change " + mutation.entity + " records");
    }
    const std::string clock = EncodeHybridTimestamp(ClampToMaxDrift(stamp.value(), now_ms_, settings_.max_clock_drift_ms).timestamp);

    auto existing = transaction_.ReadRecord(mutation.entity, mutation.entity_id);
    if (!existing) return existing.errors();
    RecordMeta meta = existing.value().value_or(RecordMeta{1, false, "", "", user_.id, 0});
    const auto record_key = std::make_pair(mutation.entity, mutation.entity_id);
    if (existing.value()) {
        if (!InScope(user_, meta.team_id) && !created_here_.contains(record_key)) {
            return Reject(mutation, "forbidden", mutation.entity + " " + mutation.entity_id + " belongs to another team");
        }
        if (mutation.generation < meta.generation) {
            return Reject(mutation, "stale-generation", mutation.entity + " " + mutation.entity_id +
                                                            " was deleted and restored since this change was made");
        }
    }
    if (deletion && !existing.value()) {
        return Reject(mutation, "missing", mutation.entity + " " + mutation.entity_id + " does not exist");
    }
    if (entity->composite_id) {
        // A link's id names its deal and contact: the fields must agree with it, and the deal must be one the
        // writer may change (a deal of another team gets the same answer as one that does not exist).
        const std::string expected = mutation.field == "opportunity_id" ? LinkDeal(mutation.entity_id)
                                     : mutation.field == "contact_id"   ? LinkContact(mutation.entity_id)
                                                                        : std::string();
        if (!expected.empty() && mutation.value != expected) {
            return Reject(mutation, "format", mutation.entity + "." + mutation.field + " must be " + expected +
                                                  ", as the id " + mutation.entity_id + " says");
        }
        if (!existing.value()) {
            auto deal = transaction_.ReadRecord("opportunity", LinkDeal(mutation.entity_id));
            if (!deal) return deal.errors();
            if (!deal.value() || deal.value()->deleted || !InScope(user_, deal.value()->team_id)) {
                return Reject(mutation, "missing-reference", mutation.entity + " " + mutation.entity_id +
                                                                 " points to opportunity " + LinkDeal(mutation.entity_id) +
                                                                 ", which does not exist");
            }
        }
    }
    if (mutation.generation > meta.generation) {
        return Reject(mutation, "unknown-generation", "generation " + std::to_string(mutation.generation) +
                                                          " of " + mutation.entity + " " + mutation.entity_id +
                                                          " does not exist");
    }
    if (field && field->kind == sync::ValueKind::kId && !field->references.empty() && mutation.value) {
        auto target = transaction_.ReadRecord(std::string(field->references), *mutation.value);
        if (!target) return target.errors();
        // A record the writer may not read is answered as one that does not exist, so no id can be probed;
        // and since a child joins its parent deal's team, this also keeps children off other teams' deals.
        const bool readable = target.value() && !target.value()->deleted &&
                              (InScope(user_, target.value()->team_id) ||
                               created_here_.contains({std::string(field->references), *mutation.value}));
        if (!readable) {
            return Reject(mutation, "missing-reference", mutation.entity + "." + mutation.field + " points to " +
                                                             std::string(field->references) + " " + *mutation.value +
                                                             ", which does not exist");
        }
    }
    auto version = Version();
    if (!version) return version.errors();

    if (deletion) {
        const bool delete_it = *mutation.value == "1";
        if (delete_it == meta.deleted) return MutationResult{mutation.id, MutationOutcome::kApplied, {}, {}};
        meta.deleted = delete_it;
        meta.deleted_at_ms = delete_it ? now_ms_ : 0;
        if (!delete_it) ++meta.generation;  // a restore starts a new life; changes to the old one are stale
        if (auto written = transaction_.WriteRecord(mutation.entity, mutation.entity_id, meta, version.value()); !written) {
            return written.errors();
        }
        return MutationResult{mutation.id, MutationOutcome::kApplied, {}, {}};
    }

    auto current = transaction_.ReadField(mutation.entity, mutation.entity_id, mutation.field);
    if (!current) return current.errors();
    const std::optional<StoredField>& before = current.value();
    if (before && before->clock == clock && before->value == mutation.value) {
        return MutationResult{mutation.id, MutationOutcome::kDuplicate, {}, {}};  // replayed by a new incarnation
    }
    const bool mine_wins = !before || clock > before->clock;
    // Concurrent: someone else wrote a value this device had not seen when it made its change.
    const bool concurrent = before && before->changed_by != user_.id && before->value != mutation.base;
    if (concurrent || (!mine_wins && before)) {
        ConflictEntry entry{mutation.entity, mutation.entity_id, mutation.field, {}, {}, {}, {}, {}, {}, now_ms_};
        if (mine_wins) {
            entry.losing_value = before->value, entry.losing_clock = before->clock, entry.losing_user = before->changed_by;
            entry.winning_value = mutation.value, entry.winning_clock = clock, entry.winning_user = user_.id;
        } else {
            entry.losing_value = mutation.value, entry.losing_clock = clock, entry.losing_user = user_.id;
            entry.winning_value = before->value, entry.winning_clock = before->clock, entry.winning_user = before->changed_by;
        }
        if (auto logged = transaction_.AppendConflict(entry); !logged) return logged.errors();
        if (concurrent && sync::IsInboxField(mutation.entity, mutation.field)) {
            conflicts.push_back({mutation.id, mutation.entity, mutation.entity_id, mutation.field, mutation.base,
                                 mutation.value, before->value, before->changed_by, mine_wins});
        }
    }
    if (!mine_wins) {
        // Sent again with a new version, so the device that lost pulls the winning value back.
        StoredField winner = *before;
        winner.version = version.value();
        if (auto written = transaction_.WriteField(mutation.entity, mutation.entity_id, mutation.field, winner); !written) {
            return written.errors();
        }
        return MutationResult{mutation.id, MutationOutcome::kLost, {}, {}};
    }
    StoredField state{mutation.value, clock, user_.id, version.value()};
    if (auto written = transaction_.WriteField(mutation.entity, mutation.entity_id, mutation.field, state); !written) {
        return written.errors();
    }
    const bool scope_field = mutation.field == "owner_id" || mutation.field == "opportunity_id" || mutation.field == "lead_id";
    if (!existing.value() || scope_field) {
        auto team = ScopeTeam(*entity, mutation.entity_id, meta);
        if (!team) return team.errors();
        if (!existing.value()) {
            created_here_.insert(record_key);
            meta.team_id = team.value();
            if (auto written = transaction_.WriteRecord(mutation.entity, mutation.entity_id, meta, version.value()); !written) {
                return written.errors();
            }
        } else if (team.value() != meta.team_id) {
            if (auto moved = MoveRecord(mutation.entity, mutation.entity_id, meta, team.value()); !moved) return moved.errors();
        } else if (auto written = transaction_.WriteRecord(mutation.entity, mutation.entity_id, meta, version.value()); !written) {
            return written.errors();
        }
    }
    return MutationResult{mutation.id, MutationOutcome::kApplied, {}, {}};
}

}  // namespace

ServiceResult<sync::PushResponse> SyncService::Push(const Principal& principal, const sync::PushRequest& request,
                                                    int64_t now_ms) {
    const std::string& organisation = principal.user.organisation_id;
    auto began = store_.Begin(organisation, true);
    if (!began) return StorageFailure(began.errors());
    OrganisationTransaction& transaction = *began.value();
    auto last_seen = transaction.ClientLastMutation(request.client_id, principal.user.id, true);
    if (!last_seen) {
        if (last_seen.first_error().rule == "forbidden") {
            return Failure(403, "forbidden", last_seen.first_error().message, "Use a new client id.");
        }
        return StorageFailure(last_seen.errors());
    }
    int64_t last = last_seen.value().last_mutation_id;
    std::string last_clock = last_seen.value().last_clock;
    const auto gap = [&] {
        return Failure(409, "mutation-gap",
                             "The server has applied this client's mutations up to " + std::to_string(last) +
                                 ", and this batch does not continue from there",
                             "Push again from the mutation after lastMutationId.", last);
    };
    // A new client (last == 0) may start anywhere: its first batch sets the line.
    if (last != 0 && request.previous_mutation_id > last) return gap();

    sync::PushResponse response;
    BatchApplier applier(transaction, principal, settings_, request.client_id, now_ms);
    int64_t predecessor = request.previous_mutation_id;
    for (const Mutation& mutation : request.mutations) {
        if (mutation.id <= last) {
            // A duplicate replays what was sent before: one client's clocks grow with its ids, so an old id
            // with a newer clock than the last one applied is new work under a reused id.
            if ((mutation.id == last && mutation.clock != last_clock) || (mutation.id < last && mutation.clock > last_clock)) {
                return Failure(409, "client-id-reused",
                               "Mutation " + std::to_string(mutation.id) +
                                   " was applied before with different content: this device lost local state",
                               "Continue as a new client id and push the outbox again.", last);
            }
            response.results.push_back({mutation.id, sync::MutationOutcome::kDuplicate, {}, {}});
            predecessor = mutation.id;
            continue;
        }
        // The server saw an id between this mutation and the one before it in the batch: the two sides disagree.
        if (last != 0 && predecessor < last) return gap();
        auto applied = applier.Apply(mutation, response.conflicts);
        if (!applied) return StorageFailure(applied.errors());
        if (applied.value().outcome == sync::MutationOutcome::kRejected) {
            if (auto recorded = transaction.AppendRejection(request.client_id, mutation.id, applied.value().code,
                                                            applied.value().message, now_ms);
                !recorded) {
                return StorageFailure(recorded.errors());
            }
        }
        response.results.push_back(applied.value());
        last = mutation.id;
        last_clock = mutation.clock;
        predecessor = mutation.id;
    }
    if (auto recorded = transaction.SetClientLastMutation(request.client_id, {last, last_clock}); !recorded) {
        return StorageFailure(recorded.errors());
    }
    if (auto committed = transaction.Commit(); !committed) return StorageFailure(committed.errors());
    if (applier.version() != 0) notifier_.Notify(organisation, applier.version());
    response.last_mutation_id = last;
    return response;
}

}  // namespace roadbook::server
