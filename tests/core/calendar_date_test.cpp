// Calendar dates: strict parsing, the Gregorian leap rules, day arithmetic past 2038, instants to dates.
#include <catch2/catch.hpp>

#include "core/calendar_date.h"

using namespace roadbook;

TEST_CASE("ISO dates parse strictly") {
    REQUIRE(ParseCalendarDate("2027-03-12").value() == CalendarDate{2027, 3, 12});
    REQUIRE(ParseCalendarDate("2024-02-29").value() == CalendarDate{2024, 2, 29});
    REQUIRE(ParseCalendarDate("2000-02-29").ok());
    const auto rule = [](const char* text) { return ParseCalendarDate(text, "expected_close_date").first_error().rule; };
    REQUIRE(rule("") == "required");
    REQUIRE(rule("2027-3-12") == "format");
    REQUIRE(rule("12/03/2027") == "format");
    REQUIRE(rule("2027-03-12T00:00") == "format");
    REQUIRE(rule("２０２７-03-12") == "format");
    REQUIRE(rule("2023-02-29") == "invalid-date");
    REQUIRE(rule("1900-02-29") == "invalid-date");
    REQUIRE(rule("2027-13-01") == "invalid-date");
    REQUIRE(rule("2027-04-31") == "invalid-date");
    REQUIRE(rule("0000-01-01") == "invalid-date");
    REQUIRE(ParseCalendarDate("2027-04-31", "expected_close_date").first_error().field == "expected_close_date");
}

TEST_CASE("dates format as ISO and as short display text") {
    REQUIRE(FormatIsoDate({2027, 3, 5}) == "2027-03-05");
    REQUIRE(FormatShortDate({2027, 3, 5}) == "5 Mar 2027");
    REQUIRE(FormatShortDate({2026, 12, 31}) == "31 Dec 2026");
}

TEST_CASE("days since epoch are exact, including after 2038 and before 1970") {
    REQUIRE(DaysSinceEpoch({1970, 1, 1}) == 0);
    REQUIRE(DaysSinceEpoch({1969, 12, 31}) == -1);
    REQUIRE(DaysSinceEpoch({2000, 3, 1}) == 11017);
    REQUIRE(DaysSinceEpoch({2038, 1, 19}) == 24855);  // the day a 32-bit time_t overflows
    REQUIRE(DaysSinceEpoch({9999, 12, 31}) == 2932896);
    REQUIRE(DaysSinceEpoch({1, 1, 1}) == -719162);
    for (int64_t day = -800000; day <= 3000000; day += 997) {
        const CalendarDate date = DateFromDaysSinceEpoch(day);
        if (date.year < 1 || date.year > 9999) continue;
        REQUIRE(IsValidDate(date));
        REQUIRE(DaysSinceEpoch(date) == day);
    }
    REQUIRE(AddDays({2027, 12, 31}, 1) == CalendarDate{2028, 1, 1});
    REQUIRE(AddDays({2028, 3, 1}, -1) == CalendarDate{2028, 2, 29});
}

TEST_CASE("an instant becomes the device's local date") {
    const int64_t instant = 1'800'000'000'000;  // 2027-01-15T08:00:00Z
    REQUIRE(DateAtInstant(instant, 0) == CalendarDate{2027, 1, 15});
    REQUIRE(DateAtInstant(instant, -9 * 60) == CalendarDate{2027, 1, 14});
    REQUIRE(DateAtInstant(instant, 16 * 60) == CalendarDate{2027, 1, 16});
    REQUIRE(DateAtInstant(-1, 0) == CalendarDate{1969, 12, 31});
    REQUIRE(DateAtInstant(int64_t(4102444800000), 0) == CalendarDate{2100, 1, 1});
}
