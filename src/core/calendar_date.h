// Calendar dates (expected close, due dates) as year-month-day, independent of time zones, plus the
// conversions from instants (int64 Unix milliseconds) that need the device's UTC offset.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace roadbook {

struct CalendarDate {
    int32_t year = 1970;  // 1..9999
    int32_t month = 1;    // 1..12
    int32_t day = 1;      // 1..days in month

    friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
};

bool IsLeapYear(int32_t year);
int32_t DaysInMonth(int32_t year, int32_t month);
bool IsValidDate(const CalendarDate& date);

// Strict ISO 8601 calendar date "YYYY-MM-DD"; `field` names the form field in error messages.
Result<CalendarDate> ParseCalendarDate(std::string_view text, std::string_view field = "date");
std::string FormatIsoDate(const CalendarDate& date);
// "12 Mar 2027": how dates appear in lists.
std::string FormatShortDate(const CalendarDate& date);

// Days since 1970-01-01 (negative before it); exact for every valid date.
int64_t DaysSinceEpoch(const CalendarDate& date);
CalendarDate DateFromDaysSinceEpoch(int64_t days);
CalendarDate AddDays(const CalendarDate& date, int64_t days);

// The calendar date at instant `unix_ms` for a device whose clock is `utc_offset_minutes` ahead of UTC.
CalendarDate DateAtInstant(int64_t unix_ms, int32_t utc_offset_minutes);

}  // namespace roadbook
