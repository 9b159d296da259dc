// Activities: the kinds a rep logs or schedules, their states with the stable names stored in
// SQLite and sent over sync (never renamed), and the text limits every surface applies.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace roadbook {

enum class ActivityKind { Call, Meeting, Task, Email, Note };

// Scheduled: in the calendar, still to do. Done: happened (logged, or completed from scheduled).
// Cancelled: will not happen; kept for the timeline.
enum class ActivityState { Scheduled, Done, Cancelled };

// "call", "meeting", "task", "email", "note".
std::string_view ActivityKindName(ActivityKind kind);
// "Call", "Meeting", "Task", "Email", "Note".
std::string_view ActivityKindLabel(ActivityKind kind);
// Exact, case-sensitive stable names; anything else is field "kind" rule "unknown-value".
Result<ActivityKind> ParseActivityKind(std::string_view text);

// "scheduled", "done", "cancelled".
std::string_view ActivityStateName(ActivityState state);
// Exact, case-sensitive stable names; anything else is field "state" rule "unknown-value".
Result<ActivityState> ParseActivityState(std::string_view text);

// Interactions that happened and are logged: calls, meetings, emails and notes. A task is something to do,
// so it is scheduled and later completed, never logged as done out of nothing.
bool CanBeLogged(ActivityKind kind);
// What goes in the calendar: calls, meetings and tasks. Emails and notes are logged when they happen; an
// email still to send is a task.
bool CanBeScheduled(ActivityKind kind);

inline constexpr size_t kMaxSubjectCharacters = 200;
inline constexpr size_t kMaxActivityNotesCharacters = 20000;
inline constexpr size_t kMaxOutcomeCharacters = 2000;

}  // namespace roadbook
