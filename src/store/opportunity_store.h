// Opportunities in SQLite: creating them (with their account and change-log rows) and listing them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/calendar_date.h"
#include "core/money.h"
#include "core/opportunity.h"
#include "core/result.h"

namespace roadbook {

class Database;

// Who is writing and when: every write records both in the change log. The id source is injected so
// tests are deterministic and the app can use its UUIDv7 generator.
struct WriteContext {
    std::string actor;
    int64_t now_unix_ms = 0;
    std::function<std::string()> new_id;
};

// One row of the opportunity list.
struct OpportunitySummary {
    std::string id;
    std::string name;
    std::string account_name;
    Money amount;
    CalendarDate expected_close_date;
    std::string status;
    int64_t created_at_ms = 0;
};

enum class OpportunityOrder { NewestFirst, CloseDateAscending, AmountDescending, NameAscending };

class OpportunityStore {
public:
    explicit OpportunityStore(Database& database) : database_(database) {}

    // Creates the opportunity, linking the account with the same name (case-insensitive) or creating
    // it, and writes one change-log row per field; all in one transaction. Returns the new id.
    Result<std::string> Create(const ValidOpportunity& opportunity, const WriteContext& context);

    Result<std::vector<OpportunitySummary>> List(OpportunityOrder order) const;
    Result<int64_t> Count() const;

private:
    Result<std::string> FindOrCreateAccount(const std::string& name, const WriteContext& context);
    Status LogChange(std::string_view entity, const std::string& entity_id, std::string_view field,
                     const std::string& new_value, const WriteContext& context);
    Database& database_;
};

}  // namespace roadbook
