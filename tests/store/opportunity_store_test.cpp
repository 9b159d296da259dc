// Creating and listing opportunities in a real SQLite database: accounts linked by name, change-log rows,
// ordering, and a failed command writing nothing.
#include <catch2/catch.hpp>

#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;

namespace {
ValidOpportunity Opportunity(std::string name, std::string account, int64_t minor_units, CalendarDate close) {
    ValidOpportunity opportunity;
    opportunity.name = std::move(name);
    opportunity.account_name = std::move(account);
    opportunity.amount = Money{minor_units, "EUR"};
    opportunity.expected_close_date = close;
    return opportunity;
}
}  // namespace

TEST_CASE("creating an opportunity stores it exactly and lists it") {
    Database database = roadbook::testing::OpenFreshDatabase();
    OpportunityStore store(database);
    auto context = roadbook::testing::DeterministicContext();
    const auto created =
        store.Create(Opportunity("Café Müller – Ørsted Åse Łódź Ελλάδα", "Müller GmbH", 1250050, {2027, 3, 31}), context);
    REQUIRE(created.ok());
    REQUIRE(created.value() == "id-2");  // id-1 went to the new account

    auto listed = store.List(OpportunityOrder::NewestFirst);
    REQUIRE(listed.ok());
    REQUIRE(listed.value().size() == 1);
    const OpportunitySummary& row = listed.value()[0];
    REQUIRE(row.name == "Café Müller – Ørsted Åse Łódź Ελλάδα");
    REQUIRE(row.account_name == "Müller GmbH");
    REQUIRE(row.amount == Money{1250050, "EUR"});
    REQUIRE(row.expected_close_date == CalendarDate{2027, 3, 31});
    REQUIRE(row.status == "open");
    REQUIRE(store.Count().value() == 1);
}

TEST_CASE("an account with the same name is linked, not duplicated") {
    Database database = roadbook::testing::OpenFreshDatabase();
    OpportunityStore store(database);
    auto context = roadbook::testing::DeterministicContext();
    REQUIRE(store.Create(Opportunity("First", "Acme", 100, {2027, 1, 1}), context).ok());
    REQUIRE(store.Create(Opportunity("Second", "ACME", 200, {2027, 1, 2}), context).ok());
    REQUIRE(store.Create(Opportunity("Third", "", 300, {2027, 1, 3}), context).ok());
    REQUIRE(CountRows(database, "SELECT count(*) FROM accounts") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM opportunities WHERE account_id IS NULL") == 1);
}

TEST_CASE("every field of a new opportunity is in the change log with actor and time") {
    Database database = roadbook::testing::OpenFreshDatabase();
    OpportunityStore store(database);
    auto context = roadbook::testing::DeterministicContext(1'812'345'678'901);
    const auto id = store.Create(Opportunity("Fleet", "Acme", 100, {2027, 1, 1}), context).value();
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND entity_id = '" + id +
                                    "' AND actor = 'rep@example.com' AND at_ms = 1812345678901 AND clock != ''") == 11);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE field = 'amount_minor' AND new_value = '100'") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity = 'account' AND field = 'name'") == 1);
}

TEST_CASE("lists sort by the chosen order") {
    Database database = roadbook::testing::OpenFreshDatabase();
    OpportunityStore store(database);
    auto context = roadbook::testing::DeterministicContext();
    REQUIRE(store.Create(Opportunity("beta", "", 300, {2027, 5, 1}), context).ok());
    context.now_unix_ms += 1;
    REQUIRE(store.Create(Opportunity("Alpha", "", 100, {2027, 9, 1}), context).ok());
    context.now_unix_ms += 1;
    REQUIRE(store.Create(Opportunity("Gamma", "", 200, {2027, 1, 1}), context).ok());
    const auto names = [&](OpportunityOrder order) {
        std::vector<std::string> result;
        for (const auto& row : store.List(order).value()) result.push_back(row.name);
        return result;
    };
    REQUIRE(names(OpportunityOrder::NewestFirst) == std::vector<std::string>{"Gamma", "Alpha", "beta"});
    REQUIRE(names(OpportunityOrder::CloseDateAscending) == std::vector<std::string>{"Gamma", "beta", "Alpha"});
    REQUIRE(names(OpportunityOrder::AmountDescending) == std::vector<std::string>{"beta", "Gamma", "Alpha"});
    REQUIRE(names(OpportunityOrder::NameAscending) == std::vector<std::string>{"Alpha", "beta", "Gamma"});
}

TEST_CASE("a command that fails part-way writes nothing, not even its new account") {
    Database database = roadbook::testing::OpenFreshDatabase();
    OpportunityStore store(database);
    auto context = roadbook::testing::DeterministicContext();
    // A negative amount gets past no validator, but the schema refuses it too; the account created
    // earlier in the same command must roll back with it.
    const auto failed = store.Create(Opportunity("Broken", "New Account", -1, {2027, 1, 1}), context);
    REQUIRE_FALSE(failed.ok());
    REQUIRE(failed.first_error().message.find("Saving the opportunity") != std::string::npos);
    REQUIRE(CountRows(database, "SELECT count(*) FROM accounts") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM opportunities") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log") == 0);
}
