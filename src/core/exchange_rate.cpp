// Fixed-point exchange-rate parsing and money conversion. The product of an amount and a rate needs up to
// 126 bits, so conversion multiplies in 128-bit integers and rounds once, at the end.
#include "core/exchange_rate.h"

#include <algorithm>
#include <limits>

#include "core/text.h"

namespace roadbook {
namespace {

// GCC and Clang (including wasm32) have it; __extension__ keeps -Wpedantic quiet about a non-ISO type.
__extension__ typedef unsigned __int128 UnsignedWide;

constexpr uint64_t kMaxPositiveMagnitude = uint64_t(std::numeric_limits<int64_t>::max());
constexpr uint64_t kMaxNegativeMagnitude = kMaxPositiveMagnitude + 1;

bool IsDigit(char character) { return character >= '0' && character <= '9'; }
bool IsGroupingCharacter(char character) { return character == ',' || character == ' ' || character == '\''; }

uint64_t PowerOfTen(int exponent) {
    uint64_t power = 1;
    for (int digit = 0; digit < exponent; ++digit) power *= 10;
    return power;
}

ValidationError RateError(std::string_view field, std::string rule, std::string message) {
    return ValidationError{std::string(field), std::move(rule), std::move(message)};
}

}  // namespace

const ExchangeRate* ExchangeRateTable::Find(std::string_view currency_code) const {
    for (const ExchangeRate& rate : rates) {
        if (rate.currency_code == currency_code) return &rate;
    }
    return nullptr;
}

Result<int64_t> ParseExchangeRate(std::string_view text, std::string_view field) {
    const std::string_view trimmed = Trim(text);
    if (trimmed.empty()) return RateError(field, "required", "Enter an exchange rate.");
    const auto not_a_number = [&] {
        return RateError(field, "not-a-number",
                         "Exchange rate \"" + std::string(trimmed) + "\" is not a number (use digits and '.').");
    };
    uint64_t accumulated = 0;
    int fraction_digits = -1;  // -1 until the decimal point is seen
    int digit_count = 0;
    for (size_t position = 0; position < trimmed.size(); ++position) {
        const char character = trimmed[position];
        if (IsDigit(character)) {
            if (fraction_digits >= 0 && ++fraction_digits > kExchangeRateDecimals) {
                return RateError(field, "precision", "Exchange rate has more than 9 decimals.");
            }
            const uint64_t digit = uint64_t(character - '0');
            if (accumulated > (kMaxPositiveMagnitude - digit) / 10) {
                return RateError(field, "overflow", "Exchange rate is too large.");
            }
            accumulated = accumulated * 10 + digit;
            ++digit_count;
        } else if (character == '.' && fraction_digits < 0) {
            fraction_digits = 0;
        } else if (IsGroupingCharacter(character) && fraction_digits < 0 && position > 0 &&
                   IsDigit(trimmed[position - 1]) && position + 1 < trimmed.size() && IsDigit(trimmed[position + 1])) {
            // A thousands separator between digits: skip it.
        } else {
            return not_a_number();
        }
    }
    if (digit_count == 0) return not_a_number();
    const int missing_decimals = kExchangeRateDecimals - std::max(fraction_digits, 0);
    for (int digit = 0; digit < missing_decimals; ++digit) {
        if (accumulated > kMaxPositiveMagnitude / 10) {
            return RateError(field, "overflow", "Exchange rate is too large.");
        }
        accumulated *= 10;
    }
    if (accumulated == 0) return RateError(field, "not-positive", "Exchange rate must be greater than zero.");
    return int64_t(accumulated);
}

std::string FormatExchangeRate(int64_t rate_nanos) {
    const bool negative = rate_nanos < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(rate_nanos) : uint64_t(rate_nanos);
    std::string formatted = (negative ? "-" : "") + std::to_string(magnitude / uint64_t(kExchangeRateScale));
    std::string fraction = std::to_string(magnitude % uint64_t(kExchangeRateScale));
    fraction.insert(0, size_t(kExchangeRateDecimals) - fraction.size(), '0');
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) formatted += "." + fraction;
    return formatted;
}

Status ValidateExchangeRateTable(const ExchangeRateTable& table) {
    std::vector<ValidationError> errors;
    if (!FindCurrency(table.reporting_currency_code)) {
        errors.push_back({"reporting_currency", "unknown-currency",
                          "Reporting currency \"" + table.reporting_currency_code + "\" is not a currency code."});
    }
    for (size_t index = 0; index < table.rates.size(); ++index) {
        const ExchangeRate& rate = table.rates[index];
        if (!FindCurrency(rate.currency_code)) {
            errors.push_back({"currency_code", "unknown-currency",
                              "Currency \"" + rate.currency_code + "\" is not a currency code."});
        }
        if (rate.rate_nanos <= 0) {
            errors.push_back({"rate", "not-positive",
                              "The exchange rate for " + rate.currency_code + " must be greater than zero."});
        }
        for (size_t earlier = 0; earlier < index; ++earlier) {
            if (table.rates[earlier].currency_code == rate.currency_code) {
                errors.push_back({"currency_code", "duplicate", "There are two exchange rates for " +
                                                                     rate.currency_code + "; keep one."});
                break;
            }
        }
        if (rate.currency_code == table.reporting_currency_code && rate.rate_nanos != kExchangeRateScale) {
            errors.push_back({"rate", "self-rate",
                              "The rate from " + rate.currency_code + " to itself can only be 1."});
        }
    }
    if (!errors.empty()) return errors;
    return Done{};
}

Result<Money> ConvertMoney(const Money& money, std::string_view to_currency_code, int64_t rate_nanos) {
    const auto from = FindCurrency(money.currency_code);
    const auto to = FindCurrency(to_currency_code);
    if (!from || !to) {
        const std::string unknown(!from ? std::string_view(money.currency_code) : to_currency_code);
        return RateError("currency", "unknown-currency", "Currency \"" + unknown + "\" is not a currency code.");
    }
    if (rate_nanos <= 0) return RateError("rate", "not-positive", "Exchange rate must be greater than zero.");

    const bool negative = money.minor_units < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(money.minor_units) : uint64_t(money.minor_units);
    // result = amount * rate * 10^to_exp / (10^from_exp * 10^9); both factors are below 2^63, so the product
    // fits in 126 bits.
    UnsignedWide scaled = UnsignedWide(magnitude) * uint64_t(rate_nanos);
    const int shift = from->exponent + kExchangeRateDecimals - to->exponent;
    const uint64_t limit = negative ? kMaxNegativeMagnitude : kMaxPositiveMagnitude;
    const auto overflow = [&] {
        return RateError("amount", "overflow",
                         "Converting " + FormatMoney(money) + " to " + std::string(to->code) + " is too large.");
    };
    if (shift >= 0) {
        const uint64_t divisor = PowerOfTen(shift);
        const UnsignedWide remainder = scaled % divisor;
        scaled /= divisor;
        if (remainder * 2 >= divisor) ++scaled;  // half away from zero: we round the magnitude
    } else {
        // Only when the target has 10 more decimals than the source; no ISO currency does, kept for safety.
        for (int digit = 0; digit < -shift; ++digit) {
            if (scaled > limit) return overflow();
            scaled *= 10;
        }
    }
    if (scaled > limit) return overflow();
    const uint64_t result_magnitude = uint64_t(scaled);
    const int64_t minor_units = negative ? int64_t(uint64_t(0) - result_magnitude) : int64_t(result_magnitude);
    return Money{minor_units, std::string(to->code)};
}

ValidationError MissingRateError(std::string_view from_currency_code, std::string_view to_currency_code) {
    return ValidationError{"exchange_rate", "missing-rate",
                           "No exchange rate from " + std::string(from_currency_code) + " to " +
                               std::string(to_currency_code) + "."};
}

Result<Money> ConvertToReportingCurrency(const Money& money, const ExchangeRateTable& table) {
    if (money.currency_code == table.reporting_currency_code) return money;
    const ExchangeRate* rate = table.Find(money.currency_code);
    if (!rate) return MissingRateError(money.currency_code, table.reporting_currency_code);
    return ConvertMoney(money, table.reporting_currency_code, rate->rate_nanos);
}

Result<Money> SumInReportingCurrency(std::span<const Money> amounts, const ExchangeRateTable& table) {
    if (!FindCurrency(table.reporting_currency_code)) {
        return ValidationError{"reporting_currency", "unknown-currency",
                               "Reporting currency \"" + table.reporting_currency_code + "\" is not a currency code."};
    }
    std::vector<ValidationError> errors;
    const auto add_error_once = [&errors](const ValidationError& error) {
        const bool seen = std::any_of(errors.begin(), errors.end(), [&](const ValidationError& existing) {
            return existing.rule == error.rule && existing.message == error.message;
        });
        if (!seen) errors.push_back(error);
    };
    int64_t total = 0;
    bool overflowed = false;
    for (const Money& amount : amounts) {
        const auto converted = ConvertToReportingCurrency(amount, table);
        if (!converted) {
            for (const ValidationError& error : converted.errors()) add_error_once(error);
            continue;
        }
        const auto sum = CheckedAdd(total, converted.value().minor_units);
        if (sum) {
            total = *sum;
        } else {
            overflowed = true;
        }
    }
    if (overflowed) {
        add_error_once({"amount", "overflow", "The total in " + table.reporting_currency_code + " is too large."});
    }
    if (!errors.empty()) return errors;
    return Money{total, table.reporting_currency_code};
}

}  // namespace roadbook
