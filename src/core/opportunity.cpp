// Validation of opportunity drafts: the rules every surface (form, import, sync) applies before saving.
#include "core/opportunity.h"

#include "core/text.h"

namespace roadbook {
namespace {

// Checks a free-text name field; returns the trimmed text or records what is wrong.
std::string CheckedName(std::string_view text, const char* field, const char* label, bool required,
                        std::vector<ValidationError>& errors) {
    const std::string_view trimmed = Trim(text);
    if (!IsValidUtf8(trimmed)) {
        errors.push_back({field, "invalid-text", std::string(label) + " contains characters that are not valid text."});
    } else if (required && trimmed.empty()) {
        errors.push_back({field, "required", std::string(label) + " is required."});
    } else if (CountCodePoints(trimmed) > kMaxNameCharacters) {
        errors.push_back({field, "too-long",
                          std::string(label) + " is longer than " + std::to_string(kMaxNameCharacters) + " characters."});
    }
    return std::string(trimmed);
}

}  // namespace

Result<ValidOpportunity> ValidateOpportunityDraft(const OpportunityDraft& draft) {
    std::vector<ValidationError> errors;
    ValidOpportunity valid;
    valid.name = CheckedName(draft.name, "name", "Name", true, errors);
    valid.account_name = CheckedName(draft.account_name, "account_name", "Account name", false, errors);

    const std::string currency_code = ToUpperAscii(Trim(draft.currency_code));
    const std::string amount_text = Trim(draft.amount).empty() ? "0" : std::string(draft.amount);
    auto amount = ParseMoney(amount_text, currency_code, "amount");
    if (!amount) {
        errors.insert(errors.end(), amount.errors().begin(), amount.errors().end());
    } else if (amount.value().minor_units < 0) {
        errors.push_back({"amount", "negative", "Amount cannot be negative."});
    } else {
        valid.amount = std::move(amount).value();
    }

    auto close_date = ParseCalendarDate(Trim(draft.expected_close_date), "expected_close_date");
    if (!close_date) {
        ValidationError error = close_date.first_error();
        if (error.rule == "required") error.message = "Expected close date is required.";
        errors.push_back(std::move(error));
    } else {
        valid.expected_close_date = close_date.value();
    }

    if (!errors.empty()) return errors;
    return valid;
}

}  // namespace roadbook
