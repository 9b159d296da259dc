// What the deal detail asks for: saving the edited fields (parsed here, checked by the store's rules),
// probability and forecast overrides, outcomes, postponing, and logging an interaction with its next step.
// Errors carry the field the detail shows them under.
#include <charconv>

#include "app/workspace.h"
#include "core/activity.h"
#include "core/field_checks.h"
#include "core/money.h"
#include "core/opportunity.h"
#include "core/text.h"
#include "store/opportunity_record.h"

namespace roadbook {
namespace {

std::vector<std::string> SplitTags(const std::string& text) {
    std::vector<std::string> tags;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const size_t end = comma == std::string::npos ? text.size() : comma;
        const std::string_view tag = Trim(std::string_view(text).substr(start, end - start));
        if (!tag.empty()) tags.emplace_back(tag);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return tags;
}

std::optional<int32_t> ParseWholeNumber(std::string_view text) {
    text = Trim(text);
    int32_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return number;
}

}  // namespace

Status Workspace::SaveDeal(const ui::DealSave& save) {
    auto stored = FindOpportunity(database_, save.opportunity_id);
    if (!stored) return stored.errors();
    const ui::DealDraft& draft = save.draft;
    std::vector<ValidationError> errors;
    OpportunityEdit edit;
    edit.name = draft.name;
    const std::string currency = std::string(Trim(draft.currency));
    if (!FindCurrency(currency)) {
        errors.push_back({"currency", "unknown-currency", "Currency \"" + currency + "\" is not an ISO 4217 code Roadbook knows."});
    } else if (auto amount = ParseMoney(draft.amount, currency, "amount")) {
        edit.amount = amount.value();
    } else {
        errors.insert(errors.end(), amount.errors().begin(), amount.errors().end());
    }
    if (auto close = ParseCalendarDate(Trim(draft.close_date), "expected_close_date")) {
        edit.expected_close_date = close.value();
    } else {
        errors.insert(errors.end(), close.errors().begin(), close.errors().end());
    }
    if (auto priority = ParseWholeNumber(draft.priority)) {
        edit.priority = *priority;
    } else {
        errors.push_back({"priority", "format", "Priority is a whole number from 0 (low) to 3 (top)."});
    }
    edit.source = draft.source;
    edit.tags = SplitTags(draft.tags);
    edit.needs = draft.needs;
    if (draft.owner_id != stored.value().owner_id) edit.owner_id = draft.owner_id;
    if (!errors.empty()) {
        // The name's rule too (the store checks it again), so the usual mistakes show at once.
        ValidateText(draft.name, TextRule{"name", "Name", kMaxNameCharacters, true}, errors);
        return errors;
    }
    return opportunities_.Edit(save.opportunity_id, edit, new_context_());
}

Status Workspace::SetProbability(const ui::ProbabilityChange& change) {
    if (Trim(change.probability).empty()) return opportunities_.ResetProbability(change.opportunity_id, new_context_());
    std::string_view text = Trim(change.probability);
    if (!text.empty() && text.back() == '%') text = Trim(text.substr(0, text.size() - 1));
    const auto probability = ParseWholeNumber(text);
    if (!probability) return ValidationError{"probability", "format", "Probability is a whole number from 0 to 100."};
    return opportunities_.SetProbabilityOverride(change.opportunity_id, *probability, new_context_());
}

Status Workspace::SetForecastCategory(const ui::ForecastChange& change) {
    if (change.category.empty()) return opportunities_.ClearForecastCategoryOverride(change.opportunity_id, new_context_());
    auto category = ParseForecastCategory(change.category);
    if (!category) return category.errors();
    return opportunities_.SetForecastCategoryOverride(change.opportunity_id, category.value(), new_context_());
}

Status Workspace::ApplyOutcome(const ui::DealOutcomeRequest& request) {
    switch (request.outcome) {
        case ui::DealOutcome::Won: return opportunities_.MarkWon(request.opportunity_id, std::nullopt, new_context_());
        case ui::DealOutcome::Archive: return opportunities_.Archive(request.opportunity_id, new_context_());
        case ui::DealOutcome::Reopen: return opportunities_.Reopen(request.opportunity_id, new_context_());
    }
    return Done{};
}

Status Workspace::Postpone(const ui::PostponeAnswer& answer) {
    auto until = ParseCalendarDate(Trim(answer.until), "postponed_until");
    if (!until) return until.errors();
    return opportunities_.Postpone(answer.opportunity_id, until.value(), answer.reason, new_context_());
}

Result<ui::NextStepPromptState> Workspace::PromptAfterLogging(const std::string& opportunity_id,
                                                              const ui::LogDialogState& log) {
    std::vector<ValidationError> errors;
    auto kind = ParseActivityKind(log.kind);
    if (!kind || !CanBeLogged(kind.value())) errors.push_back({"kind", "not-loggable", "Choose a call, a meeting, an email or a note."});
    if (Trim(log.subject).empty()) errors.push_back({"subject", "required", "Subject is required."});
    if (!errors.empty()) return errors;
    auto deal = FindOpportunity(database_, opportunity_id);
    if (!deal) return deal.errors();
    ui::NextStepPromptState prompt;
    prompt.open = true;
    prompt.focus_first_field = true;
    prompt.activity_subject = std::string(Trim(log.subject));
    prompt.opportunity_name = deal.value().name;
    prompt.outcome = log.outcome;
    prompt.subject = "Follow up: " + deal.value().name;
    prompt.due_date = FormatIsoDate(AddDays(clock_().today, 1));
    prompt.log_opportunity_id = opportunity_id;
    prompt.log_kind = log.kind;
    prompt.log_subject = prompt.activity_subject;
    prompt.log_notes = log.notes;
    // Only open deals ask for a next step; the interaction is logged on the others all the same.
    if (deal.value().status != DealStatus::Open) prompt.opportunity_name.clear();
    return prompt;
}

Status Workspace::LogInteraction(const ui::NextStepAnswer& answer) {
    Interaction interaction;
    interaction.opportunity_id = answer.log_opportunity_id;
    auto kind = ParseActivityKind(answer.log_kind);
    if (!kind) return kind.errors();
    interaction.kind = kind.value();
    interaction.subject = answer.log_subject;
    interaction.notes = answer.log_notes;
    interaction.outcome = answer.outcome;
    auto next_step = NextStepFrom(answer);
    if (!next_step) return next_step.errors();
    auto logged = activities_.LogInteraction(interaction, next_step.value(), new_context_());
    if (!logged) return logged.errors();
    return Done{};
}

}  // namespace roadbook
