// Rotting: idle longer than the stage allows, unless a next activity is scheduled; open deals only.
#include <catch2/catch.hpp>

#include <vector>

#include "core/rotting.h"

using namespace roadbook;

namespace {

CalendarDate Date(const char* text) { return ParseCalendarDate(text).value(); }

const CalendarDate kToday = Date("2027-03-15");

}  // namespace

TEST_CASE("an open deal rots once days since the last touch exceed the stage's days to rot") {
    const std::vector<CalendarDate> none;
    // 14 days idle with rot_days 14: not yet (strictly greater rots).
    REQUIRE(EvaluateRot(DealStatus::Open, 14, Date("2027-03-01"), none, kToday) == RotState{false, 14, 0});
    REQUIRE(EvaluateRot(DealStatus::Open, 14, Date("2027-02-28"), none, kToday) == RotState{true, 15, 1});
    REQUIRE(EvaluateRot(DealStatus::Open, 14, Date("2027-02-14"), none, kToday) == RotState{true, 29, 15});
    REQUIRE(EvaluateRot(DealStatus::Open, 1, Date("2027-03-13"), none, kToday) == RotState{true, 2, 1});
    REQUIRE(EvaluateRot(DealStatus::Open, 1, kToday, none, kToday) == RotState{false, 0, 0});
}

TEST_CASE("days since touch count calendar days across months, leap days and years") {
    const std::vector<CalendarDate> none;
    REQUIRE(EvaluateRot(DealStatus::Open, 30, Date("2028-02-01"), none, Date("2028-03-01")).days_since_touch == 29);
    REQUIRE(EvaluateRot(DealStatus::Open, 30, Date("2026-12-31"), none, Date("2027-01-01")).days_since_touch == 1);
    REQUIRE(EvaluateRot(DealStatus::Open, 30, Date("2039-01-01"), none, Date("2040-01-01")).days_since_touch == 365);
}

TEST_CASE("a touch dated after today (another device's clock) counts as today") {
    const std::vector<CalendarDate> none;
    REQUIRE(EvaluateRot(DealStatus::Open, 5, Date("2027-03-20"), none, kToday) == RotState{false, 0, 0});
}

TEST_CASE("a scheduled activity due today or later stops rot, an overdue one does not") {
    const CalendarDate idle_since = Date("2027-01-01");
    const std::vector<CalendarDate> future = {Date("2027-06-01")};
    const std::vector<CalendarDate> today = {kToday};
    const std::vector<CalendarDate> overdue = {Date("2027-03-14")};
    const std::vector<CalendarDate> mixed = {Date("2027-02-01"), Date("2027-04-01")};
    REQUIRE_FALSE(EvaluateRot(DealStatus::Open, 10, idle_since, future, kToday).is_rotting);
    REQUIRE_FALSE(EvaluateRot(DealStatus::Open, 10, idle_since, today, kToday).is_rotting);
    REQUIRE(EvaluateRot(DealStatus::Open, 10, idle_since, overdue, kToday).is_rotting);
    REQUIRE_FALSE(EvaluateRot(DealStatus::Open, 10, idle_since, mixed, kToday).is_rotting);
    // Still reports how long it has been, for the deal card.
    REQUIRE(EvaluateRot(DealStatus::Open, 10, idle_since, future, kToday).days_since_touch == 73);
}

TEST_CASE("deals that are not open and stages without rotting never rot") {
    const std::vector<CalendarDate> none;
    const CalendarDate long_ago = Date("2020-01-01");
    for (const auto status : {DealStatus::Won, DealStatus::Lost, DealStatus::Postponed, DealStatus::Archived}) {
        const RotState rot = EvaluateRot(status, 5, long_ago, none, kToday);
        REQUIRE_FALSE(rot.is_rotting);
        REQUIRE(rot.days_rotting == 0);
        REQUIRE(rot.days_since_touch > 0);
    }
    REQUIRE_FALSE(EvaluateRot(DealStatus::Open, std::nullopt, long_ago, none, kToday).is_rotting);
    // Invalid stage data (refused by ValidateStageRules) is treated as rotting off, not as "always rotten".
    REQUIRE_FALSE(EvaluateRot(DealStatus::Open, 0, long_ago, none, kToday).is_rotting);
    REQUIRE_FALSE(EvaluateRot(DealStatus::Open, -4, long_ago, none, kToday).is_rotting);
}
