// The deal list's view model on real SQLite: a window of rows around the screen (never every deal), read
// again only when the data, a filter, the sort or the screen's position asks for it; id ranges for
// selection; bulk edits in one transaction that skip refused deals; undo as a recorded change.
#include <catch2/catch.hpp>

#include "store/demo_data.h"
#include "workspace_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

// A workspace over the demo organisation with `count` deals, dated around kViewToday.
void LoadDemo(Fixture& fixture, int64_t count) {
    DemoOptions options;
    options.opportunity_count = count;
    options.today = kViewToday;
    REQUIRE(LoadDemoData(fixture.database, options).ok());
}

std::string Name(Database& database, const std::string& id) {
    auto rows = database.QueryReadOnly("SELECT name FROM opportunities WHERE id = '" + id + "'");
    return std::get<std::string>(rows.value().at(0).values.at(0));
}

}  // namespace

TEST_CASE("the list holds a window of rows around the screen and moves it when the screen leaves it") {
    Fixture fixture;
    LoadDemo(fixture, 3000);
    ui::ListState state;
    state.status = ui::ListStatusFilter::All;
    state.visible_first = 0;
    state.visible_last = 20;
    const ui::DealListModel& first = fixture.workspace.List(state, 1);
    REQUIRE(first.load_error.empty());
    REQUIRE(first.total_count == 3000);
    REQUIRE(first.first_index == 0);
    REQUIRE(first.rows.size() < 300);  // a page, not every deal
    REQUIRE(first.Row(0) != nullptr);
    REQUIRE(first.Row(2000) == nullptr);
    REQUIRE_FALSE(first.open_totals.empty());
    REQUIRE_FALSE(first.stages.empty());
    REQUIRE_FALSE(first.owners.empty());
    REQUIRE_FALSE(first.lost_reasons.empty());

    // The same screen and data version: nothing is read again (a raw rename does not show).
    const std::string top = first.Row(0)->id;
    REQUIRE(fixture.database.Execute("UPDATE opportunities SET name = 'Renamed' WHERE id = '" + top + "'", "test").ok());
    REQUIRE(fixture.workspace.List(state, 1).Row(0)->name != "Renamed");
    REQUIRE(fixture.workspace.List(state, 2).Row(0)->name == "Renamed");

    // Scrolled to row 2000: the window moves there, and its rows are the list's rows at those positions.
    state.visible_first = 2000;
    state.visible_last = 2020;
    const ui::DealListModel& moved = fixture.workspace.List(state, 2);
    REQUIRE(moved.Row(2000) != nullptr);
    REQUIRE(moved.Row(2020) != nullptr);
    REQUIRE(moved.Row(0) == nullptr);
    auto ids = fixture.workspace.ListIds(state, 2000, 2004);
    REQUIRE(ids.ok());
    REQUIRE(ids.value().size() == 5);
    for (int64_t index = 0; index < 5; ++index) REQUIRE(moved.Row(2000 + index)->id == ids.value()[size_t(index)]);
    REQUIRE(fixture.workspace.ListIds(state, 2004, 2000).value() == ids.value());  // either direction
    REQUIRE(fixture.workspace.AllListIds(state).value().size() == 3000);
}

TEST_CASE("filters and sort change the list, rows carry their stage, owner and status") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal", .amount_minor = 500});
    AddDeal(fixture.database, {.id = "d-2", .name = "Vans", .amount_minor = 900, .account = "a-cafe"});
    AddDeal(fixture.database, {.id = "d-3", .name = "Won one", .stage = kWonStage, .status = "won",
                               .closed_date = "2026-06-01"});
    ui::ListState state;
    state.visible_last = 10;
    REQUIRE(fixture.workspace.List(state, 1).total_count == 2);  // open deals by default
    state.sort = ui::ListColumn::Amount;
    state.descending = true;
    const ui::DealListModel& by_amount = fixture.workspace.List(state, 1);
    REQUIRE(by_amount.Row(0)->id == "d-2");
    REQUIRE(by_amount.Row(0)->stage_name == "Qualification");
    REQUIRE(by_amount.Row(0)->owner_name == "Ann Ørsted");
    REQUIRE(by_amount.open_totals == std::vector<std::string>{"€14.00"});
    state.text = "müller";
    REQUIRE(fixture.workspace.List(state, 1).total_count == 1);
    state.text.clear();
    state.status = ui::ListStatusFilter::Won;
    const ui::DealListModel& won = fixture.workspace.List(state, 1);
    REQUIRE(won.total_count == 1);
    REQUIRE(won.Row(0)->status_text == "Won");
    REQUIRE(won.open_totals.empty());
}

TEST_CASE("bulk owner and stage changes write each deal with its change log and skip refused deals") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "One"});
    AddDeal(fixture.database, {.id = "d-2", .name = "Two"});
    AddDeal(fixture.database, {.id = "d-3", .name = "Three", .stage = kWonStage, .status = "won",
                               .closed_date = "2026-06-01"});
    auto owners = fixture.workspace.BulkChangeOwner({"d-1", "d-2", "no-such-deal"}, "u-cat");
    REQUIRE(owners.ok());
    REQUIRE(owners.value().changed == 2);
    REQUIRE(owners.value().skipped == 1);
    REQUIRE(owners.value().first_refusal == "No opportunity with id no-such-deal.");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE owner_id = 'u-cat'") == 2);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE field = 'owner_id'") == 2);
    REQUIRE(fixture.workspace.BulkChangeOwner({"d-1"}, "no-such-user").first_error().field == "owner_id");

    // A won deal cannot move stage; the open ones do.
    auto moved = fixture.workspace.BulkMoveStage({"d-1", "d-2", "d-3"}, kProposal);
    REQUIRE(moved.ok());
    REQUIRE(moved.value().changed == 2);
    REQUIRE(moved.value().skipped == 1);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE stage_id = '" +
                                            std::string(kProposal) + "'") == 2);
}

TEST_CASE("bulk lost without a reason returns the field's error and writes nothing, undo restores") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "One"});
    AddDeal(fixture.database, {.id = "d-2", .name = "Two"});
    auto refused = fixture.workspace.BulkMarkLost({{"d-1", "d-2"}, "", ""});
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.first_error().field == "lost_reason_id");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log") == 0);

    const int64_t before = fixture.workspace.ChangePosition().value();
    auto lost = fixture.workspace.BulkMarkLost({{"d-1", "d-2"}, kPriceReason, "Budget went elsewhere"});
    REQUIRE(lost.ok());
    REQUIRE(lost.value().changed == 2);
    const int64_t after = fixture.workspace.ChangePosition().value();
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE status = 'lost'") == 2);

    auto undone = fixture.workspace.Undo({before, after});
    REQUIRE(undone.ok());
    REQUIRE(undone.value() == 2);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE status = 'open' AND stage_id = '" +
                                            std::string(kQualification) + "' AND lost_reason_id IS NULL") == 2);
    REQUIRE(Name(fixture.database, "d-1") == "One");
    // The same range cannot be undone twice: the deals are no longer what it left them as.
    REQUIRE(fixture.workspace.Undo({before, after}).first_error().rule == "changed-since");
}
