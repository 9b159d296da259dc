// Opportunities in SQLite: creating them (with their account and change-log rows) and listing them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar_date.h"
#include "core/money.h"
#include "core/opportunity.h"
#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;


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
    // The same inside a transaction the caller owns (lead conversion creates a deal among other rows).
    Result<std::string> CreateWithinTransaction(const ValidOpportunity& opportunity, const WriteContext& context);

    Result<std::vector<OpportunitySummary>> List(OpportunityOrder order) const;
    Result<int64_t> Count() const;

private:
    Result<std::string> FindOrCreateAccount(const std::string& name, const WriteContext& context);
    // The pipeline and stage a new deal goes to: the given ones (checked to belong together and to be an
    // open stage), or the first pipeline's first open stage.
    Result<std::pair<std::string, std::string>> ResolvePipelineAndStage(const ValidOpportunity& opportunity);
    Database& database_;
};

}  // namespace roadbook
