// ISO 4217 currencies and how many minor units each has (JPY 0, USD 2, KWD 3).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace roadbook {

struct Currency {
    std::string_view code;    // ISO 4217 alphabetic code, upper case
    int exponent;             // digits after the decimal point in the minor unit
    std::string_view symbol;  // shown before amounts where it is unambiguous; empty otherwise
};

// Looks a code up case-sensitively ("usd" is not a currency code; the UI upper-cases what reps type).
std::optional<Currency> FindCurrency(std::string_view code);

// Every currency Roadbook knows, sorted by code, for pickers.
std::span<const Currency> AllCurrencies();

// 10^exponent as a multiplier for minor units.
int64_t MinorUnitsPerMajor(const Currency& currency);

}  // namespace roadbook
