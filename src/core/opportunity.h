// An opportunity as the rep enters it, and the rules that decide whether it can be saved.
#pragma once

#include <cstdint>
#include <string>

#include "core/calendar_date.h"
#include "core/money.h"
#include "core/result.h"

namespace roadbook {

inline constexpr size_t kMaxNameCharacters = 200;

// What the "New opportunity" form holds: text exactly as typed, so validation can name what is wrong.
struct OpportunityDraft {
    std::string name;
    std::string account_name;
    std::string amount;  // e.g. "12,500.00"; empty means not known yet (zero)
    std::string currency_code = "EUR";
    std::string expected_close_date;  // YYYY-MM-DD
};

// A draft that passed every rule: trimmed, typed and ready for the store. Empty ids mean "the default":
// the first pipeline, its first open stage, no owner.
struct ValidOpportunity {
    std::string name;
    std::string account_name;
    Money amount;
    CalendarDate expected_close_date;
    std::string pipeline_id;
    std::string stage_id;
    std::string owner_id;
};

// Every broken rule at once, each naming its field: "name" required / too-long / invalid-text,
// "account_name" too-long / invalid-text, "amount" negative / overflow / precision / not-a-number,
// "currency" unknown-currency, "expected_close_date" required / format / invalid-date.
Result<ValidOpportunity> ValidateOpportunityDraft(const OpportunityDraft& draft);

}  // namespace roadbook
