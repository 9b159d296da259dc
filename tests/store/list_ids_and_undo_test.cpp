// The list's id ranges, open totals per currency and text filter; savepoints inside a command's
// transaction; and undo from the change log: fields go back as a new recorded change, refused when the
// deal changed again since.
#include <catch2/catch.hpp>

#include "store/command_support.h"
#include "store/opportunity_commands.h"
#include "store/undo_commands.h"
#include "view_test_support.h"

using namespace roadbook;
using namespace roadbook::testing;

namespace {

Database ListDatabase() {
    Database database = OpenViewDatabase();
    AddDeal(database, {.id = "d-a", .name = "Alpha", .amount_minor = 30'000, .close = "2026-07-10"});
    AddDeal(database, {.id = "d-b", .name = "Bravo", .amount_minor = 50'000, .currency = "USD", .close = "2026-06-20",
                       .account = "a-cafe"});
    AddDeal(database, {.id = "d-c", .name = "Charlie", .amount_minor = 45'000, .close = "2026-08-05"});
    AddDeal(database, {.id = "d-d", .name = "Delta", .stage = kWonStage, .amount_minor = 100'000, .close = "2026-06-01",
                       .status = "won", .closed_date = "2026-06-01"});
    return database;
}

using Ids = std::vector<std::string>;

std::string Value(Database& database, const std::string& sql) {
    auto rows = database.QueryReadOnly(sql);
    if (!rows) throw std::runtime_error(rows.first_error().message);
    const SqlValue& value = rows.value().at(0).values.at(0);
    if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
    if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
    return std::get<std::string>(value);
}

}  // namespace

TEST_CASE("list ids follow the list's order and filters, any number of them") {
    Database database = ListDatabase();
    ViewQueries views(database);
    ListRequest request;
    request.clock = TestClock();
    request.limit = 1'000'000;  // beyond a page: ids only
    REQUIRE(Require(views.ListIds(request)) == Ids{"d-d", "d-b", "d-a", "d-c"});
    request.status = DealStatus::Open;
    request.offset = 1;
    request.limit = 2;
    REQUIRE(Require(views.ListIds(request)) == Ids{"d-a", "d-c"});
    request.sort = ListSort::Attention;
    REQUIRE(views.ListIds(request).first_error().field == "sort");
    request.sort = ListSort::Name;
    request.limit = -1;
    REQUIRE(views.ListIds(request).first_error().field == "limit");
}

TEST_CASE("the list's text filter matches deal and account names with diacritics folded") {
    Database database = ListDatabase();
    ViewQueries views(database);
    ListRequest request;
    request.clock = TestClock();
    request.text = "mull";  // the account "Café Müller"
    const DealListPage page = Require(views.List(request));
    REQUIRE(page.total_count == 1);
    REQUIRE(page.rows.at(0).id == "d-b");
    request.text = "alp";
    REQUIRE(Require(views.List(request)).rows.at(0).id == "d-a");
}

TEST_CASE("open totals are per currency, never added across currencies, and follow the filters") {
    Database database = ListDatabase();
    ViewQueries views(database);
    ListRequest request;
    request.clock = TestClock();
    REQUIRE(Require(views.ListOpenTotals(request)) == std::vector<Money>{{75'000, "EUR"}, {50'000, "USD"}});
    request.text = "charlie";
    REQUIRE(Require(views.ListOpenTotals(request)) == std::vector<Money>{{45'000, "EUR"}});
    request.status = DealStatus::Won;
    request.text.clear();
    REQUIRE(Require(views.ListOpenTotals(request)).empty());  // won deals are not open money
}

TEST_CASE("a command inside another transaction rolls back alone through its savepoint") {
    Database database = ListDatabase();
    OpportunityCommands commands(database);
    const WriteContext context = DeterministicContext();
    auto outer = InTransaction(database, [&]() -> Status {
        REQUIRE(commands.MoveStage("d-a", kProposal, context).ok());
        REQUIRE_FALSE(commands.MoveStage("d-c", "no-such-stage", context).ok());
        REQUIRE_FALSE(commands.Edit("d-c", OpportunityEdit{.name = std::string("")}, context).ok());
        return Done{};
    });
    REQUIRE(outer.ok());
    REQUIRE(Value(database, "SELECT stage_id FROM opportunities WHERE id = 'd-a'") == kProposal);
    REQUIRE(Value(database, "SELECT name FROM opportunities WHERE id = 'd-c'") == "Charlie");
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-c'") == 0);
}

TEST_CASE("undo puts back a stage move and an outcome as new change-log rows") {
    Database database = ListDatabase();
    OpportunityCommands commands(database);
    const WriteContext context = DeterministicContext();
    const int64_t start = Require(LastChangeSequence(database));
    REQUIRE(commands.MoveStage("d-a", kProposal, context).ok());
    REQUIRE(commands.MarkLost("d-c", kPriceReason, "Too dear", context).ok());
    const int64_t end = Require(LastChangeSequence(database));
    REQUIRE(end > start);
    const int64_t log_rows = CountRows(database, "SELECT count(*) FROM change_log");

    REQUIRE(Require(RevertOpportunityChanges(database, start, end, context)) == 2);
    REQUIRE(Value(database, "SELECT stage_id FROM opportunities WHERE id = 'd-a'") == kQualification);
    REQUIRE(Value(database, "SELECT status || ' ' || stage_id FROM opportunities WHERE id = 'd-c'") ==
            std::string("open ") + kQualification);
    REQUIRE(Value(database, "SELECT lost_reason_id FROM opportunities WHERE id = 'd-c'") == "NULL");
    REQUIRE(Value(database, "SELECT closed_date FROM opportunities WHERE id = 'd-c'") == "NULL");
    // Nothing was rolled back: the undo is more history, stage moves included.
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log") > log_rows);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-a' AND field = 'stage_id' AND "
                                "new_value = '" + std::string(kQualification) + "'") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity_id = 'd-c' AND field = 'status' AND "
                                "old_value = 'lost' AND new_value = 'open'") == 1);
}

TEST_CASE("undo is refused, writing nothing, when the deal changed again since") {
    Database database = ListDatabase();
    OpportunityCommands commands(database);
    const WriteContext context = DeterministicContext();
    const int64_t start = Require(LastChangeSequence(database));
    REQUIRE(commands.Edit("d-a", OpportunityEdit{.owner_id = std::string("u-bob")}, context).ok());
    REQUIRE(commands.Edit("d-b", OpportunityEdit{.owner_id = std::string("u-bob")}, context).ok());
    const int64_t end = Require(LastChangeSequence(database));
    REQUIRE(commands.Edit("d-b", OpportunityEdit{.owner_id = std::string("u-cat")}, context).ok());
    const int64_t log_rows = CountRows(database, "SELECT count(*) FROM change_log");

    auto undone = RevertOpportunityChanges(database, start, end, context);
    REQUIRE_FALSE(undone.ok());
    REQUIRE(undone.first_error().field == "owner_id");
    REQUIRE(undone.first_error().rule == "changed-since");
    REQUIRE(Value(database, "SELECT owner_id FROM opportunities WHERE id = 'd-a'") == "u-bob");  // all or nothing
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log") == log_rows);
    REQUIRE(RevertOpportunityChanges(database, end + 100, end + 200, context).first_error().rule == "cannot-undo");
}
