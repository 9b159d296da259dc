// Demo deals over 18 months: each one gets a timeline (stages visited and for how long, close-date pushes,
// overrides, an outcome), the calls, e-mails, meetings and notes logged along the way, its scheduled next
// steps, and the change-log rows that replay it exactly, at the times things happened.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/attention.h"
#include "core/demo_names.h"
#include "store/demo_writer.h"

namespace roadbook::demo {
namespace {

constexpr int64_t kHistoryDays = 548;
// How far into the pipeline deals get: many stop early, few reach the last open stage.
constexpr int kReachWeights[] = {30, 22, 17, 13, 10, 8};
constexpr std::string_view kCategoryOverrides[] = {"pipeline", "best_case", "commit", "omitted"};
constexpr std::string_view kCallOutcomes[] = {"Reached", "Left a voicemail", "No answer"};
constexpr std::string_view kContactRoles[] = {"Decision maker", "Champion", "User", "Purchasing"};

enum class Outcome { Open, Won, Lost, Postponed, Archived };

// One change after creation; the writer turns it into a change-log row.
struct Event {
    int64_t at_ms = 0;
    std::string_view field;
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
};

// Text fields start as "" rather than a null view: binding a null view would store SQL NULL.
struct Activity {
    std::string_view kind;
    std::string_view subject;
    std::string_view notes = "";
    std::string_view outcome = "";
    std::optional<int64_t> due_day;
    std::string_view state;  // final state
    bool was_scheduled = false;  // created scheduled, then done or cancelled at finished_ms
    int64_t created_ms = 0;
    int64_t finished_ms = 0;
    bool with_contact = false;
};

struct Deal {
    Outcome outcome = Outcome::Open;
    const Pipeline* pipeline = nullptr;
    const Account* account = nullptr;
    int contact = -1;
    std::string owner_id;
    std::string name;
    int64_t amount_minor = 0;
    std::string_view currency;
    std::vector<int> visits;  // stage indexes in order; the deal is in the last one unless it closed
    int stage = 0;
    int64_t created_ms = 0;
    int64_t stage_entered_ms = 0;
    int64_t end_day = 0;  // won, lost, postponed or archived on this day; today while open
    int64_t initial_close_day = 0;
    int64_t close_day = 0;
    int32_t push_count = 0;
    std::optional<int64_t> closed_day;
    std::optional<int64_t> postponed_until_day;
    std::optional<int32_t> probability_override;
    std::string_view category_override = "";
    std::string_view lost_reason_id = "";
    std::string_view lost_note = "";
    std::string_view postponed_reason = "";
    std::string_view no_next_step_reason = "";
    std::string_view source = "";
    std::string_view needs = "";
    std::string tags;
    int64_t priority = 1;
    int64_t last_touch_ms = 0;
    int64_t updated_ms = 0;
    std::vector<Event> events;
    std::vector<Activity> activities;
};

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
    if (deal.outcome == Outcome::Won) close_dates.push_back(DateFromDaysSinceEpoch(deal.end_day));
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
    if (deal.outcome == Outcome::Won && deal.close_day != deal.end_day) {
        deal.events.push_back({at, "expected_close_date", DayText(deal.close_day), end_text});
        deal.close_day = deal.end_day;
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
    const int64_t logged = std::clamp<int64_t>((deal.end_day - created_day) / 20 + random.Between(0, 2), 1, 6);
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

std::optional<std::string> Text(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return std::string(text);
}

void BindOptional(Statement& statement, int index, const std::optional<std::string>& text) {
    if (text) statement.Bind(index, *text); else statement.BindNull(index);
}

struct Statements {
    Statement* deal = nullptr;
    Statement* deal_contact = nullptr;
    Statement* activity = nullptr;
    Statement* lead = nullptr;
};

Status WriteDeal(Writer& writer, const Statements& statements, const Deal& deal, const std::string& id) {
    const std::string_view owner = deal.owner_id;
    const Stage& initial_stage = deal.pipeline->stages[size_t(deal.visits[0])];
    const std::optional<std::string> contact_id =
        deal.contact >= 0 ? std::optional<std::string>(deal.account->contact_ids[size_t(deal.contact)]) : std::nullopt;
    Statement& insert = *statements.deal;
    insert.Bind(1, id).Bind(2, deal.name).Bind(3, deal.account->id).Bind(5, deal.pipeline->id)
        .Bind(6, deal.pipeline->stages[size_t(deal.stage)].id).Bind(7, owner).Bind(8, deal.amount_minor)
        .Bind(9, deal.currency).Bind(12, DayText(deal.close_day)).Bind(13, deal.source).Bind(14, deal.priority)
        .Bind(15, deal.tags).Bind(16, deal.needs).Bind(17, StatusName(deal.outcome)).Bind(20, deal.lost_note)
        .Bind(22, deal.postponed_reason).Bind(23, deal.no_next_step_reason).Bind(24, deal.stage_entered_ms)
        .Bind(25, deal.last_touch_ms).Bind(26, int64_t(deal.push_count)).Bind(27, deal.created_ms)
        .Bind(28, deal.updated_ms);
    BindOptional(insert, 4, contact_id);
    if (deal.probability_override) insert.Bind(10, int64_t(*deal.probability_override)); else insert.BindNull(10);
    BindOptional(insert, 11, Text(deal.category_override));
    BindOptional(insert, 18, deal.closed_day ? std::optional<std::string>(DayText(*deal.closed_day)) : std::nullopt);
    BindOptional(insert, 19, Text(deal.lost_reason_id));
    BindOptional(insert, 21, deal.postponed_until_day ? std::optional<std::string>(DayText(*deal.postponed_until_day))
                                                      : std::nullopt);
    if (auto done = RunAndReset(insert); !done) return done;

    std::vector<std::pair<std::string_view, std::string>> fields = {
        {"name", deal.name}, {"account_id", deal.account->id}, {"pipeline_id", deal.pipeline->id},
        {"stage_id", initial_stage.id}, {"owner_id", deal.owner_id}, {"amount_minor", std::to_string(deal.amount_minor)},
        {"currency_code", std::string(deal.currency)}, {"expected_close_date", DayText(deal.initial_close_day)},
        {"status", "open"}, {"priority", std::to_string(deal.priority)}, {"source", std::string(deal.source)}};
    if (contact_id) fields.emplace_back("primary_contact_id", *contact_id);
    if (!deal.tags.empty()) fields.emplace_back("tags", deal.tags);
    if (!deal.needs.empty()) fields.emplace_back("needs", std::string(deal.needs));
    if (auto done = writer.Created("opportunity", id, fields, owner, deal.created_ms); !done) return done;
    for (const Event& event : deal.events) {
        auto done = writer.Change("opportunity", id, event.field, event.old_value, event.new_value, owner, event.at_ms);
        if (!done) return done;
    }
    if (!deal.no_next_step_reason.empty()) {
        auto done = writer.Change("opportunity", id, "no_next_step_reason", std::nullopt,
                                  std::string(deal.no_next_step_reason), owner, deal.last_touch_ms);
        if (!done) return done;
    }

    if (contact_id) {
        Statement& link = *statements.deal_contact;
        link.Bind(1, id).Bind(2, *contact_id).Bind(3, writer.random().Pick(std::span<const std::string_view>(kContactRoles)));
        if (auto done = RunAndReset(link); !done) return done;
    }

    for (const Activity& activity : deal.activities) {
        const std::string activity_id = writer.NewId(activity.created_ms);
        const std::optional<std::string> due = activity.due_day ? std::optional<std::string>(DayText(*activity.due_day))
                                                                : std::nullopt;
        const int64_t updated = std::max(activity.created_ms, activity.finished_ms);
        Statement& row = *statements.activity;
        row.Bind(1, activity_id).Bind(2, activity.kind).Bind(3, activity.subject).Bind(4, activity.notes).Bind(5, id)
            .Bind(7, owner).Bind(9, activity.state).Bind(10, activity.outcome).Bind(12, activity.created_ms)
            .Bind(13, updated);
        BindOptional(row, 6, activity.with_contact ? contact_id : std::nullopt);
        BindOptional(row, 8, due);
        if (activity.state == "done") row.Bind(11, activity.finished_ms ? activity.finished_ms : activity.created_ms);
        else row.BindNull(11);
        if (auto done = RunAndReset(row); !done) return done;

        std::vector<std::pair<std::string_view, std::string>> activity_fields = {
            {"kind", std::string(activity.kind)}, {"subject", std::string(activity.subject)}, {"opportunity_id", id},
            {"state", activity.was_scheduled ? "scheduled" : std::string(activity.state)}};
        if (activity.with_contact && contact_id) activity_fields.emplace_back("contact_id", *contact_id);
        if (due) activity_fields.emplace_back("due_date", *due);
        if (!activity.notes.empty()) activity_fields.emplace_back("notes", std::string(activity.notes));
        if (!activity.outcome.empty()) activity_fields.emplace_back("outcome", std::string(activity.outcome));
        if (auto done = writer.Created("activity", activity_id, activity_fields, owner, activity.created_ms); !done) {
            return done;
        }
        if (activity.was_scheduled && activity.state != "scheduled") {
            auto done = writer.Change("activity", activity_id, "state", "scheduled", std::string(activity.state), owner,
                                      activity.finished_ms);
            if (!done) return done;
        }
    }
    return Done{};
}

// One deal in a hundred came from a lead that was qualified and converted shortly before.
Status WriteConvertedLead(Writer& writer, const Statements& statements, const Deal& deal, const std::string& deal_id) {
    Random& random = writer.random();
    const int64_t at = deal.created_ms - random.Between(1, 10) * kMillisecondsPerDay;
    const std::string id = writer.NewId(at);
    const std::string name =
        deal.contact >= 0 ? deal.account->contact_names[size_t(deal.contact)] : deal.account->contact_names[0];
    Statement& insert = *statements.lead;
    insert.Bind(1, id).Bind(2, name).Bind(3, deal.account->name).Bind(4, deal.source).Bind(5, deal.owner_id)
        .Bind(6, deal_id).Bind(7, at).Bind(8, deal.created_ms);
    if (auto done = RunAndReset(insert); !done) return done;
    const std::pair<std::string_view, std::string> fields[] = {
        {"name", name}, {"company", deal.account->name}, {"source", std::string(deal.source)},
        {"owner_id", deal.owner_id}, {"status", "new"}};
    if (auto done = writer.Created("lead", id, fields, deal.owner_id, at); !done) return done;
    for (const std::string_view field : {"has_budget", "has_authority", "has_need", "has_timing"}) {
        if (auto done = writer.Change("lead", id, field, "0", "1", deal.owner_id, at + 60'000); !done) return done;
    }
    if (auto done = writer.Change("lead", id, "status", "new", "converted", deal.owner_id, deal.created_ms); !done) {
        return done;
    }
    return writer.Change("lead", id, "converted_opportunity_id", std::nullopt, deal_id, deal.owner_id, deal.created_ms);
}

}  // namespace

Status WriteDeals(Writer& writer, const Organisation& organisation, int64_t opportunity_count) {
    Statements statements;
    const std::pair<Statement**, std::string_view> sql[] = {
        {&statements.deal,
         "INSERT OR FAIL INTO opportunities (id, name, account_id, primary_contact_id, pipeline_id, stage_id, owner_id,"
         " amount_minor, currency_code, probability_override, forecast_category_override, expected_close_date, source,"
         " priority, tags, needs, status, closed_date, lost_reason_id, lost_note, postponed_until, postponed_reason,"
         " no_next_step_reason, stage_entered_at_ms, last_touch_at_ms, close_date_push_count, created_at_ms,"
         " updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&statements.deal_contact, "INSERT OR FAIL INTO opportunity_contacts (opportunity_id, contact_id, role) VALUES (?, ?, ?)"},
        {&statements.activity,
         "INSERT OR FAIL INTO activities (id, kind, subject, notes, opportunity_id, contact_id, owner_id, due_date, state,"
         " outcome, done_at_ms, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&statements.lead,
         "INSERT OR FAIL INTO leads (id, name, company, source, owner_id, status, has_budget, has_authority, has_need,"
         " has_timing, converted_opportunity_id, created_at_ms, updated_at_ms)"
         " VALUES (?, ?, ?, ?, ?, 'converted', 1, 1, 1, 1, ?, ?, ?)"},
    };
    for (const auto& [target, text] : sql) {
        auto prepared = writer.Prepare(text);
        if (!prepared) return prepared.errors();
        *target = prepared.value();
    }
    Random& random = writer.random();
    for (int64_t index = 0; index < opportunity_count; ++index) {
        const Deal deal = PlanDeal(random, organisation);
        const std::string id = writer.NewId(deal.created_ms);
        if (auto done = WriteDeal(writer, statements, deal, id); !done) return done;
        if (index % 100 == 7 && deal.pipeline == &organisation.pipelines[0]) {
            if (auto done = WriteConvertedLead(writer, statements, deal, id); !done) return done;
        }
    }
    return Done{};
}

}  // namespace roadbook::demo
