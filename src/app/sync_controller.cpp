// The app's side of sync: scheduling rounds, sending through the platform, and the sync view model.
#include "app/sync_controller.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/calendar_date.h"
#include "core/money.h"
#include "store/local_book.h"

namespace roadbook {
namespace {

std::string FieldLabel(const std::string& field) {
    if (field == "amount_minor") return "Amount";
    if (field == "currency_code") return "Currency";
    if (field == "expected_close_date") return "Close date";
    if (field == "stage_id") return "Stage";
    if (field == "probability_override") return "Probability";
    if (field == "owner_id") return "Owner";
    std::string label = field;
    for (const char* suffix : {"_id", "_ms"}) {
        if (label.size() > 3 && label.ends_with(suffix)) label.resize(label.size() - 3);
    }
    for (char& character : label) {
        if (character == '_') character = ' ';
    }
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = char(label[0] - 'a' + 'A');
    return label;
}

std::string Plural(int64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

SyncController::SyncController(Database& database, std::function<int64_t()> now_ms,
                               std::function<int32_t(int64_t)> utc_offset, std::function<std::string()> new_client_id,
                               std::function<double()> random_unit)
    : database_(database),
      now_ms_(std::move(now_ms)),
      utc_offset_(std::move(utc_offset)),
      engine_(database, sync::EngineHooks{now_ms_, std::move(new_client_id),
                                          [this] {
                                              return tracking_persistence_ ? persisted_sequence_
                                                                           : std::numeric_limits<int64_t>::max();
                                          },
                                          std::move(random_unit),
                                          [this](const SyncIdentity&) { return PrepareLocalBook(); }}) {}

Status SyncController::Open() {
    if (auto opened = engine_.Open(); !opened) return opened;
    cursor_seen_ = engine_.identity().cursor;
    away_since_ms_ = engine_.identity().last_synced_at_ms;
    engine_.RequestSync();  // start: catch up with what happened while the app was closed
    return Done{};
}

void SyncController::SetPlatform(SyncPlatform platform) {
    platform_ = std::move(platform);
    Listen();
}

void SyncController::TrackPersistence() {
    tracking_persistence_ = true;
    MarkAllPersisted();  // what was loaded from the device is on the device
}

void SyncController::MarkAllPersisted() {
    Invalidate();
    auto highest = engine_.replica().HighestLocalSequence();
    if (!highest || highest.value() <= persisted_sequence_) return;
    persisted_sequence_ = highest.value();
    // Changes that were waiting for the disk may go now (a round that ran before the save skipped them).
    if (engine_.signed_in() && commit_sync_at_ms_ == 0) engine_.RequestSync();
}

void SyncController::OnLocalCommit() {
    if (!engine_.signed_in()) return;
    if (commit_sync_at_ms_ == 0) {
        commit_sync_at_ms_ = now_ms_() + kCommitPauseMs;
        if (platform_.wake_after) platform_.wake_after(kCommitPauseMs);
    }
    changed_ = true;  // the pending count moved
    Invalidate();
}

void SyncController::RequestSync() {
    Invalidate();
    if (engine_.RequestSync()) changed_ = true;
}

void SyncController::Listen() {
    if (!platform_.listen_for_changes) return;
    const std::string token = engine_.signed_in() ? engine_.identity().token : std::string();
    if (token == listening_token_) return;
    listening_token_ = token;
    platform_.listen_for_changes(engine_.identity().server_url, token);
}

bool SyncController::Tick() {
    const int64_t now = now_ms_();
    if (commit_sync_at_ms_ != 0 && now >= commit_sync_at_ms_) {
        commit_sync_at_ms_ = 0;
        engine_.RequestSync();
    }
    if (engine_.signed_in() && now >= next_timer_ms_) {
        next_timer_ms_ = now + kTimerMs;
        engine_.RequestSync();
    }
    if (platform_.send && !in_flight_ && engine_.Due(now)) {
        if (auto request = engine_.NextRequest()) Send(*request);
    }
    const bool changed = changed_;
    if (changed) Invalidate();
    changed_ = false;
    return changed;
}

void SyncController::Send(const sync::OutgoingRequest& request) {
    in_flight_ = true;
    changed_ = true;
    std::weak_ptr<int> alive = alive_;
    platform_.send(request, [this, alive](const sync::HttpReply& reply) {
        if (alive.expired()) return;
        in_flight_ = false;
        engine_.HandleReply(reply);
        changed_ = true;
        Invalidate();
        if (engine_.identity().cursor != cursor_seen_) {
            cursor_seen_ = engine_.identity().cursor;
            data_changed_ = true;
            if (engine_.signed_in() && engine_.CurrentStatus().phase == sync::SyncPhase::kIdle) AnnounceAway();
        }
        Listen();
        AdoptAfterFirstPull();
        // Keep going within the round without waiting for a frame; after trouble, wake when the backoff ends.
        if (!in_flight_ && engine_.Due(now_ms_())) {
            if (auto next = engine_.NextRequest()) Send(*next);
        }
        const sync::SyncStatus status = engine_.CurrentStatus();
        if (status.phase == sync::SyncPhase::kWaitingToRetry && platform_.wake_after) {
            platform_.wake_after(std::max<int64_t>(0, status.retry_at_ms - now_ms_()) + 10);
        }
    });
}

void SyncController::Invalidate() {
    detail_valid_ = false;
    status_valid_ = false;
    record_state_for_.clear();
}

bool SyncController::TakeDataChanged() {
    const bool changed = data_changed_;
    data_changed_ = false;
    return changed;
}

std::optional<std::string> SyncController::TakeToast() {
    std::optional<std::string> toast = std::move(toast_);
    toast_.reset();
    return toast;
}

std::string SyncController::actor() const {
    return engine_.identity().user_id.empty() ? std::string("local") : engine_.identity().user_id;
}

std::string SyncController::FormatValue(const std::string& deal_id, const std::string& field,
                                        const std::optional<std::string>& value) {
    if (!value) return "none";
    ReplicaStore& replica = engine_.replica();
    if (field == "amount_minor") {
        const std::string currency = replica.LookupText("opportunities", "currency_code", deal_id);
        if (!currency.empty()) return FormatMoney(Money{std::stoll(*value), currency});
    }
    if (field == "stage_id") {
        const std::string stage = replica.LookupText("stages", "name", *value);
        if (!stage.empty()) return stage;
    }
    if (field == "owner_id") return replica.UserName(*value);
    if (field == "probability_override") return *value + " %";
    return *value;
}

std::string SyncController::Describe(const std::string& entity, const std::string& entity_id, const std::string& field,
                                     const std::optional<std::string>& value) {
    if (entity == "opportunity") return FieldLabel(field) + " \u2192 " + FormatValue(entity_id, field, value);
    return FieldLabel(field) + " \u2192 " + value.value_or("none");
}

ui::SyncModel SyncController::Model(bool detailed, bool offline) {
    ui::SyncModel model;
    const SyncIdentity& identity = engine_.identity();
    if (!status_valid_ || in_flight_) {
        // Signed out, nothing is counted: a device with a large history pays nothing per frame.
        status_ = engine_.signed_in() ? engine_.CurrentStatus() : sync::SyncStatus{};
        status_.phase = engine_.CurrentPhase();
        status_.error = engine_.CurrentError();
        status_valid_ = !in_flight_;
    }
    const sync::SyncStatus& status = status_;
    model.signed_in = engine_.signed_in();
    model.signing_in = status.phase == sync::SyncPhase::kSigningIn;
    model.server_url = identity.server_url;
    model.default_server_url = platform_.default_server_url;
    model.organisation_name = identity.organisation_name;
    model.user_line = identity.user_name + " \u00b7 " + identity.user_email + " \u00b7 " + identity.user_role;
    model.pending = status.pending;
    model.error = status.error;
    const std::string waiting = status.pending > 0 ? Plural(status.pending, "change", "changes") : std::string();
    if (!model.signed_in) {
        model.chip = ui::SyncChipState::LocalOnly;
        model.chip_text = "On this device only";
    } else if (offline) {
        model.chip = ui::SyncChipState::Offline;
        model.chip_text = waiting.empty() ? "Offline" : "Offline: " + waiting + " will sync later";
    } else if (status.phase == sync::SyncPhase::kPushing || status.phase == sync::SyncPhase::kPulling || in_flight_) {
        model.chip = ui::SyncChipState::Syncing;
        model.chip_text = waiting.empty() ? "Syncing..." : "Syncing " + waiting + "...";
    } else if (status.phase == sync::SyncPhase::kWaitingToRetry || status.phase == sync::SyncPhase::kFailed) {
        model.chip = ui::SyncChipState::Error;
        model.chip_text = "Not synced: " + status.error;
    } else if (status.pending > 0) {
        model.chip = ui::SyncChipState::Waiting;
        model.chip_text = waiting + " waiting to sync";
    } else if (status.last_synced_at_ms > 0) {
        const int64_t local = status.last_synced_at_ms + int64_t(utc_offset_(status.last_synced_at_ms)) * 60'000;
        const int64_t minutes_of_day = ((local / 60'000) % 1440 + 1440) % 1440;
        char text[32];
        std::snprintf(text, sizeof text, "Synced at %02d:%02d", int(minutes_of_day / 60), int(minutes_of_day % 60));
        model.chip = ui::SyncChipState::Synced;
        model.chip_text = text;
    } else {
        model.chip = ui::SyncChipState::Waiting;
        model.chip_text = "Not synced yet";
    }
    if (status.conflicts > 0) model.chip_text += " \u00b7 " + Plural(status.conflicts, "conflict", "conflicts");

    if (!detailed) return model;
    if (!detail_valid_) {
        ReadDetail();
        detail_valid_ = true;
    }
    model.pending_lines = detail_.pending_lines;
    model.rejected_lines = detail_.rejected_lines;
    model.conflicts = detail_.conflicts;
    model.away_lines = detail_.away_lines;
    model.holds_demo_data = !model.signed_in && detail_.holds_demo_data;
    return model;
}

const ui::RecordSyncModel& SyncController::RecordState(const std::string& entity, const std::string& entity_id,
                                                       bool offline) {
    const std::string key = entity + "/" + entity_id + (offline ? "/offline" : "");
    if (record_state_for_ == key && !in_flight_) return record_state_;
    record_state_for_ = key;
    ui::RecordSyncModel& model = record_state_;
    if (!engine_.signed_in()) {
        model = {ui::RecordSyncState::LocalOnly, "On this device only: sign in to share it with your team"};
        return model;
    }
    auto counts = engine_.replica().CountsForRecord(entity, entity_id, engine_.identity().acknowledged_sequence);
    if (!counts) {
        model = {ui::RecordSyncState::Refused, "Sync state unknown: " + counts.first_error().message};
        return model;
    }
    const RecordSyncCounts& record = counts.value();
    if (record.conflicts > 0) {
        model = {ui::RecordSyncState::Conflict, "Conflict on " + FieldLabel(record.conflict_field) +
                                                    (record.conflicts > 1 ? " and more" : "") +
                                                    ": choose which value to keep in Settings"};
    } else if (record.pending > 0) {
        model = {ui::RecordSyncState::Pending, Plural(record.pending, "change", "changes") +
                                                   (offline ? " will sync when back online" : " waiting to sync")};
    } else {
        model = {ui::RecordSyncState::Synced, "In sync with " + engine_.identity().organisation_name};
    }
    if (record.rejected > 0) {
        if (model.state == ui::RecordSyncState::Synced) model.state = ui::RecordSyncState::Refused;
        model.text += " \u00b7 " + Plural(record.rejected, "change", "changes") + " refused: " + record.rejection;
    }
    return model;
}

void SyncController::AnnounceAway() {
    auto away = engine_.replica().RemoteChangesToDeals(away_since_ms_, engine_.identity().user_id, 50);
    if (away && away.value().size() > away_announced_) {
        away_announced_ = away.value().size();
        toast_ = "While you were away: " + Plural(int64_t(away_announced_), "change", "changes") +
                 " to your deals (see Settings)";
    }
}

void SyncController::ReadDetail() {
    ReplicaStore& replica = engine_.replica();
    const SyncIdentity& identity = engine_.identity();
    ui::SyncModel& model = detail_;
    model = ui::SyncModel{};
    if (!engine_.signed_in()) {
        auto demo = HoldsDemoData(database_);
        model.holds_demo_data = demo && demo.value();
    }

    if (auto highest = replica.HighestLocalSequence(); highest) {
        if (auto pending = replica.Outbox(identity.acknowledged_sequence, highest.value(), 20); pending) {
            for (const OutboxChange& change : pending.value()) {
                const std::string title = change.entity == "opportunity"
                                              ? replica.LookupText("opportunities", "name", change.entity_id)
                                              : FieldLabel(change.entity);
                model.pending_lines.push_back({title.empty() ? change.entity : title,
                                               Describe(change.entity, change.entity_id, change.field, change.new_value)});
            }
        }
    }
    if (auto rejections = replica.Rejections(10); rejections) {
        for (const auto& [sequence, message] : rejections.value()) {
            model.rejected_lines.push_back({"Change " + std::to_string(sequence), message});
        }
    }
    if (auto conflicts = replica.OpenConflicts(); conflicts) {
        for (const InboxConflict& conflict : conflicts.value()) {
            ui::SyncConflictRow row;
            row.id = conflict.id;
            row.deal_name = replica.LookupText("opportunities", "name", conflict.entity_id);
            row.field_label = FieldLabel(conflict.field);
            row.base = FormatValue(conflict.entity_id, conflict.field, conflict.base);
            row.mine = FormatValue(conflict.entity_id, conflict.field, conflict.mine);
            row.theirs = FormatValue(conflict.entity_id, conflict.field, conflict.theirs);
            row.theirs_by = replica.UserName(conflict.theirs_by);
            row.mine_won = conflict.mine_won;
            model.conflicts.push_back(std::move(row));
        }
    }
    if (auto away = replica.RemoteChangesToDeals(away_since_ms_, identity.user_id, 20); away) {
        for (const ReplicaStore::RemoteChange& change : away.value()) {
            model.away_lines.push_back({change.deal_name, Describe("opportunity", change.deal_id, change.field, change.value) +
                                                              " by " + replica.UserName(change.actor)});
        }
    }
}

void SyncController::AdoptAfterFirstPull() {
    if (!adopt_after_pull_ || !engine_.signed_in() || engine_.CurrentPhase() != sync::SyncPhase::kIdle) return;
    if (engine_.replica().LookupText("users", "id", engine_.identity().user_id).empty()) return;  // not pulled yet
    adopt_after_pull_ = false;
    WriteContext context = *sign_in_context_;
    context.actor = engine_.identity().user_id;
    context.now_unix_ms = now_ms_();
    auto adopted = AdoptRecords(database_, adopt_after_pull_records_, context);
    adopt_after_pull_records_.clear();
    if (!adopted) {
        toast_ = "Your deals could not be given your name: " + adopted.first_error().message;
    } else if (adopted.value() > 0) {
        data_changed_ = true;
        engine_.RequestSync();
    }
}

Result<bool> SyncController::PrepareLocalBook() {
    bool removed = false;
    if (remove_demo_on_sign_in_) {
        remove_demo_on_sign_in_ = false;
        // Never push the demo: when it cannot be removed, the sign-in stops here.
        if (auto done = RemoveLocalBook(database_); !done) {
            return ValidationError{"", "storage", "The demo data could not be removed, so nothing was uploaded: " +
                                                      done.first_error().message};
        }
        removed = true;
        toast_ = "The demo data is gone; your organisation's deals are on their way.";
    }
    // The user's own row arrives with the first pull; owners point at it, so adopting waits until then.
    auto unowned = UnownedLocalRecords(database_);
    if (!unowned) return unowned.errors();
    adopt_after_pull_records_ = std::move(unowned).value();
    adopt_after_pull_ = sign_in_context_.has_value() && !adopt_after_pull_records_.empty();
    data_changed_ = true;
    return removed;
}

std::optional<std::string> SyncController::Apply(const ui::SyncCommands& commands, ui::SyncFormState& form,
                                                  const WriteContext& context) {
    if (commands.sign_in) {
        auto demo = HoldsDemoData(database_);
        if (!demo) return demo.first_error().message;
        if (demo.value() && !commands.remove_demo) {
            return std::string("This device holds the demo data: signing in removes it first (confirm in Settings).");
        }
        remove_demo_on_sign_in_ = demo.value();
        sign_in_context_ = context;
        engine_.BeginSignIn(form.server_url, form.email, form.password);
        std::fill(std::begin(form.password), std::end(form.password), '\0');
        changed_ = true;
    }
    if (commands.sign_out) {
        auto logout = engine_.SignOut();
        if (logout && platform_.send) platform_.send(logout.value(), [](const sync::HttpReply&) {});
        Listen();
        changed_ = true;
        toast_ = "Signed out. Everything stays on this device.";
    }
    if (commands.sync_now) RequestSync();
    for (const auto& [conflict, keep_mine] : {std::pair{commands.keep_mine, true}, std::pair{commands.keep_theirs, false}}) {
        if (!conflict) continue;
        if (auto resolved = engine_.replica().ResolveConflictKeeping(*conflict, keep_mine, context); !resolved) {
            return resolved.first_error().message;
        }
        changed_ = true;
        data_changed_ = true;
        OnLocalCommit();
    }
    return std::nullopt;
}

}  // namespace roadbook
