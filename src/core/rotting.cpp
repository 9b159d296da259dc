// Rot evaluation from calendar dates (days, not hours: reps think "untouched for 12 days").
#include "core/rotting.h"

#include <algorithm>

#include "core/next_step.h"

namespace roadbook {

RotState EvaluateRot(DealStatus status, std::optional<int32_t> rot_days, CalendarDate last_touch_on,
                     std::span<const CalendarDate> open_activity_due_dates, CalendarDate today) {
    RotState rot;
    rot.days_since_touch = std::max<int64_t>(0, DaysBetween(last_touch_on, today));
    // rot_days <= 0 is invalid stage data (ValidateStageRules refuses it); treat it as rotting off.
    if (!IsOpen(status) || !rot_days || *rot_days <= 0) return rot;
    if (HasUpcomingActivity(open_activity_due_dates, today)) return rot;
    if (rot.days_since_touch > *rot_days) {
        rot.is_rotting = true;
        rot.days_rotting = rot.days_since_touch - *rot_days;
    }
    return rot;
}

}  // namespace roadbook
