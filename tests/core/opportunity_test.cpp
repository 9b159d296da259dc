// Opportunity validation: every broken rule is reported at once and names its field.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/opportunity.h"

using namespace roadbook;

namespace {
OpportunityDraft GoodDraft() {
    OpportunityDraft draft;
    draft.name = "  Café Müller – Ørsted Åse Łódź Ελλάδα ";
    draft.account_name = "Müller GmbH";
    draft.amount = "12,500.50";
    draft.currency_code = "eur";
    draft.expected_close_date = "2027-03-31";
    return draft;
}

bool HasError(const Result<ValidOpportunity>& result, const std::string& field, const std::string& rule) {
    return std::any_of(result.errors().begin(), result.errors().end(),
                       [&](const ValidationError& error) { return error.field == field && error.rule == rule; });
}
}  // namespace

TEST_CASE("a complete draft validates into typed, trimmed values") {
    const auto result = ValidateOpportunityDraft(GoodDraft());
    REQUIRE(result.ok());
    REQUIRE(result.value().name == "Café Müller – Ørsted Åse Łódź Ελλάδα");
    REQUIRE(result.value().amount == Money{1250050, "EUR"});
    REQUIRE(result.value().expected_close_date == CalendarDate{2027, 3, 31});
}

TEST_CASE("an empty amount means not known yet, zero") {
    auto draft = GoodDraft();
    draft.amount = " ";
    REQUIRE(ValidateOpportunityDraft(draft).value().amount.minor_units == 0);
}

TEST_CASE("each rule names the field and the rule, with a readable message") {
    auto draft = GoodDraft();
    draft.name = "   ";
    draft.amount = "-5";
    draft.expected_close_date = "2027-02-30";
    const auto result = ValidateOpportunityDraft(draft);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors().size() == 3);
    REQUIRE(HasError(result, "name", "required"));
    REQUIRE(result.errors()[0].message == "Name is required.");
    REQUIRE(HasError(result, "amount", "negative"));
    REQUIRE(HasError(result, "expected_close_date", "invalid-date"));
}

TEST_CASE("the remaining rules: too long, bad text, unknown currency, overflow, missing date") {
    auto draft = GoodDraft();
    draft.name = std::string(201, 'x');
    REQUIRE(HasError(ValidateOpportunityDraft(draft), "name", "too-long"));
    draft.name = std::string(200, 'x');
    REQUIRE(ValidateOpportunityDraft(draft).ok());
    draft.name = "\xC3(";
    REQUIRE(HasError(ValidateOpportunityDraft(draft), "name", "invalid-text"));
    draft = GoodDraft();
    draft.account_name = std::string(201, 'y');
    REQUIRE(HasError(ValidateOpportunityDraft(draft), "account_name", "too-long"));
    draft = GoodDraft();
    draft.currency_code = "EURO";
    REQUIRE(HasError(ValidateOpportunityDraft(draft), "currency", "unknown-currency"));
    draft = GoodDraft();
    draft.amount = "100000000000000000000";
    REQUIRE(HasError(ValidateOpportunityDraft(draft), "amount", "overflow"));
    draft = GoodDraft();
    draft.expected_close_date = "";
    const auto missing = ValidateOpportunityDraft(draft);
    REQUIRE(HasError(missing, "expected_close_date", "required"));
    REQUIRE(missing.first_error().message == "Expected close date is required.");
}
