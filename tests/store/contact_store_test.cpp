// Accounts, contacts and the contacts of a deal in a real SQLite database: validation, name uniqueness of
// accounts, roles and the primary contact, link history, the matching look-ups, and refusals writing nothing.
#include <catch2/catch.hpp>

#include "store/contact_store.h"
#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;
using roadbook::testing::FieldsAndRules;

namespace {

std::vector<int64_t> RowCounts(Database& database) {
    return {CountRows(database, "SELECT count(*) FROM accounts"), CountRows(database, "SELECT count(*) FROM contacts"),
            CountRows(database, "SELECT count(*) FROM opportunity_contacts"),
            CountRows(database, "SELECT count(*) FROM opportunities"),
            CountRows(database, "SELECT count(*) FROM change_log")};
}

struct Fixture {
    Database database = roadbook::testing::OpenFreshDatabase();
    WriteContext context = roadbook::testing::DeterministicContext();
    ContactStore contacts{database};

    std::string NewDeal(const std::string& name) {
        ValidOpportunity opportunity;
        opportunity.name = name;
        opportunity.amount = Money{100, "EUR"};
        opportunity.expected_close_date = AddDays(context.today, 30);
        return OpportunityStore(database).Create(opportunity, context).value();
    }

    std::string NewContact(const std::string& name, const std::string& email = "", const std::string& account = "") {
        return contacts.CreateContact({name, email, "", "", account}, context).value();
    }

    std::string PrimaryContact(const std::string& deal) {
        auto rows = database.QueryReadOnly("SELECT coalesce(primary_contact_id, '') FROM opportunities WHERE id = '" +
                                           deal + "'");
        return std::get<std::string>(rows.value().at(0).values.at(0));
    }
};

}  // namespace

TEST_CASE("creating an account with an existing name returns that account") {
    Fixture fixture;
    auto created = fixture.contacts.CreateAccount("  Acme Logistics ", fixture.context);
    REQUIRE(created.ok());
    REQUIRE(created.value().created);
    REQUIRE(fixture.contacts.FindAccount(created.value().id).value().name == "Acme Logistics");
    const auto before = RowCounts(fixture.database);
    auto twin = fixture.contacts.CreateAccount("ACME logistics", fixture.context);
    REQUIRE(twin.ok());
    REQUIRE_FALSE(twin.value().created);
    REQUIRE(twin.value().id == created.value().id);
    REQUIRE(RowCounts(fixture.database) == before);

    REQUIRE(fixture.contacts.CreateAccount("   ", fixture.context).first_error().rule == "required");
    REQUIRE(fixture.contacts.CreateAccount(std::string(201, 'a'), fixture.context).first_error().rule == "too-long");
    REQUIRE(fixture.contacts.CreateAccount("\xff", fixture.context).first_error().rule == "invalid-text");
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("renaming an account is recorded and refuses another account's name") {
    Fixture fixture;
    const std::string acme = fixture.contacts.CreateAccount("Acme", fixture.context).value().id;
    const std::string globex = fixture.contacts.CreateAccount("Globex", fixture.context).value().id;
    REQUIRE(fixture.contacts.RenameAccount(acme, "ACME", fixture.context).ok());  // its own name in new case
    REQUIRE(fixture.contacts.FindAccount(acme).value().name == "ACME");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'account' AND entity_id = '" +
                                            acme +
                                            "' AND field = 'name' AND old_value = 'Acme' AND new_value = 'ACME'") == 1);

    const auto before = RowCounts(fixture.database);
    auto duplicate = fixture.contacts.RenameAccount(globex, "acme", fixture.context);
    REQUIRE(FieldsAndRules(duplicate) == std::vector<std::pair<std::string, std::string>>{{"name", "duplicate"}});
    REQUIRE(fixture.contacts.RenameAccount("ghost", "Initech", fixture.context).first_error().field == "account_id");
    REQUIRE(fixture.contacts.RenameAccount(globex, "", fixture.context).first_error().rule == "required");
    REQUIRE(fixture.contacts.FindAccount("ghost").first_error().rule == "not-found");
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("creating a contact stores it trimmed with its account") {
    Fixture fixture;
    const std::string acme = fixture.contacts.CreateAccount("Acme", fixture.context).value().id;
    auto created = fixture.contacts.CreateContact(
        {" Jane Müller ", " Jane.Muller@Acme.example ", "+49 30 1234", "Head of Fleet", acme}, fixture.context);
    REQUIRE(created.ok());
    const ContactRow row = fixture.contacts.FindContact(created.value()).value();
    REQUIRE(row.name == "Jane Müller");
    REQUIRE(row.email == "Jane.Muller@Acme.example");
    REQUIRE(row.phone == "+49 30 1234");
    REQUIRE(row.job_title == "Head of Fleet");
    REQUIRE(row.account_id == acme);
    REQUIRE(row.account_name == "Acme");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'contact' AND entity_id = '" +
                                            created.value() + "'") == 5);
    REQUIRE(fixture.contacts.CreateContact({"No email", "", "", "", ""}, fixture.context).ok());
    REQUIRE(fixture.contacts.FindContact("ghost").first_error().field == "contact_id");
}

TEST_CASE("contact validation names every broken rule and writes nothing") {
    Fixture fixture;
    const auto before = RowCounts(fixture.database);
    auto refused = fixture.contacts.CreateContact(
        {"", "jane@", std::string(51, '1'), std::string(201, 't'), "ghost-account"}, fixture.context);
    REQUIRE(FieldsAndRules(refused) ==
            std::vector<std::pair<std::string, std::string>>{{"name", "required"},
                                                             {"email", "format"},
                                                             {"phone", "too-long"},
                                                             {"job_title", "too-long"},
                                                             {"account_id", "not-found"}});
    for (const char* bad : {"jane", "@example.com", "jane@example", "ja ne@example.com", "a@b@example.com",
                            "jane@.example.com", "jane@example..com", "jane@example.com."}) {
        INFO(bad);
        REQUIRE(fixture.contacts.CreateContact({"Jane", bad, "", "", ""}, fixture.context).first_error().rule ==
                "format");
    }
    REQUIRE(fixture.contacts.CreateContact({"Jane", std::string(250, 'j') + "@x.io", "", "", ""}, fixture.context)
                .first_error().rule == "too-long");
    REQUIRE(RowCounts(fixture.database) == before);
    for (const char* good : {"j@x.io", "jane.o'neil+crm@mail.example.co.uk", "ÅSE@BÜRO.example"}) {
        INFO(good);
        REQUIRE(fixture.contacts.CreateContact({"Jane", good, "", "", ""}, fixture.context).ok());
    }
}

TEST_CASE("editing a contact records the fields that changed") {
    Fixture fixture;
    const std::string acme = fixture.contacts.CreateAccount("Acme", fixture.context).value().id;
    const std::string jane = fixture.NewContact("Jane", "jane@acme.example");
    const int64_t history = CountRows(fixture.database, "SELECT count(*) FROM change_log");
    REQUIRE(fixture.contacts.EditContact(jane, {"Jane", "jane@acme.example", "555", "", acme}, fixture.context).ok());
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log") == history + 2);  // phone, account_id
    REQUIRE(fixture.contacts.FindContact(jane).value().account_name == "Acme");

    const auto before = RowCounts(fixture.database);
    REQUIRE(
        fixture.contacts.EditContact(jane, {"Jane", "not an email", "", "", ""}, fixture.context).first_error().rule ==
        "format");
    REQUIRE(fixture.contacts.EditContact("ghost", {"Jane", "", "", "", ""}, fixture.context).first_error().field ==
            "contact_id");
    REQUIRE(RowCounts(fixture.database) == before);
    REQUIRE(fixture.contacts.FindContact(jane).value().phone == "555");
}

TEST_CASE("linking contacts to a deal: roles, the first becomes primary, history") {
    Fixture fixture;
    const std::string deal = fixture.NewDeal("Fleet");
    const std::string zoe = fixture.NewContact("Zoe");
    const std::string adam = fixture.NewContact("Adam");
    REQUIRE(fixture.contacts.LinkToOpportunity(deal, zoe, " Decision maker ", fixture.context).ok());
    REQUIRE(fixture.PrimaryContact(deal) == zoe);
    REQUIRE(fixture.contacts.LinkToOpportunity(deal, adam, "", fixture.context).ok());
    REQUIRE(fixture.PrimaryContact(deal) == zoe);

    const auto rows = fixture.contacts.ContactsOfOpportunity(deal).value();
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].contact.name == "Zoe");  // primary first, then by name
    REQUIRE(rows[0].role == "Decision maker");
    REQUIRE(rows[0].is_primary);
    REQUIRE(rows[1].contact.name == "Adam");
    REQUIRE_FALSE(rows[1].is_primary);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity_contact' AND "
                                        "entity_id = '" + deal + ":" + zoe + "'") == 3);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND "
                                        "field = 'primary_contact_id' AND new_value = '" + zoe + "'") == 1);

    const auto before = RowCounts(fixture.database);
    REQUIRE(fixture.contacts.LinkToOpportunity(deal, zoe, "Champion", fixture.context).first_error().rule ==
            "already-linked");
    auto unknown =
        fixture.contacts.LinkToOpportunity("ghost-deal", "ghost-contact", std::string(101, 'r'), fixture.context);
    REQUIRE(FieldsAndRules(unknown) == std::vector<std::pair<std::string, std::string>>{{"role", "too-long"},
                                                                                        {"opportunity_id", "not-found"},
                                                                                        {"contact_id", "not-found"}});
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("changing a role is recorded, unknown links are refused") {
    Fixture fixture;
    const std::string deal = fixture.NewDeal("Fleet");
    const std::string zoe = fixture.NewContact("Zoe");
    REQUIRE(fixture.contacts.LinkToOpportunity(deal, zoe, "Influencer", fixture.context).ok());
    REQUIRE(fixture.contacts.ChangeRole(deal, zoe, "Champion", fixture.context).ok());
    REQUIRE(fixture.contacts.ContactsOfOpportunity(deal).value().at(0).role == "Champion");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity_contact' AND "
                                        "field = 'role' AND old_value = 'Influencer' AND new_value = 'Champion'") == 1);
    const auto before = RowCounts(fixture.database);
    REQUIRE(fixture.contacts.ChangeRole(deal, zoe, "Champion", fixture.context).ok());  // unchanged: nothing written
    REQUIRE(fixture.contacts.ChangeRole(deal, "ghost", "Champion", fixture.context).first_error().rule == "not-linked");
    REQUIRE(fixture.contacts.ChangeRole(deal, zoe, std::string(101, 'r'), fixture.context).first_error().rule ==
            "too-long");
    REQUIRE(RowCounts(fixture.database) == before);
}

TEST_CASE("unlinking leaves a tombstone, clears the primary contact, and relinking lifts the tombstone") {
    Fixture fixture;
    const std::string deal = fixture.NewDeal("Fleet");
    const std::string zoe = fixture.NewContact("Zoe");
    REQUIRE(fixture.contacts.LinkToOpportunity(deal, zoe, "Champion", fixture.context).ok());
    REQUIRE(fixture.contacts.Unlink(deal, zoe, fixture.context).ok());
    REQUIRE(fixture.contacts.ContactsOfOpportunity(deal).value().empty());
    REQUIRE(fixture.PrimaryContact(deal).empty());
    const std::string link = "entity_id = '" + deal + ":" + zoe + "' AND field = 'deleted'";
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE " + link + " AND new_value = '1'") == 1);

    const auto before = RowCounts(fixture.database);
    REQUIRE(fixture.contacts.Unlink(deal, zoe, fixture.context).first_error().rule == "not-linked");
    REQUIRE(RowCounts(fixture.database) == before);

    REQUIRE(fixture.contacts.LinkToOpportunity(deal, zoe, "", fixture.context).ok());
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE " + link +
                                            " AND old_value = '1' AND new_value = '0'") == 1);
    REQUIRE(fixture.PrimaryContact(deal) == zoe);
}

TEST_CASE("the matching look-ups ignore case and spaces and keep names within their account") {
    Fixture fixture;
    const std::string acme = fixture.contacts.CreateAccount("Acme", fixture.context).value().id;
    const std::string jane_acme = fixture.NewContact("Jane Doe", "jane@acme.example", acme);
    const std::string jane_alone = fixture.NewContact("Jane Doe");
    REQUIRE(fixture.contacts.FindAccountByName(" acme ").value()->id == acme);
    REQUIRE_FALSE(fixture.contacts.FindAccountByName("Acme Ltd").value());
    REQUIRE(fixture.contacts.FindContactByEmail("JANE@ACME.EXAMPLE ").value()->id == jane_acme);
    REQUIRE_FALSE(fixture.contacts.FindContactByEmail("").value());
    REQUIRE(fixture.contacts.FindContactByName("jane doe", acme).value()->id == jane_acme);
    REQUIRE(fixture.contacts.FindContactByName("JANE DOE", "").value()->id == jane_alone);
    REQUIRE_FALSE(fixture.contacts.FindContactByName("Jane Doe", "other-account").value());
}

TEST_CASE("an account's people come in name order, at most the limit, from the account index") {
    Fixture fixture;
    const std::string account = fixture.contacts.CreateAccount("Vltava Logistik", fixture.context).value().id;
    const std::string other = fixture.contacts.CreateAccount("Ørsted Bau", fixture.context).value().id;
    fixture.NewContact("zdeněk Novák", "", account);
    fixture.NewContact("Anna Kowalska", "", account);
    fixture.NewContact("Marta Dvořák", "", account);
    fixture.NewContact("Bjørn Ås", "", other);
    fixture.NewContact("No Account");
    auto people = fixture.contacts.ContactsOfAccount(account, 2);
    REQUIRE(people.ok());
    REQUIRE(people.value().size() == 2);
    CHECK(people.value()[0].name == "Anna Kowalska");
    CHECK(people.value()[1].name == "Marta Dvořák");
    CHECK(fixture.contacts.ContactsOfAccount(account, 10).value().back().name == "zdeněk Novák");  // case ignored

    auto plan = fixture.database.QueryReadOnly(
        "EXPLAIN QUERY PLAN SELECT c.id FROM contacts c WHERE c.account_id = 'x' ORDER BY c.name COLLATE NOCASE, c.id");
    REQUIRE(plan.ok());
    std::string steps;
    for (const SqlRow& row : plan.value()) steps += std::get<std::string>(row.values.back()) + "; ";
    INFO(steps);
    CHECK(steps.find("contacts_by_account") != std::string::npos);
    CHECK(steps.find("TEMP B-TREE") == std::string::npos);  // no sort
}
