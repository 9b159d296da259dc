// Field-level merge between devices through a real server: different fields both survive, the same field
// has one winner everywhere and the loser is kept, deletes and restores follow generations.
#include <catch2/catch.hpp>

#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

std::string Select(const std::string& column, const std::string& id) {
    return "SELECT " + column + " FROM opportunities WHERE id = '" + id + "'";
}

}  // namespace

TEST_CASE("two devices editing different fields of one deal offline both keep both edits") {
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    auto laptop = team.Device("laptop", team.organisation.manager);
    const std::string deal = phone->CreateDeal("Müller Maschinenbau", 1'000'000);
    REQUIRE_SYNCED(phone);
    REQUIRE_SYNCED(laptop);
    REQUIRE(laptop->Text(Select("name", deal)) == "Müller Maschinenbau");

    phone->SetAmount(deal, 1'250'000);       // offline on the phone
    laptop->SetName(deal, "Müller GmbH");    // meanwhile on the laptop
    REQUIRE_SYNCED(laptop);
    REQUIRE_SYNCED(phone);
    REQUIRE_SYNCED(laptop);

    for (TestDevice* device : {phone.get(), laptop.get()}) {
        CHECK(device->Text(Select("name", deal)) == "Müller GmbH");
        CHECK(device->Number(Select("amount_minor", deal)) == 1'250'000);
        CHECK(device->engine().CurrentStatus().pending == 0);
        CHECK(device->engine().CurrentStatus().conflicts == 0);
    }
    // The laptop's history shows the phone's edit as a pulled change by the rep.
    CHECK(laptop->Text("SELECT actor FROM change_log WHERE origin = 'remote' AND field = 'amount_minor' AND entity_id = '" +
                       deal + "' ORDER BY sequence DESC LIMIT 1") == phone->user_id());
}

TEST_CASE("the same field edited on two devices has one winner everywhere and the loser in the conflict log") {
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    auto laptop = team.Device("laptop", team.organisation.manager);
    const std::string deal = phone->CreateDeal("Northwind renewal", 500'000);
    REQUIRE_SYNCED(phone);
    REQUIRE_SYNCED(laptop);

    laptop->SetAmount(deal, 700'000);  // first in time
    phone->SetAmount(deal, 650'000);   // later: the later clock wins
    REQUIRE_SYNCED(laptop);
    REQUIRE_SYNCED(phone);
    REQUIRE_SYNCED(laptop);

    CHECK(phone->Number(Select("amount_minor", deal)) == 650'000);
    CHECK(laptop->Number(Select("amount_minor", deal)) == 650'000);
    CHECK(team.server.QueryText("SELECT losing_value FROM conflicts WHERE field = 'amount_minor'") == "700000");
    // The phone pushed a value made without seeing the manager's: it lands in the phone's inbox.
    auto inbox = phone->engine().replica().OpenConflicts();
    REQUIRE(inbox);
    REQUIRE(inbox.value().size() == 1);
    CHECK(inbox.value()[0].field == "amount_minor");
    CHECK(inbox.value()[0].base == "500000");
    CHECK(inbox.value()[0].mine == "650000");
    CHECK(inbox.value()[0].theirs == "700000");
    CHECK(inbox.value()[0].mine_won);

    SECTION("an older edit pushed later loses, and its device takes the winner back") {
        laptop->clock_offset_ms = -3'600'000;  // an hour behind: its next stamp is still after what it pulled
        phone->SetAmount(deal, 640'000);
        laptop->SetAmount(deal, 800'000);
        REQUIRE_SYNCED(phone);
        REQUIRE_SYNCED(laptop);
        REQUIRE_SYNCED(phone);
        const int64_t winner = phone->Number(Select("amount_minor", deal));
        CHECK(laptop->Number(Select("amount_minor", deal)) == winner);
        CHECK(team.server.QueryText("SELECT count(*) FROM conflicts WHERE field = 'amount_minor'") == "2");
    }
}

TEST_CASE("a deal reassigned to another team leaves the old team's devices without a delete") {
    Team team;
    auto manager = team.Device("manager", team.organisation.manager);
    auto rep = team.Device("rep", team.organisation.rep_b);
    auto west = team.Device("west", team.organisation.rep_west);
    const std::string deal = manager->CreateDeal("Contoso expansion", 2'000'000);
    REQUIRE_SYNCED(manager);
    REQUIRE_SYNCED(rep);
    REQUIRE_SYNCED(west);
    CHECK(rep->Number("SELECT count(*) FROM opportunities WHERE id = '" + deal + "'") == 1);
    CHECK(west->Number("SELECT count(*) FROM opportunities WHERE id = '" + deal + "'") == 0);

    const std::string west_user = west->user_id();
    manager->SetOwner(deal, west_user);
    REQUIRE_SYNCED(manager);
    REQUIRE_SYNCED(rep);
    REQUIRE_SYNCED(west);
    CHECK(rep->Number("SELECT count(*) FROM opportunities WHERE id = '" + deal + "'") == 0);
    CHECK(west->Text(Select("owner_id", deal)) == west_user);
    CHECK(west->Number(Select("amount_minor", deal)) == 2'000'000);
    // Nothing was deleted on the server: the record is alive in the West team's scope.
    CHECK(team.server.QueryText("SELECT deleted FROM records WHERE entity_id = '" + deal + "'") == "0");
    CHECK(rep->Number("SELECT count(*) FROM change_log WHERE field = '_deleted'") == 0);
}

}  // namespace roadbook::testing

namespace roadbook::testing {

// The PostgreSQL store sends a push's writes as array literals: quoting must survive every character.
TEST_CASE("values with quotes, backslashes, braces, commas, NULL-like text and non-ASCII arrive unchanged") {
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    auto laptop = team.Device("laptop", team.organisation.manager);
    const std::vector<std::string> names = {R"(Say "hi", {braces} \ back\slash)", "NULL", "Ærø — 東京 😀", "a,b},{\"c"};
    std::vector<std::string> deals;
    for (const std::string& name : names) deals.push_back(phone->CreateDeal(name, 1'000));
    REQUIRE_SYNCED(phone);
    REQUIRE_SYNCED(laptop);
    for (size_t index = 0; index < names.size(); ++index) {
        CHECK(laptop->Text("SELECT name FROM opportunities WHERE id = '" + deals[index] + "'") == names[index]);
    }
}

}  // namespace roadbook::testing
