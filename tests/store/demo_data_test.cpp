// The demo generator: the same seed gives the same database, the data is consistent (integrity and foreign
// keys), every entity has the shapes the demo promises, and the change log replays the deals' histories.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "store/demo_data.h"
#include "store/history_queries.h"
#include "store_test_support.h"

using namespace roadbook;
using roadbook::testing::CountRows;

namespace {

constexpr CalendarDate kToday{2026, 6, 15};
constexpr int64_t kNowMs = 1'781'546'400'000;  // 2026-06-15 18:00 UTC: the demo's "now"

DemoOptions Options(uint64_t seed, int64_t count = 1'000) {
    DemoOptions options;
    options.opportunity_count = count;
    options.seed = seed;
    options.today = kToday;
    return options;
}

Database LoadedDatabase(uint64_t seed, int64_t count = 1'000) {
    Database database = roadbook::testing::OpenFreshDatabase();
    auto loaded = LoadDemoData(database, Options(seed, count));
    INFO((loaded.ok() ? "" : loaded.first_error().message));
    REQUIRE(loaded.ok());
    return database;
}

std::string Text(const SqlValue& value) {
    if (const auto* number = std::get_if<int64_t>(&value)) return "i" + std::to_string(*number);
    if (const auto* text = std::get_if<std::string>(&value)) return "t" + std::to_string(text->size()) + ":" + *text;
    if (std::holds_alternative<double>(value)) return "d" + std::to_string(std::get<double>(value));
    return "n";
}

// FNV-1a over every row of every table, rows sorted, so equal hashes mean equal content. The FTS5 shadow
// tables are derived index data: included only when asked, since deleting documents leaves tombstones.
uint64_t ContentHash(Database& database, bool include_search_internals) {
    auto tables = database.QueryReadOnly(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name");
    REQUIRE(tables.ok());
    uint64_t hash = 14695981039346656037ULL;
    for (const SqlRow& table : tables.value()) {
        const std::string name = std::get<std::string>(table.values[0]);
        if (!include_search_internals && name.rfind("search_index_", 0) == 0) continue;
        auto rows = database.QueryReadOnly("SELECT * FROM \"" + name + "\"");
        REQUIRE(rows.ok());
        std::vector<std::string> serialised;
        for (const SqlRow& row : rows.value()) {
            std::string line;
            for (const SqlValue& value : row.values) line += Text(value) + "|";
            serialised.push_back(std::move(line));
        }
        std::sort(serialised.begin(), serialised.end());
        for (const std::string& line : serialised) {
            for (const char character : name + "#" + line) {
                hash = (hash ^ uint8_t(character)) * 1099511628211ULL;
            }
        }
    }
    return hash;
}

}  // namespace

TEST_CASE("the same seed gives identical content and another seed does not") {
    Database first = LoadedDatabase(42);
    Database second = LoadedDatabase(42);
    Database other = LoadedDatabase(43);
    REQUIRE(ContentHash(first, true) == ContentHash(second, true));
    REQUIRE(ContentHash(first, true) != ContentHash(other, true));
    REQUIRE(CountRows(first, "SELECT count(*) FROM opportunities") == 1'000);
}

TEST_CASE("loading replaces local data, and reloading a seed gives the same content again") {
    Database database = roadbook::testing::OpenFreshDatabase();
    OpportunityStore store(database);
    auto context = roadbook::testing::DeterministicContext();
    ValidOpportunity mine{"My own deal", "My own account", Money{100, "EUR"}, {2026, 7, 1}, "", "", ""};
    REQUIRE(store.Create(mine, context).ok());

    REQUIRE(LoadDemoData(database, Options(7, 300)).ok());
    const uint64_t loaded = ContentHash(database, false);
    REQUIRE(CountRows(database, "SELECT count(*) FROM opportunities WHERE name = 'My own deal'") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM search_documents d LEFT JOIN opportunities o ON o.id ="
                                " d.entity_id WHERE d.entity = 'opportunity' AND o.id IS NULL") == 0);
    REQUIRE(LoadDemoData(database, Options(8, 200)).ok());
    REQUIRE(CountRows(database, "SELECT count(*) FROM opportunities") == 200);
    REQUIRE(LoadDemoData(database, Options(7, 300)).ok());
    REQUIRE(ContentHash(database, false) == loaded);
    REQUIRE(CountRows(database, "SELECT min(sequence) FROM change_log") == 1);
}

TEST_CASE("a count out of range is refused by name and changes nothing") {
    Database database = roadbook::testing::OpenFreshDatabase();
    for (const int64_t count : {int64_t(0), int64_t(-5), kMaxDemoOpportunities + 1}) {
        auto refused = LoadDemoData(database, Options(1, count));
        REQUIRE_FALSE(refused.ok());
        REQUIRE(refused.first_error().field == "opportunity_count");
        REQUIRE(refused.first_error().rule == "range");
    }
    REQUIRE(CountRows(database, "SELECT count(*) FROM pipelines") == 1);  // the migration's default pipeline
}

TEST_CASE("the demo database is consistent: integrity, foreign keys, and foreign keys switched back on") {
    Database database = LoadedDatabase(1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    REQUIRE(CountRows(database, "SELECT foreign_keys FROM pragma_foreign_keys") == 1);
    auto counts = CountLocalData(database);
    REQUIRE(counts.ok());
    REQUIRE(counts.value().opportunities == 1'000);
    REQUIRE(counts.value().open + counts.value().won + counts.value().lost + counts.value().postponed +
                counts.value().archived == 1'000);
    REQUIRE(counts.value().change_log_rows == CountRows(database, "SELECT count(*) FROM change_log"));
}

TEST_CASE("the organisation has two pipelines, a manager and six reps in two teams, three currencies") {
    Database database = LoadedDatabase(1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM pipelines") == 2);
    REQUIRE(CountRows(database, "SELECT count(*) FROM stages GROUP BY pipeline_id HAVING count(*) = 8") == 8);
    REQUIRE(CountRows(database, "SELECT count(*) FROM (SELECT pipeline_id FROM stages GROUP BY pipeline_id"
                                " HAVING sum(is_won) = 1 AND sum(is_lost) = 1 AND count(rot_days) = 6"
                                " AND count(DISTINCT forecast_category) = 5)") == 2);
    REQUIRE(CountRows(database, "SELECT count(*) FROM users WHERE role = 'manager'") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM users WHERE role = 'rep' AND team_id IS NOT NULL") == 6);
    REQUIRE(CountRows(database, "SELECT count(*) FROM (SELECT team_id FROM users WHERE role = 'rep'"
                                " GROUP BY team_id HAVING count(*) = 3)") == 2);
    REQUIRE(CountRows(database, "SELECT reporting_currency = 'EUR' FROM organisation") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM exchange_rates WHERE currency_code IN ('USD', 'GBP')") == 2);
    REQUIRE(CountRows(database, "SELECT count(DISTINCT currency_code) FROM opportunities") == 3);
    REQUIRE(CountRows(database, "SELECT count(*) FROM lost_reasons") == 6);
}

TEST_CASE("names carry diacritics and other scripts, and a search for 'mull' finds Café Müller") {
    Database database = LoadedDatabase(1);
    for (const char* name : {"Müller", "Łódź", "Ørsted", "Ελλάδα", "Çelik", "São Paulo"}) {
        INFO(name);
        REQUIRE(CountRows(database, std::string("SELECT (SELECT count(*) FROM accounts WHERE instr(name, '") + name +
                                        "') > 0) + (SELECT count(*) FROM contacts WHERE instr(name, '" + name + "') > 0)") > 0);
    }
    REQUIRE(CountRows(database, "SELECT count(*) FROM accounts WHERE name = 'Café Müller'") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM search_index s JOIN search_documents d ON d.document_id ="
                                " s.rowid JOIN accounts a ON a.id = d.entity_id WHERE search_index MATCH '\"mull\"*'"
                                " AND a.name = 'Café Müller'") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM contacts WHERE email NOT GLOB '*@*.example'") == 0);
}

TEST_CASE("18 months of activity: logged interactions, scheduled next steps, some overdue and some today") {
    Database database = LoadedDatabase(1);
    const std::string today = "'2026-06-15'";
    REQUIRE(CountRows(database, "SELECT count(DISTINCT kind) FROM activities") == 5);
    REQUIRE(CountRows(database, "SELECT min(done_at_ms) >= " + std::to_string(kNowMs - 600 * 86'400'000LL) +
                                    " AND max(done_at_ms) <= " + std::to_string(kNowMs) +
                                    " AND max(done_at_ms) - min(done_at_ms) > 500 * 86400000"
                                    " FROM activities WHERE state = 'done'") == 1);
    REQUIRE(CountRows(database, "SELECT count(*) FROM activities WHERE state = 'scheduled' AND due_date < " + today) > 5);
    REQUIRE(CountRows(database, "SELECT count(*) FROM activities WHERE state = 'scheduled' AND due_date = " + today) > 3);
    REQUIRE(CountRows(database, "SELECT count(*) FROM activities WHERE state = 'scheduled' AND due_date > " + today) > 50);
    REQUIRE(CountRows(database, "SELECT count(*) FROM activities WHERE state = 'cancelled'") > 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM activities a JOIN opportunities o ON o.id = a.opportunity_id"
                                " WHERE a.state = 'scheduled' AND o.status != 'open'") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM opportunities o WHERE status = 'open'"
                                " AND no_next_step_reason != '' AND EXISTS (SELECT 1 FROM activities a"
                                " WHERE a.opportunity_id = o.id AND a.state = 'scheduled')") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM opportunities WHERE status = 'open' AND no_next_step_reason != ''") > 0);
}

TEST_CASE("deals are won, lost with reasons, postponed (some waking), archived, pushed and overridden") {
    Database database = LoadedDatabase(1);
    const auto count = [&](const std::string& where) {
        return CountRows(database, "SELECT count(*) FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE " + where);
    };
    REQUIRE(count("o.status = 'won' AND s.is_won = 1 AND o.closed_date IS NOT NULL") == count("o.status = 'won'"));
    REQUIRE(count("o.status = 'lost' AND s.is_lost = 1 AND o.lost_reason_id IS NOT NULL AND o.closed_date IS NOT NULL") ==
            count("o.status = 'lost'"));
    REQUIRE(count("o.status = 'lost' AND o.lost_note != ''") > 0);
    REQUIRE(count("o.status IN ('open', 'postponed', 'archived') AND (s.is_won = 1 OR s.is_lost = 1)") == 0);
    REQUIRE(count("o.status = 'postponed' AND o.postponed_reason != '' AND o.postponed_until <= '2026-06-15'") > 0);
    REQUIRE(count("o.status = 'postponed' AND o.postponed_until > '2026-06-15'") > 0);
    REQUIRE(count("o.status = 'archived'") > 0);
    REQUIRE(count("o.status = 'open' AND o.expected_close_date < '2026-06-15'") > 0);
    REQUIRE(count("o.close_date_push_count >= 2") > 0);
    REQUIRE(count("o.probability_override IS NOT NULL AND o.probability_override != s.default_probability") > 0);
    REQUIRE(count("o.forecast_category_override IS NOT NULL") > 0);
    REQUIRE(count("o.forecast_category_override = 'closed'") == 0);
    REQUIRE(count("o.status = 'open' AND o.last_touch_at_ms < o.stage_entered_at_ms") == 0);
    // Pushes in the column are the later-moving close-date changes in the log.
    REQUIRE(CountRows(database,
                      "SELECT count(*) FROM opportunities o WHERE close_date_push_count != (SELECT count(*) FROM"
                      " change_log c WHERE c.entity = 'opportunity' AND c.entity_id = o.id AND c.field ="
                      " 'expected_close_date' AND c.old_value IS NOT NULL AND c.new_value > c.old_value)") == 0);
}

TEST_CASE("the change log replays every deal's stages at the times they happened") {
    Database database = LoadedDatabase(1);
    // Each deal was created in the stage of its first stage_id row and is now in the stage of its last one,
    // which it entered at that row's time.
    REQUIRE(CountRows(database,
                      "SELECT count(*) FROM opportunities o WHERE stage_id != (SELECT new_value FROM change_log c"
                      " WHERE c.entity = 'opportunity' AND c.entity_id = o.id AND c.field = 'stage_id'"
                      " ORDER BY sequence DESC LIMIT 1) OR stage_entered_at_ms != (SELECT at_ms FROM change_log c"
                      " WHERE c.entity = 'opportunity' AND c.entity_id = o.id AND c.field = 'stage_id'"
                      " ORDER BY sequence DESC LIMIT 1)") == 0);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND field = 'stage_id'"
                                " AND old_value IS NULL") == 1'000);
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE entity = 'opportunity' AND field = 'stage_id'"
                                " AND old_value IS NOT NULL") > 1'000);
    // Within every record the log runs forward in time.
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log a JOIN change_log b ON b.entity = a.entity AND"
                                " b.entity_id = a.entity_id AND b.sequence = a.sequence + 1 WHERE b.at_ms < a.at_ms") == 0);
    // Every record has its creation rows, stamped with a clock and its owner.
    for (const char* table : {"opportunities", "activities", "accounts", "contacts", "leads", "stages", "users"}) {
        INFO(table);
        REQUIRE(CountRows(database, std::string("SELECT count(*) FROM ") + table + " t WHERE NOT EXISTS (SELECT 1 FROM"
                                        " change_log c WHERE c.entity_id = t.id AND c.old_value IS NULL)") == 0);
    }
    REQUIRE(CountRows(database, "SELECT count(*) FROM change_log WHERE clock NOT GLOB"
                                " '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]:00000:demo'") == 0);

    auto deal = database.QueryReadOnly("SELECT id, stage_id FROM opportunities WHERE status = 'won' LIMIT 1");
    REQUIRE(deal.ok());
    const std::string id = std::get<std::string>(deal.value()[0].values[0]);
    auto visits = StageHistory(database, id, kNowMs);
    REQUIRE(visits.ok());
    REQUIRE(visits.value().size() >= 2);
    REQUIRE(visits.value().back().stage_id == std::get<std::string>(deal.value()[0].values[1]));
    for (size_t index = 0; index + 1 < visits.value().size(); ++index) REQUIRE(visits.value()[index].duration_ms > 0);
}
