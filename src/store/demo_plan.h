// Internals of the demo data generator: the plan of one deal (its timeline, changes, activities and
// outcome), drawn from the seeded random source before anything is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/demo_writer.h"

namespace roadbook::demo {

enum class Outcome { Open, Won, Lost, Postponed, Archived };

// One change after creation; the writer turns it into a change-log row.
struct Event {
    int64_t at_ms = 0;
    std::string_view field;
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
};

// Optional texts default to "" (the schema stores empty text, never NULL, for them).
struct Activity {
    std::string_view kind;
    std::string_view subject;
    std::string_view notes = "";
    std::string_view outcome = "";
    std::optional<int64_t> due_day;
    std::string_view state;  // final state
    bool was_scheduled = false;  // created scheduled, then done or cancelled at finished_ms
    int64_t created_ms = 0;
    int64_t finished_ms = 0;
    bool with_contact = false;
};

struct Deal {
    Outcome outcome = Outcome::Open;
    const Pipeline* pipeline = nullptr;
    const Account* account = nullptr;
    int contact = -1;
    std::string_view owner_id;  // into the Organisation, which outlives every plan
    std::string name;
    int64_t amount_minor = 0;
    std::string_view currency;
    std::vector<int> visits;  // stage indexes in order; the deal is in the last one unless it closed
    int stage = 0;
    int64_t created_ms = 0;
    int64_t stage_entered_ms = 0;
    int64_t end_day = 0;  // won, lost, postponed or archived on this day; today while open
    int64_t initial_close_day = 0;
    int64_t close_day = 0;
    int32_t push_count = 0;
    std::optional<int64_t> closed_day;
    std::optional<int64_t> postponed_until_day;
    std::optional<int32_t> probability_override;
    std::string_view category_override = "";
    std::string_view lost_reason_id = "";
    std::string_view lost_note = "";
    std::string_view postponed_reason = "";
    std::string_view no_next_step_reason = "";
    std::string_view source = "";
    std::string_view needs = "";
    std::string tags;
    int64_t priority = 1;
    int64_t last_touch_ms = 0;
    int64_t updated_ms = 0;
    std::vector<Event> events;
    std::vector<Activity> activities;
};

std::string_view StatusName(Outcome outcome);

// Draws one deal: status, pipeline, stages visited and for how long, close-date pushes, overrides, the
// outcome, amount and currency, account, contact and owner, logged and scheduled activities.
// Each deal draws from its own random source, so its creation time can be drawn first (to write deals in
// creation order, which keeps ids ascending and index inserts at the end) and the whole deal again later.
Deal PlanDeal(Random& random, const Organisation& organisation);
// The creation time PlanDeal would give with a source in the same state.
int64_t PlanCreationTime(Random& random, const Organisation& organisation);

}  // namespace roadbook::demo
