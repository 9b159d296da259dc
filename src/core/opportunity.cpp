// Validation of opportunity drafts: the rules every surface (form, import, sync) applies before saving.
#include "core/opportunity.h"

#include "core/field_checks.h"
#include "core/text.h"

namespace roadbook {

Result<ValidOpportunity> ValidateOpportunityDraft(const OpportunityDraft& draft) {
    std::vector<ValidationError> errors;
    ValidOpportunity valid;
    valid.name = ValidateText(draft.name, TextRule{"name", "Name", kMaxNameCharacters, true}, errors);
    valid.account_name =
        ValidateText(draft.account_name, TextRule{"account_name", "Account name", kMaxNameCharacters, false}, errors);

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
