// What sync may carry: every synced entity, its fields, and the rule each value must follow. The client
// checks pulled values and the server checks pushed ones with the same table, built on the core's rules.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace roadbook::sync {

enum class ValueKind {
    kId,            // a record id: 1..80 of [A-Za-z0-9-:]
    kText,          // free text up to max_length code points
    kName,          // text that must not be blank
    kEmail,         // empty or an email address
    kInteger,       // decimal int64 within [minimum, maximum]
    kFlag,          // "0" or "1"
    kChoice,        // one of `choices` (comma-separated)
    kDate,          // YYYY-MM-DD, a real date
    kCurrency,      // an ISO 4217 code this build knows
};

struct FieldRule {
    std::string_view name;
    ValueKind kind;
    bool nullable = false;
    std::string_view references = {};  // the entity an id points to, checked to exist by the server
    int64_t minimum = 0;
    int64_t maximum = 0;
    std::string_view choices = {};
    size_t max_length = 0;
};

// Who may write an entity through sync.
enum class WriteAccess {
    kEveryone,     // deals, accounts, contacts, leads, activities
    kAdmin,        // pipelines, stages, lost reasons, exchange rates
    kServerOnly,   // users and teams: managed with `roadbook-server admin`
};

// How a record's team (its scope) is found on the server.
enum class ScopeRule {
    kOrganisation,  // everyone in the organisation receives it
    kOwner,         // the team of the user in owner_id
    kParentDeal,    // the scope of the deal in opportunity_id (else of the lead, else of the owner)
};

struct EntityRule {
    std::string_view entity;       // as the change log names it
    std::string_view table;        // the device's table
    int apply_order;               // parents before children, so references resolve
    WriteAccess access;
    ScopeRule scope;
    std::span<const FieldRule> fields;
    bool composite_id = false;     // "opportunity_id:contact_id": no id column, row deleted by field
};

// The field every entity has for deletion: "1" deletes (a tombstone), "0" restores with a new generation.
inline constexpr std::string_view kDeletedField = "_deleted";

std::span<const EntityRule> AllEntities();
const EntityRule* FindEntity(std::string_view entity);
const FieldRule* FindField(const EntityRule& entity, std::string_view field);

// The value (nullopt is NULL) checked against the field's rule; errors name "<entity>.<field>" and the rule.
Status CheckFieldValue(const EntityRule& entity, const FieldRule& field, const std::optional<std::string>& value);

// An entity id in the shape sync accepts (for composite ids, both halves).
bool IsValidEntityId(const EntityRule& entity, std::string_view id);

// Fields whose concurrent edits by different people go to the conflict inbox (sync/PROTOCOL.md, The merge rule).
bool IsInboxField(std::string_view entity, std::string_view field);

}  // namespace roadbook::sync
