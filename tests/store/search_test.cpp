// Search: prefix and diacritics-insensitive matching across deals, accounts and contacts, ranked, kept
// current by triggers, and safe against FTS5 syntax in what a rep types.
#include <catch2/catch.hpp>

#include "store/opportunity_commands.h"
#include "store/search.h"
#include "store_test_support.h"

using namespace roadbook;

namespace {
std::string CreateDeal(Database& database, WriteContext& context, const std::string& name, const std::string& account) {
    ValidOpportunity opportunity;
    opportunity.name = name;
    opportunity.account_name = account;
    opportunity.amount = Money{100, "EUR"};
    opportunity.expected_close_date = CalendarDate{2027, 1, 1};
    return OpportunityStore(database).Create(opportunity, context).value();
}

std::vector<std::string> Titles(Database& database, std::string_view text) {
    std::vector<std::string> titles;
    for (const SearchHit& hit : Search(database, text).value()) titles.push_back(hit.entity + ":" + hit.title);
    return titles;
}
}  // namespace

TEST_CASE("the search query quotes each word and makes it a prefix") {
    REQUIRE(SearchQueryFor("Café mü") == "\"Café\"* \"mü\"*");
    REQUIRE(SearchQueryFor("  \"OR\" NEAR(a b) * ") == "\"OR\"* \"NEAR\"* \"a\"* \"b\"*");
    REQUIRE(SearchQueryFor("---").empty());
}

TEST_CASE("'mull' finds Müller, prefixes and several words narrow the results") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    CreateDeal(database, context, "Espresso line", "Café Müller");
    CreateDeal(database, context, "Fleet renewal", "Łódź Logistics");
    CreateDeal(database, context, "Müller fleet pilot", "");
    REQUIRE(Titles(database, "mull").size() == 2);
    REQUIRE(Titles(database, "MÜLL") == Titles(database, "mull"));
    REQUIRE(Titles(database, "lodz") == std::vector<std::string>{"account:Łódź Logistics"});
    REQUIRE(Titles(database, "fle mül") == std::vector<std::string>{"opportunity:Müller fleet pilot"});
    REQUIRE(Titles(database, "zzz").empty());
    REQUIRE(Titles(database, "").empty());
    REQUIRE(Search(database, "NEAR(\"").ok());  // FTS5 syntax is just text
}

TEST_CASE("a name match ranks above a match in the notes, and renames are found at once") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    const std::string in_notes = CreateDeal(database, context, "Warehouse expansion", "");
    OpportunityEdit needs;
    needs.needs = "Needs cold storage for the Orsted site";
    REQUIRE(OpportunityCommands(database).Edit(in_notes, needs, context).ok());
    CreateDeal(database, context, "Ørsted offshore service", "");
    const auto titles = Titles(database, "orsted");
    REQUIRE(titles == std::vector<std::string>{"opportunity:Ørsted offshore service", "opportunity:Warehouse expansion"});
    OpportunityEdit rename;
    rename.name = "Cold store Çelik";
    REQUIRE(OpportunityCommands(database).Edit(in_notes, rename, context).ok());
    REQUIRE(Titles(database, "celik") == std::vector<std::string>{"opportunity:Cold store Çelik"});
    REQUIRE(Titles(database, "warehouse").empty());
}

TEST_CASE("a record matching in its title and its detail is found once, and SearchEntity keeps to one kind of record") {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto context = roadbook::testing::DeterministicContext();
    CreateDeal(database, context, "Anna's fleet", "Anna Logistics");
    auto executed = database.Execute("INSERT INTO contacts (id, name, email, created_at_ms, updated_at_ms) VALUES"
                                     " ('c-anna', 'Anna Kowalska', 'anna@example.com', 1, 1)", "test setup");
    REQUIRE(executed.ok());
    const std::vector<std::string> everything = Titles(database, "anna");
    REQUIRE(std::count(everything.begin(), everything.end(), "contact:Anna Kowalska") == 1);  // name and email match
    REQUIRE(everything.size() == 3);

    auto contacts = SearchEntity(database, "anna", "contact");
    REQUIRE(contacts.ok());
    REQUIRE(contacts.value().size() == 1);
    REQUIRE(contacts.value()[0].entity_id == "c-anna");
    REQUIRE(SearchEntity(database, "anna", "lead").value().empty());
    REQUIRE(SearchEntity(database, "  ", "contact").value().empty());
}
