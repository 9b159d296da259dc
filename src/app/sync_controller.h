// Sync in the app: drives the engine from the frame loop and the platform's events (start, back online, tab
// visible, local commits after a pause, a timer, "Sync now", the server's change events), sends requests
// through the platform, and turns the engine's state into the view model of the chip and Settings.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/local_book.h"
#include "store/write_context.h"
#include "sync/client_engine.h"
#include "ui/sync_models.h"

namespace roadbook {

struct SyncPlatform {
    // Sends a request; the reply arrives later through `deliver`, on the main thread. Unset: no sync here.
    std::function<void(const sync::OutgoingRequest&, std::function<void(const sync::HttpReply&)> deliver)> send;
    // Opens (or, with an empty token, closes) the server's change-event stream.
    std::function<void(const std::string& base_url, const std::string& token)> listen_for_changes;
    std::string default_server_url;  // the page's own origin
    // Calls Tick (through the app) after `delay_ms`, so a pause or a backoff ends on time without polling.
    std::function<void(int64_t delay_ms)> wake_after;
};

class SyncController {
public:
    SyncController(Database& database, std::function<int64_t()> now_ms, std::function<int32_t(int64_t)> utc_offset,
                   std::function<std::string()> new_client_id, std::function<double()> random_unit);

    Status Open();
    void SetPlatform(SyncPlatform platform);

    // With a page mirror, only commits the platform confirmed as saved are pushed.
    void TrackPersistence();
    void MarkAllPersisted();

    void OnLocalCommit();  // a round follows after a short pause, so bursts of edits travel together
    void RequestSync();    // now: start, online, visible, "Sync now", a change event

    // Sends the next request when one is due. True when what the app shows may have changed.
    bool Tick();
    // Pulled data changed the local database since the last call.
    bool TakeDataChanged();
    // A message for a toast (sign-in result, "while you were away"), once.
    std::optional<std::string> TakeToast();

    // `detailed` adds the pending list, the inbox and the digest (for Settings), re-read after changes.
    ui::SyncModel Model(bool detailed, bool offline);
    // Where one record stands with the server (the deal detail's sync line), re-read after changes.
    const ui::RecordSyncModel& RecordState(const std::string& entity, const std::string& entity_id, bool offline);
    // Sign in, sign out, sync now, resolve conflicts. Returns a problem to show, if any.
    std::optional<std::string> Apply(const ui::SyncCommands& commands, ui::SyncFormState& form,
                                     const WriteContext& context);

    std::string actor() const;  // the signed-in user's id, or "local"
    const std::string& client_id() const { return engine_.identity().client_id; }
    const std::string& highest_remote_clock() const { return engine_.highest_remote_clock(); }
    sync::SyncEngine& engine() { return engine_; }

    static constexpr int64_t kCommitPauseMs = 250;
    static constexpr int64_t kTimerMs = 60'000;

private:
    void Send(const sync::OutgoingRequest& request);
    // Others' changes to my deals arrived: say so once in a toast.
    void AnnounceAway();
    // The pending list, rejections, inbox and digest: read when Settings shows them and something changed.
    void ReadDetail();
    // Something changed what the chip or Settings show.
    void Invalidate();
    void Listen();
    // The first moments after a sign-in: the demo goes (when confirmed), unowned records become the user's.
    Result<bool> PrepareLocalBook();
    void AdoptAfterFirstPull();
    std::string FormatValue(const std::string& deal_id, const std::string& field, const std::optional<std::string>& value);
    std::string Describe(const std::string& entity, const std::string& entity_id, const std::string& field,
                         const std::optional<std::string>& value);

    Database& database_;
    std::function<int64_t()> now_ms_;
    std::function<int32_t(int64_t)> utc_offset_;
    sync::SyncEngine engine_;
    SyncPlatform platform_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // replies after destruction are dropped
    bool in_flight_ = false;
    bool tracking_persistence_ = false;
    int64_t persisted_sequence_ = 0;
    int64_t commit_sync_at_ms_ = 0;  // 0: none pending
    int64_t next_timer_ms_ = 0;
    bool changed_ = false;
    bool data_changed_ = false;
    int64_t cursor_seen_ = 0;
    int64_t away_since_ms_ = 0;
    size_t away_announced_ = 0;
    std::string listening_token_;
    std::optional<std::string> toast_;
    ui::SyncModel detail_;
    bool detail_valid_ = false;
    sync::SyncStatus status_;  // counted again only after something changed, not every frame
    bool status_valid_ = false;
    bool remove_demo_on_sign_in_ = false;
    std::optional<WriteContext> sign_in_context_;  // for the records a sign-in adopts
    bool adopt_after_pull_ = false;
    std::vector<UnownedRecord> adopt_after_pull_records_;
    ui::RecordSyncModel record_state_;
    std::string record_state_for_;  // entity and id the cached state belongs to ("" when stale)
};

}  // namespace roadbook
