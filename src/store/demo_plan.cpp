// Demo deals over 18 months, planned: each one gets a timeline (stages visited and for how long,
// close-date pushes, overrides, an outcome), the calls, e-mails, meetings and notes logged along the way,
// its scheduled next steps, and the last touch they leave behind. Realistic shapes, integer arithmetic only.
#include "store/demo_plan.h"

#include <algorithm>
#include <array>

#include "core/attention.h"
#include "core/demo_names.h"

namespace roadbook::demo {

std::string_view StatusName(Outcome outcome) {
    switch (outcome) {
        case Outcome::Open: return "open";
        case Outcome::Won: return "won";
        case Outcome::Lost: return "lost";
        case Outcome::Postponed: return "postponed";
        case Outcome::Archived: return "archived";
    }
    return "open";
}

namespace {

constexpr int64_t kHistoryDays = 548;
// How far into the pipeline deals get: many stop early, few reach the last open stage.
constexpr int kReachWeights[] = {30, 22, 17, 13, 10, 8};
constexpr std::string_view kCategoryOverrides[] = {"pipeline", "best_case", "commit", "omitted"};
constexpr std::string_view kCallOutcomes[] = {"Reached", "Left a voicemail", "No answer"};


// Stage visits, their durations and the dates that anchor the deal in the 18 months.
void PlanTimeline(Random& random, const Organisation& organisation, Deal& deal) {
    const int64_t today = organisation.today_day;
    const int64_t draw = random.Between(0, 99);
    deal.outcome = draw < 16 ? Outcome::Open : draw < 46 ? Outcome::Won : draw < 88 ? Outcome::Lost
                 : draw < 94 ? Outcome::Postponed : Outcome::Archived;
    deal.pipeline = &organisation.pipelines[random.Percent(70) ? 0 : 1];
    const int open_count = deal.pipeline->open_stage_count;
    int reach = std::min(open_count - 1, int(random.Weighted(kReachWeights)));
    if (deal.outcome == Outcome::Won) reach = open_count - 1;
    if (deal.outcome == Outcome::Archived) reach = std::min(reach, 2);
    deal.visits = {0};
    for (int stage = 1; stage <= reach; ++stage) {
        if (stage < reach && random.Percent(12)) continue;  // some deals skip a stage
        deal.visits.push_back(stage);
    }
    const bool closes = deal.outcome == Outcome::Won || deal.outcome == Outcome::Lost;
    const size_t completed = closes ? deal.visits.size() : deal.visits.size() - 1;
    std::vector<int64_t> durations;
    int64_t life = 0;
    for (size_t visit = 0; visit < completed; ++visit) {
        const int64_t usual = deal.pipeline->stages[size_t(deal.visits[visit])].usual_days;
        int64_t days = std::max<int64_t>(1, usual * random.Between(30, 220) / 100);
        if (random.Percent(5)) days *= 3;  // the occasional deal that sat for weeks
        durations.push_back(days);
        life += days;
    }
    int64_t age = 0;  // days in the current stage
    if (!closes) {
        const int64_t usual = deal.pipeline->stages[size_t(deal.visits.back())].usual_days;
        age = usual * random.Between(10, 150) / 100;
        if (random.Percent(12)) age = usual * random.Between(200, 600) / 100;  // stuck
    }
    switch (deal.outcome) {
        case Outcome::Won:
        case Outcome::Lost: deal.end_day = today - random.Between(1, std::max<int64_t>(1, kHistoryDays - life - 1)); break;
        case Outcome::Open: deal.end_day = today; break;
        case Outcome::Postponed: deal.end_day = today - random.Between(0, 90); break;
        case Outcome::Archived: deal.end_day = today - random.Between(30, 500); break;
    }
    const int64_t created_day = deal.end_day - age - life;
    deal.created_ms = WorkingTime(random, created_day);
    deal.stage = deal.visits[0];
    deal.stage_entered_ms = deal.created_ms;
    int64_t day = created_day;
    int64_t previous_ms = deal.created_ms;
    for (size_t visit = 1; visit < deal.visits.size(); ++visit) {
        day += durations[visit - 1];
        const int64_t at = std::max(WorkingTime(random, day), previous_ms + 60'000);
        const int next = deal.visits[visit];
        deal.events.push_back({at, "stage_id", deal.pipeline->stages[size_t(deal.stage)].id,
                               deal.pipeline->stages[size_t(next)].id});
        deal.stage = next;
        deal.stage_entered_ms = previous_ms = at;
    }

    // The expected close date: first a guess from the stages ahead, then pushed later now and again.
    int64_t cycle = 0;
    for (int stage = deal.visits[0]; stage < open_count; ++stage) {
        cycle += deal.pipeline->stages[size_t(stage)].usual_days * random.Between(70, 150) / 100;
    }
    deal.initial_close_day = deal.close_day = created_day + std::max<int64_t>(7, cycle);
    std::vector<CalendarDate> close_dates = {DateFromDaysSinceEpoch(deal.close_day)};
    const int64_t push_draw = random.Between(0, 99);
    const int64_t pushes = push_draw < 55 ? 0 : push_draw < 80 ? 1 : push_draw < 92 ? 2 : random.Between(3, 5);
    if (deal.end_day - created_day > 14 && pushes > 0) {
        std::vector<int64_t> push_days;
        for (int64_t push = 0; push < pushes; ++push) push_days.push_back(random.Between(created_day + 1, deal.end_day - 1));
        std::sort(push_days.begin(), push_days.end());
        int64_t previous_push_ms = deal.created_ms;
        for (const int64_t push_day : push_days) {
            const int64_t at = std::max(WorkingTime(random, push_day), previous_push_ms + 60'000);
            const int64_t later = deal.close_day + random.Between(10, 45);
            deal.events.push_back({at, "expected_close_date", DayText(deal.close_day), DayText(later)});
            deal.close_day = later;
            close_dates.push_back(DateFromDaysSinceEpoch(later));
            previous_push_ms = at;
        }
    }
    deal.push_count = CountCloseDatePushes(close_dates);
}

// Overrides a rep made on the way; they happen inside the deal's life, before any outcome.
void PlanOverrides(Random& random, Deal& deal) {
    const Stage& stage = deal.pipeline->stages[size_t(deal.stage)];
    const int64_t entered_day = deal.stage_entered_ms / kMillisecondsPerDay;
    const bool open_now = deal.outcome == Outcome::Open || deal.outcome == Outcome::Postponed;
    if (random.Percent(open_now ? 8 : 3)) {
        const int64_t sign = random.Percent(50) ? 1 : -1;
        int32_t value = std::clamp(int32_t(stage.probability + sign * random.Between(10, 30)), 5, 95);
        if (value == stage.probability) value += 5;
        const int64_t at = std::max(WorkingTime(random, random.Between(entered_day, deal.end_day)),
                                    deal.stage_entered_ms + 60'000);
        deal.events.push_back({at, "probability_override", std::nullopt, std::to_string(value)});
        deal.probability_override = value;
    }
    if (deal.outcome == Outcome::Open && random.Percent(4)) {
        std::string_view category = random.Pick(std::span<const std::string_view>(kCategoryOverrides));
        if (category == stage.forecast_category) category = "commit";
        if (category != stage.forecast_category) {
            const int64_t at = std::max(WorkingTime(random, random.Between(entered_day, deal.end_day)),
                                        deal.stage_entered_ms + 120'000);
            deal.events.push_back({at, "forecast_category_override", std::nullopt, std::string(category)});
            deal.category_override = category;
        }
    }
}

// The outcome's rows, after everything else that happened to the deal.
void PlanOutcome(Random& random, const Organisation& organisation, Deal& deal) {
    std::stable_sort(deal.events.begin(), deal.events.end(),
                     [](const Event& left, const Event& right) { return left.at_ms < right.at_ms; });
    const int64_t latest = deal.events.empty() ? deal.created_ms : deal.events.back().at_ms;
    deal.updated_ms = latest;
    if (deal.outcome == Outcome::Open) return;
    const int64_t at = std::max(WorkingTime(random, deal.end_day), latest + 60'000);
    deal.updated_ms = at;
    const std::string end_text = DayText(deal.end_day);
    deal.events.push_back({at, "status", "open", std::string(StatusName(deal.outcome))});
    if (deal.outcome == Outcome::Won || deal.outcome == Outcome::Lost) {
        const int next = deal.outcome == Outcome::Won ? deal.pipeline->won_index : deal.pipeline->lost_index;
        deal.events.push_back({at, "stage_id", deal.pipeline->stages[size_t(deal.stage)].id,
                               deal.pipeline->stages[size_t(next)].id});
        deal.stage = next;
        deal.stage_entered_ms = at;
        deal.closed_day = deal.end_day;
        deal.events.push_back({at, "closed_date", std::nullopt, end_text});
    }
    if (deal.outcome == Outcome::Lost) {
        deal.lost_reason_id = organisation.lost_reason_ids[size_t(random.Between(0, 5))];
        deal.events.push_back({at, "lost_reason_id", std::nullopt, std::string(deal.lost_reason_id)});
        if (random.Percent(40)) {
            deal.lost_note = random.Pick(DemoLostNotes());
            deal.events.push_back({at, "lost_note", std::nullopt, std::string(deal.lost_note)});
        }
    }
    if (deal.outcome == Outcome::Postponed) {
        deal.postponed_until_day = deal.end_day + random.Between(14, 120);
        deal.postponed_reason = random.Pick(DemoPostponeReasons());
        deal.events.push_back({at, "postponed_until", std::nullopt, DayText(*deal.postponed_until_day)});
        deal.events.push_back({at, "postponed_reason", std::nullopt, std::string(deal.postponed_reason)});
    }
}

// Logged interactions over the deal's life, scheduled next steps on open deals (some overdue, some today),
// and the last touch they leave behind.
void PlanActivities(Random& random, const Organisation& organisation, Deal& deal) {
    const int64_t created_day = deal.created_ms / kMillisecondsPerDay;
    const int64_t today = organisation.today_day;
    // Deals still being worked carry the most history; old closed ones a call or two.
    const bool working = deal.outcome == Outcome::Open || deal.outcome == Outcome::Postponed;
    const int64_t logged = working ? std::clamp<int64_t>((deal.end_day - created_day) / 15 + random.Between(0, 2), 1, 5)
                                   : random.Between(0, 2);
    deal.last_touch_ms = deal.outcome == Outcome::Open ? deal.stage_entered_ms : deal.updated_ms;
    for (int64_t index = 0; index < logged; ++index) {
        Activity activity;
        const int64_t day = random.Between(created_day, deal.end_day);
        const int64_t at = std::max(WorkingTime(random, day), deal.created_ms + 120'000);
        const int64_t kind = random.Between(0, 99);
        activity.state = "done";
        activity.with_contact = deal.contact >= 0;
        if (kind < 35) {
            activity.kind = "call";
            activity.subject = random.Pick(DemoCallSubjects());
            activity.outcome = random.Pick(std::span<const std::string_view>(kCallOutcomes));
        } else if (kind < 55) {
            activity.kind = "email";
            activity.subject = random.Pick(DemoEmailSubjects());
        } else if (kind < 75) {
            activity.kind = "meeting";
            activity.subject = random.Pick(DemoMeetingSubjects());
            activity.was_scheduled = true;
            activity.due_day = day;
        } else {
            activity.kind = "note";
            activity.subject = random.Pick(DemoNoteSubjects());
            activity.notes = random.Pick(DemoActivityNotes());
            activity.with_contact = false;
        }
        if (activity.notes.empty() && activity.kind != "email" && random.Percent(35)) {
            activity.notes = random.Pick(DemoActivityNotes());
        }
        activity.created_ms = at;
        if (activity.was_scheduled) {
            activity.created_ms = std::max(deal.created_ms + 60'000, at - random.Between(1, 7) * kMillisecondsPerDay);
            activity.finished_ms = at;
        }
        if (deal.outcome == Outcome::Open) deal.last_touch_ms = std::max(deal.last_touch_ms, at);
        deal.activities.push_back(activity);
    }

    const auto schedule = [&](int64_t due_day, std::string_view state) {
        Activity activity;
        const int64_t kind = random.Between(0, 99);
        activity.kind = kind < 60 ? "task" : kind < 85 ? "call" : "meeting";
        activity.subject = kind < 60   ? random.Pick(DemoTaskSubjects())
                           : kind < 85 ? random.Pick(DemoCallSubjects())
                                       : random.Pick(DemoMeetingSubjects());
        activity.due_day = due_day;
        activity.state = state;
        activity.was_scheduled = true;
        activity.with_contact = deal.contact >= 0 && activity.kind != "task";
        const int64_t latest_day = std::min(due_day, deal.end_day);
        const int64_t day = random.Between(std::max(created_day, latest_day - 10), std::max(created_day, latest_day));
        activity.created_ms = std::max(WorkingTime(random, day), deal.created_ms + 60'000);
        if (state == "cancelled") activity.finished_ms = std::max(deal.updated_ms, activity.created_ms + 60'000);
        deal.activities.push_back(activity);
    };
    if (deal.outcome == Outcome::Open) {
        if (random.Percent(78)) {
            const int64_t draw = random.Between(0, 99);
            const int64_t due = draw < 14   ? std::max(created_day, today - random.Between(1, 21))
                                : draw < 24 ? today
                                : draw < 95 ? today + random.Between(1, 21)
                                            : today + random.Between(40, 90);  // further out than the stage allows
            schedule(due, "scheduled");
            if (random.Percent(12)) schedule(today + random.Between(5, 40), "scheduled");
        } else if (random.Percent(35)) {
            deal.no_next_step_reason = random.Pick(DemoNoNextStepReasons());
        }
    }
    if (deal.outcome == Outcome::Lost && random.Percent(20)) {
        schedule(deal.end_day + random.Between(1, 14), "cancelled");
    }
}

}  // namespace

int64_t PlanCreationTime(Random& random, const Organisation& organisation) {
    Deal deal;
    PlanTimeline(random, organisation, deal);
    return deal.created_ms;
}

Deal PlanDeal(Random& random, const Organisation& organisation) {
    Deal deal;
    PlanTimeline(random, organisation, deal);
    PlanOverrides(random, deal);
    PlanOutcome(random, organisation, deal);
    deal.account = &organisation.accounts[size_t(random.Between(0, int64_t(organisation.accounts.size()) - 1))];
    if (random.Percent(90)) deal.contact = int(random.Between(0, int64_t(deal.account->contact_ids.size()) - 1));
    deal.owner_id = random.Percent(2) ? organisation.manager_id
                                      : organisation.rep_ids[size_t(random.Between(0, 5))];
    const bool renewal = deal.pipeline != &organisation.pipelines[0];
    deal.name = deal.account->name + " – " +
                (renewal ? "Renewal " + std::to_string(DateFromDaysSinceEpoch(deal.close_day).year)
                         : std::string(random.Pick(DemoProducts())));
    // Mostly small deals, a long tail of large ones; whole hundreds, as reps quote them.
    const int64_t spread = random.Between(0, 1000);
    int64_t major = 2'000 + spread * spread * 248 / 1000;
    if (renewal) major /= 2;
    deal.amount_minor = major / 100 * 100 * 100;
    const int64_t currency = random.Between(0, 99);
    deal.currency = organisation.currencies[currency < 70 ? 0 : currency < 90 ? 1 : 2];
    deal.source = random.Pick(DemoDealSources());
    deal.priority = std::array<int64_t, 6>{0, 1, 1, 1, 2, 3}[size_t(random.Between(0, 5))];
    for (const std::string_view tag : DemoTags()) {
        if (!random.Percent(15)) continue;
        if (!deal.tags.empty()) deal.tags += ',';
        deal.tags += tag;
    }
    if (random.Percent(40)) deal.needs = random.Pick(DemoNeeds());
    PlanActivities(random, organisation, deal);
    return deal;
}

}  // namespace roadbook::demo
