// The server's storage behind one interface (sync/server/README.md): accounts, and each organisation's records as
// fields with clocks and versions. The merge rules live above it (sync_service), so the SQLite store here
// and the PostgreSQL store (several servers on one database) implement only these primitives.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace roadbook::server {

struct StoredOrganisation {
    std::string id;
    std::string name;
};

struct StoredUser {
    std::string id;
    std::string organisation_id;
    std::string email;
    std::string name;
    std::string role;  // rep, manager, admin
    std::string team_id;               // the home team ("" for none)
    std::vector<std::string> team_ids;  // every team whose records the user receives
    std::string password_hash;          // libsodium's Argon2id string
    bool active = true;
};

struct StoredToken {
    std::string user_id;
    std::string organisation_id;
    int64_t expires_at_ms = 0;
};

// A record's bookkeeping beside its fields.
struct RecordMeta {
    int64_t generation = 1;
    bool deleted = false;
    std::string team_id;    // "" for records everyone in the organisation receives
    std::string parent_id;  // the deal (or lead) an activity or contact link belongs to
    std::string created_by;
    int64_t deleted_at_ms = 0;  // when the tombstone was made, for garbage collection
};

struct StoredField {
    std::optional<std::string> value;
    std::string clock;
    std::string changed_by;
    int64_t version = 0;
};

struct ChangedField {
    std::string entity;
    std::string entity_id;
    std::string field;
    StoredField state;
};

struct ChangedRecord {
    std::string entity;
    std::string entity_id;
    RecordMeta meta;
    int64_t version = 0;
};

// How far a client's pushes got: the last mutation id and its clock as sent. A device that lost state
// and reuses an id gives itself away with a newer clock.
struct ClientProgress {
    int64_t last_mutation_id = 0;
    std::string last_clock;
};

struct ScopeMove {
    std::string entity;
    std::string entity_id;
    std::string from_team;
    std::string to_team;
};

// Which records a client receives.
struct ReadScope {
    bool everything = false;            // admins
    std::vector<std::string> team_ids;  // otherwise: these teams' records and the organisation-wide ones
};

struct ConflictEntry {
    std::string entity;
    std::string entity_id;
    std::string field;
    std::optional<std::string> losing_value;
    std::string losing_clock;
    std::string losing_user;
    std::optional<std::string> winning_value;
    std::string winning_clock;
    std::string winning_user;
    int64_t at_ms = 0;
};

// One write or read transaction inside one organisation. Nothing is visible to others before Commit();
// destroying it without Commit() rolls back.
class OrganisationTransaction {
public:
    virtual ~OrganisationTransaction() = default;

    // The next version of the organisation, in commit order: the organisation row stays locked until the
    // transaction ends, so versions are handed out one writer at a time.
    virtual Result<int64_t> NextVersion() = 0;
    virtual Result<int64_t> CurrentVersion() = 0;
    // Versions at or below this were garbage collected (tombstones gone): older cursors must reset.
    virtual Result<int64_t> CollectedVersion() = 0;

    // The last mutation applied for the client (id 0 when the client is new); locks the client's row. A new
    // client gets a row only when `add_when_new` (a push): a pull of an unknown client id stores nothing.
    virtual Result<ClientProgress> ClientLastMutation(const std::string& client_id, const std::string& user_id,
                                                      bool add_when_new) = 0;
    virtual Status SetClientLastMutation(const std::string& client_id, const ClientProgress& progress) = 0;

    virtual Result<std::optional<RecordMeta>> ReadRecord(const std::string& entity, const std::string& entity_id) = 0;
    virtual Status WriteRecord(const std::string& entity, const std::string& entity_id, const RecordMeta& meta,
                               int64_t version) = 0;
    virtual Result<std::optional<StoredField>> ReadField(const std::string& entity, const std::string& entity_id,
                                                         const std::string& field) = 0;
    virtual Status WriteField(const std::string& entity, const std::string& entity_id, const std::string& field,
                              const StoredField& state) = 0;
    // Records whose parent is `parent_id` (activities and contact links of a deal).
    virtual Result<std::vector<std::pair<std::string, std::string>>> ChildRecords(const std::string& parent_id) = 0;
    virtual Status RecordScopeMove(const ScopeMove& move, int64_t version) = 0;
    virtual Status AppendConflict(const ConflictEntry& conflict) = 0;
    virtual Status AppendRejection(const std::string& client_id, int64_t mutation_id, const std::string& code,
                                   const std::string& message, int64_t at_ms) = 0;

    // Reads for pull, in the transaction's snapshot.
    virtual Result<std::vector<ChangedField>> FieldsChanged(int64_t after_version, int64_t up_to_version,
                                                            const ReadScope& scope) = 0;
    virtual Result<std::vector<ChangedRecord>> RecordsChanged(int64_t after_version, int64_t up_to_version,
                                                              const ReadScope& scope) = 0;
    virtual Result<std::vector<ChangedField>> AllFields(const std::string& entity, const std::string& entity_id) = 0;
    virtual Result<std::vector<ScopeMove>> ScopeMoves(int64_t after_version, int64_t up_to_version) = 0;
    // The version that ends a page of about `limit` field changes after `after_version` (never splitting
    // one version), or the current version when fewer remain.
    virtual Result<int64_t> PageEnd(int64_t after_version, int64_t limit) = 0;

    virtual Result<std::optional<StoredUser>> FindUser(const std::string& user_id) = 0;

    virtual Status Commit() = 0;
};

class ServerStore {
public:
    virtual ~ServerStore() = default;

    // Accounts.
    virtual Result<StoredOrganisation> CreateOrganisation(const std::string& name) = 0;
    virtual Result<std::optional<StoredOrganisation>> FindOrganisation(const std::string& id_or_name) = 0;
    virtual Result<std::vector<std::string>> OrganisationIds() = 0;
    virtual Result<std::string> CreateTeam(const std::string& organisation_id, const std::string& name) = 0;
    virtual Result<std::optional<std::string>> FindTeam(const std::string& organisation_id, const std::string& name) = 0;
    virtual Status CreateUser(const StoredUser& user) = 0;
    virtual Result<std::optional<StoredUser>> FindUserByEmail(const std::string& email) = 0;
    virtual Status SetPassword(const std::string& user_id, const std::string& password_hash) = 0;
    virtual Status StoreToken(const std::string& token_hash, const StoredToken& token) = 0;
    virtual Result<std::optional<StoredToken>> FindToken(const std::string& token_hash, int64_t now_ms) = 0;
    virtual Status RevokeToken(const std::string& token_hash) = 0;
    virtual Status RevokeUserTokens(const std::string& user_id) = 0;

    // Sign-in attempts, kept where every server sharing the store counts them: records one for `key` at
    // `now_ms` and returns how many `key` has had since `since_ms`, this one included.
    virtual Result<int64_t> RecordLoginAttempt(const std::string& key, int64_t now_ms, int64_t since_ms) = 0;
    // Housekeeping: removes login attempts made before `before_ms`, and tokens that expired before it or were
    // revoked; returns how many rows went.
    virtual Result<int64_t> PruneSignIns(int64_t before_ms) = 0;
    // Housekeeping: removes the record of refused mutations made before `before_ms`; returns how many went.
    virtual Result<int64_t> PruneRejections(int64_t before_ms) = 0;

    // A transaction in one organisation; `write` takes the write lock up front.
    virtual Result<std::unique_ptr<OrganisationTransaction>> Begin(const std::string& organisation_id, bool write) = 0;

    // Removes tombstones older than the retention window; returns how many records went.
    virtual Result<int64_t> CollectTombstones(const std::string& organisation_id, int64_t deleted_before_ms) = 0;

    // Called with (organisation id, version) when another server sharing the store committed a change, so
    // this server can wake its event streams; an empty callback stops the calls (and waits for a running
    // one). A store only one process uses has nobody else to hear from and never calls back.
    using ChangeCallback = std::function<void(const std::string& organisation_id, int64_t version)>;
    virtual void WatchChanges(ChangeCallback) {}
};

}  // namespace roadbook::server
