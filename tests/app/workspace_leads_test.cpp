// The leads inbox's view model on real SQLite: filters with counts, the chosen lead's checklist and moves,
// what converting would do, and the commands with their refusals.
#include <catch2/catch.hpp>

#include "workspace_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

ui::NewLeadDialogState NewLead(const std::string& name, const std::string& company, const std::string& email) {
    ui::NewLeadDialogState dialog;
    dialog.name = name;
    dialog.company = company;
    dialog.email = email;
    dialog.source = "Trade fair";
    return dialog;
}

std::string FilterLabel(const ui::LeadsModel& model, const std::string& id) {
    for (const ui::ChoiceModel& filter : model.filters) {
        if (filter.id == id) return filter.label;
    }
    return {};
}

}  // namespace

TEST_CASE("the leads inbox counts by status, shows the chosen lead's checklist and what converting does") {
    Fixture fixture;
    auto ana = fixture.workspace.CreateLead(NewLead("Ana Ruiz", "Café Müller", "ana@cafe.example"));
    REQUIRE(ana);
    auto bo = fixture.workspace.CreateLead(NewLead("Bo Berg", "", "bo@example.com"));
    REQUIRE(bo);
    REQUIRE(fixture.workspace.DisqualifyLead(bo.value(), "  Student project  "));

    ui::LeadsState state;
    state.selected_id = ana.value();
    const ui::LeadsModel& model = fixture.workspace.Leads(state, 1);
    REQUIRE(model.load_error.empty());
    CHECK(model.active_count == 1);
    CHECK(FilterLabel(model, "active") == "Active (1)");
    CHECK(FilterLabel(model, "disqualified") == "Disqualified (1)");
    REQUIRE(model.rows.size() == 1);
    CHECK(model.rows[0].detail == "Trade fair \u00b7 0 of 4 checked");
    REQUIRE(model.detail);
    CHECK(model.detail->status == "new");
    CHECK(model.detail->can_work);
    CHECK_FALSE(model.detail->can_qualify);
    CHECK_FALSE(model.detail->can_convert);  // a new lead is worked first
    CHECK(model.detail->checklist.size() == 4);
    CHECK(model.reporting_currency == "EUR");
    CHECK(model.default_close_date == "2026-07-15");

    REQUIRE(fixture.workspace.MoveLead({ana.value(), "working"}));
    for (const char* item : {"budget", "authority", "need", "timing"}) {
        REQUIRE(fixture.workspace.SetLeadCheck({ana.value(), item, true}));
    }
    const ui::LeadsModel& working = fixture.workspace.Leads(state, 2);
    REQUIRE(working.detail);
    CHECK(working.detail->can_qualify);
    CHECK(working.detail->can_convert);
    CHECK(working.detail->account_text == "Links the account Café Müller");  // the view data has it already
    CHECK(working.detail->contact_text == "Creates the contact Ana Ruiz");
    CHECK(working.detail->default_deal_name == "Café Müller deal");

    state.filter = "disqualified";
    const ui::LeadsModel& disqualified = fixture.workspace.Leads(state, 2);
    REQUIRE(disqualified.rows.size() == 1);
    CHECK(disqualified.rows[0].name == "Bo Berg");

    CHECK(fixture.workspace.SetLeadCheck({ana.value(), "mood", true}).first_error().field == "item");
    CHECK(fixture.workspace.MoveLead({ana.value(), "happy"}).first_error().field == "status");
    ui::ConvertDialogState convert;
    convert.close_date = "2026-02-30";
    auto refused = fixture.workspace.ConvertLead(ana.value(), convert);
    REQUIRE_FALSE(refused);
    CHECK(refused.first_error().field == "expected_close_date");
    convert.close_date = "2026-09-30";
    convert.amount = "4,000";
    auto converted = fixture.workspace.ConvertLead(ana.value(), convert);
    REQUIRE(converted);
    CHECK(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE id = '" + converted.value().opportunity_id +
                                          "' AND amount_minor = 400000 AND expected_close_date = '2026-09-30'") == 1);
}
