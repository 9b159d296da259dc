// Pipeline vocabulary: forecast categories, deal statuses and the per-stage rules an admin configures,
// with their stable text names (stored in SQLite and sent over sync, so never renamed) and validation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace roadbook {

// Salesforce's categories. Roll-up (see deal_rules.h): Closed is inside Commit, Commit inside Best case;
// Pipeline is every open deal that is not Omitted; Omitted counts nowhere. Closed is reserved for won deals.
enum class ForecastCategory { Pipeline, BestCase, Commit, Closed, Omitted };

// Where a deal is in its life. Only Open deals rot, need a next step and count in the open forecast;
// Postponed and Archived deals are out of the forecast like Lost ones (neither is expected to close as it is).
enum class DealStatus { Open, Won, Lost, Postponed, Archived };

// "pipeline", "best_case", "commit", "closed", "omitted".
std::string_view ForecastCategoryName(ForecastCategory category);
// "Pipeline", "Best case", "Commit", "Closed", "Omitted": what a rep reads.
std::string_view ForecastCategoryLabel(ForecastCategory category);
// Exact, case-sensitive stable names; anything else is field "forecast_category" rule "unknown-value".
Result<ForecastCategory> ParseForecastCategory(std::string_view text);

// "open", "won", "lost", "postponed", "archived".
std::string_view DealStatusName(DealStatus status);
// "Open", "Won", "Lost", "Postponed", "Archived".
std::string_view DealStatusLabel(DealStatus status);
// Exact, case-sensitive stable names; anything else is field "status" rule "unknown-value".
Result<DealStatus> ParseDealStatus(std::string_view text);

// Won, Lost, Postponed and Archived deals are out of the working pipeline.
inline bool IsOpen(DealStatus status) { return status == DealStatus::Open; }

inline constexpr size_t kMaxStageNameCharacters = 100;

// One stage of a pipeline as the admin configured it.
struct StageRules {
    std::string id;    // the store's id; not validated here
    std::string name;  // "Negotiation"
    int32_t default_probability = 0;  // percent, 0..100; used unless the rep overrides it
    ForecastCategory forecast_category = ForecastCategory::Pipeline;
    std::optional<int32_t> rot_days;    // a deal idle for more than this many days rots; none = never
    int32_t next_step_window_days = 0;  // the next activity should be at most this far out; 0 = no limit
    bool is_won = false;                // moving a deal here marks it won
    bool is_lost = false;               // moving a deal here marks it lost
};

// Every broken rule at once: "name" required / too-long / invalid-text, "default_probability" range,
// "rot_days" range (must be > 0 when set), "next_step_window_days" range (>= 0), "is_lost" won-and-lost,
// "forecast_category" closed-needs-won (Closed is only for won stages: an open deal there would inflate
// Commit with money nobody has won).
Status ValidateStageRules(const StageRules& stage);

}  // namespace roadbook
