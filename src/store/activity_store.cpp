// ActivityStore's commands. Each is one transaction through the RecordedWriter: the input is checked
// first, then the rows it depends on, then everything is written; a refusal returns before Commit(), so
// nothing is written. The queries are in activity_store_queries.cpp.
#include "store/activity_store.h"

#include <cassert>
#include <functional>

#include "core/field_checks.h"
#include "core/next_step.h"
#include "core/pipeline.h"
#include "store/command_support.h"
#include "store/database.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

ValidationError PastDueDate(const std::string& field, CalendarDate due_date) {
    return ValidationError{field, "past",
                           "The due date " + FormatIsoDate(due_date) + " is before today; pick today or later."};
}

struct DealFacts {
    DealStatus status = DealStatus::Open;
    SqlValue owner_id;  // NULL when the deal has no owner
};

Result<std::optional<DealFacts>> LoadDeal(Database& database, const std::string& opportunity_id) {
    auto statement =
        database.PrepareCached("SELECT status, owner_id FROM opportunities WHERE id = ?", "Reading the opportunity");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, opportunity_id);
    if (!read.Step()) {
        if (!read.error().empty()) return StorageError(read);
        return std::optional<DealFacts>();
    }
    auto status = ParseDealStatus(read.ColumnText(0));
    assert(status.ok() && "the schema only stores known statuses");
    DealFacts deal{status.value(), read.ColumnValue(1)};
    read.Reset();
    return std::optional<DealFacts>(std::move(deal));
}

// Appends "<prefix>contact_id" not-found when a contact is named but does not exist.
Status CheckContact(Database& database, const std::string& contact_id, const std::string& prefix,
                    std::vector<ValidationError>& errors) {
    if (contact_id.empty()) return Done{};
    auto exists = RowExists(database, "SELECT 1 FROM contacts WHERE id = ?", contact_id);
    if (!exists) return exists.errors();
    if (!exists.value()) errors.push_back(NotFound(prefix + "contact_id", "contact", contact_id));
    return Done{};
}

// The planned activity with its text trimmed, or its errors under `prefix` ("" or "next_step.").
PlannedActivity ValidatePlanned(const PlannedActivity& planned, const std::string& prefix, CalendarDate today,
                                std::vector<ValidationError>& errors) {
    PlannedActivity valid = planned;
    if (!CanBeScheduled(planned.kind)) {
        errors.push_back({prefix + "kind", "not-schedulable",
                          std::string(ActivityKindLabel(planned.kind)) +
                              " cannot be scheduled; schedule a call, meeting or task, or log it when it happens."});
    }
    const std::string subject_field = prefix + "subject";
    const std::string notes_field = prefix + "notes";
    valid.subject =
        ValidateText(planned.subject, TextRule{subject_field, "Subject", kMaxSubjectCharacters, true}, errors);
    valid.notes =
        ValidateText(planned.notes, TextRule{notes_field, "Notes", kMaxActivityNotesCharacters, false}, errors);
    if (planned.due_date < today) errors.push_back(PastDueDate(prefix + "due_date", planned.due_date));
    return valid;
}

Result<std::string> InsertScheduled(Database& database, const WriteContext& context, const std::string& opportunity_id,
                                    const SqlValue& owner_id, const PlannedActivity& planned) {
    const std::string id = context.new_id();
    RecordedWriter writer(database, context);
    auto inserted = writer.Insert(
        "activities", "activity", id,
        {{"kind", std::string(ActivityKindName(planned.kind))},
         {"subject", planned.subject},
         {"notes", planned.notes},
         {"opportunity_id", opportunity_id},
         {"contact_id", planned.contact_id.empty() ? SqlValue(nullptr) : SqlValue(planned.contact_id)},
         {"owner_id", owner_id},
         {"due_date", FormatIsoDate(planned.due_date)},
         {"state", std::string("scheduled")},
         {"created_at_ms", context.now_unix_ms},
         {"updated_at_ms", context.now_unix_ms}});
    if (!inserted) return inserted.errors();
    return id;
}

// Due dates of the deal's scheduled activities, leaving out `excluded_activity_id` (the one being completed).
Result<std::vector<CalendarDate>> OpenDueDates(Database& database, const std::string& opportunity_id,
                                               const std::string& excluded_activity_id) {
    auto statement = database.PrepareCached(
        "SELECT due_date FROM activities WHERE opportunity_id = ? AND state = 'scheduled' AND due_date IS NOT NULL "
        "AND id != ?", "Reading the open activities");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, opportunity_id).Bind(2, excluded_activity_id);
    std::vector<CalendarDate> dates;
    while (read.Step()) {
        auto date = ParseCalendarDate(read.ColumnText(0), "due_date");
        if (date) dates.push_back(date.value());  // a malformed date from an old import schedules nothing
    }
    if (!read.error().empty()) return StorageError(read);
    return dates;
}

// The next step's own fields, checked before anything is read: the planned activity (if any) trimmed.
std::optional<PlannedActivity> ValidateNextStep(const NextStep& next_step, CalendarDate today, std::string& reason,
                                                std::vector<ValidationError>& errors) {
    reason = ValidateText(next_step.no_next_step_reason,
                          TextRule{"next_step", "The reason for no next step", kMaxNoNextStepReasonCharacters, false},
                          errors);
    if (!next_step.activity) return std::nullopt;
    if (!reason.empty()) {
        errors.push_back({"next_step", "schedule-or-reason",
                          "Either schedule the next activity or say why there is none, not both."});
    }
    return ValidatePlanned(*next_step.activity, "next_step.", today, errors);
}

// The next-step rule and its writes, shared by logging and completing: checks the rule against the deal's
// open activities (without `excluded_activity_id`) plus the planned one, schedules the planned one, and
// touches the deal, storing or clearing the "no next step" reason.
Result<std::string> ApplyNextStep(Database& database, const WriteContext& context, const std::string& opportunity_id,
                                  const DealFacts& deal, const std::string& excluded_activity_id,
                                  const std::optional<PlannedActivity>& planned, const std::string& reason) {
    std::vector<ValidationError> errors;
    if (planned) {
        if (auto checked = CheckContact(database, planned->contact_id, "next_step.", errors); !checked) {
            return checked.errors();
        }
        if (!errors.empty()) return errors;
    }
    auto dates = OpenDueDates(database, opportunity_id, excluded_activity_id);
    if (!dates) return dates.errors();
    if (planned) dates.value().push_back(planned->due_date);
    if (auto rule = CheckNextStep(deal.status, dates.value(), reason, context.today); !rule) return rule.errors();

    std::string next_activity_id;
    std::vector<FieldValue> touch = {{"last_touch_at_ms", context.now_unix_ms}};
    if (planned) {
        auto scheduled = InsertScheduled(database, context, opportunity_id, deal.owner_id, *planned);
        if (!scheduled) return scheduled.errors();
        next_activity_id = std::move(scheduled).value();
        touch.push_back({"no_next_step_reason", std::string()});
    } else if (!reason.empty()) {
        touch.push_back({"no_next_step_reason", reason});
    }
    RecordedWriter writer(database, context);
    if (auto touched = writer.Update("opportunities", "opportunity", opportunity_id, touch); !touched) {
        return touched.errors();
    }
    return next_activity_id;
}

struct ActivityFacts {
    ActivityState state = ActivityState::Scheduled;
    std::string opportunity_id;  // empty when none
};

Result<ActivityFacts> LoadActivity(Database& database, const std::string& activity_id) {
    auto statement = database.PrepareCached("SELECT state, coalesce(opportunity_id, '') FROM activities WHERE id = ?",
                                            "Reading the activity");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, activity_id);
    if (!read.Step()) {
        if (!read.error().empty()) return StorageError(read);
        return NotFound("activity_id", "activity", activity_id);
    }
    auto state = ParseActivityState(read.ColumnText(0));
    assert(state.ok() && "the schema only stores known states");
    ActivityFacts facts{state.value(), read.ColumnText(1)};
    read.Reset();
    return facts;
}

Result<ActivityFacts> LoadScheduledActivity(Database& database, const std::string& activity_id) {
    auto activity = LoadActivity(database, activity_id);
    if (!activity) return activity;
    if (activity.value().state != ActivityState::Scheduled) {
        return ValidationError{"state", "not-scheduled",
                               "This activity is already " + std::string(ActivityStateName(activity.value().state)) +
                                   "; only scheduled activities can change."};
    }
    return activity;
}

// Who did a logged interaction: the acting user when they are a known user, else the deal's owner.
Result<SqlValue> InteractionOwner(Database& database, const WriteContext& context, const DealFacts& deal) {
    auto known = RowExists(database, "SELECT 1 FROM users WHERE id = ?", context.actor);
    if (!known) return known.errors();
    return known.value() ? SqlValue(context.actor) : deal.owner_id;
}

}  // namespace

Result<ActivityWrite> ActivityStore::LogInteraction(const Interaction& interaction, const NextStep& next_step,
                                                    const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    ActivityWrite written;
    auto status = InTransaction(database_, [&]() -> Status {
        std::vector<ValidationError> errors;
        if (!CanBeLogged(interaction.kind)) {
            errors.push_back({"kind", "not-loggable",
                              "A task is scheduled and then completed; log a call, meeting, email or note."});
        }
        const std::string subject =
            ValidateText(interaction.subject, TextRule{"subject", "Subject", kMaxSubjectCharacters, true}, errors);
        const std::string notes =
            ValidateText(interaction.notes, TextRule{"notes", "Notes", kMaxActivityNotesCharacters, false}, errors);
        const std::string outcome =
            ValidateText(interaction.outcome, TextRule{"outcome", "Outcome", kMaxOutcomeCharacters, false}, errors);
        std::string reason;
        const auto planned = ValidateNextStep(next_step, context.today, reason, errors);
        auto deal = LoadDeal(database_, interaction.opportunity_id);
        if (!deal) return deal.errors();
        if (!deal.value()) errors.push_back(NotFound("opportunity_id", "opportunity", interaction.opportunity_id));
        if (auto checked = CheckContact(database_, interaction.contact_id, "", errors); !checked) return checked;
        if (!errors.empty()) return errors;

        auto owner = InteractionOwner(database_, context, *deal.value());
        if (!owner) return owner.errors();
        written.activity_id = context.new_id();
        RecordedWriter writer(database_, context);
        auto inserted = writer.Insert(
            "activities", "activity", written.activity_id,
            {{"kind", std::string(ActivityKindName(interaction.kind))},
             {"subject", subject},
             {"notes", notes},
             {"opportunity_id", interaction.opportunity_id},
             {"contact_id", interaction.contact_id.empty() ? SqlValue(nullptr) : SqlValue(interaction.contact_id)},
             {"owner_id", owner.value()},
             {"state", std::string("done")},
             {"outcome", outcome},
             {"done_at_ms", context.now_unix_ms},
             {"created_at_ms", context.now_unix_ms},
             {"updated_at_ms", context.now_unix_ms}});
        if (!inserted) return inserted;
        auto next = ApplyNextStep(database_, context, interaction.opportunity_id, *deal.value(), written.activity_id,
                                  planned, reason);
        if (!next) return next.errors();
        written.next_activity_id = std::move(next).value();
        return Done{};
    });
    if (!status) return status.errors();
    return written;
}

Result<std::string> ActivityStore::Schedule(const std::string& opportunity_id, const PlannedActivity& activity,
                                            const WriteContext& context) {
    std::string id;
    auto status = InTransaction(database_, [&]() -> Status {
        auto scheduled = ScheduleWithinTransaction(opportunity_id, activity, context);
        if (!scheduled) return scheduled.errors();
        id = std::move(scheduled).value();
        return Done{};
    });
    if (!status) return status.errors();
    return id;
}

Result<std::string> ActivityStore::ScheduleWithinTransaction(const std::string& opportunity_id,
                                                             const PlannedActivity& activity,
                                                             const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    std::vector<ValidationError> errors;
    const PlannedActivity planned = ValidatePlanned(activity, "", context.today, errors);
    auto deal = LoadDeal(database_, opportunity_id);
    if (!deal) return deal.errors();
    if (!deal.value()) errors.push_back(NotFound("opportunity_id", "opportunity", opportunity_id));
    if (auto checked = CheckContact(database_, planned.contact_id, "", errors); !checked) return checked.errors();
    if (!errors.empty()) return errors;

    auto id = InsertScheduled(database_, context, opportunity_id, deal.value()->owner_id, planned);
    if (!id) return id;
    RecordedWriter writer(database_, context);
    auto cleared =
        writer.Update("opportunities", "opportunity", opportunity_id, {{"no_next_step_reason", std::string()}});
    if (!cleared) return cleared.errors();
    return id;
}

Status ActivityStore::Reschedule(const std::string& activity_id, CalendarDate due_date, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto activity = LoadScheduledActivity(database_, activity_id);
        if (!activity) return activity.errors();
        if (due_date < context.today) return PastDueDate("due_date", due_date);
        RecordedWriter writer(database_, context);
        auto moved = writer.Update("activities", "activity", activity_id, {{"due_date", FormatIsoDate(due_date)}});
        if (!moved) return moved.errors();
        if (activity.value().opportunity_id.empty()) return Done{};
        auto cleared = writer.Update("opportunities", "opportunity", activity.value().opportunity_id,
                                     {{"no_next_step_reason", std::string()}});
        if (!cleared) return cleared.errors();
        return Done{};
    });
}

Result<ActivityWrite> ActivityStore::Complete(const Completion& completion, const NextStep& next_step,
                                              const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    ActivityWrite written{completion.activity_id, ""};
    auto status = InTransaction(database_, [&]() -> Status {
        auto activity = LoadScheduledActivity(database_, completion.activity_id);
        if (!activity) return activity.errors();
        std::vector<ValidationError> errors;
        std::vector<FieldValue> fields = {{"state", std::string("done")}, {"done_at_ms", context.now_unix_ms}};
        fields.push_back(
            {"outcome",
             ValidateText(completion.outcome, TextRule{"outcome", "Outcome", kMaxOutcomeCharacters, false}, errors)});
        if (completion.notes) {
            fields.push_back({"notes", ValidateText(*completion.notes,
                                                    TextRule{"notes", "Notes", kMaxActivityNotesCharacters, false},
                                                    errors)});
        }
        std::string reason;
        const auto planned = ValidateNextStep(next_step, context.today, reason, errors);
        const std::string& opportunity_id = activity.value().opportunity_id;
        if (planned && opportunity_id.empty()) {
            errors.push_back({"next_step", "no-opportunity",
                              "This activity is on no opportunity, so there is nothing to schedule a next step on."});
        }
        if (!errors.empty()) return errors;

        RecordedWriter writer(database_, context);
        if (auto done = writer.Update("activities", "activity", completion.activity_id, fields); !done) {
            return done.errors();
        }
        if (opportunity_id.empty()) return Done{};
        auto deal = LoadDeal(database_, opportunity_id);
        if (!deal) return deal.errors();
        assert(deal.value() && "activities reference existing opportunities (foreign key)");
        auto next = ApplyNextStep(database_, context, opportunity_id, *deal.value(), completion.activity_id, planned,
                                  reason);
        if (!next) return next.errors();
        written.next_activity_id = std::move(next).value();
        return Done{};
    });
    if (!status) return status.errors();
    return written;
}

Status ActivityStore::Cancel(const std::string& activity_id, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto activity = LoadScheduledActivity(database_, activity_id);
        if (!activity) return activity.errors();
        RecordedWriter writer(database_, context);
        auto cancelled = writer.Update("activities", "activity", activity_id, {{"state", std::string("cancelled")}});
        if (!cancelled) return cancelled.errors();
        return Done{};
    });
}

}  // namespace roadbook
