// Next activity indicator and the next-step rule applied when interactions are logged.
#include <catch2/catch.hpp>

#include <vector>

#include "core/next_step.h"

using namespace roadbook;

namespace {

CalendarDate Date(const char* text) { return ParseCalendarDate(text).value(); }

const CalendarDate kToday = Date("2027-03-15");

}  // namespace

TEST_CASE("the next activity is the earliest open one, classified against today") {
    const std::vector<CalendarDate> none;
    const NextActivity nothing = FindNextActivity(none, kToday);
    REQUIRE(nothing.state == NextActivityState::None);
    REQUIRE_FALSE(nothing.due_on);
    REQUIRE(nothing.days_until_due == 0);

    const std::vector<CalendarDate> overdue = {Date("2027-04-01"), Date("2027-03-12"), Date("2027-03-20")};
    const NextActivity late = FindNextActivity(overdue, kToday);
    REQUIRE(late.state == NextActivityState::Overdue);
    REQUIRE(late.due_on == Date("2027-03-12"));
    REQUIRE(late.days_until_due == -3);

    const std::vector<CalendarDate> today = {Date("2027-03-20"), kToday};
    REQUIRE(FindNextActivity(today, kToday).state == NextActivityState::Today);
    REQUIRE(FindNextActivity(today, kToday).days_until_due == 0);

    const std::vector<CalendarDate> future = {Date("2027-03-16")};
    REQUIRE(FindNextActivity(future, kToday).state == NextActivityState::Future);
    REQUIRE(FindNextActivity(future, kToday).days_until_due == 1);
}

TEST_CASE("next activity states have stable names") {
    REQUIRE(NextActivityStateName(NextActivityState::None) == "none");
    REQUIRE(NextActivityStateName(NextActivityState::Overdue) == "overdue");
    REQUIRE(NextActivityStateName(NextActivityState::Today) == "today");
    REQUIRE(NextActivityStateName(NextActivityState::Future) == "future");
}

TEST_CASE("an upcoming activity is one due today or later") {
    const std::vector<CalendarDate> past = {Date("2027-03-14"), Date("2026-01-01")};
    const std::vector<CalendarDate> with_today = {Date("2027-03-14"), kToday};
    REQUIRE_FALSE(HasUpcomingActivity(past, kToday));
    REQUIRE(HasUpcomingActivity(with_today, kToday));
    REQUIRE_FALSE(HasUpcomingActivity({}, kToday));
    REQUIRE(DaysBetween(Date("2027-03-10"), kToday) == 5);
    REQUIRE(DaysBetween(kToday, Date("2027-03-10")) == -5);
}

TEST_CASE("an open deal with a scheduled next activity passes the next-step rule") {
    const std::vector<CalendarDate> tomorrow = {Date("2027-03-16")};
    const std::vector<CalendarDate> today = {kToday};
    REQUIRE(CheckNextStep(DealStatus::Open, tomorrow, "", kToday).ok());
    REQUIRE(CheckNextStep(DealStatus::Open, today, "", kToday).ok());
}

TEST_CASE("an open deal without a next activity needs a reason") {
    const std::vector<CalendarDate> none;
    const Status missing = CheckNextStep(DealStatus::Open, none, "", kToday);
    REQUIRE_FALSE(missing.ok());
    REQUIRE(missing.first_error().field == "next_step");
    REQUIRE(missing.first_error().rule == "required");
    REQUIRE(missing.first_error().message == "Schedule a next activity, or say why there is no next step.");
    REQUIRE(CheckNextStep(DealStatus::Open, none, "   \t", kToday).first_error().rule == "required");
    REQUIRE(CheckNextStep(DealStatus::Open, none, "Waiting for their budget round in Q3", kToday).ok());
}

TEST_CASE("an overdue activity is not a next step, and the message says so") {
    const std::vector<CalendarDate> overdue = {Date("2027-03-14")};
    const Status status = CheckNextStep(DealStatus::Open, overdue, "", kToday);
    REQUIRE(status.first_error().rule == "required");
    REQUIRE(status.first_error().message ==
            "The next activity is overdue: reschedule it, schedule a new one, or say why there is no next step.");
    REQUIRE(CheckNextStep(DealStatus::Open, overdue, "Customer on leave", kToday).ok());
}

TEST_CASE("the no-next-step reason must be valid text of reasonable length") {
    const std::vector<CalendarDate> none;
    REQUIRE(CheckNextStep(DealStatus::Open, none, "bad \xc3", kToday).first_error().rule == "invalid-text");
    const std::string longest(kMaxNoNextStepReasonCharacters, 'x');
    REQUIRE(CheckNextStep(DealStatus::Open, none, longest, kToday).ok());
    const Status too_long = CheckNextStep(DealStatus::Open, none, longest + "x", kToday);
    REQUIRE(too_long.first_error().field == "next_step");
    REQUIRE(too_long.first_error().rule == "too-long");
}

TEST_CASE("deals that are not open need no next step") {
    const std::vector<CalendarDate> none;
    for (const auto status : {DealStatus::Won, DealStatus::Lost, DealStatus::Postponed, DealStatus::Archived}) {
        REQUIRE(CheckNextStep(status, none, "", kToday).ok());
    }
}
