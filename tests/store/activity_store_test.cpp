// Activities in a real SQLite database: logging, scheduling, rescheduling, completing and cancelling, the
// next-step rule in each of its forms, the timeline and Today queries, and refused commands writing nothing.
#include <catch2/catch.hpp>

#include <filesystem>

#include "store/activity_store.h"
#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;

namespace {

constexpr int64_t kDayMs = 86'400'000;

// The rows a refused command must leave exactly as they were.
std::vector<int64_t> RowCounts(Database& database) {
    return {CountRows(database, "SELECT count(*) FROM opportunities"),
            CountRows(database, "SELECT count(*) FROM activities"),
            CountRows(database, "SELECT count(*) FROM change_log"),
            CountRows(database, "SELECT count(*) FROM opportunities WHERE no_next_step_reason != ''")};
}

struct Fixture {
    Database database = roadbook::testing::OpenFreshDatabase();
    WriteContext context = roadbook::testing::DeterministicContext();
    ActivityStore activities{database};
    std::string deal;

    Fixture() {
        REQUIRE(database.Execute("INSERT INTO users (id, name, email, role) VALUES "
                                 "('user-ann', 'Ann', 'ann@example.com', 'rep'), "
                                 "('user-bob', 'Bob', 'bob@example.com', 'rep')", "Adding users").ok());
        deal = NewDeal("Fleet renewal", "user-ann");
    }

    std::string NewDeal(const std::string& name, const std::string& owner) {
        ValidOpportunity opportunity;
        opportunity.name = name;
        opportunity.amount = Money{100000, "EUR"};
        opportunity.expected_close_date = AddDays(context.today, 30);
        opportunity.owner_id = owner;
        return OpportunityStore(database).Create(opportunity, context).value();
    }

    void AdvanceDays(int64_t days) {
        context.now_unix_ms += days * kDayMs;
        context.today = AddDays(context.today, days);
    }

    std::string Text(const std::string& sql) {
        auto rows = database.QueryReadOnly(sql);
        REQUIRE(rows.ok());
        REQUIRE(rows.value().size() == 1);
        const SqlValue& value = rows.value()[0].values.at(0);
        return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "";
    }

    std::string ScheduleTask(const std::string& subject, int64_t days_from_today) {
        PlannedActivity task{ActivityKind::Task, subject, AddDays(context.today, days_from_today), "", ""};
        return activities.Schedule(deal, task, context).value();
    }

    Interaction Call(const std::string& subject = "Called about the renewal") {
        return Interaction{deal, "", ActivityKind::Call, subject, "Talked through pricing.", "Interested"};
    }
};

NextStep Reason(const std::string& reason) { return NextStep{std::nullopt, reason}; }

NextStep Schedule(ActivityKind kind, const std::string& subject, CalendarDate due) {
    return NextStep{PlannedActivity{kind, subject, due, "", ""}, ""};
}

}  // namespace

TEST_CASE("logging a call with its next activity stores both and touches the deal") {
    Fixture fixture;
    fixture.context.now_unix_ms += 1000;
    REQUIRE(fixture.activities.LogInteraction(fixture.Call("First call"), Reason("Waiting for budget"), fixture.context)
                .ok());
    REQUIRE(fixture.Text("SELECT no_next_step_reason FROM opportunities") == "Waiting for budget");
    fixture.AdvanceDays(1);

    const CalendarDate due = AddDays(fixture.context.today, 3);
    auto logged = fixture.activities.LogInteraction(fixture.Call(), Schedule(ActivityKind::Meeting, "Demo", due),
                                                    fixture.context);
    REQUIRE(logged.ok());
    const ActivityRow done = fixture.activities.Find(logged.value().activity_id).value();
    REQUIRE(done.state == ActivityState::Done);
    REQUIRE(done.kind == ActivityKind::Call);
    REQUIRE(done.subject == "Called about the renewal");
    REQUIRE(done.notes == "Talked through pricing.");
    REQUIRE(done.outcome == "Interested");
    REQUIRE(done.done_at_ms == fixture.context.now_unix_ms);
    REQUIRE_FALSE(done.due_date);
    REQUIRE(done.opportunity_name == "Fleet renewal");

    const ActivityRow next = fixture.activities.Find(logged.value().next_activity_id).value();
    REQUIRE(next.state == ActivityState::Scheduled);
    REQUIRE(next.kind == ActivityKind::Meeting);
    REQUIRE(next.due_date == due);
    REQUIRE(next.owner_id == "user-ann");  // scheduled work belongs to the deal's owner

    REQUIRE(fixture.Text("SELECT no_next_step_reason FROM opportunities") == "");
    REQUIRE(CountRows(fixture.database, "SELECT last_touch_at_ms FROM opportunities") == fixture.context.now_unix_ms);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND "
                                        "field = 'last_touch_at_ms'") == 3);  // created, then two touches
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'activity' AND entity_id = '" +
                                            next.id + "' AND field = 'due_date' AND actor = 'rep@example.com'") == 1);
}

TEST_CASE("an open activity due today or later is already a next step") {
    Fixture fixture;
    SECTION("due later") { fixture.ScheduleTask("Send proposal", 5); }
    SECTION("due today") { fixture.ScheduleTask("Send proposal", 0); }
    auto logged = fixture.activities.LogInteraction(fixture.Call(), NextStep{}, fixture.context);
    REQUIRE(logged.ok());
    REQUIRE(logged.value().next_activity_id.empty());
}

TEST_CASE("a reason instead of a next step is stored on the deal and cleared by the next schedule") {
    Fixture fixture;
    auto logged = fixture.activities.LogInteraction(fixture.Call(), Reason("  Customer on leave until March  "),
                                                    fixture.context);
    REQUIRE(logged.ok());
    REQUIRE(fixture.Text("SELECT no_next_step_reason FROM opportunities") == "Customer on leave until March");
    fixture.ScheduleTask("Check in", 40);
    REQUIRE(fixture.Text("SELECT no_next_step_reason FROM opportunities") == "");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE field = 'no_next_step_reason' AND "
                                        "old_value = 'Customer on leave until March' AND new_value = ''") == 1);
}

TEST_CASE("logging without any next step on an open deal is refused and writes nothing") {
    Fixture fixture;
    const auto before = RowCounts(fixture.database);
    auto refused = fixture.activities.LogInteraction(fixture.Call(), NextStep{}, fixture.context);
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.first_error().field == "next_step");
    REQUIRE(refused.first_error().rule == "required");
    REQUIRE(RowCounts(fixture.database) == before);

    auto blank_reason = fixture.activities.LogInteraction(fixture.Call(), Reason("   "), fixture.context);
    REQUIRE(blank_reason.first_error().rule == "required");
    auto too_long = fixture.activities.LogInteraction(fixture.Call(), Reason(std::string(501, 'x')), fixture.context);
    REQUIRE(too_long.first_error().field == "next_step");
    REQUIRE(too_long.first_error().rule == "too-long");
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("an overdue activity is not a next step") {
    Fixture fixture;
    fixture.ScheduleTask("Send proposal", 1);
    fixture.AdvanceDays(3);
    const auto before = RowCounts(fixture.database);
    auto refused = fixture.activities.LogInteraction(fixture.Call(), NextStep{}, fixture.context);
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.first_error().rule == "required");
    REQUIRE(refused.first_error().message.find("overdue") != std::string::npos);
    REQUIRE(RowCounts(fixture.database) == before);
    REQUIRE(fixture.activities.LogInteraction(fixture.Call(), Reason("Proposal slipped, chasing legal"),
                                              fixture.context).ok());
}

TEST_CASE("a deal that is not open needs no next step") {
    Fixture fixture;
    REQUIRE(fixture.database.Execute("UPDATE opportunities SET status = 'won', closed_date = '2027-01-15'",
                                     "Winning the deal").ok());
    auto logged = fixture.activities.LogInteraction(fixture.Call("Thank-you call"), NextStep{}, fixture.context);
    REQUIRE(logged.ok());
    REQUIRE(fixture.Text("SELECT no_next_step_reason FROM opportunities") == "");
}

TEST_CASE("scheduling and giving a reason at once is refused") {
    Fixture fixture;
    NextStep both = Schedule(ActivityKind::Call, "Call back", AddDays(fixture.context.today, 1));
    both.no_next_step_reason = "No idea";
    const auto before = RowCounts(fixture.database);
    auto refused = fixture.activities.LogInteraction(fixture.Call(), both, fixture.context);
    REQUIRE(refused.first_error().field == "next_step");
    REQUIRE(refused.first_error().rule == "schedule-or-reason");
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("logging collects every input error at once and writes nothing") {
    Fixture fixture;
    const auto before = RowCounts(fixture.database);
    Interaction bad{"no-such-deal", "no-such-contact", ActivityKind::Task, "   ", std::string(20001, 'n'),
                    std::string(2001, 'o')};
    NextStep next = Schedule(ActivityKind::Note, "", AddDays(fixture.context.today, -1));
    auto refused = fixture.activities.LogInteraction(bad, next, fixture.context);
    REQUIRE_FALSE(refused.ok());
    std::vector<std::pair<std::string, std::string>> errors;
    for (const auto& error : refused.errors()) errors.emplace_back(error.field, error.rule);
    REQUIRE(errors == std::vector<std::pair<std::string, std::string>>{
                          {"kind", "not-loggable"},
                          {"subject", "required"},
                          {"notes", "too-long"},
                          {"outcome", "too-long"},
                          {"next_step.kind", "not-schedulable"},
                          {"next_step.subject", "required"},
                          {"next_step.due_date", "past"},
                          {"opportunity_id", "not-found"},
                          {"contact_id", "not-found"}});
    REQUIRE(RowCounts(fixture.database) == before);

    auto long_subject = fixture.Call(std::string(201, 's'));
    REQUIRE(fixture.activities.LogInteraction(long_subject, Reason("x"), fixture.context).first_error().rule ==
            "too-long");
    auto next_contact = Schedule(ActivityKind::Call, "Call", fixture.context.today);
    next_contact.activity->contact_id = "ghost";
    auto unknown_next_contact = fixture.activities.LogInteraction(fixture.Call(), next_contact, fixture.context);
    REQUIRE(unknown_next_contact.first_error().field == "next_step.contact_id");
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("a logged interaction belongs to the acting user when known, else to the deal's owner") {
    Fixture fixture;
    auto by_unknown = fixture.activities.LogInteraction(fixture.Call(), Reason("x"), fixture.context);
    REQUIRE(fixture.activities.Find(by_unknown.value().activity_id).value().owner_id == "user-ann");
    fixture.context.actor = "user-bob";
    auto by_bob = fixture.activities.LogInteraction(fixture.Call(), Reason("x"), fixture.context);
    REQUIRE(fixture.activities.Find(by_bob.value().activity_id).value().owner_id == "user-bob");
}

TEST_CASE("scheduling checks kind, subject, date and links") {
    Fixture fixture;
    const auto before = RowCounts(fixture.database);
    const CalendarDate yesterday = AddDays(fixture.context.today, -1);
    auto past =
        fixture.activities.Schedule(fixture.deal, {ActivityKind::Task, "Late", yesterday, "", ""}, fixture.context);
    REQUIRE(past.first_error().field == "due_date");
    REQUIRE(past.first_error().rule == "past");
    auto note = fixture.activities.Schedule(fixture.deal, {ActivityKind::Note, "Note", fixture.context.today, "", ""},
                                            fixture.context);
    REQUIRE(note.first_error().rule == "not-schedulable");
    auto email = fixture.activities.Schedule(fixture.deal, {ActivityKind::Email, "Mail", fixture.context.today, "", ""},
                                             fixture.context);
    REQUIRE(email.first_error().field == "kind");
    auto no_deal = fixture.activities.Schedule("ghost", {ActivityKind::Call, "Call", fixture.context.today, "", ""},
                                               fixture.context);
    REQUIRE(no_deal.first_error().field == "opportunity_id");
    REQUIRE(no_deal.first_error().rule == "not-found");
    auto no_contact = fixture.activities.Schedule(
        fixture.deal, {ActivityKind::Call, "Call", fixture.context.today, "", "ghost"}, fixture.context);
    REQUIRE(no_contact.first_error().field == "contact_id");
    auto long_notes = fixture.activities.Schedule(
        fixture.deal, {ActivityKind::Meeting, "Meet", fixture.context.today, std::string(20001, 'n'), ""},
        fixture.context);
    REQUIRE(long_notes.first_error().field == "notes");
    auto blank = fixture.activities.Schedule(fixture.deal, {ActivityKind::Call, " ", fixture.context.today, "", ""},
                                             fixture.context);
    REQUIRE(blank.first_error().field == "subject");
    REQUIRE(RowCounts(fixture.database) == before);

    auto meeting = fixture.activities.Schedule(
        fixture.deal, {ActivityKind::Meeting, " On-site demo ", fixture.context.today, "Bring the van", ""},
        fixture.context);
    REQUIRE(meeting.ok());
    const ActivityRow row = fixture.activities.Find(meeting.value()).value();
    REQUIRE(row.subject == "On-site demo");
    REQUIRE(row.state == ActivityState::Scheduled);
    REQUIRE(row.due_date == fixture.context.today);
    REQUIRE_FALSE(row.done_at_ms);
}

TEST_CASE("rescheduling moves the due date with history and refuses the past and finished activities") {
    Fixture fixture;
    const std::string task = fixture.ScheduleTask("Send proposal", 1);
    const CalendarDate later = AddDays(fixture.context.today, 7);
    REQUIRE(fixture.activities.Reschedule(task, later, fixture.context).ok());
    REQUIRE(fixture.activities.Find(task).value().due_date == later);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity_id = '" + task +
                                            "' AND field = 'due_date' AND old_value = '" +
                                            FormatIsoDate(AddDays(fixture.context.today, 1)) + "' AND new_value = '" +
                                            FormatIsoDate(later) + "'") == 1);

    const auto before = RowCounts(fixture.database);
    auto past = fixture.activities.Reschedule(task, AddDays(fixture.context.today, -1), fixture.context);
    REQUIRE(past.first_error().field == "due_date");
    REQUIRE(past.first_error().rule == "past");
    REQUIRE(fixture.activities.Reschedule("ghost", later, fixture.context).first_error().field == "activity_id");
    REQUIRE(fixture.activities.Cancel(task, fixture.context).ok());
    auto cancelled = fixture.activities.Reschedule(task, later, fixture.context);
    REQUIRE(cancelled.first_error().field == "state");
    REQUIRE(cancelled.first_error().rule == "not-scheduled");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM activities WHERE state = 'cancelled'") == 1);
    REQUIRE(RowCounts(fixture.database)[1] == before[1]);
}

TEST_CASE("completing marks done, touches the deal and asks for the next step without counting itself") {
    Fixture fixture;
    const std::string task = fixture.ScheduleTask("Send proposal", 0);
    fixture.context.now_unix_ms += 60'000;
    const auto before = RowCounts(fixture.database);
    auto refused = fixture.activities.Complete({task, "Sent", std::nullopt}, NextStep{}, fixture.context);
    REQUIRE(refused.first_error().field == "next_step");
    REQUIRE(refused.first_error().rule == "required");
    REQUIRE(RowCounts(fixture.database) == before);
    REQUIRE(fixture.activities.Find(task).value().state == ActivityState::Scheduled);

    auto completed = fixture.activities.Complete(
        {task, "Sent v2", std::string("Attached the price sheet")},
        Schedule(ActivityKind::Call, "Walk through the proposal", AddDays(fixture.context.today, 2)), fixture.context);
    REQUIRE(completed.ok());
    REQUIRE(completed.value().activity_id == task);
    const ActivityRow row = fixture.activities.Find(task).value();
    REQUIRE(row.state == ActivityState::Done);
    REQUIRE(row.outcome == "Sent v2");
    REQUIRE(row.notes == "Attached the price sheet");
    REQUIRE(row.done_at_ms == fixture.context.now_unix_ms);
    REQUIRE(fixture.activities.Find(completed.value().next_activity_id).value().state == ActivityState::Scheduled);
    REQUIRE(CountRows(fixture.database, "SELECT last_touch_at_ms FROM opportunities") == fixture.context.now_unix_ms);

    auto again = fixture.activities.Complete({task, "", std::nullopt}, Reason("x"), fixture.context);
    REQUIRE(again.first_error().field == "state");
    REQUIRE(again.first_error().rule == "not-scheduled");
    REQUIRE(
        fixture.activities.Complete({"ghost", "", std::nullopt}, Reason("x"), fixture.context).first_error().field ==
        "activity_id");
}

TEST_CASE("completing with another activity still ahead needs nothing, an outcome too long is refused") {
    Fixture fixture;
    const std::string first = fixture.ScheduleTask("Send proposal", 0);
    fixture.ScheduleTask("Follow up", 4);
    const auto before = RowCounts(fixture.database);
    auto too_long =
        fixture.activities.Complete({first, std::string(2001, 'o'), std::nullopt}, NextStep{}, fixture.context);
    REQUIRE(too_long.first_error().field == "outcome");
    REQUIRE(RowCounts(fixture.database) == before);
    auto completed = fixture.activities.Complete({first, "Sent", std::nullopt}, NextStep{}, fixture.context);
    REQUIRE(completed.ok());
    REQUIRE(completed.value().next_activity_id.empty());
    REQUIRE(fixture.activities.Find(first).value().notes.empty());  // notes unset: kept as they were
}

TEST_CASE("an activity on no deal completes without the next-step rule but cannot schedule one") {
    Fixture fixture;
    REQUIRE(fixture.database.Execute("INSERT INTO activities (id, kind, subject, due_date, state, created_at_ms, "
                                     "updated_at_ms) VALUES ('loose', 'task', 'Renew licence', '2027-01-15', "
                                     "'scheduled', 0, 0)", "Adding an imported activity").ok());
    const auto before = RowCounts(fixture.database);
    auto long_notes = fixture.activities.Complete({"loose", "", std::string(20001, 'n')}, NextStep{}, fixture.context);
    REQUIRE(long_notes.first_error().field == "notes");
    auto next = fixture.activities.Complete(
        {"loose", "", std::nullopt}, Schedule(ActivityKind::Task, "Again", fixture.context.today), fixture.context);
    REQUIRE(next.first_error().rule == "no-opportunity");
    REQUIRE(RowCounts(fixture.database) == before);
    REQUIRE(fixture.activities.Complete({"loose", "Renewed", std::nullopt}, NextStep{}, fixture.context).ok());
    REQUIRE(fixture.activities.Find("loose").value().state == ActivityState::Done);
}

TEST_CASE("cancelling keeps the activity for the timeline and does not touch the deal") {
    Fixture fixture;
    const std::string task = fixture.ScheduleTask("Send proposal", 2);
    fixture.context.now_unix_ms += 60'000;
    const int64_t touched = CountRows(fixture.database, "SELECT last_touch_at_ms FROM opportunities");
    REQUIRE(fixture.activities.Cancel(task, fixture.context).ok());
    REQUIRE(fixture.activities.Find(task).value().state == ActivityState::Cancelled);
    REQUIRE(CountRows(fixture.database, "SELECT last_touch_at_ms FROM opportunities") == touched);
    REQUIRE(fixture.activities.Cancel(task, fixture.context).first_error().rule == "not-scheduled");
    REQUIRE(fixture.activities.Cancel("ghost", fixture.context).first_error().rule == "not-found");
}

TEST_CASE("the timeline lists scheduled activities first, soonest due, then the rest newest first") {
    Fixture fixture;
    const std::string later = fixture.ScheduleTask("Later", 9);
    const std::string sooner = fixture.ScheduleTask("Sooner", 2);
    const std::string cancelled = fixture.ScheduleTask("Dropped", 3);
    REQUIRE(fixture.activities.Cancel(cancelled, fixture.context).ok());
    fixture.context.now_unix_ms += 1000;
    const std::string old_call =
        fixture.activities.LogInteraction(fixture.Call("Old call"), NextStep{}, fixture.context).value().activity_id;
    fixture.context.now_unix_ms += 1000;
    const std::string new_note =
        fixture.activities.LogInteraction({fixture.deal, "", ActivityKind::Note, "New note", "", ""}, NextStep{},
                                          fixture.context).value().activity_id;
    fixture.NewDeal("Other deal", "user-bob");

    std::vector<std::string> ids;
    for (const ActivityRow& row : fixture.activities.Timeline(fixture.deal).value()) ids.push_back(row.id);
    REQUIRE(ids == std::vector<std::string>{sooner, later, new_note, old_call, cancelled});
    REQUIRE(fixture.activities.Timeline("ghost").value().empty());
}

TEST_CASE("Today lists scheduled activities due on or before a date, soonest first, per owner") {
    Fixture fixture;
    const std::string bob_deal = fixture.NewDeal("Bob's deal", "user-bob");
    const std::string overdue = fixture.ScheduleTask("Overdue", 0);
    const std::string done = fixture.ScheduleTask("Done already", 0);
    fixture.AdvanceDays(2);
    REQUIRE(fixture.activities.Complete({done, "ok", std::nullopt}, Reason("x"), fixture.context).ok());
    const std::string today = fixture.ScheduleTask("Today", 0);
    fixture.ScheduleTask("Tomorrow", 1);
    const std::string bobs = fixture.activities.Schedule(
        bob_deal, {ActivityKind::Call, "Bob calls", fixture.context.today, "", ""}, fixture.context).value();

    std::vector<std::string> everyone;
    for (const ActivityRow& row : fixture.activities.DueOnOrBefore(fixture.context.today).value())
        everyone.push_back(row.id);
    REQUIRE(everyone == std::vector<std::string>{overdue, today, bobs});
    std::vector<std::string> anns;
    for (const ActivityRow& row : fixture.activities.DueOnOrBefore(fixture.context.today, "user-ann").value()) {
        anns.push_back(row.id);
    }
    REQUIRE(anns == std::vector<std::string>{overdue, today});
}

TEST_CASE("activities survive closing and reopening a database file") {
    const auto path = std::filesystem::temp_directory_path() / "roadbook_activity_store_test.sqlite";
    std::filesystem::remove(path);
    std::string logged_id;
    {
        Database database = Database::Open(path.string()).value();
        auto context = roadbook::testing::DeterministicContext();
        ValidOpportunity opportunity;
        opportunity.name = "On disk";
        opportunity.amount = Money{1, "EUR"};
        opportunity.expected_close_date = AddDays(context.today, 10);
        const std::string deal = OpportunityStore(database).Create(opportunity, context).value();
        ActivityStore activities(database);
        auto logged = activities.LogInteraction({deal, "", ActivityKind::Email, "Sent the quote", "", ""},
                                                Schedule(ActivityKind::Call, "Call", context.today), context);
        REQUIRE(logged.ok());
        logged_id = logged.value().activity_id;
    }
    {
        Database database = Database::Open(path.string()).value();
        ActivityStore activities(database);
        const ActivityRow row = activities.Find(logged_id).value();
        REQUIRE(row.kind == ActivityKind::Email);
        REQUIRE(row.opportunity_name == "On disk");
        REQUIRE(activities.DueOnOrBefore(DateAtInstant(1'800'000'000'000, 0)).value().size() == 1);
    }
    std::filesystem::remove(path);
}
