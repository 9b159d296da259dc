// Words for dates and day counts, in English until the app is translated.
#include "app/view_text.h"

namespace roadbook {
namespace {

constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::string DaysText(int64_t days) { return std::to_string(days) + (days == 1 || days == -1 ? " day" : " days"); }

std::string LongDateText(CalendarDate date) {
    // 1970-01-01 was a Thursday (index 3 from Monday); the modulo keeps dates before 1970 right too.
    const int64_t weekday = ((DaysSinceEpoch(date) + 3) % 7 + 7) % 7;
    return std::string(kWeekdays[weekday]) + " " + std::to_string(date.day) + " " + kMonths[date.month - 1] + " " +
           std::to_string(date.year);
}

std::string MonthYearText(CalendarDate date) { return std::string(kMonths[date.month - 1]) + " " + std::to_string(date.year); }

ui::ActivityDue ActivityDueFor(NextActivityState state) {
    switch (state) {
        case NextActivityState::Overdue: return ui::ActivityDue::Overdue;
        case NextActivityState::Today: return ui::ActivityDue::Today;
        case NextActivityState::Future: return ui::ActivityDue::Future;
        case NextActivityState::None: break;
    }
    return ui::ActivityDue::None;
}

std::string NextActivityText(const NextActivity& next) {
    switch (next.state) {
        case NextActivityState::Overdue: return "Overdue " + DaysText(-next.days_until_due);
        case NextActivityState::Today: return "Due today";
        case NextActivityState::Future: return "In " + DaysText(next.days_until_due);
        case NextActivityState::None: break;
    }
    return "No activity";
}

}  // namespace roadbook
