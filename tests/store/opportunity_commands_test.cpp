// Opportunity commands on real SQLite: edits with the change log, stage moves, probability and forecast
// overrides, outcomes (won, lost, postponed, archived, reopened), waking postponed deals, and refusals
// that write nothing.
#include <catch2/catch.hpp>

#include "store/history_queries.h"
#include "store/opportunity_commands.h"
#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;

namespace {

constexpr const char* kQualification = "00000000-0000-7000-8000-000000000101";
constexpr const char* kProposal = "00000000-0000-7000-8000-000000000103";
constexpr const char* kWonStage = "00000000-0000-7000-8000-000000000105";
constexpr const char* kLostStage = "00000000-0000-7000-8000-000000000106";
constexpr const char* kPriceReason = "00000000-0000-7000-8000-000000000201";

struct Fixture {
    Database database = roadbook::testing::OpenFreshDatabase();
    WriteContext context = roadbook::testing::DeterministicContext();
    OpportunityCommands commands{database};
    std::string id;

    Fixture() {
        ValidOpportunity opportunity;
        opportunity.name = "Fleet renewal";
        opportunity.account_name = "Łódź Logistics";
        opportunity.amount = Money{4'800'000, "EUR"};
        opportunity.expected_close_date = CalendarDate{2027, 3, 31};
        id = OpportunityStore(database).Create(opportunity, context).value();
    }

    std::string Column(const std::string& column) {
        auto rows = database.QueryReadOnly("SELECT " + column + " FROM opportunities WHERE id = '" + id + "'");
        const SqlValue& value = rows.value().at(0).values.at(0);
        if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
        if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
        return std::get<std::string>(value);
    }

    int64_t ChangeRows() { return CountRows(database, "SELECT count(*) FROM change_log"); }

    void Later(int64_t milliseconds) { context.now_unix_ms += milliseconds; }
};

}  // namespace

TEST_CASE("edits write only changed fields, each with old and new value in the change log") {
    Fixture fixture;
    OpportunityEdit edit;
    edit.name = "  Fleet renewal 2027 ";
    edit.amount = Money{5'000'000, "EUR"};
    edit.priority = 3;
    edit.tags = std::vector<std::string>{" fleet", "", "renewal "};
    REQUIRE(fixture.commands.Edit(fixture.id, edit, fixture.context).ok());
    REQUIRE(fixture.Column("name") == "Fleet renewal 2027");
    REQUIRE(fixture.Column("tags") == "fleet,renewal");
    auto history = FieldHistory(fixture.database, "opportunity", fixture.id).value();
    const auto& last = history.back();
    REQUIRE(last.field == "tags");
    bool saw_amount = false;
    for (const FieldChange& change : history) {
        if (change.field == "amount_minor" && change.old_value) {
            REQUIRE(*change.old_value == "4800000");
            REQUIRE(*change.new_value == "5000000");
            saw_amount = true;
        }
        const bool created_currency_row = change.field == "currency_code" && change.old_value.has_value();
        REQUIRE_FALSE(created_currency_row);  // unchanged: no row
    }
    REQUIRE(saw_amount);
    const int64_t before = fixture.ChangeRows();
    REQUIRE(fixture.commands.Edit(fixture.id, edit, fixture.context).ok());  // the same values again
    REQUIRE(fixture.ChangeRows() == before);
}

TEST_CASE("invalid edits name every broken field and write nothing") {
    Fixture fixture;
    OpportunityEdit edit;
    edit.name = " ";
    edit.amount = Money{-1, "EUR"};
    edit.priority = 7;
    edit.tags = std::vector<std::string>{"a,b"};
    edit.owner_id = "no-such-user";
    const int64_t before = fixture.ChangeRows();
    const Status result = fixture.commands.Edit(fixture.id, edit, fixture.context);
    REQUIRE_FALSE(result.ok());
    std::vector<std::string> fields;
    for (const auto& error : result.errors()) fields.push_back(error.field + "/" + error.rule);
    REQUIRE(fields == std::vector<std::string>{"name/required", "amount/negative", "priority/range", "tags/comma",
                                               "owner_id/not-found"});
    REQUIRE(fixture.ChangeRows() == before);
    REQUIRE(fixture.Column("name") == "Fleet renewal");
    REQUIRE_FALSE(fixture.commands.Edit("missing", edit, fixture.context).ok());
}

TEST_CASE("moving the close date later counts a push, earlier does not") {
    Fixture fixture;
    OpportunityEdit later;
    later.expected_close_date = CalendarDate{2027, 4, 30};
    REQUIRE(fixture.commands.Edit(fixture.id, later, fixture.context).ok());
    OpportunityEdit earlier;
    earlier.expected_close_date = CalendarDate{2027, 4, 15};
    REQUIRE(fixture.commands.Edit(fixture.id, earlier, fixture.context).ok());
    REQUIRE(fixture.Column("close_date_push_count") == "1");
}

TEST_CASE("stage moves restart the stage clock and build the stage history") {
    Fixture fixture;
    fixture.Later(3 * 86'400'000);
    REQUIRE(fixture.commands.MoveStage(fixture.id, kProposal, fixture.context).ok());
    REQUIRE(fixture.Column("stage_id") == kProposal);
    REQUIRE(fixture.Column("stage_entered_at_ms") == std::to_string(fixture.context.now_unix_ms));
    fixture.Later(86'400'000);
    REQUIRE(fixture.commands.MoveStage(fixture.id, kQualification, fixture.context).ok());
    fixture.Later(2 * 86'400'000);
    auto visits = StageHistory(fixture.database, fixture.id, fixture.context.now_unix_ms).value();
    REQUIRE(visits.size() == 3);
    REQUIRE(visits[0].stage_name == "Qualification");
    REQUIRE(visits[0].duration_ms == 3 * 86'400'000);
    REQUIRE(visits[1].stage_name == "Proposal");
    REQUIRE(visits[1].duration_ms == 86'400'000);
    REQUIRE_FALSE(visits[2].exited_at_ms.has_value());
    REQUIRE(visits[2].duration_ms == 2 * 86'400'000);
    REQUIRE(visits[2].cumulative_ms == 5 * 86'400'000);  // both visits to Qualification
}

TEST_CASE("stage moves refuse another pipeline's stage and unknown stages") {
    Fixture fixture;
    REQUIRE(fixture.database.Execute("INSERT INTO pipelines VALUES ('p2', 'Renewals', 1, 0);"
                                     "INSERT INTO stages VALUES ('s2', 'p2', 'Review', 0, 20, 'pipeline', 10, 7, 0, 0)",
                                     "second pipeline").ok());
    REQUIRE(fixture.commands.MoveStage(fixture.id, "s2", fixture.context).first_error().rule == "other-pipeline");
    REQUIRE(fixture.commands.MoveStage(fixture.id, "nope", fixture.context).first_error().rule == "not-found");
}

TEST_CASE("probability override is kept until reset, forecast category override refuses Closed on open deals") {
    Fixture fixture;
    REQUIRE(fixture.commands.SetProbabilityOverride(fixture.id, 65, fixture.context).ok());
    REQUIRE(fixture.commands.MoveStage(fixture.id, kProposal, fixture.context).ok());
    REQUIRE(fixture.Column("probability_override") == "65");
    REQUIRE(fixture.commands.SetProbabilityOverride(fixture.id, 101, fixture.context).first_error().rule == "range");
    REQUIRE(fixture.commands.ResetProbability(fixture.id, fixture.context).ok());
    REQUIRE(fixture.Column("probability_override") == "NULL");
    REQUIRE(fixture.commands.SetForecastCategoryOverride(fixture.id, ForecastCategory::Commit, fixture.context).ok());
    REQUIRE(fixture.Column("forecast_category_override") == "commit");
    REQUIRE(fixture.commands.SetForecastCategoryOverride(fixture.id, ForecastCategory::Closed, fixture.context)
                .first_error().rule == "closed-needs-won");
    REQUIRE(fixture.commands.ClearForecastCategoryOverride(fixture.id, fixture.context).ok());
    REQUIRE(fixture.Column("forecast_category_override") == "NULL");
}

TEST_CASE("won closes today in the won stage, dropping on the won stage does the same") {
    Fixture fixture;
    REQUIRE(fixture.commands.MoveStage(fixture.id, kWonStage, fixture.context).ok());
    REQUIRE(fixture.Column("status") == "won");
    REQUIRE(fixture.Column("stage_id") == kWonStage);
    REQUIRE(fixture.Column("closed_date") == FormatIsoDate(fixture.context.today));
    Fixture dated;
    REQUIRE(dated.commands.MarkWon(dated.id, CalendarDate{2027, 1, 5}, dated.context).ok());
    REQUIRE(dated.Column("closed_date") == "2027-01-05");
}

TEST_CASE("lost requires a reason from the admin list, the note is optional") {
    Fixture fixture;
    const int64_t before = fixture.ChangeRows();
    REQUIRE(fixture.commands.MoveStage(fixture.id, kLostStage, fixture.context).first_error().field == "lost_reason_id");
    REQUIRE(fixture.commands.MarkLost(fixture.id, "unknown", "", fixture.context).first_error().rule == "not-found");
    REQUIRE(fixture.ChangeRows() == before);
    REQUIRE(fixture.Column("status") == "open");
    REQUIRE(fixture.commands.MoveStage(fixture.id, kLostStage, fixture.context, kPriceReason, "Went with a cheaper offer")
                .ok());
    REQUIRE(fixture.Column("status") == "lost");
    REQUIRE(fixture.Column("lost_reason_id") == kPriceReason);
    REQUIRE(fixture.Column("stage_id") == kLostStage);
}

TEST_CASE("reopening a lost deal returns it to the last open stage it was in") {
    Fixture fixture;
    REQUIRE(fixture.commands.MoveStage(fixture.id, kProposal, fixture.context).ok());
    REQUIRE(fixture.commands.MarkLost(fixture.id, kPriceReason, "", fixture.context).ok());
    REQUIRE(fixture.commands.Reopen(fixture.id, fixture.context).ok());
    REQUIRE(fixture.Column("status") == "open");
    REQUIRE(fixture.Column("stage_id") == kProposal);
    REQUIRE(fixture.Column("lost_reason_id") == "NULL");
    REQUIRE(fixture.Column("closed_date") == "NULL");
}

TEST_CASE("postpone needs a future date and a reason, the deal wakes on its date with a follow-up task") {
    Fixture fixture;
    const CalendarDate today = fixture.context.today;
    auto refused = fixture.commands.Postpone(fixture.id, today, "", fixture.context);
    REQUIRE(refused.errors().size() == 2);
    REQUIRE(refused.errors()[0].field == "postponed_until");
    REQUIRE(refused.errors()[1].field == "postponed_reason");
    REQUIRE(fixture.commands.MoveStage(fixture.id, kProposal, fixture.context).ok());
    REQUIRE(fixture.commands.Postpone(fixture.id, AddDays(today, 30), "Budget frozen until Q2", fixture.context).ok());
    REQUIRE(fixture.Column("status") == "postponed");
    REQUIRE(fixture.commands.WakePostponed(fixture.context).value().empty());  // not yet

    fixture.context.today = AddDays(today, 30);
    fixture.Later(30 * 86'400'000LL);
    const auto woken = fixture.commands.WakePostponed(fixture.context).value();
    REQUIRE(woken == std::vector<std::string>{fixture.id});
    REQUIRE(fixture.Column("status") == "open");
    REQUIRE(fixture.Column("stage_id") == kProposal);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM activities WHERE opportunity_id = '" + fixture.id +
                                            "' AND state = 'scheduled' AND due_date = '" +
                                            FormatIsoDate(fixture.context.today) + "'") == 1);
    REQUIRE(fixture.commands.WakePostponed(fixture.context).value().empty());  // once only
}

TEST_CASE("archive and reopen, moving a closed deal needs a reopen first") {
    Fixture fixture;
    REQUIRE(fixture.commands.Archive(fixture.id, fixture.context).ok());
    REQUIRE(fixture.Column("status") == "archived");
    REQUIRE(fixture.commands.MoveStage(fixture.id, kProposal, fixture.context).first_error().rule == "not-open");
    REQUIRE(fixture.commands.Reopen(fixture.id, fixture.context).ok());
    REQUIRE(fixture.commands.MoveStage(fixture.id, kProposal, fixture.context).ok());
}
