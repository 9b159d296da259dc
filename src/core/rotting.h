// Rotting: an open deal nobody has touched for longer than its stage allows, unless a next activity is
// already scheduled (the gap Pipedrive documents; Teamwork behaves this way).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/calendar_date.h"
#include "core/pipeline.h"

namespace roadbook {

struct RotState {
    bool is_rotting = false;
    int64_t days_since_touch = 0;  // today - last touch, never negative (a touch dated ahead counts as today)
    int64_t days_rotting = 0;      // days_since_touch - rot_days while rotting, else 0

    friend bool operator==(const RotState&, const RotState&) = default;
};

// `last_touch_on` is the date of the last meaningful touch: an activity done, a note, a logged email or a
// stage change (the store derives it from the change log; a deal never touched uses its creation date).
// The deal rots when days_since_touch > rot_days, except: never when it is not open or `rot_days` is
// unset, and not while some open activity is due today or later. An overdue activity does not protect it.
RotState EvaluateRot(DealStatus status, std::optional<int32_t> rot_days, CalendarDate last_touch_on,
                     std::span<const CalendarDate> open_activity_due_dates, CalendarDate today);

}  // namespace roadbook
