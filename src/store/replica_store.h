// The device side of sync in SQLite (schema v4): the sync identity and progress, the outbox read from the
// change log, pulled records applied in one transaction (fields with unacknowledged local changes kept),
// the conflict inbox and the rejections the server reported. The rules about what to send and when are
// the client engine's (sync/client_engine); this file only stores.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/write_context.h"

namespace roadbook {

struct SyncIdentity {
    std::string client_id;
    std::string server_url;
    std::string token;  // empty when signed out
    std::string user_id;
    std::string user_name;
    std::string user_email;
    std::string user_role;
    std::string organisation_id;
    std::string organisation_name;
    int64_t cursor = 0;
    int64_t acknowledged_sequence = 0;  // every local change up to here is on the server
    int64_t last_synced_at_ms = 0;
    std::string last_error;
};

// One local change on its way out.
struct OutboxChange {
    int64_t sequence = 0;
    std::string entity;
    std::string entity_id;
    std::string field;
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
    std::string clock;
};

struct RemoteField {
    std::string column;
    std::optional<std::string> value;
    std::string clock;
    std::string changed_by;
};

// How a pulled record maps onto the device's tables (from sync/record_catalogue).
enum class RecordShape { kRow, kExchangeRate, kContactLink };

struct RemoteRecord {
    std::string entity;
    std::string table;
    RecordShape shape = RecordShape::kRow;
    std::string entity_id;
    int64_t generation = 1;
    bool deleted = false;
    std::vector<RemoteField> fields;
};

struct InboxConflict {
    int64_t id = 0;
    std::string entity;
    std::string entity_id;
    std::string field;
    std::optional<std::string> base;
    std::optional<std::string> mine;
    std::optional<std::string> theirs;
    std::string theirs_by;
    bool mine_won = false;
    int64_t detected_at_ms = 0;
};

// What one record has on its way to or back from the server, for the per-record sync state.
struct RecordSyncCounts {
    int64_t pending = 0;             // local changes not acknowledged yet
    int64_t conflicts = 0;           // open conflict-inbox entries
    std::string conflict_field;      // one of them
    int64_t rejected = 0;            // local changes the server refused
    std::string rejection;           // the newest refusal's message
};

struct ApplySummary {
    int64_t records_written = 0;
    int64_t fields_kept_for_pending = 0;  // pulled values held back because a local change is unacknowledged
    int64_t records_removed = 0;
    std::string highest_clock;            // the newest remote stamp seen, for the device's clock
};

class ReplicaStore {
public:
    explicit ReplicaStore(Database& database) : database_(database) {}

    // The identity row, created with `new_client_id()` on first use.
    Result<SyncIdentity> LoadIdentity(const std::function<std::string()>& new_client_id);
    Status SaveIdentity(const SyncIdentity& identity);

    // Local changes with acknowledged < sequence <= up_to, oldest first, at most `limit`. Rows without a clock
    // stamp (written before schema 2, or by the demo loader) cannot be merged and are never sent.
    Result<std::vector<OutboxChange>> Outbox(int64_t acknowledged, int64_t up_to, int64_t limit);
    Result<int64_t> CountOutbox(int64_t acknowledged, int64_t up_to);
    Result<int64_t> HighestLocalSequence();
    // The generation the server last sent for a record (1 for records it has not sent).
    Result<int64_t> Generation(const std::string& entity, const std::string& entity_id);

    // Applies one pulled page and stores the new cursor, all in one transaction. Remote values are recorded
    // in the change log as 'remote' rows (field history, never pushed back).
    // `removals` left this device's scope: their rows go without a change-log entry (not a delete).
    Result<ApplySummary> ApplyPulled(const std::vector<RemoteRecord>& records, const std::vector<RemoteRecord>& removals,
                                     int64_t acknowledged, int64_t new_cursor, int64_t now_ms);

    // The newest stamp this device wrote, so its clock continues after a restart ("" when none).
    Result<std::string> NewestLocalClock();

    // Changes pulled from others since `since_ms` to deals `owner_id` owns, newest first: the "while you
    // were away" digest. Each row: deal name, field, new value, who.
    struct RemoteChange {
        std::string deal_id;
        std::string deal_name;
        std::string field;
        std::optional<std::string> value;
        std::string actor;
        int64_t at_ms = 0;
    };
    Result<std::vector<RemoteChange>> RemoteChangesToDeals(int64_t since_ms, const std::string& owner_id, int64_t limit);
    // A person's name from the users table, or the id when unknown.
    std::string UserName(const std::string& user_id);
    // One text column of the row with `id` in `table` ("" when there is none); names come from code.
    std::string LookupText(std::string_view table, std::string_view column, const std::string& id);

    // Resolves an inbox entry: keeping the value that lost writes it again as a new local change (which then
    // wins on the server); keeping the value that won only closes the entry.
    Status ResolveConflictKeeping(int64_t conflict_id, bool keep_mine, const WriteContext& context);

    // A reset: the next pulls start from 0 and mark what the server still has. FinishReset then removes the
    // records the server no longer has, keeping any with unacknowledged local changes; returns how many went.
    Status BeginReset();
    Result<int64_t> FinishReset(int64_t acknowledged, const std::map<std::string, std::pair<std::string, RecordShape>>& tables);

    Status AddConflict(const InboxConflict& conflict);
    Result<std::vector<InboxConflict>> OpenConflicts();
    Status ResolveConflict(int64_t conflict_id);
    Result<RecordSyncCounts> CountsForRecord(const std::string& entity, const std::string& entity_id,
                                             int64_t acknowledged);
    Status AddRejection(int64_t sequence, const std::string& code, const std::string& message);
    Result<std::vector<std::pair<int64_t, std::string>>> Rejections(int64_t limit);

private:
    struct ColumnTypes {
        std::map<std::string, bool, std::less<>> is_integer;  // column -> INTEGER affinity
    };
    Result<const ColumnTypes*> TableColumns(const std::string& table);
    Result<bool> ApplyRecord(const RemoteRecord& record, int64_t acknowledged, ApplySummary& summary, int64_t now_ms);
    Status RemoveRecord(const std::string& entity, const std::string& table, RecordShape shape,
                        const std::string& entity_id);
    Status RecordRemote(const RemoteRecord& record, const RemoteField& field, const std::optional<std::string>& old_value,
                        int64_t now_ms);

    Database& database_;
    std::map<std::string, ColumnTypes, std::less<>> columns_;
};

}  // namespace roadbook
