// Calendar arithmetic on the proleptic Gregorian calendar, with 64-bit day counts so dates after 2038
// and on 32-bit WebAssembly behave exactly as natively.
#include "core/calendar_date.h"

#include <cstdio>

namespace roadbook {
namespace {

constexpr const char* kMonthAbbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int64_t FloorDivide(int64_t numerator, int64_t denominator) {
    int64_t quotient = numerator / denominator;
    if ((numerator % denominator != 0) && ((numerator < 0) != (denominator < 0))) --quotient;
    return quotient;
}

bool ParseDigits(std::string_view text, size_t count, int32_t& value) {
    if (text.size() < count) return false;
    value = 0;
    for (size_t index = 0; index < count; ++index) {
        if (text[index] < '0' || text[index] > '9') return false;
        value = value * 10 + (text[index] - '0');
    }
    return true;
}

}  // namespace

bool IsLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
    constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(const CalendarDate& date) {
    return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= DaysInMonth(date.year, date.month);
}

Result<CalendarDate> ParseCalendarDate(std::string_view text, std::string_view field) {
    const std::string field_name(field);
    if (text.empty()) return ValidationError{field_name, "required", "Enter a date."};
    CalendarDate date;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        ParseDigits(text.substr(0, 4), 4, date.year) &&
                        ParseDigits(text.substr(5, 2), 2, date.month) && ParseDigits(text.substr(8, 2), 2, date.day);
    if (!shaped) {
        return ValidationError{field_name, "format",
                               "Date \"" + std::string(text) + "\" is not in the form YYYY-MM-DD."};
    }
    if (!IsValidDate(date)) {
        return ValidationError{field_name, "invalid-date",
                               "Date \"" + std::string(text) + "\" does not exist in the calendar."};
    }
    return date;
}

std::string FormatIsoDate(const CalendarDate& date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", int(date.year), int(date.month), int(date.day));
    return buffer;
}

std::string FormatShortDate(const CalendarDate& date) {
    if (!IsValidDate(date)) return FormatIsoDate(date);
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%d %s %04d", int(date.day), kMonthAbbreviations[date.month - 1],
                  int(date.year));
    return buffer;
}

// Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar.
int64_t DaysSinceEpoch(const CalendarDate& date) {
    const int64_t year = date.month <= 2 ? int64_t(date.year) - 1 : date.year;
    const int64_t era = FloorDivide(year, 400);
    const int64_t year_of_era = year - era * 400;
    const int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
    const int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
    const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

CalendarDate DateFromDaysSinceEpoch(int64_t days) {
    const int64_t shifted = days + 719468;
    const int64_t era = FloorDivide(shifted, 146097);
    const int64_t day_of_era = shifted - era * 146097;
    const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int64_t month_from_march = (5 * day_of_year + 2) / 153;
    const int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    const int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return CalendarDate{int32_t(year), int32_t(month), int32_t(day)};
}

CalendarDate AddDays(const CalendarDate& date, int64_t days) {
    return DateFromDaysSinceEpoch(DaysSinceEpoch(date) + days);
}

CalendarDate DateAtInstant(int64_t unix_ms, int32_t utc_offset_minutes) {
    const int64_t local_ms = unix_ms + int64_t(utc_offset_minutes) * 60'000;
    return DateFromDaysSinceEpoch(FloorDivide(local_ms, 86'400'000));
}

}  // namespace roadbook
