// Exchange rates as exact fixed-point integers, and conversion of money into one reporting currency so
// totals never add different currencies silently.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/result.h"

namespace roadbook {

// Rates carry 9 decimal places: enough for any quoted rate (quotes have 4-6 significant decimals) and
// still up to 9.2 billion reporting units per unit in an int64.
inline constexpr int kExchangeRateDecimals = 9;
inline constexpr int64_t kExchangeRateScale = 1'000'000'000;

// How many major units of the reporting currency one major unit of `currency_code` buys, times 10^9.
// With EUR reporting, "0.0891" for SEK is rate_nanos 89'100'000; "150.25" for EUR->JPY reporting is
// 150'250'000'000. Major units (not minor) so admins type the rate banks quote.
struct ExchangeRate {
    std::string currency_code;
    int64_t rate_nanos = 0;
};

// The rates a report uses. A currency converts to itself with no rate.
struct ExchangeRateTable {
    std::string reporting_currency_code;
    std::vector<ExchangeRate> rates;

    // The rate for `currency_code`, or nullptr.
    const ExchangeRate* Find(std::string_view currency_code) const;
};

// Parses what an admin types, e.g. "0.0891", "1", "1,234.5" (',' between digits groups thousands).
// Errors on `field`: required, not-a-number, precision (more than 9 decimals), not-positive, overflow.
Result<int64_t> ParseExchangeRate(std::string_view text, std::string_view field = "rate");

// The shortest exact decimal: 89'100'000 -> "0.0891", 1'000'000'000 -> "1".
// The largest rate taken (a million units of one currency per unit of another, above every real rate), so a
// conversion of the largest amount stays far from int64 overflow.
inline constexpr int64_t kMaxExchangeRateNanos = 1'000'000'000'000'000;

std::string FormatExchangeRate(int64_t rate_nanos);

// Every broken rule at once: "reporting_currency" unknown-currency; for each rate "currency_code"
// unknown-currency / duplicate (a second rate for one currency), "rate" not-positive / self-rate (a rate for
// the reporting currency itself other than 1).
Status ValidateExchangeRateTable(const ExchangeRateTable& table);

// Converts `money` at `rate_nanos` (units of `to_currency_code` per unit of money's currency, times 10^9),
// honouring both currencies' minor units (JPY 0, USD 2, KWD 3) and rounding half away from zero.
// Errors: "currency" unknown-currency, "rate" not-positive, "amount" overflow.
Result<Money> ConvertMoney(const Money& money, std::string_view to_currency_code, int64_t rate_nanos);

// `money` in the table's reporting currency. A missing rate is field "exchange_rate" rule "missing-rate",
// "No exchange rate from SEK to EUR."
Result<Money> ConvertToReportingCurrency(const Money& money, const ExchangeRateTable& table);

// The sum of `amounts` in the reporting currency, each converted (and rounded) before adding. Reports
// every missing rate once per currency, and overflow, instead of a partial sum.
Result<Money> SumInReportingCurrency(std::span<const Money> amounts, const ExchangeRateTable& table);

// The error ConvertToReportingCurrency reports for a currency without a rate (shared by roll-ups).
ValidationError MissingRateError(std::string_view from_currency_code, std::string_view to_currency_code);

}  // namespace roadbook
