// Money as int64 minor units plus an ISO 4217 code: parsing what reps type, formatting, checked arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/currency.h"
#include "core/result.h"

namespace roadbook {

struct Money {
    int64_t minor_units = 0;
    std::string currency_code;  // ISO 4217, always a code FindCurrency() knows

    friend bool operator==(const Money&, const Money&) = default;
};

// Parses an amount such as "1234", "1,234.5" or "-0.75" in the given currency. '.' is the decimal point,
// ',' ' and spaces between digits group thousands. Refuses more decimals than the currency has (no silent
// rounding of money), values beyond int64 minor units, and anything that is not a number. `field` names
// the form field in error messages.
Result<Money> ParseMoney(std::string_view text, std::string_view currency_code,
                         std::string_view field = "amount");

// "1,234.56": grouped major units and exactly `exponent` decimals, with a leading '-' when negative.
std::string FormatMinorUnits(int64_t minor_units, const Currency& currency);

// "$1,234.56" where the currency has a symbol, "1,234.56 CHF" otherwise.
std::string FormatMoney(const Money& money);

// The plain decimal a rep would type back in to edit the amount: "1234.56".
std::string FormatMoneyForEditing(const Money& money);

// Adds two amounts of one currency; nullopt when the sum overflows.
std::optional<int64_t> CheckedAdd(int64_t left, int64_t right);
// Multiplies; nullopt when the product overflows.
std::optional<int64_t> CheckedMultiply(int64_t left, int64_t right);

}  // namespace roadbook
