// Hand-made data for the view-query tests: the migration's default "Sales" pipeline (Qualification 10%,
// Needs analysis 25%, Proposal 50% best case, Negotiation 75% commit, Won, Lost), three people in two
// teams, accounts, deals and activities written with plain SQL so each test states exactly what exists.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "store/view_queries.h"
#include "store_test_support.h"

namespace roadbook::testing {

inline constexpr const char* kSales = "00000000-0000-7000-8000-000000000001";
inline constexpr const char* kQualification = "00000000-0000-7000-8000-000000000101";
inline constexpr const char* kNeedsAnalysis = "00000000-0000-7000-8000-000000000102";
inline constexpr const char* kProposal = "00000000-0000-7000-8000-000000000103";
inline constexpr const char* kNegotiation = "00000000-0000-7000-8000-000000000104";
inline constexpr const char* kWonStage = "00000000-0000-7000-8000-000000000105";
inline constexpr const char* kLostStage = "00000000-0000-7000-8000-000000000106";
inline constexpr const char* kPriceReason = "00000000-0000-7000-8000-000000000201";

inline constexpr CalendarDate kViewToday{2026, 6, 15};
inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kTodayNoonMs = 1'781'524'800'000;  // 2026-06-15 12:00 UTC

inline int64_t DaysAgoMs(int64_t days) { return kTodayNoonMs - days * kDayMs; }

inline ViewClock TestClock() { return ViewClock{kViewToday, 0}; }

inline void Run(Database& database, const std::string& sql) {
    auto done = database.Execute(sql, "test setup");
    if (!done) throw std::runtime_error(done.first_error().message + " in " + sql);
}

inline std::string Quoted(const std::optional<std::string>& text) {
    return text ? "'" + *text + "'" : "NULL";
}

// Ann and Bob are team North, Cat is team South; accounts "Café Müller" and "Łódź Logistik".
inline Database OpenViewDatabase() {
    Database database = OpenFreshDatabase();
    Run(database, "INSERT INTO teams VALUES ('t-north', 'North'), ('t-south', 'South');"
                  "INSERT INTO users (id, name, email, team_id, role) VALUES"
                  " ('u-ann', 'Ann Ørsted', 'ann@example.com', 't-north', 'rep'),"
                  " ('u-bob', 'Bob Çelik', 'bob@example.com', 't-north', 'rep'),"
                  " ('u-cat', 'Cat Nowak', 'cat@example.com', 't-south', 'rep');"
                  "INSERT INTO accounts VALUES ('a-cafe', 'Café Müller', 1, 1), ('a-lodz', 'Łódź Logistik', 1, 1);"
                  "INSERT INTO exchange_rates VALUES ('USD', 900000000, 1);");  // 1 USD = 0.90 EUR
    return database;
}

struct TestDeal {
    std::string id{};
    std::string name{};
    std::string stage = kQualification;
    int64_t amount_minor = 100'000;
    std::string currency = "EUR";
    std::string close = "2026-07-31";
    std::string owner = "u-ann";
    std::string account = "a-lodz";
    std::string status = "open";
    std::optional<int64_t> probability_override{};
    std::optional<std::string> category_override{};
    int64_t stage_entered_ms = DaysAgoMs(2);
    int64_t last_touch_ms = DaysAgoMs(1);
    int64_t pushes = 0;
    std::string no_next_step_reason = "Waiting for their board";  // so "no next step" stays out of scores
    std::string tags{};
    std::optional<std::string> closed_date{};
    std::optional<std::string> postponed_until{};
};

inline void AddDeal(Database& database, const TestDeal& deal) {
    Run(database,
        "INSERT INTO opportunities (id, name, account_id, pipeline_id, stage_id, owner_id, amount_minor, currency_code,"
        " probability_override, forecast_category_override, expected_close_date, tags, status, closed_date,"
        " lost_reason_id, postponed_until, no_next_step_reason, stage_entered_at_ms, last_touch_at_ms,"
        " close_date_push_count, created_at_ms, updated_at_ms) VALUES ('" + deal.id + "', '" + deal.name + "', '" +
            deal.account + "', '" + kSales + "', '" + deal.stage + "', '" + deal.owner + "', " +
            std::to_string(deal.amount_minor) + ", '" + deal.currency + "', " +
            (deal.probability_override ? std::to_string(*deal.probability_override) : "NULL") + ", " +
            Quoted(deal.category_override) + ", '" + deal.close + "', '" + deal.tags + "', '" + deal.status + "', " +
            Quoted(deal.closed_date) + ", " + (deal.status == "lost" ? "'" + std::string(kPriceReason) + "'" : "NULL") +
            ", " + Quoted(deal.postponed_until) + ", '" + deal.no_next_step_reason + "', " +
            std::to_string(deal.stage_entered_ms) + ", " + std::to_string(deal.last_touch_ms) + ", " +
            std::to_string(deal.pushes) + ", 1, 1)");
}

inline void AddActivity(Database& database, const std::string& id, const std::string& deal, const std::string& due,
                        const std::string& state = "scheduled", const std::string& owner = "u-ann") {
    Run(database, "INSERT INTO activities (id, kind, subject, opportunity_id, owner_id, due_date, state, created_at_ms,"
                  " updated_at_ms) VALUES ('" + id + "', 'task', 'Follow up " + id + "', " +
                      (deal.empty() ? "NULL" : "'" + deal + "'") + ", '" + owner + "', '" + due + "', '" + state +
                      "', 1, 1)");
}

// A stage_id change-log row, as a stage move writes it.
inline void AddStageChange(Database& database, const std::string& deal, const std::string& stage, int64_t at_ms) {
    Run(database, "INSERT INTO change_log (entity, entity_id, field, new_value, actor, at_ms) VALUES ('opportunity', '" +
                      deal + "', 'stage_id', '" + stage + "', 'u-ann', " + std::to_string(at_ms) + ")");
}

template <typename Value>
Value Require(Result<Value> result) {
    if (!result) throw std::runtime_error(result.first_error().field + " " + result.first_error().rule + ": " +
                                          result.first_error().message);
    return std::move(result).value();
}

}  // namespace roadbook::testing
