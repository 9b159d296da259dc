// What a deal is worth to the forecast: effective probability and forecast category (stage defaults, rep
// overrides, outcomes), weighted amounts, and the roll-up of many deals into forecast buckets.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/exchange_rate.h"
#include "core/money.h"
#include "core/pipeline.h"
#include "core/result.h"

namespace roadbook {

// Won deals count 100%, lost deals 0%; otherwise the rep's override if any, else the stage default
// (postponed and archived deals keep theirs; they drop out of the forecast by category instead).
// An override outside 0..100 is field "probability" rule "range" whatever the status; so is a stage default
// outside 0..100 when it would be used (stages are validated on save, but synced data is checked again).
Result<int32_t> EffectiveProbability(DealStatus status, int32_t stage_default_probability,
                                     std::optional<int32_t> probability_override);

// Checks a probability a rep typed as an override: field "probability" rule "range" outside 0..100.
Status ValidateProbabilityOverride(int32_t probability);

// Won -> Closed; lost, postponed, archived -> Omitted; open -> the rep's override if any, else the stage's.
// Closed is reserved for won deals, so an open deal that claims it (bad synced data) counts as Commit.
ForecastCategory EffectiveForecastCategory(DealStatus status, ForecastCategory stage_category,
                                           std::optional<ForecastCategory> category_override);

// Checks a category a rep picks as an override on a deal with `status`: Closed only comes from winning,
// so choosing it on a deal that is not won is field "forecast_category" rule "closed-needs-won".
Status ValidateForecastCategoryOverride(DealStatus status, ForecastCategory category);

// amount_minor * probability / 100, rounded half away from zero. Exact and overflow-free for every int64
// (the result is never larger in magnitude than the amount). `probability` must be 0..100 (asserted).
int64_t WeightedAmount(int64_t amount_minor, int32_t probability);

// One deal as the roll-up sees it.
struct ForecastLine {
    std::string deal_id;  // named in error messages
    DealStatus status = DealStatus::Open;
    Money amount;
    int32_t probability = 0;  // effective (EffectiveProbability); re-checked and re-normalised by status
    ForecastCategory forecast_category = ForecastCategory::Pipeline;  // effective, likewise re-normalised
};

// Sums for one roll-up bucket in the reporting currency.
struct ForecastTotals {
    int64_t amount_minor = 0;    // unweighted
    int64_t weighted_minor = 0;  // sum of WeightedAmount(converted amount, probability)
    int64_t deal_count = 0;

    friend bool operator==(const ForecastTotals&, const ForecastTotals&) = default;
};

// The roll-up, after each line is normalised by EffectiveProbability/EffectiveForecastCategory with its
// status (so won = 100% and Closed, lost/postponed/archived = Omitted):
//   closed    = won deals
//   commit    = closed + open deals in Commit
//   best_case = commit + open deals in Best case
//   pipeline  = open deals in Pipeline, Best case or Commit (every open deal that is not Omitted; no won deals)
//   omitted_count = deals counted in no bucket (Omitted by override, lost, postponed, archived)
// Hence closed <= commit <= best_case for non-negative amounts. Each amount is converted to the reporting
// currency (rounded) first and then weighted (rounded), so a bucket's weighted total is the sum of its
// deals' weighted amounts exactly as a deal list would show them.
struct ForecastRollup {
    std::string currency_code;  // the reporting currency
    ForecastTotals pipeline;
    ForecastTotals best_case;
    ForecastTotals commit;
    ForecastTotals closed;
    int64_t omitted_count = 0;
};

// Rolls `lines` up in `rates.reporting_currency_code`. Fails rather than report a wrong total, listing
// every problem once: "exchange_rate" missing-rate per currency, "probability" range per deal (naming it),
// "reporting_currency" unknown-currency, and "amount" overflow when a total exceeds int64 (never wrapped).
Result<ForecastRollup> RollUpForecast(std::span<const ForecastLine> lines, const ExchangeRateTable& rates);

}  // namespace roadbook
