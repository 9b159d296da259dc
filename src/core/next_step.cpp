// Next-activity classification and next-step enforcement.
#include "core/next_step.h"

#include <algorithm>

#include "core/text.h"

namespace roadbook {

int64_t DaysBetween(CalendarDate earlier, CalendarDate later) {
    return DaysSinceEpoch(later) - DaysSinceEpoch(earlier);
}

std::string_view NextActivityStateName(NextActivityState state) {
    switch (state) {
        case NextActivityState::None:
            return "none";
        case NextActivityState::Overdue:
            return "overdue";
        case NextActivityState::Today:
            return "today";
        case NextActivityState::Future:
            return "future";
    }
    return "none";
}

NextActivity FindNextActivity(std::span<const CalendarDate> open_activity_due_dates, CalendarDate today) {
    if (open_activity_due_dates.empty()) return {};
    const CalendarDate earliest = *std::min_element(open_activity_due_dates.begin(), open_activity_due_dates.end());
    NextActivity next;
    next.due_on = earliest;
    next.days_until_due = DaysBetween(today, earliest);
    next.state = next.days_until_due < 0    ? NextActivityState::Overdue
                 : next.days_until_due == 0 ? NextActivityState::Today
                                            : NextActivityState::Future;
    return next;
}

bool HasUpcomingActivity(std::span<const CalendarDate> open_activity_due_dates, CalendarDate today) {
    return std::any_of(open_activity_due_dates.begin(), open_activity_due_dates.end(),
                       [&](const CalendarDate& due) { return due >= today; });
}

Status CheckNextStep(DealStatus status, std::span<const CalendarDate> open_activity_due_dates,
                     std::string_view no_next_step_reason, CalendarDate today) {
    if (!IsOpen(status) || HasUpcomingActivity(open_activity_due_dates, today)) return Done{};
    const std::string_view reason = Trim(no_next_step_reason);
    if (!IsValidUtf8(reason)) {
        return ValidationError{"next_step", "invalid-text",
                               "The reason for no next step contains characters that are not valid text."};
    }
    if (CountCodePoints(reason) > kMaxNoNextStepReasonCharacters) {
        return ValidationError{"next_step", "too-long",
                               "The reason for no next step is longer than " +
                                   std::to_string(kMaxNoNextStepReasonCharacters) + " characters."};
    }
    if (!reason.empty()) return Done{};
    if (!open_activity_due_dates.empty()) {
        return ValidationError{"next_step", "required",
                               "The next activity is overdue: reschedule it, schedule a new one, or say why there "
                               "is no next step."};
    }
    return ValidationError{"next_step", "required",
                           "Schedule a next activity, or say why there is no next step."};
}

}  // namespace roadbook
