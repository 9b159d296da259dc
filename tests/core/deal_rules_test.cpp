// Deal rules: effective probability and category, exact weighting, and the forecast roll-up with its
// invariants checked over thousands of seeded random deals.
#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <vector>

#include "core/deal_rules.h"

using namespace roadbook;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

__extension__ typedef __int128 Wide;

// The definition, computed the obvious way in 128 bits.
int64_t ReferenceWeighted(int64_t amount, int32_t probability) {
    const Wide product = Wide(amount) * probability;
    Wide quotient = product / 100;
    const Wide remainder = product % 100;
    if (remainder >= 50) ++quotient;
    if (remainder <= -50) --quotient;
    return int64_t(quotient);
}

const ExchangeRateTable kEuro{"EUR", {{"USD", 920'000'000}, {"SEK", 89'100'000}}};

ForecastLine Line(std::string id, DealStatus status, int64_t euro_cents, int32_t probability,
                  ForecastCategory category) {
    return ForecastLine{std::move(id), status, Money{euro_cents, "EUR"}, probability, category};
}

}  // namespace

TEST_CASE("probability is the stage default unless overridden, won is 100 and lost is 0") {
    REQUIRE(EffectiveProbability(DealStatus::Open, 40, std::nullopt).value() == 40);
    REQUIRE(EffectiveProbability(DealStatus::Open, 40, 75).value() == 75);
    REQUIRE(EffectiveProbability(DealStatus::Open, 40, 0).value() == 0);
    REQUIRE(EffectiveProbability(DealStatus::Won, 40, std::nullopt).value() == 100);
    REQUIRE(EffectiveProbability(DealStatus::Won, 40, 10).value() == 100);
    REQUIRE(EffectiveProbability(DealStatus::Lost, 40, 90).value() == 0);
    REQUIRE(EffectiveProbability(DealStatus::Postponed, 40, std::nullopt).value() == 40);
    REQUIRE(EffectiveProbability(DealStatus::Archived, 40, 55).value() == 55);
}

TEST_CASE("a probability override outside 0-100 is a range error whatever the status") {
    for (const auto status : {DealStatus::Open, DealStatus::Won, DealStatus::Lost}) {
        for (const int32_t bad : {-1, 101, 1000, std::numeric_limits<int32_t>::min()}) {
            const auto result = EffectiveProbability(status, 40, bad);
            REQUIRE_FALSE(result.ok());
            REQUIRE(result.first_error().field == "probability");
            REQUIRE(result.first_error().rule == "range");
        }
    }
    REQUIRE(EffectiveProbability(DealStatus::Open, 40, 130).first_error().message ==
            "Probability must be between 0% and 100% (not 130%).");
    REQUIRE(ValidateProbabilityOverride(100).ok());
    REQUIRE(ValidateProbabilityOverride(0).ok());
    REQUIRE(ValidateProbabilityOverride(101).first_error().rule == "range");
    // A corrupt stage default is caught where it would be used, and irrelevant once won or lost.
    REQUIRE(EffectiveProbability(DealStatus::Open, 130, std::nullopt).first_error().rule == "range");
    REQUIRE(EffectiveProbability(DealStatus::Open, 130, 20).value() == 20);
    REQUIRE(EffectiveProbability(DealStatus::Won, 130, std::nullopt).value() == 100);
}

TEST_CASE("forecast category comes from the stage unless overridden, outcomes decide closed deals") {
    using enum ForecastCategory;
    REQUIRE(EffectiveForecastCategory(DealStatus::Open, BestCase, std::nullopt) == BestCase);
    REQUIRE(EffectiveForecastCategory(DealStatus::Open, BestCase, Commit) == Commit);
    REQUIRE(EffectiveForecastCategory(DealStatus::Open, Commit, Omitted) == Omitted);
    REQUIRE(EffectiveForecastCategory(DealStatus::Open, Pipeline, Pipeline) == Pipeline);
    REQUIRE(EffectiveForecastCategory(DealStatus::Won, Pipeline, Omitted) == Closed);
    for (const auto status : {DealStatus::Lost, DealStatus::Postponed, DealStatus::Archived}) {
        REQUIRE(EffectiveForecastCategory(status, Commit, std::nullopt) == Omitted);
        REQUIRE(EffectiveForecastCategory(status, Pipeline, Commit) == Omitted);
    }
    // Closed without a win (bad synced data) counts as Commit, never inflating Closed.
    REQUIRE(EffectiveForecastCategory(DealStatus::Open, Closed, std::nullopt) == Commit);
    REQUIRE(EffectiveForecastCategory(DealStatus::Open, Pipeline, Closed) == Commit);
}

TEST_CASE("only won deals may be overridden to Closed") {
    REQUIRE(ValidateForecastCategoryOverride(DealStatus::Open, ForecastCategory::Commit).ok());
    REQUIRE(ValidateForecastCategoryOverride(DealStatus::Open, ForecastCategory::Omitted).ok());
    REQUIRE(ValidateForecastCategoryOverride(DealStatus::Won, ForecastCategory::Closed).ok());
    const Status refused = ValidateForecastCategoryOverride(DealStatus::Open, ForecastCategory::Closed);
    REQUIRE(refused.first_error().field == "forecast_category");
    REQUIRE(refused.first_error().rule == "closed-needs-won");
}

TEST_CASE("weighted amounts round half away from zero") {
    REQUIRE(WeightedAmount(100000, 40) == 40000);
    REQUIRE(WeightedAmount(1, 50) == 1);     // 0.5 -> 1
    REQUIRE(WeightedAmount(-1, 50) == -1);   // -0.5 -> -1
    REQUIRE(WeightedAmount(1, 49) == 0);     // 0.49 -> 0
    REQUIRE(WeightedAmount(3, 50) == 2);     // 1.5 -> 2
    REQUIRE(WeightedAmount(-3, 50) == -2);
    REQUIRE(WeightedAmount(12345, 33) == 4074);  // 4073.85
    REQUIRE(WeightedAmount(999, 0) == 0);
    REQUIRE(WeightedAmount(999, 100) == 999);
}

TEST_CASE("weighted amounts never overflow and match 128-bit arithmetic (seeded)") {
    for (const int64_t amount : {kMax, kMin, kMax - 1, kMin + 1, int64_t(0), int64_t(-99), int64_t(99)}) {
        for (int32_t probability = 0; probability <= 100; ++probability) {
            REQUIRE(WeightedAmount(amount, probability) == ReferenceWeighted(amount, probability));
        }
    }
    REQUIRE(WeightedAmount(kMax, 100) == kMax);
    REQUIRE(WeightedAmount(kMin, 100) == kMin);
    std::mt19937_64 random(42);
    for (int round = 0; round < 20000; ++round) {
        const int64_t amount = int64_t(random());
        const auto probability = int32_t(random() % 101);
        REQUIRE(WeightedAmount(amount, probability) == ReferenceWeighted(amount, probability));
    }
}

TEST_CASE("the roll-up nests Closed in Commit in Best case, keeps Pipeline to open deals, omits the rest") {
    using enum ForecastCategory;
    const std::vector<ForecastLine> lines = {
        Line("won", DealStatus::Won, 10000, 30, Pipeline),           // Closed at 100%
        Line("commit", DealStatus::Open, 20000, 80, Commit),         // 16000 weighted
        Line("best", DealStatus::Open, 40000, 50, BestCase),         // 20000
        Line("early", DealStatus::Open, 80000, 10, Pipeline),        // 8000
        Line("parked", DealStatus::Open, 5000, 20, Omitted),         // omitted by the rep
        Line("lost", DealStatus::Lost, 7000, 0, Commit),             // omitted
        Line("later", DealStatus::Postponed, 9000, 60, Commit),      // omitted
        Line("old", DealStatus::Archived, 11000, 10, BestCase),      // omitted
    };
    const auto rollup = RollUpForecast(lines, kEuro).value();
    REQUIRE(rollup.currency_code == "EUR");
    REQUIRE(rollup.closed == ForecastTotals{10000, 10000, 1});
    REQUIRE(rollup.commit == ForecastTotals{30000, 26000, 2});
    REQUIRE(rollup.best_case == ForecastTotals{70000, 46000, 3});
    REQUIRE(rollup.pipeline == ForecastTotals{140000, 44000, 3});
    REQUIRE(rollup.omitted_count == 4);
    REQUIRE(RollUpForecast({}, kEuro).value().pipeline == ForecastTotals{});
}

TEST_CASE("the roll-up converts each deal to the reporting currency before weighting") {
    const std::vector<ForecastLine> lines = {
        {"usd", DealStatus::Open, Money{100000, "USD"}, 50, ForecastCategory::Commit},  // 920.00 EUR
        {"sek", DealStatus::Open, Money{100001, "SEK"}, 50, ForecastCategory::Commit},  // 89.10 EUR -> 44.55
    };
    const auto rollup = RollUpForecast(lines, kEuro).value();
    REQUIRE(rollup.commit.amount_minor == 92000 + 8910);
    REQUIRE(rollup.commit.weighted_minor == 46000 + 4455);
}

TEST_CASE("the roll-up reports missing rates, bad probabilities and overflow instead of a total") {
    const std::vector<ForecastLine> lines = {
        {"a", DealStatus::Open, Money{100, "CHF"}, 50, ForecastCategory::Commit},
        {"b", DealStatus::Open, Money{200, "CHF"}, 50, ForecastCategory::Pipeline},
        {"c", DealStatus::Open, Money{300, "EUR"}, 130, ForecastCategory::Pipeline},
        {"d", DealStatus::Won, Money{300, "EUR"}, 130, ForecastCategory::Closed},  // won: 100%, fine
    };
    const auto failed = RollUpForecast(lines, kEuro);
    REQUIRE_FALSE(failed.ok());
    REQUIRE(failed.errors().size() == 2);
    REQUIRE(failed.errors()[0].message == "No exchange rate from CHF to EUR.");
    REQUIRE(failed.errors()[1].field == "probability");
    REQUIRE(failed.errors()[1].message == "Deal c: Probability must be between 0% and 100% (not 130%).");

    const std::vector<ForecastLine> huge = {Line("x", DealStatus::Won, kMax, 100, ForecastCategory::Closed),
                                            Line("y", DealStatus::Open, 1, 100, ForecastCategory::Commit)};
    const auto overflowed = RollUpForecast(huge, kEuro);
    REQUIRE(overflowed.first_error().field == "amount");
    REQUIRE(overflowed.first_error().rule == "overflow");
    // Pipeline alone would not overflow here, but the roll-up as a whole still refuses.
    REQUIRE(overflowed.errors().size() == 1);

    REQUIRE(RollUpForecast(huge, ExchangeRateTable{"ABC", {}}).first_error().rule == "unknown-currency");
}

TEST_CASE("roll-up invariants hold for thousands of random deals (seeded)") {
    const DealStatus statuses[] = {DealStatus::Open, DealStatus::Open, DealStatus::Open, DealStatus::Won,
                                   DealStatus::Lost, DealStatus::Postponed, DealStatus::Archived};
    const ForecastCategory categories[] = {ForecastCategory::Pipeline, ForecastCategory::BestCase,
                                           ForecastCategory::Commit, ForecastCategory::Closed,
                                           ForecastCategory::Omitted};
    for (const uint64_t seed : {1ULL, 2ULL, 3ULL, 20240601ULL}) {
        std::mt19937_64 random(seed);
        std::vector<ForecastLine> lines;
        for (int index = 0; index < 3000; ++index) {
            ForecastLine line;
            line.deal_id = "deal-" + std::to_string(index);
            line.status = statuses[random() % 7];
            const char* currency = random() % 3 == 0 ? "USD" : "EUR";
            line.amount = Money{int64_t(random() % 100'000'000'000ULL), currency};
            line.probability = int32_t(random() % 101);
            line.forecast_category = categories[random() % 5];
            lines.push_back(line);
        }
        const auto rollup = RollUpForecast(lines, kEuro).value();

        // Closed <= Commit <= Best case, weighted <= unweighted, counts nest the same way.
        REQUIRE(rollup.closed.amount_minor <= rollup.commit.amount_minor);
        REQUIRE(rollup.commit.amount_minor <= rollup.best_case.amount_minor);
        REQUIRE(rollup.closed.weighted_minor <= rollup.commit.weighted_minor);
        REQUIRE(rollup.commit.weighted_minor <= rollup.best_case.weighted_minor);
        REQUIRE(rollup.closed.deal_count <= rollup.commit.deal_count);
        REQUIRE(rollup.commit.deal_count <= rollup.best_case.deal_count);
        for (const ForecastTotals* totals : {&rollup.closed, &rollup.commit, &rollup.best_case, &rollup.pipeline}) {
            REQUIRE(totals->weighted_minor <= totals->amount_minor);
        }
        REQUIRE(rollup.closed.weighted_minor == rollup.closed.amount_minor);

        // Pipeline is exactly the open, non-omitted deals; omitted and non-open deals are counted nowhere.
        int64_t open_amount = 0, open_weighted = 0, open_count = 0, won_amount = 0, omitted = 0;
        for (const ForecastLine& line : lines) {
            const int64_t amount = ConvertToReportingCurrency(line.amount, kEuro).value().minor_units;
            const auto category = EffectiveForecastCategory(line.status, line.forecast_category, std::nullopt);
            if (category == ForecastCategory::Omitted) {
                ++omitted;
            } else if (line.status == DealStatus::Won) {
                won_amount += amount;
            } else {
                REQUIRE(line.status == DealStatus::Open);
                open_amount += amount;
                open_weighted += WeightedAmount(amount, line.probability);
                ++open_count;
            }
        }
        REQUIRE(rollup.pipeline == ForecastTotals{open_amount, open_weighted, open_count});
        REQUIRE(rollup.closed.amount_minor == won_amount);
        REQUIRE(rollup.omitted_count == omitted);
        REQUIRE(rollup.best_case.deal_count + (open_count - (rollup.best_case.deal_count - rollup.closed.deal_count)) +
                    rollup.omitted_count ==
                int64_t(lines.size()));
    }
}
