// One opportunity with every field the deal detail shows and edits, and the names of what it links to
// (account, pipeline, stage, owner, lost reason, primary contact).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar_date.h"
#include "core/money.h"
#include "core/pipeline.h"
#include "core/result.h"

namespace roadbook {

class Database;

struct OpportunityRecord {
    std::string id;
    std::string name;
    std::string account_id;  // empty when none
    std::string account_name;
    std::string primary_contact_id;
    std::string pipeline_id;
    std::string pipeline_name;
    std::string stage_id;
    std::string owner_id;  // empty when none
    std::string owner_name;
    Money amount;
    std::optional<int32_t> probability_override;
    std::optional<ForecastCategory> forecast_category_override;
    CalendarDate expected_close_date;
    std::string source;
    int32_t priority = 1;
    std::vector<std::string> tags;
    std::string needs;
    DealStatus status = DealStatus::Open;
    std::optional<CalendarDate> closed_date;
    std::string lost_reason_label;
    std::string lost_note;
    std::optional<CalendarDate> postponed_until;
    std::string postponed_reason;
    std::string no_next_step_reason;
};

// "id" not-found when there is no such opportunity.
Result<OpportunityRecord> FindOpportunity(Database& database, const std::string& id);

}  // namespace roadbook
