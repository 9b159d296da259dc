// How the workspace's view models put dates, day counts and next activities into words.
#pragma once

#include <cstdint>
#include <string>

#include "core/calendar_date.h"
#include "core/next_step.h"
#include "ui/board_models.h"

namespace roadbook {

// "1 day", "12 days".
std::string DaysText(int64_t days);
// "Monday 15 June 2026".
std::string LongDateText(CalendarDate date);
// "November 2026".
std::string MonthYearText(CalendarDate date);
ui::ActivityDue ActivityDueFor(NextActivityState state);
// "Overdue 3 days", "Due today", "In 5 days", "No activity".
std::string NextActivityText(const NextActivity& next);

}  // namespace roadbook
