// Reading the change log back: a record's field history (what the detail view shows) and a deal's stage
// history (entered, exited, time in each stage, cumulative per stage).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace roadbook {

class Database;

struct FieldChange {
    std::string field;
    std::optional<std::string> old_value;  // nullopt when the record was created
    std::optional<std::string> new_value;
    std::string actor;
    int64_t at_ms = 0;
    std::string clock;
    int64_t sequence = 0;  // the change log's order, across records
};

// Every change of one record, oldest first.
Result<std::vector<FieldChange>> FieldHistory(Database& database, const std::string& entity, const std::string& id);

// A change to one of a deal's contact links (change-log entity "opportunity_contact", id
// "<opportunity id>:<contact id>"): linking records the role (old value none), a new role its old and new
// value, removing a "deleted" tombstone.
struct ContactLinkChange {
    std::string contact_id;
    std::string contact_name;  // empty when the contact no longer exists here
    FieldChange change;
};

// Every change of the deal's contact links, oldest first.
Result<std::vector<ContactLinkChange>> ContactLinkHistory(Database& database, const std::string& opportunity_id);

struct StageVisit {
    std::string stage_id;
    std::string stage_name;
    int64_t entered_at_ms = 0;
    std::optional<int64_t> exited_at_ms;  // nullopt for the stage the deal is in now
    int64_t duration_ms = 0;              // until exit, or until `now_ms` for the current stage
    int64_t cumulative_ms = 0;            // this and every earlier visit to the same stage
};

// The stages a deal went through, oldest first, from the change log's stage_id rows.
Result<std::vector<StageVisit>> StageHistory(Database& database, const std::string& opportunity_id, int64_t now_ms);

}  // namespace roadbook
