// Parsing and formatting of money. Everything is integer arithmetic: a float never touches an amount.
#include "core/money.h"

#include <cassert>
#include <limits>

#include "core/text.h"

namespace roadbook {
namespace {

ValidationError MoneyError(std::string_view field, std::string rule, std::string message) {
    return ValidationError{std::string(field), std::move(rule), std::move(message)};
}

bool IsGroupingCharacter(char character) { return character == ',' || character == ' ' || character == '\''; }

std::string GroupThousands(std::string digits) {
    std::string grouped;
    grouped.reserve(digits.size() + digits.size() / 3);
    const size_t first_group = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    for (size_t index = 0; index < digits.size(); ++index) {
        if (index >= first_group && (index - first_group) % 3 == 0) grouped.push_back(',');
        grouped.push_back(digits[index]);
    }
    return grouped;
}

// Splits |minor_units| into major digits and the fraction, without overflowing on INT64_MIN.
void SplitMinorUnits(int64_t minor_units, const Currency& currency, std::string& major, std::string& fraction) {
    uint64_t magnitude = minor_units < 0 ? uint64_t(0) - uint64_t(minor_units) : uint64_t(minor_units);
    const uint64_t per_major = uint64_t(MinorUnitsPerMajor(currency));
    major = std::to_string(magnitude / per_major);
    fraction = std::to_string(magnitude % per_major);
    while (int(fraction.size()) < currency.exponent) fraction.insert(fraction.begin(), '0');
    if (currency.exponent == 0) fraction.clear();
}

}  // namespace

std::optional<int64_t> CheckedAdd(int64_t left, int64_t right) {
    int64_t sum = 0;
    if (__builtin_add_overflow(left, right, &sum)) return std::nullopt;
    return sum;
}

std::optional<int64_t> CheckedMultiply(int64_t left, int64_t right) {
    int64_t product = 0;
    if (__builtin_mul_overflow(left, right, &product)) return std::nullopt;
    return product;
}

Result<Money> ParseMoney(std::string_view text, std::string_view currency_code, std::string_view field) {
    const auto currency = FindCurrency(currency_code);
    if (!currency) {
        return MoneyError("currency", "unknown-currency",
                          "Currency \"" + std::string(currency_code) + "\" is not an ISO 4217 code Roadbook knows.");
    }
    const std::string_view trimmed = Trim(text);
    if (trimmed.empty()) return MoneyError(field, "required", "Enter an amount.");

    size_t position = 0;
    bool negative = false;
    if (trimmed[0] == '-' || trimmed[0] == '+') {
        negative = trimmed[0] == '-';
        position = 1;
    }
    // Accumulate as a negative number so the most negative int64 is reachable, then flip.
    int64_t accumulated = 0;
    int fraction_digits = -1;  // -1 until the decimal point is seen
    int digit_count = 0;
    char previous = '\0';
    for (; position < trimmed.size(); ++position) {
        const char character = trimmed[position];
        if (character >= '0' && character <= '9') {
            if (fraction_digits >= 0 && ++fraction_digits > currency->exponent) {
                return MoneyError(field, "precision",
                                  "Amount has more decimals than " + std::string(currency->code) + " allows (" +
                                      std::to_string(currency->exponent) + ").");
            }
            const auto scaled = CheckedMultiply(accumulated, 10);
            const auto next = scaled ? CheckedAdd(*scaled, -(character - '0')) : std::nullopt;
            if (!next) return MoneyError(field, "overflow", "Amount is too large.");
            accumulated = *next;
            ++digit_count;
        } else if (character == '.' && fraction_digits < 0) {
            fraction_digits = 0;
        } else if (IsGroupingCharacter(character) && fraction_digits < 0 && previous >= '0' && previous <= '9' &&
                   position + 1 < trimmed.size() && trimmed[position + 1] >= '0' && trimmed[position + 1] <= '9') {
            // A thousands separator between digits: skip it.
        } else {
            return MoneyError(field, "not-a-number",
                              "Amount \"" + std::string(trimmed) + "\" is not a number (use digits and '.').");
        }
        previous = character;
    }
    if (digit_count == 0) {
        return MoneyError(field, "not-a-number", "Amount \"" + std::string(trimmed) + "\" is not a number.");
    }
    const int missing_decimals = currency->exponent - (fraction_digits < 0 ? 0 : fraction_digits);
    for (int digit = 0; digit < missing_decimals; ++digit) {
        const auto scaled = CheckedMultiply(accumulated, 10);
        if (!scaled) return MoneyError(field, "overflow", "Amount is too large.");
        accumulated = *scaled;
    }
    if (!negative) {
        if (accumulated == std::numeric_limits<int64_t>::min()) {
            return MoneyError(field, "overflow", "Amount is too large.");
        }
        accumulated = -accumulated;
    }
    return Money{accumulated, std::string(currency->code)};
}

std::string FormatMinorUnits(int64_t minor_units, const Currency& currency) {
    std::string major, fraction;
    SplitMinorUnits(minor_units, currency, major, fraction);
    std::string formatted = minor_units < 0 ? "-" : "";
    formatted += GroupThousands(major);
    if (!fraction.empty()) formatted += "." + fraction;
    return formatted;
}

std::string FormatMoney(const Money& money) {
    const auto currency = FindCurrency(money.currency_code);
    assert(currency && "Money always carries a known currency");
    std::string number = FormatMinorUnits(money.minor_units, *currency);
    if (currency->symbol.empty()) return number + " " + std::string(currency->code);
    const bool negative = money.minor_units < 0;
    return (negative ? "-" : "") + std::string(currency->symbol) + (negative ? number.substr(1) : number);
}

std::string FormatMoneyForEditing(const Money& money) {
    const auto currency = FindCurrency(money.currency_code);
    assert(currency && "Money always carries a known currency");
    std::string major, fraction;
    SplitMinorUnits(money.minor_units, *currency, major, fraction);
    std::string formatted = money.minor_units < 0 ? "-" + major : major;
    if (!fraction.empty()) formatted += "." + fraction;
    return formatted;
}

}  // namespace roadbook
