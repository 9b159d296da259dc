// The forecast's view model on real SQLite: a column per month from overdue to five months ahead with
// totals in the reporting currency, the largest deals as cards, and re-dating a deal into another month.
#include <catch2/catch.hpp>

#include "workspace_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

const ui::ForecastColumnModel& ColumnOf(const ui::ForecastModel& model, const std::string& key) {
    for (const auto& column : model.columns) {
        if (column.key == key) return column;
    }
    throw std::runtime_error("no column " + key);
}

}  // namespace

TEST_CASE("the forecast has overdue, this month and five more, with totals and the largest deals first") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-late", .name = "Late fleet", .amount_minor = 300'000, .close = "2026-05-20"});
    AddDeal(fixture.database, {.id = "d-june", .name = "June vans", .amount_minor = 200'000, .close = "2026-06-30"});
    AddDeal(fixture.database, {.id = "d-big", .name = "Big August", .amount_minor = 900'000, .close = "2026-08-31"});
    AddDeal(fixture.database, {.id = "d-small", .name = "Small August", .amount_minor = 50'000, .currency = "USD",
                               .close = "2026-08-02"});
    const ui::ForecastModel& model = fixture.workspace.Forecast(1);
    REQUIRE(model.load_error.empty());
    REQUIRE(model.reporting_currency == "EUR");
    REQUIRE(model.columns.size() == 7);
    CHECK(model.columns.front().key == "overdue");
    CHECK(model.columns.front().title == "Overdue");
    CHECK(model.columns[1].key == "2026-06");
    CHECK(model.columns[1].title == "June 2026");
    CHECK(model.columns.back().key == "2026-11");

    const auto& overdue = ColumnOf(model, "overdue");
    REQUIRE(overdue.cards.size() == 1);
    CHECK(overdue.cards[0].name == "Late fleet");
    CHECK(overdue.cards[0].close_date_passed);
    CHECK(overdue.pipeline.text == "€3,000.00");
    const auto& august = ColumnOf(model, "2026-08");
    REQUIRE(august.cards.size() == 2);
    CHECK(august.cards[0].name == "Big August");  // the largest first
    CHECK(august.cards[1].amount_text == "$500.00");  // the card keeps its currency
    CHECK(august.pipeline.text == "€9,450.00");       // 500 USD at 0.90 in the column
    CHECK(august.weighted.text == "€945.00");         // qualification: 10 %
    CHECK(august.deal_count == 2);
    CHECK(august.cards[0].detail_text == "Pipeline \u00b7 10 % \u00b7 31 Aug 2026");
    CHECK(ColumnOf(model, "2026-07").cards.empty());
    CHECK(&fixture.workspace.Forecast(1) == &model);  // no new data: nothing is read again
}

TEST_CASE("a deal dropped on another month keeps its day, clamped to the month's end, and says why it cannot") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal", .close = "2026-07-31"});
    REQUIRE(fixture.workspace.Redate({"d-1", "2026-09", "Fleet renewal", "September 2026"}));
    CHECK(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE expected_close_date = '2026-09-30'") == 1);
    REQUIRE(fixture.workspace.Redate({"d-1", "2026-08", "Fleet renewal", "August 2026"}));
    CHECK(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE expected_close_date = '2026-08-30'") == 1);
    // A push to a later month counts as a close-date push in the history.
    CHECK(CountRows(fixture.database, "SELECT close_date_push_count FROM opportunities WHERE id = 'd-1'") == 1);
    const ui::ForecastModel& after = fixture.workspace.Forecast(2);
    CHECK(ColumnOf(after, "2026-08").cards.at(0).name == "Fleet renewal");

    const Status refused = fixture.workspace.Redate({"d-1", "August", "Fleet renewal", "August"});
    REQUIRE_FALSE(refused);
    CHECK(refused.first_error().field == "month");
    CHECK_FALSE(fixture.workspace.Redate({"no-such-deal", "2026-08", "Ghost", "August 2026"}));
}
