// Probability, forecast category, weighting and the forecast roll-up. Integer arithmetic throughout, with
// every addition checked: a forecast that silently wrapped would be worse than none.
#include "core/deal_rules.h"

#include <algorithm>
#include <cassert>

namespace roadbook {
namespace {

ValidationError ProbabilityRangeError(int32_t probability) {
    return ValidationError{"probability", "range",
                           "Probability must be between 0% and 100% (not " + std::to_string(probability) + "%)."};
}

// Adds one deal to a bucket; false when a total would overflow.
bool AddToTotals(ForecastTotals& totals, int64_t amount_minor, int64_t weighted_minor) {
    const auto amount = CheckedAdd(totals.amount_minor, amount_minor);
    const auto weighted = CheckedAdd(totals.weighted_minor, weighted_minor);
    if (!amount || !weighted) return false;
    totals.amount_minor = *amount;
    totals.weighted_minor = *weighted;
    ++totals.deal_count;
    return true;
}

}  // namespace

Status ValidateProbabilityOverride(int32_t probability) {
    if (probability < 0 || probability > 100) return ProbabilityRangeError(probability);
    return Done{};
}

Result<int32_t> EffectiveProbability(DealStatus status, int32_t stage_default_probability,
                                     std::optional<int32_t> probability_override) {
    if (probability_override) {
        auto valid = ValidateProbabilityOverride(*probability_override);
        if (!valid) return valid.errors();
    }
    if (status == DealStatus::Won) return 100;
    if (status == DealStatus::Lost) return 0;
    if (probability_override) return *probability_override;
    // Stages are validated when saved; data from elsewhere must not sneak a 130% into a forecast.
    if (stage_default_probability < 0 || stage_default_probability > 100) {
        return ProbabilityRangeError(stage_default_probability);
    }
    return stage_default_probability;
}

ForecastCategory EffectiveForecastCategory(DealStatus status, ForecastCategory stage_category,
                                           std::optional<ForecastCategory> category_override) {
    switch (status) {
        case DealStatus::Won:
            return ForecastCategory::Closed;
        case DealStatus::Lost:
        case DealStatus::Postponed:
        case DealStatus::Archived:
            return ForecastCategory::Omitted;
        case DealStatus::Open:
            break;
    }
    const ForecastCategory category = category_override.value_or(stage_category);
    return category == ForecastCategory::Closed ? ForecastCategory::Commit : category;
}

Status ValidateForecastCategoryOverride(DealStatus status, ForecastCategory category) {
    if (category == ForecastCategory::Closed && status != DealStatus::Won) {
        return ValidationError{"forecast_category", "closed-needs-won",
                               "Only won deals are Closed; choose Commit for a deal you are sure of."};
    }
    return Done{};
}

int64_t WeightedAmount(int64_t amount_minor, int32_t probability) {
    assert(probability >= 0 && probability <= 100 && "WeightedAmount needs a probability in 0..100");
    // Split so nothing overflows: amount = whole * 100 + rest, |rest| < 100.
    const int64_t whole = amount_minor / 100;
    const int64_t rest = amount_minor % 100;  // same sign as the amount
    const int64_t rest_scaled = rest * probability;  // |rest_scaled| < 10'000
    int64_t rest_weighted = rest_scaled / 100;
    const int64_t remainder = rest_scaled % 100;
    if (remainder >= 50) ++rest_weighted;
    if (remainder <= -50) --rest_weighted;
    return whole * probability + rest_weighted;
}

Result<ForecastRollup> RollUpForecast(std::span<const ForecastLine> lines, const ExchangeRateTable& rates) {
    if (!FindCurrency(rates.reporting_currency_code)) {
        return ValidationError{"reporting_currency", "unknown-currency",
                               "Reporting currency \"" + rates.reporting_currency_code + "\" is not a currency code."};
    }
    ForecastRollup rollup;
    rollup.currency_code = rates.reporting_currency_code;
    std::vector<ValidationError> errors;
    const auto add_error_once = [&errors](ValidationError error) {
        const bool seen = std::any_of(errors.begin(), errors.end(), [&](const ValidationError& existing) {
            return existing.rule == error.rule && existing.message == error.message;
        });
        if (!seen) errors.push_back(std::move(error));
    };
    bool overflowed = false;

    for (const ForecastLine& line : lines) {
        const auto probability = EffectiveProbability(line.status, line.probability, std::nullopt);
        if (!probability) {
            ValidationError error = probability.first_error();
            error.message = "Deal " + line.deal_id + ": " + error.message;
            add_error_once(std::move(error));
        }
        const auto converted = ConvertToReportingCurrency(line.amount, rates);
        if (!converted) {
            for (const ValidationError& error : converted.errors()) add_error_once(error);
        }
        if (!probability || !converted) continue;

        const ForecastCategory category = EffectiveForecastCategory(line.status, line.forecast_category, std::nullopt);
        const int64_t amount = converted.value().minor_units;
        const int64_t weighted = WeightedAmount(amount, probability.value());
        bool added = true;
        switch (category) {
            case ForecastCategory::Closed:
                added = AddToTotals(rollup.closed, amount, weighted) && AddToTotals(rollup.commit, amount, weighted) &&
                        AddToTotals(rollup.best_case, amount, weighted);
                break;
            case ForecastCategory::Commit:
                added = AddToTotals(rollup.commit, amount, weighted) &&
                        AddToTotals(rollup.best_case, amount, weighted) &&
                        AddToTotals(rollup.pipeline, amount, weighted);
                break;
            case ForecastCategory::BestCase:
                added = AddToTotals(rollup.best_case, amount, weighted) &&
                        AddToTotals(rollup.pipeline, amount, weighted);
                break;
            case ForecastCategory::Pipeline:
                added = AddToTotals(rollup.pipeline, amount, weighted);
                break;
            case ForecastCategory::Omitted:
                ++rollup.omitted_count;
                break;
        }
        overflowed = overflowed || !added;
    }
    if (overflowed) {
        add_error_once({"amount", "overflow", "The forecast total in " + rates.reporting_currency_code +
                                                  " is too large to add up."});
    }
    if (!errors.empty()) return errors;
    return rollup;
}

}  // namespace roadbook
