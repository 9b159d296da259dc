// The deal detail's view model and commands on real SQLite: fields as the draft starts, stage path,
// probability and forecast overrides, history in words, saving with errors named by field, outcomes and
// logging an interaction with its next step.
#include <catch2/catch.hpp>

#include "workspace_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

TEST_CASE("the deal detail shows the fields, the stage path and the effective probability") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal", .stage = kProposal, .amount_minor = 1'250'050,
                               .tags = "fleet,renewal"});
    AddActivity(fixture.database, "x-1", "d-1", "2026-06-12");
    const ui::DealDetailModel& deal = fixture.workspace.Deal("d-1", 1);
    REQUIRE(deal.load_error.empty());
    REQUIRE(deal.name == "Fleet renewal");
    REQUIRE(deal.account_name == "Łódź Logistik");
    REQUIRE(deal.saved.amount == "12500.50");
    REQUIRE(deal.saved.currency == "EUR");
    REQUIRE(deal.saved.close_date == "2026-07-31");
    REQUIRE(deal.saved.tags == "fleet, renewal");
    REQUIRE(deal.stages.size() == 4);
    REQUIRE(deal.stages[0].passed);
    REQUIRE(deal.stages[2].current);
    REQUIRE(deal.probability == 50);
    REQUIRE_FALSE(deal.probability_overridden);
    REQUIRE(deal.forecast_category == "best_case");
    REQUIRE(deal.timeline.size() == 1);
    REQUIRE(deal.timeline[0].overdue);
    REQUIRE(deal.next_activity_text == "Next activity overdue since 12 Jun 2026");
    REQUIRE(fixture.workspace.Deal("nope", 1).load_error == "No opportunity with id nope.");
}

TEST_CASE("saving the detail names each broken field and writes nothing, a valid draft saves with history") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal"});
    ui::DealDraft draft = fixture.workspace.Deal("d-1", 1).saved;
    draft.name = " ";
    draft.amount = "12.345";
    draft.close_date = "2026-02-30";
    draft.priority = "7";
    Status refused = fixture.workspace.SaveDeal({"d-1", draft});
    REQUIRE_FALSE(refused.ok());
    std::vector<std::string> fields;
    for (const ValidationError& error : refused.errors()) fields.push_back(error.field);
    REQUIRE(std::find(fields.begin(), fields.end(), "name") != fields.end());
    REQUIRE(std::find(fields.begin(), fields.end(), "amount") != fields.end());
    REQUIRE(std::find(fields.begin(), fields.end(), "expected_close_date") != fields.end());
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log") == 0);

    draft.name = "Fleet renewal 2027";
    draft.amount = "99.5";
    draft.close_date = "2026-09-30";
    draft.priority = "3";
    draft.tags = "fleet, , big";
    REQUIRE(fixture.workspace.SaveDeal({"d-1", draft}).ok());
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM opportunities WHERE name = 'Fleet renewal 2027' AND "
                                        "amount_minor = 9950 AND priority = 3 AND tags = 'fleet,big' AND "
                                        "close_date_push_count = 1") == 1);
    const ui::DealDetailModel& saved = fixture.workspace.Deal("d-1", 2);
    REQUIRE(saved.history.size() >= 4);
    bool named = false;
    for (const auto& item : saved.history) named |= item.field == "Name" && item.change_text == "Fleet renewal → Fleet renewal 2027";
    REQUIRE(named);
}

TEST_CASE("probability and forecast overrides, outcomes and postponing from the detail") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal"});
    REQUIRE(fixture.workspace.SetProbability({"d-1", "abc"}).first_error().field == "probability");
    REQUIRE(fixture.workspace.SetProbability({"d-1", "101"}).first_error().rule == "range");
    REQUIRE(fixture.workspace.SetProbability({"d-1", "65%"}).ok());
    const ui::DealDetailModel& overridden = fixture.workspace.Deal("d-1", 2);
    REQUIRE(overridden.probability == 65);
    REQUIRE(overridden.probability_overridden);
    REQUIRE(overridden.stage_probability == 10);
    REQUIRE(fixture.workspace.SetProbability({"d-1", ""}).ok());
    REQUIRE(fixture.workspace.Deal("d-1", 3).probability == 10);
    REQUIRE(fixture.workspace.SetForecastCategory({"d-1", "commit"}).ok());
    REQUIRE(fixture.workspace.Deal("d-1", 4).forecast_overridden);
    REQUIRE(fixture.workspace.SetForecastCategory({"d-1", "closed"}).first_error().rule == "closed-needs-won");

    REQUIRE(fixture.workspace.Postpone({"d-1", "2026-06-15", "later"}).first_error().field == "postponed_until");
    REQUIRE(fixture.workspace.Postpone({"d-1", "2026-07-01", "Budget frozen"}).ok());
    REQUIRE(fixture.workspace.Deal("d-1", 5).status_text == "Postponed until 1 Jul 2026: Budget frozen");
    REQUIRE(fixture.workspace.ApplyOutcome({"d-1", ui::DealOutcome::Reopen}).ok());
    REQUIRE(fixture.workspace.ApplyOutcome({"d-1", ui::DealOutcome::Won}).ok());
    REQUIRE(fixture.workspace.Deal("d-1", 6).status_text == "Won on 15 Jun 2026");
}

TEST_CASE("logging an interaction asks for the next step, then writes both") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Fleet renewal"});
    ui::LogDialogState log;
    log.kind = "call";
    REQUIRE(fixture.workspace.PromptAfterLogging("d-1", log).first_error().field == "subject");
    log.subject = "Discovery call";
    log.outcome = "Wants a pilot";
    auto prompt = fixture.workspace.PromptAfterLogging("d-1", log);
    REQUIRE(prompt.ok());
    REQUIRE(prompt.value().open);
    REQUIRE(prompt.value().outcome == "Wants a pilot");
    REQUIRE(prompt.value().due_date == "2026-06-16");
    ui::NextStepAnswer answer{"", "Wants a pilot", true, false, "call", "", "", "",
                              "d-1", "call", "Discovery call", "notes"};
    REQUIRE(fixture.workspace.LogInteraction(answer).first_error().field == "next_step");  // a reason is needed
    answer.schedule = true;
    answer.subject = "Pilot kickoff";
    answer.due_date = "2026-06-16";
    REQUIRE(fixture.workspace.LogInteraction(answer).ok());
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM activities WHERE opportunity_id = 'd-1' AND kind = 'call' "
                                        "AND state = 'done' AND outcome = 'Wants a pilot'") == 1);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM activities WHERE opportunity_id = 'd-1' AND "
                                        "state = 'scheduled' AND due_date = '2026-06-16'") == 1);
}

TEST_CASE("search finds deals, accounts and contacts as you type, and says where each leads") {
    Fixture fixture;
    AddDeal(fixture.database, {.id = "d-1", .name = "Espresso machines", .account = "a-cafe"});
    Run(fixture.database, "INSERT INTO contacts (id, name, email, account_id, created_at_ms, updated_at_ms) VALUES"
                          " ('c-1', 'Mia Müllerová', 'mia@example.com', NULL, 1, 1)");
    const ui::SearchModel& found = fixture.workspace.Search("mull", 1);
    REQUIRE(found.error.empty());
    std::vector<std::string> entities;
    for (const auto& result : found.results) entities.push_back(result.entity + ":" + result.id);
    REQUIRE(std::find(entities.begin(), entities.end(), "account:a-cafe") != entities.end());
    REQUIRE(std::find(entities.begin(), entities.end(), "contact:c-1") != entities.end());
    const ui::SearchModel& deal = fixture.workspace.Search("espr", 1);
    REQUIRE(deal.results.size() == 1);
    REQUIRE(deal.results[0].detail == "Café Müller");  // a deal shows its account
    REQUIRE(fixture.workspace.Search("", 1).results.empty());

    REQUIRE(fixture.workspace.TargetOf({"opportunity", "d-1", "Espresso machines"}).value().opportunity_id == "d-1");
    REQUIRE(fixture.workspace.TargetOf({"account", "a-cafe", "Café Müller"}).value().list_filter == "Café Müller");
    REQUIRE(fixture.workspace.TargetOf({"contact", "c-1", "Mia Müllerová"}).value().list_filter == "Mia Müllerová");
}
