// Admin configuration on real SQLite: pipelines and stages (validated, ordered), lost reasons, teams and
// users, exchange rates and the reporting currency, each with its history and its refusals.
#include <catch2/catch.hpp>

#include <algorithm>

#include "store/admin_store.h"
#include "store/history_queries.h"
#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;

namespace {
StageRules Stage(std::string name, int32_t probability, ForecastCategory category) {
    StageRules stage;
    stage.name = std::move(name);
    stage.default_probability = probability;
    stage.forecast_category = category;
    stage.rot_days = 10;
    stage.next_step_window_days = 5;
    return stage;
}
}  // namespace

TEST_CASE("pipelines are added last, renamed and reordered, with history") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    AdminStore admin(database);
    const std::string renewals = admin.AddPipeline("Renewals", context).value();
    auto pipelines = admin.Pipelines().value();
    REQUIRE(pipelines.size() == 2);
    REQUIRE(pipelines[1].name == "Renewals");
    REQUIRE(admin.RenamePipeline(renewals, "Renewals & upsell", context).ok());
    REQUIRE(admin.ReorderPipelines({renewals, pipelines[0].id}, context).ok());
    REQUIRE(admin.Pipelines().value()[0].name == "Renewals & upsell");
    REQUIRE(admin.ReorderPipelines({renewals}, context).first_error().rule == "mismatch");
    REQUIRE(admin.AddPipeline("  ", context).first_error().rule == "required");
    REQUIRE(FieldHistory(database, "pipeline", renewals).value().size() >= 3);
}

TEST_CASE("stages are validated by the core rules and ordered within their pipeline") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    AdminStore admin(database);
    const std::string pipeline = admin.AddPipeline("Partners", context).value();
    const std::string first = admin.AddStage(pipeline, Stage("Intro", 10, ForecastCategory::Pipeline), context).value();
    const std::string second = admin.AddStage(pipeline, Stage("Deal desk", 60, ForecastCategory::Commit), context).value();
    auto invalid = Stage("", 120, ForecastCategory::Closed);
    const auto refused = admin.AddStage(pipeline, invalid, context);
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.errors().size() >= 3);  // name, probability, closed-needs-won
    REQUIRE(admin.AddStage("missing", Stage("X", 5, ForecastCategory::Pipeline), context).first_error().field ==
            "pipeline_id");
    REQUIRE(admin.ReorderStages(pipeline, {second, first}, context).ok());
    auto stages = admin.Stages(pipeline).value();
    REQUIRE(stages.size() == 2);
    REQUIRE(stages[0].name == "Deal desk");
    stages[1].default_probability = 15;
    stages[1].rot_days.reset();
    REQUIRE(admin.UpdateStage(stages[1], context).ok());
    REQUIRE(admin.Stages(pipeline).value()[1].default_probability == 15);
    REQUIRE_FALSE(admin.Stages(pipeline).value()[1].rot_days.has_value());
    REQUIRE(CountRows(database, "SELECT count(*) FROM stages WHERE pipeline_id = '" + pipeline + "'") == 2);
}

TEST_CASE("lost reasons can be added, renamed and retired") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    AdminStore admin(database);
    const std::string reason = admin.AddLostReason("Went silent", context).value();
    REQUIRE(admin.RenameLostReason(reason, "Stopped responding", context).ok());
    REQUIRE(admin.SetLostReasonActive(reason, false, context).ok());
    REQUIRE(CountRows(database, "SELECT count(*) FROM lost_reasons WHERE label = 'Stopped responding' AND active = 0") == 1);
    REQUIRE(admin.RenameLostReason("missing", "X", context).first_error().rule == "not-found");
    // Pickers offer the active reasons in the admin's order; the retired one stays readable on request.
    const auto active = admin.LostReasons().value();
    REQUIRE(active.size() == 5);
    REQUIRE(active.front().label == "Price");
    REQUIRE(std::none_of(active.begin(), active.end(), [&](const LostReasonSummary& item) { return item.id == reason; }));
    const auto all = admin.LostReasons(true).value();
    REQUIRE(all.size() == 6);
    REQUIRE(all.back().label == "Stopped responding");
    REQUIRE_FALSE(all.back().active);
}

TEST_CASE("teams and users are reference data with validated emails") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    AdminStore admin(database);
    const std::string team = admin.AddTeam("North", context).value();
    REQUIRE(admin.AddUser("Åsa Lindqvist", "asa@example.com", team, UserRole::Rep, context).ok());
    REQUIRE(admin.AddUser("No Mail", "not-an-email", team, UserRole::Rep, context).first_error().field == "email");
    REQUIRE(admin.AddUser("Lost Soul", "lost@example.com", "no-team", UserRole::Manager, context).first_error().field ==
            "team_id");
    REQUIRE(CountRows(database, "SELECT count(*) FROM users") == 1);
    REQUIRE(admin.AddTeam("East", context).ok());
    const auto teams = admin.Teams().value();
    REQUIRE(teams.size() == 2);
    REQUIRE(teams[0].name == "East");
    REQUIRE(teams[1].id == team);
    const auto users = admin.Users().value();
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].name == "Åsa Lindqvist");
    REQUIRE(users[0].team_id == team);
    REQUIRE(users[0].active);
}

TEST_CASE("exchange rates and the reporting currency") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    AdminStore admin(database);
    REQUIRE(admin.ExchangeRates().value().reporting_currency_code == "EUR");
    REQUIRE(admin.SetExchangeRate("SEK", 89'100'000, context).ok());
    CHECK(admin.SetExchangeRate("SEK", kMaxExchangeRateNanos + 1, context).first_error().rule == "too-large");
    REQUIRE(admin.SetExchangeRate("USD", 920'000'000, context).ok());
    REQUIRE(admin.SetExchangeRate("USD", 930'000'000, context).ok());
    auto table = admin.ExchangeRates().value();
    REQUIRE(table.rates.size() == 2);
    REQUIRE(table.Find("USD")->rate_nanos == 930'000'000);
    REQUIRE(admin.SetExchangeRate("XYZ", 1, context).first_error().rule == "unknown-currency");
    REQUIRE(admin.SetExchangeRate("GBP", 0, context).first_error().rule == "not-positive");
    REQUIRE(admin.SetExchangeRate("EUR", 2'000'000'000, context).first_error().rule == "self-rate");
    REQUIRE(admin.RemoveExchangeRate("SEK", context).ok());
    REQUIRE(admin.RemoveExchangeRate("SEK", context).first_error().rule == "not-found");
    auto usd_history = FieldHistory(database, "exchange_rate", "USD").value();
    REQUIRE(usd_history.size() == 2);
    REQUIRE(*usd_history[1].old_value == "920000000");
    REQUIRE(admin.SetReportingCurrency("USD", context).ok());  // USD's own rate no longer makes sense
    table = admin.ExchangeRates().value();
    REQUIRE(table.reporting_currency_code == "USD");
    REQUIRE(table.Find("USD") == nullptr);
    REQUIRE(admin.SetReportingCurrency("ABC", context).first_error().field == "reporting_currency");
}
