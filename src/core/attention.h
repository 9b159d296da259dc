// "Needs attention": one score per deal that combines rot, a missing or overdue next step, a passed or
// repeatedly pushed close date and a deal stuck in its stage, with short reasons a rep understands.
// The Today list and the boards sort by it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/calendar_date.h"
#include "core/pipeline.h"

namespace roadbook {

// The score is the sum of these points. Every day-based signal adds one point per day on top of a base,
// uncapped, so a deal that is worse on any signal (and no better on the others) always scores higher:
//   rotting N days (rotting.h)                        20 + N    "rotting 12 days"
//   no open activity and no "no next step" reason     30        "no next step"
//   next activity overdue N days                      15 + N    "next step overdue 3 days"
//   expected close date passed N days ago             20 + N    "close date passed 5 days ago"
//   close date pushed later P >= 2 times              10 * P    "close date pushed 3 times"
//   in stage D days > 1.5 x the stage's usual U       15 + D-U  "in stage 40 days (usual 14)"
//   next activity further out than the stage window   10        "next step in 30 days (stage allows 14)"
// One push is ordinary re-planning; a second is the slip pattern. Deals that are not open score 0.
inline constexpr int64_t kRottingBasePoints = 20;
inline constexpr int64_t kNoNextStepPoints = 30;
inline constexpr int64_t kOverdueBasePoints = 15;
inline constexpr int64_t kCloseDatePassedBasePoints = 20;
inline constexpr int64_t kPointsPerCloseDatePush = 10;
inline constexpr int32_t kCloseDatePushesToFlag = 2;
inline constexpr int64_t kStalledBasePoints = 15;
inline constexpr int64_t kNextStepBeyondWindowPoints = 10;

// What the store knows about one deal.
struct AttentionFacts {
    std::string deal_id;
    DealStatus status = DealStatus::Open;
    CalendarDate last_touch_on;                         // see EvaluateRot
    std::vector<CalendarDate> open_activity_due_dates;  // open (not done) activities with a due date
    std::string no_next_step_reason;                    // recorded by the rep; blank when none
    std::optional<CalendarDate> expected_close_date;
    int32_t close_date_pushes = 0;                      // CountCloseDatePushes over the change log
    CalendarDate entered_stage_on;                      // when the deal entered its current stage
    std::optional<int64_t> usual_days_in_stage;         // UsualDaysInStage for the stage; none = too little history
};

// The signals after their thresholds: zero/false means "no signal".
struct AttentionSignals {
    int64_t days_rotting = 0;
    bool no_next_step = false;
    int64_t days_next_step_overdue = 0;
    int64_t days_past_close_date = 0;
    int32_t close_date_pushes = 0;          // 0 below kCloseDatePushesToFlag
    int64_t days_over_usual_in_stage = 0;   // days in stage - usual, when over 1.5 x usual
    bool next_step_beyond_window = false;

    friend bool operator==(const AttentionSignals&, const AttentionSignals&) = default;
};

struct DealAttention {
    std::string deal_id;
    std::optional<CalendarDate> expected_close_date;  // for ordering
    int64_t score = 0;
    std::vector<std::string> reasons;  // biggest contribution first
    AttentionSignals signals;
};

// The points for `signals`, as tabled above.
int64_t AttentionScore(const AttentionSignals& signals);

// Scores one deal in `stage` (for rot_days and next_step_window_days) on `today`.
DealAttention AssessAttention(const AttentionFacts& facts, const StageRules& stage, CalendarDate today);

// The attention order: score descending, then expected close date ascending (deals without one last),
// then deal id ascending. A strict weak order; ties only between deals with the same id.
bool RanksBefore(const DealAttention& left, const DealAttention& right);

// Sorts into the attention order, stably, so even duplicate ids come out the same every time.
void SortByAttention(std::vector<DealAttention>& deals);

// How many times the expected close date moved later, from its successive values oldest first (the first
// value is the one the deal was created with). Moving it earlier is not a push.
int32_t CountCloseDatePushes(std::span<const CalendarDate> close_date_history);

inline constexpr size_t kMinimumStageSamples = 3;

// The stage's usual duration: the median of the days past deals spent in it (for an even count, the mean
// of the two middle values rounded down). None with fewer than 3 samples: one or two deals say nothing
// about "usual". The median, not the mean, so one deal parked for a year does not redefine normal.
std::optional<int64_t> UsualDaysInStage(std::span<const int64_t> days_in_stage_samples);

}  // namespace roadbook
