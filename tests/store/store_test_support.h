// Helpers for store tests: a fresh real SQLite database and a deterministic write context.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"
#include "store/opportunity_store.h"

namespace roadbook::testing {

inline Database OpenFreshDatabase() {
    auto opened = Database::Open(":memory:");
    if (!opened) throw std::runtime_error(opened.first_error().message);
    return std::move(opened).value();
}

// Ids "id-1", "id-2", ... so tests can name rows.
inline WriteContext DeterministicContext(int64_t now_unix_ms = 1'800'000'000'000) {
    auto counter = std::make_shared<int>(0);
    WriteContext context;
    context.actor = "rep@example.com";
    context.now_unix_ms = now_unix_ms;
    context.new_id = [counter] { return "id-" + std::to_string(++*counter); };
    context.today = DateAtInstant(now_unix_ms, 0);
    context.next_clock = [counter] { return "clock-" + std::to_string(*counter); };
    return context;
}

inline int64_t CountRows(Database& database, const std::string& sql) {
    auto rows = database.QueryReadOnly(sql);
    if (!rows) throw std::runtime_error(rows.first_error().message);
    return std::get<int64_t>(rows.value().at(0).values.at(0));
}

// The (field, rule) of every error of a refused command, for comparing against the expected list.
template <typename Value>
std::vector<std::pair<std::string, std::string>> FieldsAndRules(const Result<Value>& refused) {
    if (refused.ok()) return {};
    std::vector<std::pair<std::string, std::string>> result;
    for (const auto& error : refused.errors()) result.emplace_back(error.field, error.rule);
    return result;
}

}  // namespace roadbook::testing
