// The deal detail's contacts on real SQLite: choosing one (the account's people, search as you type),
// adding an existing or a new contact with a role, refusals named by field, changing a role, making one
// primary and undoing it, removing one and putting it back; every change in the change log.
#include <catch2/catch.hpp>

#include "workspace_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

// The text of the first column of the first row; "NULL" for SQL NULL, "" when there is no row.
std::string Text(Database& database, const std::string& sql) {
    auto rows = database.QueryReadOnly(sql);
    if (!rows) throw std::runtime_error(rows.first_error().message);
    if (rows.value().empty()) return "";
    const SqlValue& value = rows.value()[0].values[0];
    if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
    if (std::holds_alternative<int64_t>(value)) return std::to_string(std::get<int64_t>(value));
    return std::get<std::string>(value);
}

// A deal of Łódź Logistik with two of its people on file, and Mia of Café Müller.
struct ContactsFixture : Fixture {
    ContactsFixture() {
        AddDeal(database, {.id = "d-1", .name = "Fleet renewal"});
        Run(database, "INSERT INTO contacts (id, name, email, job_title, account_id, created_at_ms, updated_at_ms) VALUES"
                      " ('c-anna', 'Anna Kowalska', 'anna@lodz.example', 'Head of fleet', 'a-lodz', 1, 1),"
                      " ('c-piotr', 'Piotr Nowak', '', '', 'a-lodz', 2, 2),"
                      " ('c-mia', 'Mia Müllerová', 'mia@example.com', 'Owner', 'a-cafe', 3, 3)");
    }
    ui::ContactAddition Existing(const std::string& contact_id, const std::string& role) {
        return ui::ContactAddition{"d-1", contact_id, false, "", "", "", "", role};
    }
    int64_t LogRows() { return CountRows(database, "SELECT count(*) FROM change_log"); }
};

std::string HistoryLine(const ui::DealDetailModel& deal, size_t index) {
    return deal.history.at(index).field + ": " + deal.history.at(index).change_text;
}

std::vector<std::string> ChoiceIds(const ui::ContactPickerModel& picker) {
    std::vector<std::string> ids;
    for (const auto& choice : picker.choices) ids.push_back(choice.id + (choice.linked ? " (linked)" : ""));
    return ids;
}

}  // namespace

TEST_CASE("the add-contact picker offers the account's people, then contacts matching the text, marking those on the deal") {
    ContactsFixture fixture;
    const ui::ContactPickerModel& account = fixture.workspace.ContactPicker("d-1", "", 1);
    REQUIRE(account.error.empty());
    REQUIRE(account.from_account);
    REQUIRE(ChoiceIds(account) == std::vector<std::string>{"c-anna", "c-piotr"});
    REQUIRE(account.choices[0].detail == "Head of fleet · Łódź Logistik · anna@lodz.example");

    // "mull" also matches the account Café Müller: the picker lists contacts only.
    const ui::ContactPickerModel& found = fixture.workspace.ContactPicker("d-1", "mull", 1);
    REQUIRE_FALSE(found.from_account);
    REQUIRE(ChoiceIds(found) == std::vector<std::string>{"c-mia"});
    REQUIRE(fixture.workspace.ContactPicker("d-1", "nobody", 1).choices.empty());

    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-anna", "Champion")).ok());
    REQUIRE(ChoiceIds(fixture.workspace.ContactPicker("d-1", "", 2)) ==
            std::vector<std::string>{"c-anna (linked)", "c-piotr"});
    REQUIRE(ChoiceIds(fixture.workspace.ContactPicker("d-1", "anna", 2)) == std::vector<std::string>{"c-anna (linked)"});
}

TEST_CASE("adding an existing contact with a role links it, the first one becomes primary, the change log has both") {
    ContactsFixture fixture;
    auto added = fixture.workspace.AddContact(fixture.Existing("c-anna", " Champion "));
    REQUIRE(added.ok());
    REQUIRE(added.value() == "Anna Kowalska");
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-piotr", "User")).ok());

    const ui::DealDetailModel& deal = fixture.workspace.Deal("d-1", 2);
    REQUIRE(deal.account_id == "a-lodz");
    REQUIRE(deal.contacts.size() == 2);
    REQUIRE(deal.contacts[0].id == "c-anna");
    REQUIRE(deal.contacts[0].role == "Champion");
    REQUIRE(deal.contacts[0].primary);
    REQUIRE(deal.contacts[1].role == "User");
    REQUIRE_FALSE(deal.contacts[1].primary);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity_contact' AND "
                                        "entity_id = 'd-1:c-anna' AND field = 'role' AND new_value = 'Champion'") == 1);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND "
                                        "entity_id = 'd-1' AND field = 'primary_contact_id' AND new_value = 'c-anna'") == 1);
    // The history says it in words, newest first, naming people rather than ids.
    REQUIRE(deal.history.size() >= 3);
    REQUIRE(HistoryLine(deal, 0) == "Contacts: added Piotr Nowak as User");
    REQUIRE(HistoryLine(deal, 1) == "Primary contact: set to Anna Kowalska");
    REQUIRE(HistoryLine(deal, 2) == "Contacts: added Anna Kowalska as Champion");
}

TEST_CASE("adding is refused with messages under the fields, writing nothing: twice, nobody chosen, role too long") {
    ContactsFixture fixture;
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-anna", "Champion")).ok());
    const int64_t rows = fixture.LogRows();

    auto twice = fixture.workspace.AddContact(fixture.Existing("c-anna", "Influencer"));
    REQUIRE(FieldsAndRules(twice) == std::vector<std::pair<std::string, std::string>>{{"contact_id", "already-linked"}});
    REQUIRE(twice.first_error().message == "Anna Kowalska is already on this deal; change the role in the list instead.");
    REQUIRE(FieldsAndRules(fixture.workspace.AddContact(fixture.Existing("", "Champion"))) ==
            std::vector<std::pair<std::string, std::string>>{{"contact_id", "required"}});
    auto long_role = fixture.workspace.AddContact(fixture.Existing("c-piotr", std::string(101, 'x')));
    REQUIRE(FieldsAndRules(long_role) == std::vector<std::pair<std::string, std::string>>{{"role", "too-long"}});
    REQUIRE(long_role.first_error().message == "Role is longer than 100 characters.");
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-piotr", std::string(100, 'x'))).ok());  // the limit itself
    REQUIRE(fixture.LogRows() > rows);
    REQUIRE(Text(fixture.database, "SELECT role FROM opportunity_contacts WHERE contact_id = 'c-anna'") == "Champion");
}

TEST_CASE("a new contact created from the dialog joins the deal's account and the deal, its problems shown all at once") {
    ContactsFixture fixture;
    ui::ContactAddition addition{"d-1", "", true, " ", "jan@", "", "", std::string(101, 'r')};
    auto refused = fixture.workspace.AddContact(addition);
    REQUIRE(FieldsAndRules(refused) ==
            std::vector<std::pair<std::string, std::string>>{{"role", "too-long"}, {"name", "required"}, {"email", "format"}});
    addition = ui::ContactAddition{"d-1", "", true, "Jan Kowalczyk", "MIA@example.com", "", "", "Technical buyer"};
    auto twin = fixture.workspace.AddContact(addition);
    REQUIRE(FieldsAndRules(twin) == std::vector<std::pair<std::string, std::string>>{{"email", "duplicate"}});
    REQUIRE(twin.first_error().message == "Mia Müllerová already has the email MIA@example.com; search for them instead.");
    REQUIRE(fixture.LogRows() == 0);

    addition.email = "jan@lodz.example";
    addition.phone = "+48 42 123 45 67";
    addition.job_title = "IT lead";
    auto created = fixture.workspace.AddContact(addition);
    REQUIRE(created.ok());
    REQUIRE(created.value() == "Jan Kowalczyk");
    const std::string id = Text(fixture.database, "SELECT id FROM contacts WHERE name = 'Jan Kowalczyk'");
    REQUIRE(Text(fixture.database, "SELECT account_id || ' ' || email || ' ' || job_title FROM contacts WHERE id = '" +
                                       id + "'") == "a-lodz jan@lodz.example IT lead");
    REQUIRE(Text(fixture.database, "SELECT role FROM opportunity_contacts WHERE opportunity_id = 'd-1' AND contact_id = '" +
                                       id + "'") == "Technical buyer");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'contact' AND entity_id = '" + id +
                                            "' AND field = 'name'") == 1);
    REQUIRE(fixture.workspace.Deal("d-1", 2).contacts.at(0).primary);
    REQUIRE(ChoiceIds(fixture.workspace.ContactPicker("d-1", "kowalc", 2)) == std::vector<std::string>{id + " (linked)"});
}

TEST_CASE("a role changes in place, and a role too long is refused naming the rule while the role stays") {
    ContactsFixture fixture;
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-anna", "Champion")).ok());
    REQUIRE(fixture.workspace.ChangeContactRole({"d-1", "c-anna", "Economic buyer"}).ok());
    REQUIRE(fixture.workspace.Deal("d-1", 2).contacts.at(0).role == "Economic buyer");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-1:c-anna' AND field = 'role'"
                                        " AND old_value = 'Champion' AND new_value = 'Economic buyer'") == 1);
    const int64_t rows = fixture.LogRows();

    auto too_long = fixture.workspace.ChangeContactRole({"d-1", "c-anna", std::string(101, 'x')});
    REQUIRE(FieldsAndRules(too_long) == std::vector<std::pair<std::string, std::string>>{{"role", "too-long"}});
    REQUIRE(too_long.first_error().message == "Role is longer than 100 characters.");
    REQUIRE(FieldsAndRules(fixture.workspace.ChangeContactRole({"d-1", "c-mia", "User"})) ==
            std::vector<std::pair<std::string, std::string>>{{"contact_id", "not-linked"}});
    REQUIRE(fixture.workspace.ChangeContactRole({"d-1", "c-anna", "Economic buyer"}).ok());  // unchanged: no row
    REQUIRE(fixture.LogRows() == rows);
    const ui::DealDetailModel& deal = fixture.workspace.Deal("d-1", 3);
    REQUIRE(deal.contacts.at(0).role == "Economic buyer");
    REQUIRE(HistoryLine(deal, 0) == "Contact role: Anna Kowalska: Champion → Economic buyer");
}

TEST_CASE("making another contact primary is recorded, and the change-log undo puts the first one back") {
    ContactsFixture fixture;
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-anna", "Champion")).ok());
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-piotr", "User")).ok());
    const int64_t before = fixture.workspace.ChangePosition().value();
    REQUIRE(fixture.workspace.MakePrimaryContact({"d-1", "c-piotr"}).ok());
    const int64_t after = fixture.workspace.ChangePosition().value();
    const ui::DealDetailModel& moved = fixture.workspace.Deal("d-1", 2);
    REQUIRE(moved.contacts.at(0).id == "c-piotr");  // the primary contact comes first
    REQUIRE(moved.contacts.at(0).primary);
    REQUIRE_FALSE(moved.contacts.at(1).primary);
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND field = "
                                        "'primary_contact_id' AND old_value = 'c-anna' AND new_value = 'c-piotr'") == 1);
    REQUIRE(fixture.workspace.MakePrimaryContact({"d-1", "c-piotr"}).ok());  // already: nothing written
    REQUIRE(fixture.workspace.ChangePosition().value() == after);
    REQUIRE(FieldsAndRules(fixture.workspace.MakePrimaryContact({"d-1", "c-mia"})) ==
            std::vector<std::pair<std::string, std::string>>{{"contact_id", "not-linked"}});

    REQUIRE(fixture.workspace.Undo({before, after}).ok());
    REQUIRE(Text(fixture.database, "SELECT primary_contact_id FROM opportunities WHERE id = 'd-1'") == "c-anna");
}

TEST_CASE("removing a contact records a tombstone, and putting it back restores its role and exactly its primary state") {
    ContactsFixture fixture;
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-anna", "Champion")).ok());
    REQUIRE(fixture.workspace.AddContact(fixture.Existing("c-piotr", "User")).ok());

    auto anna = fixture.workspace.RemoveContact({"d-1", "c-anna"});
    REQUIRE(anna.ok());
    REQUIRE(anna.value().contact_name == "Anna Kowalska");
    REQUIRE(anna.value().role == "Champion");
    REQUIRE(anna.value().was_primary);
    REQUIRE(Text(fixture.database, "SELECT primary_contact_id FROM opportunities WHERE id = 'd-1'") == "NULL");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-1:c-anna' AND "
                                        "field = 'deleted' AND new_value = '1'") == 1);
    auto piotr = fixture.workspace.RemoveContact({"d-1", "c-piotr"});
    REQUIRE(piotr.ok());
    const ui::DealDetailModel& removed = fixture.workspace.Deal("d-1", 3);
    REQUIRE(removed.contacts.empty());
    REQUIRE(HistoryLine(removed, 0) == "Contacts: removed Piotr Nowak");
    REQUIRE(FieldsAndRules(fixture.workspace.RemoveContact({"d-1", "c-piotr"})) ==
            std::vector<std::pair<std::string, std::string>>{{"contact_id", "not-linked"}});

    // Piotr was not primary: linking him back must not make him primary, though the deal has none.
    REQUIRE(fixture.workspace.RestoreContact(piotr.value()).ok());
    REQUIRE(Text(fixture.database, "SELECT primary_contact_id FROM opportunities WHERE id = 'd-1'") == "NULL");
    REQUIRE(fixture.workspace.RestoreContact(anna.value()).ok());
    const ui::DealDetailModel& restored = fixture.workspace.Deal("d-1", 4);
    REQUIRE(restored.contacts.size() == 2);
    REQUIRE(restored.contacts[0].id == "c-anna");
    REQUIRE(restored.contacts[0].role == "Champion");
    REQUIRE(restored.contacts[0].primary);
    REQUIRE(restored.contacts[1].role == "User");
    REQUIRE(HistoryLine(restored, 0) == "Primary contact: set to Anna Kowalska");
    REQUIRE(HistoryLine(restored, 1) == "Contacts: added Anna Kowalska as Champion");
    REQUIRE(CountRows(fixture.database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-1:c-anna' AND "
                                        "field = 'deleted' AND old_value = '1' AND new_value = '0'") == 1);

    auto again = fixture.workspace.RestoreContact(anna.value());
    REQUIRE(FieldsAndRules(again) == std::vector<std::pair<std::string, std::string>>{{"contact_id", "changed-since"}});
    REQUIRE(again.first_error().message == "Anna Kowalska was added to the deal again since, so the undo was not applied.");
}
