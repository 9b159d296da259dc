// Activities in SQLite: logging interactions, scheduling, rescheduling, completing and cancelling, with the
// next-step rule of core/next_step.h, and the timeline and Today queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.h"
#include "core/calendar_date.h"
#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;

// An activity to put in the calendar: a call, meeting or task due on a date.
struct PlannedActivity {
    ActivityKind kind = ActivityKind::Task;
    std::string subject;
    CalendarDate due_date;
    std::string notes;
    std::string contact_id;  // optional
};

// What comes after an interaction on an open deal: the next activity scheduled in the same command, or the
// reason there is none. Leave both empty when the deal already has an open activity due today or later.
// Giving both is field "next_step" rule "schedule-or-reason".
struct NextStep {
    std::optional<PlannedActivity> activity;
    std::string no_next_step_reason;
};

// A call, meeting, email or note that happened.
struct Interaction {
    std::string opportunity_id;
    std::string contact_id;  // optional
    ActivityKind kind = ActivityKind::Call;
    std::string subject;
    std::string notes;
    std::string outcome;
};

// Completing a scheduled activity: what came of it, and optionally its notes as edited (they replace the
// stored notes; leave unset to keep them).
struct Completion {
    std::string activity_id;
    std::string outcome;
    std::optional<std::string> notes;
};

// The rows a logging or completing command wrote.
struct ActivityWrite {
    std::string activity_id;       // the logged or completed activity
    std::string next_activity_id;  // the next activity scheduled with it; empty when none
};

struct ActivityRow {
    std::string id;
    ActivityKind kind = ActivityKind::Task;
    ActivityState state = ActivityState::Scheduled;
    std::string subject;
    std::string notes;
    std::string outcome;
    std::string opportunity_id;    // empty when none
    std::string opportunity_name;  // empty when none
    std::string contact_id;        // empty when none
    std::string contact_name;      // empty when none
    std::string owner_id;          // empty when none
    std::optional<CalendarDate> due_date;  // scheduled activities (and those completed or cancelled later)
    std::optional<int64_t> done_at_ms;     // done activities
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

class ActivityStore {
public:
    explicit ActivityStore(Database& database) : database_(database) {}

    // Logs a call, meeting, email or note as done now on a deal, touching the deal (last_touch_at_ms). On an
    // open deal it needs a next step (CheckNextStep): one scheduled with it, an open activity due today or
    // later, or a reason, which is stored on the deal (and cleared when a next activity is scheduled).
    // Errors: "kind" not-loggable, "subject" required / too-long, "notes" / "outcome" too-long, the next
    // activity's errors under "next_step.<field>", "opportunity_id" / "contact_id" not-found, "next_step"
    // required / schedule-or-reason / too-long.
    Result<ActivityWrite> LogInteraction(const Interaction& interaction, const NextStep& next_step,
                                         const WriteContext& context);

    // Schedules a call, meeting or task on a deal (any status), owned by the deal's owner. Due dates before
    // today are refused (field "due_date" rule "past"): an activity born overdue would hide as a next step
    // that has already slipped; log what happened instead. Clears the deal's "no next step" reason. Errors:
    // "kind" not-schedulable, "subject", "notes", "due_date" past, "opportunity_id" / "contact_id" not-found.
    Result<std::string> Schedule(const std::string& opportunity_id, const PlannedActivity& activity,
                                 const WriteContext& context);
    // The same inside a transaction the caller owns (lead conversion's first follow-up task).
    Result<std::string> ScheduleWithinTransaction(const std::string& opportunity_id, const PlannedActivity& activity,
                                                  const WriteContext& context);

    // Moves a scheduled activity to a new due date, today or later ("due_date" past), recorded in the change
    // log; clears the deal's "no next step" reason. "activity_id" not-found, "state" not-scheduled.
    Status Reschedule(const std::string& activity_id, CalendarDate due_date, const WriteContext& context);

    // Marks a scheduled activity done now with its outcome and touches its deal; the next-step rule applies
    // as for LogInteraction (the activity being completed no longer counts). "activity_id" not-found,
    // "state" not-scheduled (already done or cancelled), "outcome" / "notes" too-long.
    Result<ActivityWrite> Complete(const Completion& completion, const NextStep& next_step,
                                   const WriteContext& context);

    // A scheduled activity that will not happen. Not a touch and no next step is asked for: the deal's
    // next-activity indicator shows what is left. "activity_id" not-found, "state" not-scheduled.
    Status Cancel(const std::string& activity_id, const WriteContext& context);

    Result<ActivityRow> Find(const std::string& activity_id) const;
    // A deal's timeline: scheduled activities first (soonest due first), then done and cancelled ones,
    // newest first.
    Result<std::vector<ActivityRow>> Timeline(const std::string& opportunity_id) const;
    // For Today: scheduled activities due on or before `date` (overdue and due), soonest first, of one owner
    // or, with an empty owner_id, of everyone.
    Result<std::vector<ActivityRow>> DueOnOrBefore(CalendarDate date, const std::string& owner_id = "") const;

private:
    Database& database_;
};

}  // namespace roadbook
