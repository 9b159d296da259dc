// The board and Today on small hand-made data: columns and totals in the reporting currency, the missing
// rate error, next-activity states, rot suppressed by a future activity, attention order and reasons,
// filters, the agenda, waking postponed deals, and the usual time in stage learnt from the change log.
#include <catch2/catch.hpp>

#include <algorithm>

#include "store/demo_data.h"
#include "view_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

PipelineBoard LoadBoard(ViewQueries& views, BoardRequest request = {}) {
    request.pipeline_id = kSales;
    request.clock = TestClock();
    return Require(views.Board(request));
}

const DealCard& Card(const PipelineBoard& board, const std::string& id) {
    for (const BoardColumn& column : board.columns) {
        for (const DealCard& card : column.cards) {
            if (card.id == id) return card;
        }
    }
    throw std::runtime_error("no card " + id);
}

std::vector<std::string> Ids(const std::vector<DealCard>& cards) {
    std::vector<std::string> ids;
    for (const DealCard& card : cards) ids.push_back(card.id);
    return ids;
}

}  // namespace

TEST_CASE("the board has the open stages in order with totals converted to the reporting currency") {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "d-eur", .name = "Fleet", .amount_minor = 100'000});
    AddDeal(database, {.id = "d-usd", .name = "Pilot", .amount_minor = 50'000, .currency = "USD"});  // 450.00 EUR
    AddDeal(database, {.id = "d-override", .name = "Rollout", .stage = kProposal, .amount_minor = 200'000,
                       .probability_override = 80});
    AddDeal(database, {.id = "d-won", .name = "Won", .stage = kWonStage, .status = "won", .closed_date = "2026-06-01"});
    AddDeal(database, {.id = "d-lost", .name = "Lost", .stage = kLostStage, .status = "lost", .closed_date = "2026-06-02"});
    AddDeal(database, {.id = "d-later", .name = "Later", .status = "postponed", .postponed_until = "2026-09-01"});
    ViewQueries views(database);
    const PipelineBoard board = LoadBoard(views);

    REQUIRE(board.pipeline_name == "Sales");
    REQUIRE(board.reporting_currency == "EUR");
    REQUIRE(board.columns.size() == 4);
    REQUIRE(board.columns[0].stage_name == "Qualification");
    REQUIRE(board.columns[3].stage_name == "Negotiation");
    const BoardColumn& qualification = board.columns[0];
    REQUIRE(qualification.deal_count == 2);
    REQUIRE(qualification.total_minor == 145'000);
    REQUIRE(qualification.weighted_minor == 14'500);  // 10% of each converted amount
    REQUIRE(board.columns[2].deal_count == 1);
    REQUIRE(board.columns[2].total_minor == 200'000);
    REQUIRE(board.columns[2].weighted_minor == 160'000);  // the rep's 80%, not the stage's 50%
    REQUIRE(board.deal_count == 3);
    REQUIRE(board.total_minor == 345'000);
    REQUIRE(board.weighted_minor == 174'500);

    const DealCard& usd = Card(board, "d-usd");
    REQUIRE(usd.amount == Money{50'000, "USD"});  // cards keep the deal's own currency
    REQUIRE(usd.account_name == "Łódź Logistik");
    REQUIRE(usd.owner_name == "Ann Ørsted");
    REQUIRE(usd.expected_close_date == CalendarDate{2026, 7, 31});
    REQUIRE(Card(board, "d-override").probability == 80);
    REQUIRE(Card(board, "d-override").probability_overridden);
    REQUIRE(Card(board, "d-override").forecast_category == ForecastCategory::BestCase);
}

TEST_CASE("a currency without an exchange rate makes the board an error, never a silent sum") {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "d-eur", .name = "Fleet"});
    AddDeal(database, {.id = "d-gbp", .name = "London", .currency = "GBP"});
    ViewQueries views(database);
    BoardRequest request;
    request.pipeline_id = kSales;
    request.clock = TestClock();
    const auto board = views.Board(request);
    REQUIRE_FALSE(board.ok());
    REQUIRE(board.first_error().field == "exchange_rate");
    REQUIRE(board.first_error().rule == "missing-rate");
    REQUIRE(board.first_error().message.find("GBP") != std::string::npos);

    Run(database, "INSERT INTO exchange_rates VALUES ('GBP', 1170000000, 2)");
    REQUIRE(LoadBoard(views).total_minor == 100'000 + 117'000);  // the new rate is seen at once

    request.pipeline_id = "no-such-pipeline";
    REQUIRE(views.Board(request).first_error().field == "pipeline_id");
}

TEST_CASE("cards show the next activity from the earliest scheduled one, and a future one stops rotting") {
    Database database = OpenViewDatabase();
    const int64_t month_ago = DaysAgoMs(30);  // Qualification rots after 14 days
    AddDeal(database, {.id = "d-overdue", .name = "A", .last_touch_ms = month_ago});
    AddDeal(database, {.id = "d-today", .name = "B"});
    AddDeal(database, {.id = "d-future", .name = "C", .last_touch_ms = month_ago});
    AddDeal(database, {.id = "d-none", .name = "D", .last_touch_ms = month_ago});
    AddActivity(database, "x-1", "d-overdue", "2026-06-12");
    AddActivity(database, "x-2", "d-overdue", "2026-06-10", "done");  // done: not a next activity
    AddActivity(database, "x-3", "d-today", "2026-06-15");
    AddActivity(database, "x-4", "d-today", "2026-06-20");
    AddActivity(database, "x-5", "d-future", "2026-06-18");
    AddActivity(database, "x-6", "d-none", "2026-06-01", "cancelled");
    ViewQueries views(database);
    const PipelineBoard board = LoadBoard(views);

    const DealCard& overdue = Card(board, "d-overdue");
    REQUIRE(overdue.next_activity.state == NextActivityState::Overdue);
    REQUIRE(overdue.next_activity.days_until_due == -3);
    REQUIRE(overdue.rot.is_rotting);  // an overdue activity does not protect the deal
    REQUIRE(overdue.rot.days_rotting == 16);
    REQUIRE(Card(board, "d-today").next_activity.state == NextActivityState::Today);
    REQUIRE(Card(board, "d-today").next_activity.due_on == CalendarDate{2026, 6, 15});
    const DealCard& future = Card(board, "d-future");
    REQUIRE(future.next_activity.state == NextActivityState::Future);
    REQUIRE_FALSE(future.rot.is_rotting);
    REQUIRE(future.rot.days_since_touch == 30);
    const DealCard& none = Card(board, "d-none");
    REQUIRE(none.next_activity.state == NextActivityState::None);
    REQUIRE(none.rot.is_rotting);
    REQUIRE(none.attention_score > future.attention_score);
    REQUIRE(std::find(none.attention_reasons.begin(), none.attention_reasons.end(), "rotting 16 days") !=
            none.attention_reasons.end());
}

TEST_CASE("the board filters by owner, team and text, and can order cards by attention") {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "d-1", .name = "Espresso machines", .close = "2026-07-01", .owner = "u-ann",
                       .account = "a-cafe"});
    AddDeal(database, {.id = "d-2", .name = "Fleet telematics", .close = "2026-06-20", .owner = "u-bob",
                       .last_touch_ms = DaysAgoMs(40)});
    AddDeal(database, {.id = "d-3", .name = "Cold storage", .close = "2026-08-01", .owner = "u-cat",
                       .last_touch_ms = DaysAgoMs(20)});
    ViewQueries views(database);
    REQUIRE(Ids(LoadBoard(views).columns[0].cards) == std::vector<std::string>{"d-2", "d-1", "d-3"});

    BoardRequest request;
    request.scope.owner_id = "u-bob";
    REQUIRE(LoadBoard(views, request).deal_count == 1);
    request.scope = {"", "t-north"};
    REQUIRE(Ids(LoadBoard(views, request).columns[0].cards) == std::vector<std::string>{"d-2", "d-1"});
    request.scope = {};
    request.text = "mull";  // the account "Café Müller"
    REQUIRE(Ids(LoadBoard(views, request).columns[0].cards) == std::vector<std::string>{"d-1"});
    request.text = "fleet tele";
    REQUIRE(Ids(LoadBoard(views, request).columns[0].cards) == std::vector<std::string>{"d-2"});
    request.text = "  ";  // no words: no filter
    REQUIRE(LoadBoard(views, request).deal_count == 3);

    request.text.clear();
    request.order = BoardOrder::Attention;
    const PipelineBoard ranked = LoadBoard(views, request);
    REQUIRE(Ids(ranked.columns[0].cards) == std::vector<std::string>{"d-2", "d-3", "d-1"});
    REQUIRE(ranked.columns[0].cards[0].attention_score > ranked.columns[0].cards[1].attention_score);
    REQUIRE(ranked.columns[0].cards[2].attention_score == 0);
}

TEST_CASE("Today lists overdue and due-today activities, deals needing attention, and waking deals") {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "d-quiet", .name = "Quiet", .owner = "u-ann", .last_touch_ms = DaysAgoMs(30)});
    AddDeal(database, {.id = "d-late", .name = "Late close", .close = "2026-06-01", .owner = "u-ann"});
    AddDeal(database, {.id = "d-fine", .name = "Fine", .owner = "u-ann"});
    AddDeal(database, {.id = "d-bob", .name = "Bob deal", .owner = "u-bob", .last_touch_ms = DaysAgoMs(50)});
    AddDeal(database, {.id = "d-wake", .name = "Wake", .owner = "u-ann", .status = "postponed",
                       .postponed_until = "2026-06-15"});
    AddDeal(database, {.id = "d-sleep", .name = "Sleep", .owner = "u-ann", .status = "postponed",
                       .postponed_until = "2026-06-16"});
    AddActivity(database, "x-old", "d-fine", "2026-06-01");
    AddActivity(database, "x-recent", "d-fine", "2026-06-14");
    AddActivity(database, "x-today", "d-late", "2026-06-15");
    AddActivity(database, "x-future", "d-late", "2026-06-17");
    AddActivity(database, "x-done", "d-late", "2026-06-02", "done");
    AddActivity(database, "x-bob", "d-bob", "2026-06-10", "scheduled", "u-bob");
    ViewQueries views(database);
    TodayRequest request;
    request.scope.owner_id = "u-ann";
    request.clock = TestClock();
    const TodayView today = Require(views.Today(request));

    REQUIRE(today.overdue.size() == 2);
    REQUIRE(today.overdue[0].activity_id == "x-old");  // oldest first
    REQUIRE(today.overdue[0].days_overdue == 14);
    REQUIRE(today.overdue[0].opportunity_name == "Fine");
    REQUIRE(today.overdue[0].account_name == "Łódź Logistik");
    REQUIRE(today.overdue[1].activity_id == "x-recent");
    REQUIRE(today.due_today.size() == 1);
    REQUIRE(today.due_today[0].activity_id == "x-today");
    REQUIRE(today.due_today[0].days_overdue == 0);

    // Quiet rots 16 days (36 points); Late close passed 14 days ago (34); Fine's next step is 14 days
    // overdue (29); Bob's deal is out of scope.
    REQUIRE(Ids(today.needing_attention) == std::vector<std::string>{"d-quiet", "d-late", "d-fine"});
    REQUIRE(today.needing_attention_count == 3);
    REQUIRE(today.needing_attention[0].attention_reasons == std::vector<std::string>{"rotting 16 days"});
    REQUIRE(today.needing_attention[1].attention_reasons == std::vector<std::string>{"close date passed 14 days ago"});
    REQUIRE(today.needing_attention[2].attention_reasons == std::vector<std::string>{"next step overdue 14 days"});

    REQUIRE(today.waking.size() == 1);
    REQUIRE(today.waking[0].id == "d-wake");
    REQUIRE(today.waking[0].stage_name == "Qualification");
    REQUIRE(today.waking[0].postponed_until == CalendarDate{2026, 6, 15});

    request.attention_limit = 1;
    request.scope = {"", "t-north"};
    const TodayView team = Require(views.Today(request));
    REQUIRE(Ids(team.needing_attention) == std::vector<std::string>{"d-bob"});  // rotting 36 days
    REQUIRE(team.needing_attention_count == 4);
    REQUIRE(team.overdue.size() == 3);
}

TEST_CASE("the usual time in a stage is the median of completed visits, caught up as the log grows") {
    Database database = OpenViewDatabase();
    const std::vector<std::pair<std::string, int64_t>> visits = {{"d-10", 10}, {"d-20", 20}, {"d-30", 30}};
    for (const auto& [deal, days] : visits) {
        AddDeal(database, {.id = deal, .name = deal, .stage = kNeedsAnalysis, .stage_entered_ms = DaysAgoMs(1)});
        AddStageChange(database, deal, kQualification, DaysAgoMs(days + 1));
        AddStageChange(database, deal, kNeedsAnalysis, DaysAgoMs(1));
    }
    AddDeal(database, {.id = "d-stuck", .name = "Stuck", .stage_entered_ms = DaysAgoMs(40)});
    AddStageChange(database, "d-stuck", kQualification, DaysAgoMs(40));
    ViewQueries views(database);
    REQUIRE(Require(views.UsualDaysInStage(kQualification)) == std::optional<int64_t>(20));
    REQUIRE(Require(views.UsualDaysInStage(kNeedsAnalysis)) == std::nullopt);  // no completed visit yet

    const DealCard stuck = Card(LoadBoard(views), "d-stuck");
    REQUIRE(stuck.days_in_stage == 40);
    REQUIRE(std::find(stuck.attention_reasons.begin(), stuck.attention_reasons.end(), "in stage 40 days (usual 20)") !=
            stuck.attention_reasons.end());

    // A fourth visit of 50 days: the median of 10, 20, 30, 50 is 25.
    AddDeal(database, {.id = "d-50", .name = "d-50", .stage = kNeedsAnalysis});
    AddStageChange(database, "d-50", kQualification, DaysAgoMs(52));
    AddStageChange(database, "d-50", kNeedsAnalysis, DaysAgoMs(2));
    REQUIRE(Require(views.UsualDaysInStage(kQualification)) == std::optional<int64_t>(25));
    // A fresh ViewQueries reading the whole log agrees with the one that caught up.
    ViewQueries fresh(database);
    REQUIRE(Require(fresh.UsualDaysInStage(kQualification)) == std::optional<int64_t>(25));
}

TEST_CASE("when the change log is replaced (a demo load), the usual durations are learnt again") {
    Database database = OpenViewDatabase();
    for (const auto& [deal, days] : std::vector<std::pair<std::string, int64_t>>{{"d-1", 10}, {"d-2", 20}, {"d-3", 30}}) {
        AddDeal(database, {.id = deal, .name = deal, .stage = kNeedsAnalysis});
        AddStageChange(database, deal, kQualification, DaysAgoMs(days + 1));
        AddStageChange(database, deal, kNeedsAnalysis, DaysAgoMs(1));
    }
    ViewQueries views(database);
    REQUIRE(Require(views.UsualDaysInStage(kQualification)) == std::optional<int64_t>(20));

    DemoOptions options;
    options.opportunity_count = 300;
    REQUIRE(LoadDemoData(database, options).ok());  // a longer log, numbered from 1 again
    ViewQueries fresh(database);
    auto stages = Require(database.QueryReadOnly("SELECT id FROM stages"));
    int known = 0;
    for (const SqlRow& stage : stages) {
        const std::string id = std::get<std::string>(stage.values[0]);
        const auto usual = Require(views.UsualDaysInStage(id));
        REQUIRE(usual == Require(fresh.UsualDaysInStage(id)));
        known += usual.has_value();
    }
    REQUIRE(known >= 8);
    REQUIRE(Require(views.UsualDaysInStage(kQualification)) == std::nullopt);  // that pipeline is gone
}
