// The ISO 4217 table and look-ups over it.
#include "core/currency.h"

#include <algorithm>
#include <array>

namespace roadbook {
namespace {

constexpr Currency kCurrencies[] = {
#include "core/currency_table.inc"
};

}  // namespace

std::optional<Currency> FindCurrency(std::string_view code) {
    const auto* found = std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies), code,
                                         [](const Currency& currency, std::string_view wanted) {
                                             return currency.code < wanted;
                                         });
    if (found == std::end(kCurrencies) || found->code != code) return std::nullopt;
    return *found;
}

std::span<const Currency> AllCurrencies() { return kCurrencies; }

int64_t MinorUnitsPerMajor(const Currency& currency) {
    int64_t multiplier = 1;
    for (int digit = 0; digit < currency.exponent; ++digit) multiplier *= 10;
    return multiplier;
}

}  // namespace roadbook
