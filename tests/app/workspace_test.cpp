// The workspace behind Today and the board, on real SQLite: view models with formatted totals and card
// indicators, re-read only when the data version or the filters change, and the commands the screens
// send (stage moves, outcomes, completing with the next-step rule, waking).
#include <catch2/catch.hpp>

#include <memory>

#include "workspace_test_support.h"
#include "app/view_text.h"
#include "app/workspace.h"
#include "store/demo_data.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

int64_t Count(Database& database, const std::string& sql) { return CountRows(database, sql); }

const ui::BoardColumnModel& Column(const ui::BoardModel& board, const std::string& stage_id) {
    for (const auto& column : board.columns) {
        if (column.stage_id == stage_id) return column;
    }
    throw std::runtime_error("no column " + stage_id);
}

}  // namespace

TEST_CASE("the board model has a column per open stage with totals in the reporting currency") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal", .amount_minor = 1'250'050});
    AddDeal(fixture.database, {.id = "d-2", .name = "Vans", .stage = kProposal, .amount_minor = 100'000,
                               .currency = "USD", .owner = "u-cat", .account = "a-cafe"});
    AddActivity(fixture.database, "x-1", "d-1", "2026-06-12");  // overdue 3 days
    const ui::BoardModel& board = fixture.workspace.Board(ui::BoardState{}, 1);
    REQUIRE(board.load_error.empty());
    REQUIRE(board.pipeline_id == kSales);
    REQUIRE(board.columns.size() == 4);  // won and lost stages are drop targets, not columns
    REQUIRE(board.deal_count == 2);
    REQUIRE(board.owners.size() == 3);
    REQUIRE(board.teams.size() == 2);
    REQUIRE(board.lost_reasons.size() == 5);
    const auto& qualification = Column(board, kQualification);
    REQUIRE(qualification.name == "Qualification");
    REQUIRE(qualification.total_text == "€12,500.50");
    REQUIRE(qualification.weighted_text == "€1,250.05");  // 10%
    const auto& card = qualification.cards.at(0);
    REQUIRE(card.name == "Fleet renewal");
    REQUIRE(card.account_name == "Łódź Logistik");
    REQUIRE(card.owner_name == "Ann Ørsted");
    REQUIRE(card.close_date_text == "31 Jul 2026");
    REQUIRE_FALSE(card.close_date_passed);
    REQUIRE(card.next_activity == ui::ActivityDue::Overdue);
    REQUIRE(card.next_activity_text == "Overdue 3 days");
    // 1,000.00 USD at 0.90 is 900.00 EUR in the column; the card keeps its own currency.
    const auto& proposal = Column(board, kProposal);
    REQUIRE(proposal.total_text == "€900.00");
    REQUIRE(proposal.weighted_text == "€450.00");
    REQUIRE(proposal.cards.at(0).amount_text == "$1,000.00");
    REQUIRE(proposal.cards.at(0).next_activity == ui::ActivityDue::None);
    REQUIRE(board.total_text == "€13,400.50");
}

TEST_CASE("the board is read again only when the data version or a filter changes") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal"});
    ui::BoardState state;
    REQUIRE(fixture.workspace.Board(state, 1).deal_count == 1);
    AddDeal(fixture.database, {.id = "d-2", .name = "Vans", .close = "2026-06-01", .account = "a-cafe"});
    // Same version, same filters: the model the last frame showed, without running the query.
    REQUIRE(fixture.workspace.Board(state, 1).deal_count == 1);
    const ui::BoardModel& fresh = fixture.workspace.Board(state, 2);
    REQUIRE(fresh.deal_count == 2);
    REQUIRE(Column(fresh, kQualification).cards.at(0).close_date_passed);  // ordered by close date
    state.text = "caf";  // prefix of the account "Café Müller", diacritics folded
    const ui::BoardModel& filtered = fixture.workspace.Board(state, 2);
    REQUIRE(filtered.filtered);
    REQUIRE(filtered.deal_count == 1);
    REQUIRE(Column(filtered, kQualification).cards.at(0).id == "d-2");
    state.text.clear();
    state.team_id = "t-south";
    const ui::BoardModel& south = fixture.workspace.Board(state, 2);
    REQUIRE(south.deal_count == 0);
    REQUIRE(south.owners.size() == 1);  // only the team's members are offered as owners
    REQUIRE(south.owners[0].label == "Cat Nowak");
}

TEST_CASE("a missing exchange rate shows as the board's error, not a silent sum") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Yen deal", .amount_minor = 5000, .currency = "JPY"});
    const ui::BoardModel& board = fixture.workspace.Board(ui::BoardState{}, 1);
    REQUIRE_FALSE(board.load_error.empty());
    REQUIRE(board.columns.empty());
}

TEST_CASE("moving a card changes its stage and writes the change log") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal"});
    REQUIRE(fixture.workspace.MoveStage({"d-1", kProposal, "Proposal"}).ok());
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM opportunities WHERE stage_id = '" + std::string(kProposal) +
                                        "'") == 1);
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-1' AND field = 'stage_id' AND "
                                    "new_value = '" + std::string(kProposal) + "'") == 1);
    REQUIRE(fixture.workspace.MoveStage({"d-1", "no-such-stage", "?"}).first_error().field == "stage_id");
}

TEST_CASE("lost needs a reason from the list, won closes today") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal"});
    AddDeal(fixture.database, {.id = "d-2", .name = "Vans"});
    const Status refused = fixture.workspace.MarkLost({"d-1", "", "too dear"});
    REQUIRE(refused.first_error().field == "lost_reason_id");
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM opportunities WHERE status = 'lost'") == 0);
    REQUIRE(fixture.workspace.MarkLost({"d-1", kPriceReason, "too dear"}).ok());
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM opportunities WHERE id = 'd-1' AND status = 'lost' AND "
                                    "lost_reason_id = '" + std::string(kPriceReason) + "' AND lost_note = 'too dear'") == 1);
    REQUIRE(fixture.workspace.MarkWon("d-2").ok());
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM opportunities WHERE id = 'd-2' AND status = 'won' AND "
                                    "closed_date = '2026-06-15' AND stage_id = '" + std::string(kWonStage) + "'") == 1);
    REQUIRE(fixture.workspace.Board(ui::BoardState{}, 3).deal_count == 0);
}

TEST_CASE("Today lists the agenda and attention with reasons, and quick due dates") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal", .close = "2026-06-10"});
    AddActivity(fixture.database, "x-1", "d-1", "2026-06-12");
    AddActivity(fixture.database, "x-2", "d-1", "2026-06-15");
    AddActivity(fixture.database, "x-3", "", "2026-06-15");
    const ui::TodayModel& today = fixture.workspace.Today(1);
    REQUIRE(today.load_error.empty());
    REQUIRE(today.date_text == "Monday 15 June 2026");
    REQUIRE(today.overdue.size() == 1);
    REQUIRE(today.overdue[0].due_text == "3 days overdue");
    REQUIRE(today.overdue[0].context_text == "Fleet renewal · Łódź Logistik");
    REQUIRE(today.due_today.size() == 2);
    REQUIRE(today.due_today[0].due_text == "Today");
    REQUIRE(today.attention.size() == 1);
    REQUIRE(today.attention[0].reasons.front() == "close date passed 5 days ago");
    REQUIRE(today.quick_due_dates.at(0).id == "2026-06-16");
    REQUIRE(today.quick_due_dates.at(0).label == "Tomorrow");
}

TEST_CASE("completing from Today schedules the next step or records why there is none") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal", .no_next_step_reason = ""});
    AddActivity(fixture.database, "x-1", "d-1", "2026-06-12");
    AddActivity(fixture.database, "x-2", "d-1", "2026-06-14");

    auto prompt = Require(fixture.workspace.PromptForCompletion("x-1"));
    REQUIRE(prompt.open);
    REQUIRE(prompt.opportunity_name == "Fleet renewal");
    REQUIRE(prompt.subject == "Follow up: Fleet renewal");
    REQUIRE(prompt.due_date == "2026-06-16");

    ui::NextStepAnswer answer{"x-1", "Agreed on a pilot", true, true, "meeting", "Pilot kick-off", "2026-06-3x", "", "", "", "", ""};
    REQUIRE(fixture.workspace.CompleteActivity(answer).first_error().field == "next_step.due_date");
    answer.due_date = "2026-06-20";
    answer.subject = " ";
    REQUIRE(fixture.workspace.CompleteActivity(answer).first_error().field == "next_step.subject");
    answer.subject = "Pilot kick-off";
    REQUIRE(fixture.workspace.CompleteActivity(answer).ok());
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM activities WHERE id = 'x-1' AND state = 'done' AND "
                                    "outcome = 'Agreed on a pilot'") == 1);
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM activities WHERE opportunity_id = 'd-1' AND kind = 'meeting' "
                                    "AND subject = 'Pilot kick-off' AND due_date = '2026-06-20' AND state = 'scheduled'") == 1);
    REQUIRE(fixture.workspace.PromptForCompletion("x-1").first_error().field == "state");

    // The other branch: no next step needs a reason, which is kept on the deal.
    ui::NextStepAnswer none{"x-2", "", true, false, "call", "", "", "", "", "", "", ""};
    // The meeting on the 20th is still ahead, so even an empty answer would pass; cancel it to test the rule.
    REQUIRE(fixture.database.Execute("UPDATE activities SET state = 'cancelled' WHERE kind = 'meeting'", "test").ok());
    REQUIRE(fixture.workspace.CompleteActivity(none).first_error().field == "next_step");
    none.reason = "Waiting for their budget in May";
    REQUIRE(fixture.workspace.CompleteActivity(none).ok());
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM opportunities WHERE id = 'd-1' AND no_next_step_reason = "
                                    "'Waiting for their budget in May'") == 1);
}

TEST_CASE("postponed deals whose date came are listed in Today and woken on request") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Sleeper", .status = "postponed", .postponed_until = "2026-06-15"});
    const ui::TodayModel& today = fixture.workspace.Today(1);
    REQUIRE(today.waking.size() == 1);
    REQUIRE(today.waking[0].postponed_text.rfind("Postponed until 15 Jun 2026", 0) == 0);
    REQUIRE(Require(fixture.workspace.WakePostponed()) == 1);
    REQUIRE(Count(fixture.database, "SELECT count(*) FROM opportunities WHERE id = 'd-1' AND status = 'open'") == 1);
    REQUIRE(fixture.workspace.Today(2).waking.empty());
}

TEST_CASE("the demo organisation's board has both pipelines to pick from") {
    Database database = OpenFreshDatabase();
    Workspace workspace(database, [] { return DeterministicContext(kTodayNoonMs); }, [] { return TestClock(); });
    DemoOptions options;
    options.opportunity_count = 200;
    options.today = kViewToday;
    REQUIRE(LoadDemoData(database, options).ok());
    const ui::BoardModel& board = workspace.Board(ui::BoardState{}, 1);
    REQUIRE(board.load_error.empty());
    REQUIRE(board.pipelines.size() == 2);
    REQUIRE(board.deal_count > 0);
    ui::BoardState second;
    second.pipeline_id = board.pipelines[1].id;
    REQUIRE(workspace.Board(second, 1).pipeline_id == second.pipeline_id);
}

TEST_CASE("dates and next activities in words") {
    REQUIRE(LongDateText({2026, 6, 15}) == "Monday 15 June 2026");
    REQUIRE(LongDateText({1969, 12, 31}) == "Wednesday 31 December 1969");
    REQUIRE(DaysText(1) == "1 day");
    REQUIRE(NextActivityText({NextActivityState::Future, CalendarDate{2026, 6, 20}, 5}) == "In 5 days");
    REQUIRE(NextActivityText({NextActivityState::Today, CalendarDate{2026, 6, 15}, 0}) == "Due today");
    REQUIRE(NextActivityText({}) == "No activity");
}
