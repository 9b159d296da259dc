// Leads in a real SQLite database: create and edit, the qualification checklist, status moves, disqualifying,
// and conversion: its matching (email, then name; ignoring case), what it creates, its refusals, its atomicity.
#include <catch2/catch.hpp>

#include <algorithm>

#include "store/activity_store.h"
#include "store/contact_store.h"
#include "store/lead_store.h"
#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;
using roadbook::testing::FieldsAndRules;

namespace {

constexpr const char* kFirstStage = "00000000-0000-7000-8000-000000000101";

std::vector<int64_t> RowCounts(Database& database) {
    std::vector<int64_t> counts;
    for (const char* table : {"leads", "accounts", "contacts", "opportunities", "opportunity_contacts", "activities",
                              "change_log"}) {
        counts.push_back(CountRows(database, std::string("SELECT count(*) FROM ") + table));
    }
    return counts;
}

struct Fixture {
    Database database = roadbook::testing::OpenFreshDatabase();
    WriteContext context = roadbook::testing::DeterministicContext();
    LeadStore leads{database};
    ContactStore contacts{database};

    Fixture() {
        REQUIRE(database.Execute("INSERT INTO users (id, name, email, role) VALUES "
                                 "('user-ann', 'Ann', 'ann@example.com', 'rep'), "
                                 "('user-bob', 'Bob', 'bob@example.com', 'rep')", "Adding users").ok());
    }

    std::string NewLead(const std::string& name, const std::string& company, const std::string& email,
                        LeadStatus status = LeadStatus::Qualified) {
        const std::string id =
            leads.Create({name, company, email, "+1 555 0100", "Trade show", "user-ann"}, context).value();
        if (status != LeadStatus::New) REQUIRE(leads.MoveStatus(id, status, context).ok());
        return id;
    }

    ConversionRequest Request(const std::string& lead_id) {
        ConversionRequest request;
        request.lead_id = lead_id;
        request.amount = "12,500.00";
        request.expected_close_date = FormatIsoDate(AddDays(context.today, 60));
        return request;
    }

    std::string Text(const std::string& sql) {
        auto rows = database.QueryReadOnly(sql);
        REQUIRE(rows.ok());
        REQUIRE(rows.value().size() == 1);
        const SqlValue& value = rows.value()[0].values.at(0);
        if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
        return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "NULL";
    }
};

}  // namespace

TEST_CASE("creating a lead stores it trimmed and new, with history") {
    Fixture fixture;
    auto created = fixture.leads.Create({" Jane Doe ", " Acme ", " jane@acme.example ", "555", "Web", "user-ann"},
                                        fixture.context);
    REQUIRE(created.ok());
    const LeadRow lead = fixture.leads.Find(created.value()).value();
    REQUIRE(lead.name == "Jane Doe");
    REQUIRE(lead.company == "Acme");
    REQUIRE(lead.email == "jane@acme.example");
    REQUIRE(lead.owner_id == "user-ann");
    REQUIRE(lead.status == LeadStatus::New);
    REQUIRE_FALSE(lead.has_budget);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'lead'") == 7);
    REQUIRE(fixture.leads.Create({"No owner", "", "", "", "", ""}, fixture.context).ok());
    REQUIRE(fixture.leads.Find("ghost").first_error().field == "lead_id");
}

TEST_CASE("lead validation names every broken rule and writes nothing") {
    Fixture fixture;
    const auto before = RowCounts(fixture.database);
    auto refused = fixture.leads.Create(
        {" ", std::string(201, 'c'), "jane.example.com", std::string(51, '5'), std::string(101, 's'), "ghost"},
        fixture.context);
    REQUIRE(FieldsAndRules(refused) == std::vector<std::pair<std::string, std::string>>{{"name", "required"},
                                                                                      {"company", "too-long"},
                                                                                      {"email", "format"},
                                                                                      {"phone", "too-long"},
                                                                                      {"source", "too-long"},
                                                                                      {"owner_id", "not-found"}});
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("editing a lead writes what changed, converted leads are history") {
    Fixture fixture;
    const std::string lead = fixture.NewLead("Jane", "Acme", "jane@acme.example", LeadStatus::New);
    const int64_t history = CountRows(fixture.database, "SELECT count(*) FROM change_log");
    REQUIRE(fixture.leads
                .Edit(lead, {"Jane", "Acme Corp", "jane@acme.example", "+1 555 0100", "Trade show", "user-bob"},
                      fixture.context)
                .ok());
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log") == history + 2);
    REQUIRE(fixture.leads.Find(lead).value().owner_id == "user-bob");

    const auto before = RowCounts(fixture.database);
    REQUIRE(fixture.leads.Edit(lead, {"", "", "", "", "", ""}, fixture.context).first_error().field == "name");
    REQUIRE(fixture.leads.Edit("ghost", {"Jane", "", "", "", "", ""}, fixture.context).first_error().rule ==
            "not-found");
    REQUIRE(RowCounts(fixture.database) == before);

    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Working, fixture.context).ok());
    REQUIRE(fixture.leads.Convert(fixture.Request(lead), fixture.context).ok());
    const auto converted_before = RowCounts(fixture.database);
    auto converted = fixture.leads.Edit(lead, {"Janet", "", "", "", "", ""}, fixture.context);
    REQUIRE(FieldsAndRules(converted) == std::vector<std::pair<std::string, std::string>>{{"status", "converted"}});
    REQUIRE(fixture.leads.SetQualification(lead, QualificationItem::Budget, true, fixture.context).first_error().rule ==
            "converted");
    REQUIRE(fixture.leads.Disqualify(lead, "Changed mind", fixture.context).first_error().rule == "converted");
    REQUIRE(RowCounts(fixture.database) == converted_before);
}

TEST_CASE("the qualification checklist is set item by item") {
    Fixture fixture;
    const std::string lead = fixture.NewLead("Jane", "Acme", "", LeadStatus::Working);
    REQUIRE(fixture.leads.SetQualification(lead, QualificationItem::Budget, true, fixture.context).ok());
    REQUIRE(fixture.leads.SetQualification(lead, QualificationItem::Need, true, fixture.context).ok());
    LeadRow row = fixture.leads.Find(lead).value();
    REQUIRE((row.has_budget && !row.has_authority && row.has_need && !row.has_timing));
    REQUIRE(fixture.leads.SetQualification(lead, QualificationItem::Authority, true, fixture.context).ok());
    REQUIRE(fixture.leads.SetQualification(lead, QualificationItem::Timing, true, fixture.context).ok());
    REQUIRE(fixture.leads.SetQualification(lead, QualificationItem::Budget, false, fixture.context).ok());
    row = fixture.leads.Find(lead).value();
    REQUIRE((!row.has_budget && row.has_authority && row.has_need && row.has_timing));
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE field = 'has_budget' AND "
                                        "old_value = '1' AND new_value = '0'") == 1);
    REQUIRE(
        fixture.leads.SetQualification("ghost", QualificationItem::Need, true, fixture.context).first_error().rule ==
        "not-found");
}

TEST_CASE("status moves go among new, working and qualified, disqualifying needs a reason") {
    Fixture fixture;
    const std::string lead = fixture.NewLead("Jane", "Acme", "", LeadStatus::New);
    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Working, fixture.context).ok());
    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Qualified, fixture.context).ok());
    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Working, fixture.context).ok());  // stepping back is allowed
    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Disqualified, fixture.context).first_error().rule ==
            "use-disqualify");
    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Converted, fixture.context).first_error().rule == "use-convert");
    REQUIRE(fixture.leads.MoveStatus("ghost", LeadStatus::New, fixture.context).first_error().field == "lead_id");

    const auto before = RowCounts(fixture.database);
    REQUIRE(fixture.leads.Disqualify(lead, "  ", fixture.context).first_error().field == "disqualify_reason");
    REQUIRE(fixture.leads.Disqualify(lead, std::string(501, 'r'), fixture.context).first_error().rule == "too-long");
    REQUIRE(fixture.leads.Disqualify("ghost", "No budget", fixture.context).first_error().rule == "not-found");
    REQUIRE(RowCounts(fixture.database) == before);

    REQUIRE(fixture.leads.Disqualify(lead, " No budget this year ", fixture.context).ok());
    LeadRow row = fixture.leads.Find(lead).value();
    REQUIRE(row.status == LeadStatus::Disqualified);
    REQUIRE(row.disqualify_reason == "No budget this year");
    REQUIRE(fixture.leads.List(LeadStatus::Disqualified).value().size() == 1);

    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Working, fixture.context).ok());  // it came back
    row = fixture.leads.Find(lead).value();
    REQUIRE(row.status == LeadStatus::Working);
    REQUIRE(row.disqualify_reason.empty());
}

TEST_CASE("only working or qualified leads convert, and a refused conversion writes nothing") {
    Fixture fixture;
    const std::string fresh = fixture.NewLead("New", "Acme", "", LeadStatus::New);
    const std::string dropped = fixture.NewLead("Dropped", "Acme", "", LeadStatus::Working);
    REQUIRE(fixture.leads.Disqualify(dropped, "Student", fixture.context).ok());
    for (const std::string& lead : {fresh, dropped}) {
        REQUIRE(FieldsAndRules(fixture.leads.Convert(fixture.Request(lead), fixture.context)) ==
                std::vector<std::pair<std::string, std::string>>{{"status", "not-convertible"}});
    }
    REQUIRE(fixture.leads.Convert(fixture.Request("ghost"), fixture.context).first_error().field == "lead_id");

    const std::string ready = fixture.NewLead("Ready", "Acme", "");
    const auto ready_before = RowCounts(fixture.database);
    ConversionRequest bad = fixture.Request(ready);
    bad.opportunity_name = std::string(201, 'n');
    bad.amount = "12.345";
    bad.currency_code = "ZZZ";
    bad.expected_close_date = "";
    bad.contact_role = std::string(101, 'r');
    bad.follow_up_in_days = 400;
    bad.owner_id = "ghost-user";
    bad.pipeline_id = "ghost-pipeline";
    auto refused = fixture.leads.Convert(bad, fixture.context);
    const auto errors = FieldsAndRules(refused);
    for (const char* field : {"opportunity_name", "currency", "expected_close_date", "contact_role",
                              "follow_up_in_days", "owner_id", "pipeline_id"}) {
        INFO(field);
        REQUIRE(std::count_if(errors.begin(), errors.end(), [&](const auto& error) { return error.first == field; }) ==
                1);
    }
    bad.currency_code = "EUR";  // with a known currency the amount is checked too: 3 decimals in euros
    REQUIRE(FieldsAndRules(fixture.leads.Convert(bad, fixture.context)).at(1) ==
            std::pair<std::string, std::string>{"amount", "precision"});
    REQUIRE(RowCounts(fixture.database) == ready_before);
    REQUIRE(fixture.leads.Find(ready).value().status == LeadStatus::Qualified);
}

TEST_CASE("converting with no matches creates the account, contact, deal, link and first task") {
    Fixture fixture;
    const std::string lead = fixture.NewLead("Jane Doe", "Acme Logistics", "jane@acme.example");
    const auto before = RowCounts(fixture.database);
    const ConversionPreview preview = fixture.leads.PreviewConversion(lead).value();
    REQUIRE(RowCounts(fixture.database) == before);  // the preview writes nothing
    REQUIRE(preview.account == LinkOrCreate::Create);
    REQUIRE(preview.account_name == "Acme Logistics");
    REQUIRE(preview.contact == LinkOrCreate::Create);
    REQUIRE(preview.contact_name == "Jane Doe");
    REQUIRE(preview.opportunity_name == "Acme Logistics deal");

    auto converted = fixture.leads.Convert(fixture.Request(lead), fixture.context);
    REQUIRE(converted.ok());
    const ConversionResult& result = converted.value();
    REQUIRE(result.account == LinkOrCreate::Create);
    REQUIRE(result.contact == LinkOrCreate::Create);
    REQUIRE(fixture.contacts.FindAccount(result.account_id).value().name == "Acme Logistics");
    const ContactRow contact = fixture.contacts.FindContact(result.contact_id).value();
    REQUIRE(contact.email == "jane@acme.example");
    REQUIRE(contact.phone == "+1 555 0100");
    REQUIRE(contact.account_id == result.account_id);

    const std::string deal = "FROM opportunities WHERE id = '" + result.opportunity_id + "'";
    REQUIRE(fixture.Text("SELECT name " + deal) == "Acme Logistics deal");
    REQUIRE(fixture.Text("SELECT account_id " + deal) == result.account_id);
    REQUIRE(fixture.Text("SELECT primary_contact_id " + deal) == result.contact_id);
    REQUIRE(fixture.Text("SELECT stage_id " + deal) == kFirstStage);
    REQUIRE(fixture.Text("SELECT owner_id " + deal) == "user-ann");
    REQUIRE(fixture.Text("SELECT amount_minor || ' ' || currency_code " + deal) == "1250000 EUR");
    REQUIRE(fixture.Text("SELECT expected_close_date " + deal) == FormatIsoDate(AddDays(fixture.context.today, 60)));
    REQUIRE(fixture.Text("SELECT source " + deal) == "Trade show");
    REQUIRE(fixture.contacts.ContactsOfOpportunity(result.opportunity_id).value().at(0).role == "Decision maker");

    const ActivityRow task = ActivityStore(fixture.database).Find(result.task_id).value();
    REQUIRE(task.kind == ActivityKind::Task);
    REQUIRE(task.state == ActivityState::Scheduled);
    REQUIRE(task.subject == "Follow up with Jane Doe");
    REQUIRE(task.due_date == AddDays(fixture.context.today, 2));
    REQUIRE(task.contact_id == result.contact_id);
    REQUIRE(task.owner_id == "user-ann");

    const LeadRow row = fixture.leads.Find(lead).value();
    REQUIRE(row.status == LeadStatus::Converted);
    REQUIRE(row.converted_opportunity_id == result.opportunity_id);
    REQUIRE(fixture.leads.MoveStatus(lead, LeadStatus::Working, fixture.context).first_error().rule == "converted");
    REQUIRE(fixture.leads.Convert(fixture.Request(lead), fixture.context).first_error().rule == "not-convertible");
}

TEST_CASE("conversion links an existing contact by email first, ignoring case, even in another account") {
    Fixture fixture;
    const std::string other = fixture.contacts.CreateAccount("Old Employer", fixture.context).value().id;
    const std::string acme = fixture.contacts.CreateAccount("ACME", fixture.context).value().id;
    const std::string by_email = fixture.contacts.CreateContact({"J. Doe", "Jane@Acme.Example", "", "", other},
                                                                fixture.context).value();
    fixture.contacts.CreateContact({"Jane Doe", "", "", "", acme}, fixture.context).value();
    const std::string lead = fixture.NewLead("Jane Doe", "acme", "jane@acme.example");

    const ConversionPreview preview = fixture.leads.PreviewConversion(lead).value();
    REQUIRE(preview.account == LinkOrCreate::Link);
    REQUIRE(preview.account_id == acme);
    REQUIRE(preview.account_name == "ACME");
    REQUIRE(preview.contact == LinkOrCreate::Link);
    REQUIRE(preview.contact_id == by_email);
    REQUIRE(preview.contact_matched_by == "email");

    const auto accounts = CountRows(fixture.database, "SELECT count(*) FROM accounts");
    const auto people = CountRows(fixture.database, "SELECT count(*) FROM contacts");
    ConversionRequest request = fixture.Request(lead);
    request.contact_role = "Champion";
    request.follow_up_in_days = 0;
    request.owner_id = "user-bob";
    request.opportunity_name = "ACME vans";
    auto result = fixture.leads.Convert(request, fixture.context).value();
    REQUIRE(result.account == LinkOrCreate::Link);
    REQUIRE(result.account_id == acme);
    REQUIRE(result.contact_id == by_email);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM accounts") == accounts);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM contacts") == people);
    REQUIRE(fixture.Text("SELECT name || '/' || owner_id || '/' || account_id FROM opportunities WHERE id = '" +
                         result.opportunity_id + "'") == "ACME vans/user-bob/" + acme);
    REQUIRE(fixture.contacts.ContactsOfOpportunity(result.opportunity_id).value().at(0).role == "Champion");
    const ActivityRow task = ActivityStore(fixture.database).Find(result.task_id).value();
    REQUIRE(task.due_date == fixture.context.today);
    REQUIRE(task.subject == "Follow up with J. Doe");
}

TEST_CASE("without an email match, conversion matches the name within the account only") {
    Fixture fixture;
    const std::string acme = fixture.contacts.CreateAccount("Acme", fixture.context).value().id;
    const std::string globex = fixture.contacts.CreateAccount("Globex", fixture.context).value().id;
    const std::string jane_acme =
        fixture.contacts.CreateContact({"JANE DOE", "", "", "", acme}, fixture.context).value();
    fixture.contacts.CreateContact({"Jane Doe", "", "", "", globex}, fixture.context).value();
    const std::string jane_alone =
        fixture.contacts.CreateContact({"jane doe", "", "", "", ""}, fixture.context).value();

    const ConversionPreview in_acme =
        fixture.leads.PreviewConversion(fixture.NewLead("Jane Doe", "Acme", "new@x.io")).value();
    REQUIRE(in_acme.contact == LinkOrCreate::Link);
    REQUIRE(in_acme.contact_id == jane_acme);
    REQUIRE(in_acme.contact_matched_by == "name");

    const ConversionPreview no_company = fixture.leads.PreviewConversion(fixture.NewLead("Jane Doe", "", "")).value();
    REQUIRE(no_company.account == LinkOrCreate::None);
    REQUIRE(no_company.contact_id == jane_alone);
    REQUIRE(no_company.opportunity_name == "Jane Doe deal");

    const std::string newcomer = fixture.NewLead("Jane Doe", "Initech", "");
    const ConversionPreview new_account = fixture.leads.PreviewConversion(newcomer).value();
    REQUIRE(new_account.account == LinkOrCreate::Create);
    REQUIRE(new_account.contact == LinkOrCreate::Create);  // a new account has nobody to match
    auto result = fixture.leads.Convert(fixture.Request(newcomer), fixture.context).value();
    REQUIRE(result.contact == LinkOrCreate::Create);
    REQUIRE(fixture.contacts.FindContact(result.contact_id).value().account_name == "Initech");

    const std::string lone = fixture.NewLead("Jane Doe", "", "");
    auto alone = fixture.leads.Convert(fixture.Request(lone), fixture.context).value();
    REQUIRE(alone.account_id.empty());
    REQUIRE(alone.contact_id == jane_alone);
    REQUIRE(fixture.Text("SELECT account_id FROM opportunities WHERE id = '" + alone.opportunity_id + "'") == "NULL");
}

TEST_CASE("conversion uses the chosen pipeline and the organisation's currency") {
    Fixture fixture;
    REQUIRE(fixture.database.Execute(
        "INSERT INTO pipelines (id, name, position) VALUES ('pipe-partners', 'Partners', 1);"
        "INSERT INTO stages (id, pipeline_id, name, position, default_probability, forecast_category, is_won) VALUES "
        "('partner-won', 'pipe-partners', 'Signed', 0, 100, 'closed', 1), "
        "('partner-intro', 'pipe-partners', 'Intro', 1, 10, 'pipeline', 0);"
        "UPDATE organisation SET reporting_currency = 'USD'", "Adding a pipeline").ok());
    ConversionRequest request = fixture.Request(fixture.NewLead("Jane", "Acme", ""));
    request.pipeline_id = "pipe-partners";
    const auto result = fixture.leads.Convert(request, fixture.context).value();
    REQUIRE(fixture.Text("SELECT stage_id || ' ' || currency_code FROM opportunities WHERE id = '" +
                         result.opportunity_id + "'") == "partner-intro USD");
}

TEST_CASE("a conversion failing part-way writes nothing at all") {
    Fixture fixture;
    const std::string lead = fixture.NewLead("Jane Doe", "Acme", "jane@acme.example");
    const auto before = RowCounts(fixture.database);
    SECTION("the pipeline has no open stage: refused after the account and contact were written") {
        REQUIRE(fixture.database.Execute(
            "INSERT INTO pipelines (id, name, position) VALUES ('pipe-closed', 'Closed', 1);"
            "INSERT INTO stages (id, pipeline_id, name, position, default_probability, forecast_category, is_won) "
            "VALUES ('closed-won', 'pipe-closed', 'Won', 0, 100, 'closed', 1)", "Adding a pipeline").ok());
        ConversionRequest request = fixture.Request(lead);
        request.pipeline_id = "pipe-closed";
        auto refused = fixture.leads.Convert(request, fixture.context);
        REQUIRE(refused.first_error().rule == "no-open-stage");
    }
    SECTION("the last write, the first task, fails in storage") {
        REQUIRE(fixture.database.Execute("CREATE TEMP TRIGGER refuse_activities BEFORE INSERT ON activities "
                                         "BEGIN SELECT RAISE(ABORT, 'disk said no'); END", "Adding a trigger").ok());
        auto refused = fixture.leads.Convert(fixture.Request(lead), fixture.context);
        REQUIRE(refused.first_error().rule == "storage");
        REQUIRE(refused.first_error().message.find("disk said no") != std::string::npos);
    }
    REQUIRE(RowCounts(fixture.database) == before);
    REQUIRE(fixture.leads.Find(lead).value().status == LeadStatus::Qualified);
}

TEST_CASE("leads list newest first, optionally by status") {
    Fixture fixture;
    fixture.NewLead("First", "", "", LeadStatus::New);
    fixture.context.now_unix_ms += 1000;
    fixture.NewLead("Second", "", "", LeadStatus::Working);
    std::vector<std::string> names;
    for (const LeadRow& row : fixture.leads.List().value()) names.push_back(row.name);
    REQUIRE(names == std::vector<std::string>{"Second", "First"});
    REQUIRE(fixture.leads.List(LeadStatus::Working).value().at(0).name == "Second");
    REQUIRE(fixture.leads.List(LeadStatus::Converted).value().empty());
}
