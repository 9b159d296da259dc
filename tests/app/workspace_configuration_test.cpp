// The Settings editors' model and commands on real SQLite: stages as typed (every broken number named at
// once), reordering, lost reasons, exchange rates and the reporting currency.
#include <catch2/catch.hpp>

#include "workspace_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

TEST_CASE("the configuration editors read pipelines, reasons and rates, and refuse what is typed wrong") {
    Fixture fixture;
    const ui::ConfigurationModel& model = fixture.workspace.Configuration(1);
    REQUIRE(model.load_error.empty());
    REQUIRE_FALSE(model.pipelines.empty());
    const ui::PipelineEditorModel& sales = model.pipelines.front();
    REQUIRE(sales.id == kSales);
    const ui::StageEditorModel first = sales.stages.front();
    CHECK(first.id == kQualification);
    CHECK(first.probability == "10");
    CHECK(model.reporting_currency == "EUR");
    CHECK_FALSE(model.rates.empty());

    ui::StageDraft draft{"Qualification", "two", "maybe", "-1", "x"};
    const Status refused = fixture.workspace.SaveStage(kSales, kQualification, draft);
    REQUIRE_FALSE(refused);
    std::vector<std::string> fields;
    for (const ValidationError& error : refused.errors()) fields.push_back(error.field);
    CHECK(fields == std::vector<std::string>{"default_probability", "forecast_category", "next_step_window_days"});
    draft = {"Discovery", "15", "best_case", "", "5"};
    REQUIRE(fixture.workspace.SaveStage(kSales, kQualification, draft));
    const ui::StageEditorModel saved = fixture.workspace.Configuration(2).pipelines.front().stages.front();
    CHECK(saved.name == "Discovery");
    CHECK(saved.category == "best_case");
    CHECK(saved.rot_days.empty());  // never rots

    REQUIRE(fixture.workspace.MoveStageInOrder(kSales, {kQualification, +1}));
    CHECK(fixture.workspace.Configuration(3).pipelines.front().stages.at(1).id == kQualification);
    REQUIRE(fixture.workspace.MoveStageInOrder(kSales, {kProposal, -1}));

    auto reason = fixture.workspace.AddLostReason("  Went with a reseller ");
    REQUIRE(reason);
    REQUIRE(fixture.workspace.SetLostReasonActive(reason.value(), false));
    CHECK_FALSE(fixture.workspace.AddLostReason("   "));

    CHECK(fixture.workspace.SetExchangeRate("chf", "abc").first_error().field == "rate");
    REQUIRE(fixture.workspace.SetExchangeRate("chf", "1.05"));
    REQUIRE(fixture.workspace.SetReportingCurrency("usd"));
    const ui::ConfigurationModel& after = fixture.workspace.Configuration(4);
    CHECK(after.reporting_currency == "USD");
    CHECK(after.lost_reasons.back().label == "Went with a reseller");
    CHECK_FALSE(after.lost_reasons.back().active);
}
