// The next activity on a deal (Pipedrive's overdue / today / future / none indicator) and the rule that an
// open deal never goes without a next step unless someone says why.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/calendar_date.h"
#include "core/pipeline.h"
#include "core/result.h"

namespace roadbook {

enum class NextActivityState { None, Overdue, Today, Future };

// "none", "overdue", "today", "future".
std::string_view NextActivityStateName(NextActivityState state);

struct NextActivity {
    NextActivityState state = NextActivityState::None;
    std::optional<CalendarDate> due_on;  // the earliest open activity's due date
    int64_t days_until_due = 0;          // due_on - today: negative when overdue, 0 when none
};

// Classifies the earliest of the due dates of the deal's open (not done) activities against today.
// Activities without a due date are not passed: they schedule nothing.
NextActivity FindNextActivity(std::span<const CalendarDate> open_activity_due_dates, CalendarDate today);

// True when some open activity is due today or later: the deal has a next step that has not slipped.
bool HasUpcomingActivity(std::span<const CalendarDate> open_activity_due_dates, CalendarDate today);

inline constexpr size_t kMaxNoNextStepReasonCharacters = 500;

// The rule applied when a rep logs an interaction or completes an activity on a deal with `status`:
// an open deal needs an open activity due today or later (after the change: pass the due dates that
// remain open plus any being scheduled with it), or a non-blank `no_next_step_reason`. Deals that are not
// open need nothing. Errors, all field "next_step": required (the message says whether the next activity
// is merely overdue), invalid-text, too-long (over 500 characters).
Status CheckNextStep(DealStatus status, std::span<const CalendarDate> open_activity_due_dates,
                     std::string_view no_next_step_reason, CalendarDate today);

// Whole days from `earlier` to `later` (negative when `earlier` is the later date).
int64_t DaysBetween(CalendarDate earlier, CalendarDate later);

}  // namespace roadbook
