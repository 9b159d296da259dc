// The deal list (every sort, every filter, paging, request errors, amounts in the reporting currency) and the
// forecast (overdue bucket, months, the roll-up rules for won, lost, omitted and postponed deals, currency).
#include <catch2/catch.hpp>

#include "view_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

Database ListDatabase() {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "d-a", .name = "Alpha", .amount_minor = 30'000, .close = "2026-07-10", .owner = "u-cat",
                       .tags = "enterprise,upsell"});
    AddDeal(database, {.id = "d-b", .name = "bravo", .stage = kProposal, .amount_minor = 50'000, .currency = "USD",
                       .close = "2026-06-20", .tags = "smb"});
    AddDeal(database, {.id = "d-c", .name = "Charlie", .stage = kNegotiation, .amount_minor = 45'000,
                       .close = "2026-08-05", .owner = "u-bob", .tags = "enterprise"});
    AddDeal(database, {.id = "d-d", .name = "Delta", .stage = kWonStage, .amount_minor = 100'000, .close = "2026-06-01",
                       .status = "won", .closed_date = "2026-06-01"});
    AddDeal(database, {.id = "d-e", .name = "Echo", .amount_minor = 20'000, .close = "2026-07-25",
                       .last_touch_ms = DaysAgoMs(40)});
    return database;
}

std::vector<std::string> ListIds(ViewQueries& views, ListRequest request) {
    request.clock = TestClock();
    std::vector<std::string> ids;
    for (const DealCard& card : Require(views.List(request)).rows) ids.push_back(card.id);
    return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("the list sorts by name, amount in the reporting currency, close date, stage, owner and attention") {
    Database database = ListDatabase();
    ViewQueries views(database);
    ListRequest request;
    request.sort = ListSort::Name;
    REQUIRE(ListIds(views, request) == Ids{"d-a", "d-b", "d-c", "d-d", "d-e"});  // case-insensitive
    request.sort = ListSort::Amount;  // bravo's 500 USD is 450 EUR, level with Charlie: then by id
    REQUIRE(ListIds(views, request) == Ids{"d-e", "d-a", "d-b", "d-c", "d-d"});
    request.descending = true;
    REQUIRE(ListIds(views, request) == Ids{"d-d", "d-b", "d-c", "d-a", "d-e"});
    request.descending = false;
    request.sort = ListSort::CloseDate;
    REQUIRE(ListIds(views, request) == Ids{"d-d", "d-b", "d-a", "d-e", "d-c"});
    request.sort = ListSort::Stage;
    REQUIRE(ListIds(views, request) == Ids{"d-a", "d-e", "d-b", "d-c", "d-d"});
    request.sort = ListSort::Owner;
    REQUIRE(ListIds(views, request) == Ids{"d-b", "d-d", "d-e", "d-c", "d-a"});
    request.sort = ListSort::Attention;  // Echo rots; the rest score nothing and follow by close date
    REQUIRE(ListIds(views, request) == Ids{"d-e", "d-d", "d-b", "d-a", "d-c"});
}

TEST_CASE("the list filters by owner, team, stage, status, close month, tags and amount range") {
    Database database = ListDatabase();
    ViewQueries views(database);
    const auto with = [&](auto change) {
        ListRequest request;
        request.sort = ListSort::Name;
        change(request);
        return ListIds(views, request);
    };
    REQUIRE(with([](ListRequest& r) { r.scope.owner_id = "u-ann"; }) == Ids{"d-b", "d-d", "d-e"});
    REQUIRE(with([](ListRequest& r) { r.scope.team_id = "t-south"; }) == Ids{"d-a"});
    REQUIRE(with([](ListRequest& r) { r.stage_id = kQualification; }) == Ids{"d-a", "d-e"});
    REQUIRE(with([](ListRequest& r) { r.status = DealStatus::Open; }) == Ids{"d-a", "d-b", "d-c", "d-e"});
    REQUIRE(with([](ListRequest& r) { r.status = DealStatus::Won; }) == Ids{"d-d"});
    REQUIRE(with([](ListRequest& r) { r.close_month = "2026-07"; }) == Ids{"d-a", "d-e"});
    REQUIRE(with([](ListRequest& r) { r.tags = {"enterprise"}; }) == Ids{"d-a", "d-c"});
    REQUIRE(with([](ListRequest& r) { r.tags = {"enterprise", "upsell"}; }) == Ids{"d-a"});
    REQUIRE(with([](ListRequest& r) { r.tags = {"enter"}; }).empty());  // whole tags only
    REQUIRE(with([](ListRequest& r) { r.min_amount_minor = 45'000; }) == Ids{"d-b", "d-c", "d-d"});  // inclusive
    REQUIRE(with([](ListRequest& r) { r.max_amount_minor = 30'000; }) == Ids{"d-a", "d-e"});
    REQUIRE(with([](ListRequest& r) {
                r.min_amount_minor = 25'000;
                r.max_amount_minor = 45'000;
                r.status = DealStatus::Open;
            }) == Ids{"d-a", "d-b", "d-c"});
}

TEST_CASE("the list pages with limit and offset and counts every match") {
    Database database = ListDatabase();
    ViewQueries views(database);
    ListRequest request;
    request.sort = ListSort::Name;
    request.limit = 2;
    request.offset = 2;
    request.clock = TestClock();
    const DealListPage page = Require(views.List(request));
    REQUIRE(page.total_count == 5);
    REQUIRE(page.rows.size() == 2);
    REQUIRE(page.rows[0].name == "Charlie");
    REQUIRE(page.rows[1].name == "Delta");
    REQUIRE(page.rows[1].status == DealStatus::Won);
    REQUIRE(page.rows[1].probability == 100);
    request.offset = 4;
    REQUIRE(ListIds(views, request) == Ids{"d-e"});
    request.sort = ListSort::Attention;
    request.offset = 0;
    REQUIRE(ListIds(views, request) == Ids{"d-e", "d-d"});
    request.offset = 10;
    REQUIRE(ListIds(views, request).empty());
}

TEST_CASE("list requests that cannot be answered name the field and the rule") {
    Database database = ListDatabase();
    ViewQueries views(database);
    const auto error = [&](auto change) {
        ListRequest request;
        change(request);
        const auto page = views.List(request);
        REQUIRE_FALSE(page.ok());
        return page.first_error().field + " " + page.first_error().rule;
    };
    REQUIRE(error([](ListRequest& r) { r.limit = 0; }) == "limit range");
    REQUIRE(error([](ListRequest& r) { r.limit = kMaxListPageSize + 1; }) == "limit range");
    REQUIRE(error([](ListRequest& r) { r.offset = -1; }) == "offset range");
    REQUIRE(error([](ListRequest& r) { r.close_month = "2026-13"; }) == "close_month format");
    REQUIRE(error([](ListRequest& r) { r.close_month = "2026-7"; }) == "close_month format");
    REQUIRE(error([](ListRequest& r) {
                r.min_amount_minor = 10;
                r.max_amount_minor = 5;
            }) == "max_amount_minor range");

    AddDeal(database, {.id = "d-gbp", .name = "London", .currency = "GBP"});
    REQUIRE(error([](ListRequest& r) { r.sort = ListSort::Amount; }) == "exchange_rate missing-rate");
    ListRequest by_name;
    by_name.clock = TestClock();
    REQUIRE(Require(views.List(by_name)).total_count == 6);  // no amounts compared: no rate needed
}

namespace {

Database ForecastDatabase() {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "f-overdue", .name = "Overdue", .amount_minor = 10'000, .close = "2026-06-10"});
    AddDeal(database, {.id = "f-june", .name = "June", .stage = kNegotiation, .amount_minor = 20'000, .currency = "USD",
                       .close = "2026-06-30"});
    AddDeal(database, {.id = "f-won", .name = "Won", .stage = kWonStage, .amount_minor = 50'000, .close = "2026-06-30",
                       .status = "won", .closed_date = "2026-06-03"});
    AddDeal(database, {.id = "f-won-may", .name = "Won in May", .stage = kWonStage, .close = "2026-06-30",
                       .status = "won", .closed_date = "2026-05-20"});
    AddDeal(database, {.id = "f-lost", .name = "Lost", .stage = kLostStage, .close = "2026-06-30", .status = "lost",
                       .closed_date = "2026-06-05"});
    AddDeal(database, {.id = "f-july", .name = "July", .stage = kProposal, .amount_minor = 100'000,
                       .close = "2026-07-15", .owner = "u-bob"});
    AddDeal(database, {.id = "f-omit", .name = "Omit", .close = "2026-07-20", .category_override = "omitted"});
    AddDeal(database, {.id = "f-nov", .name = "November", .amount_minor = 30'000, .close = "2026-11-30"});
    AddDeal(database, {.id = "f-dec", .name = "December", .close = "2026-12-01"});
    AddDeal(database, {.id = "f-later", .name = "Later", .close = "2026-08-10", .status = "postponed",
                       .postponed_until = "2026-08-01"});
    return database;
}

ForecastView LoadForecast(ViewQueries& views, ForecastRequest request = {}) {
    request.clock = TestClock();
    return Require(views.Forecast(request));
}

}  // namespace

TEST_CASE("the forecast has an overdue bucket and six months, rolled up by the core rules") {
    Database database = ForecastDatabase();
    ViewQueries views(database);
    const ForecastView forecast = LoadForecast(views);
    REQUIRE(forecast.reporting_currency == "EUR");
    REQUIRE(forecast.buckets.size() == 7);
    REQUIRE(forecast.buckets[0].overdue);
    REQUIRE(forecast.buckets[1].month == CalendarDate{2026, 6, 1});
    REQUIRE(forecast.buckets[6].month == CalendarDate{2026, 11, 1});

    const ForecastRollup& overdue = forecast.buckets[0].rollup;
    REQUIRE(overdue.pipeline == ForecastTotals{10'000, 1'000, 1});

    // June: won 500 EUR (Closed, so also Commit and Best case) and 200 USD = 180 EUR in Negotiation (Commit,
    // 75%); the lost deal is omitted; the deal won in May is outside the forecast.
    const ForecastRollup& june = forecast.buckets[1].rollup;
    REQUIRE(june.closed == ForecastTotals{50'000, 50'000, 1});
    REQUIRE(june.commit == ForecastTotals{68'000, 63'500, 2});
    REQUIRE(june.best_case == ForecastTotals{68'000, 63'500, 2});
    REQUIRE(june.pipeline == ForecastTotals{18'000, 13'500, 1});  // open deals only: no won deal
    REQUIRE(june.omitted_count == 1);

    const ForecastRollup& july = forecast.buckets[2].rollup;
    REQUIRE(july.best_case == ForecastTotals{100'000, 50'000, 1});
    REQUIRE(july.commit == ForecastTotals{});
    REQUIRE(july.pipeline == ForecastTotals{100'000, 50'000, 1});
    REQUIRE(july.omitted_count == 1);  // the rep's Omitted override
    REQUIRE(forecast.buckets[3].rollup.omitted_count == 1);  // postponed: out of the forecast
    REQUIRE(forecast.buckets[6].rollup.pipeline == ForecastTotals{30'000, 3'000, 1});

    REQUIRE(forecast.total.pipeline == ForecastTotals{158'000, 67'500, 4});
    REQUIRE(forecast.total.closed == ForecastTotals{50'000, 50'000, 1});
    REQUIRE(forecast.total.omitted_count == 3);
}

TEST_CASE("the forecast narrows by owner and pipeline and refuses a currency without a rate") {
    Database database = ForecastDatabase();
    ViewQueries views(database);
    ForecastRequest request;
    request.scope.owner_id = "u-bob";
    REQUIRE(LoadForecast(views, request).total.pipeline == ForecastTotals{100'000, 50'000, 1});
    request.scope = {};
    request.pipeline_id = "another-pipeline";
    REQUIRE(LoadForecast(views, request).total.pipeline == ForecastTotals{});

    AddDeal(database, {.id = "f-gbp", .name = "London", .currency = "GBP", .close = "2026-09-01"});
    request.pipeline_id.clear();
    request.clock = TestClock();
    const auto refused = views.Forecast(request);
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.first_error().field == "exchange_rate");
    REQUIRE(refused.first_error().rule == "missing-rate");
}
