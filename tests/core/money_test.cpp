// Money: minor units per currency, parsing what reps type, formatting, and overflow refused.
#include <catch2/catch.hpp>

#include <limits>

#include "core/money.h"

using namespace roadbook;

TEST_CASE("currencies carry their ISO 4217 minor-unit exponent") {
    REQUIRE(FindCurrency("JPY")->exponent == 0);
    REQUIRE(FindCurrency("USD")->exponent == 2);
    REQUIRE(FindCurrency("EUR")->exponent == 2);
    REQUIRE(FindCurrency("KWD")->exponent == 3);
    REQUIRE_FALSE(FindCurrency("usd"));
    REQUIRE_FALSE(FindCurrency("XYZ"));
    REQUIRE_FALSE(FindCurrency(""));
    REQUIRE(MinorUnitsPerMajor(*FindCurrency("KWD")) == 1000);
}

TEST_CASE("the currency table is sorted and unique so look-ups find every entry") {
    const auto all = AllCurrencies();
    REQUIRE(all.size() > 150);
    for (size_t index = 1; index < all.size(); ++index) REQUIRE(all[index - 1].code < all[index].code);
    for (const Currency& currency : all) REQUIRE(FindCurrency(currency.code)->code == currency.code);
}

TEST_CASE("amounts parse into minor units of their currency") {
    REQUIRE(ParseMoney("1234.56", "USD").value().minor_units == 123456);
    REQUIRE(ParseMoney("1,234.5", "USD").value().minor_units == 123450);
    REQUIRE(ParseMoney("1 234", "EUR").value().minor_units == 123400);
    REQUIRE(ParseMoney("12'500.00", "CHF").value().minor_units == 1250000);
    REQUIRE(ParseMoney("  42 ", "USD").value().minor_units == 4200);
    REQUIRE(ParseMoney(".5", "USD").value().minor_units == 50);
    REQUIRE(ParseMoney("1500", "JPY").value().minor_units == 1500);
    REQUIRE(ParseMoney("1.234", "KWD").value().minor_units == 1234);
    REQUIRE(ParseMoney("-0.75", "USD").value().minor_units == -75);
    REQUIRE(ParseMoney("+3", "USD").value().minor_units == 300);
    REQUIRE(ParseMoney("7", "KWD").value().currency_code == "KWD");
}

TEST_CASE("amounts that are not numbers or have too many decimals are refused with the rule") {
    const auto rule = [](const char* text, const char* currency) {
        auto parsed = ParseMoney(text, currency);
        REQUIRE_FALSE(parsed.ok());
        REQUIRE(parsed.first_error().field == (std::string(currency) == "ABC" ? "currency" : "amount"));
        return parsed.first_error().rule;
    };
    REQUIRE(rule("", "USD") == "required");
    REQUIRE(rule("   ", "USD") == "required");
    REQUIRE(rule("12a", "USD") == "not-a-number");
    REQUIRE(rule("1.2.3", "USD") == "not-a-number");
    REQUIRE(rule("-", "USD") == "not-a-number");
    REQUIRE(rule(",100", "USD") == "not-a-number");
    REQUIRE(rule("100,", "USD") == "not-a-number");
    REQUIRE(rule("1e5", "USD") == "not-a-number");
    REQUIRE(rule("1.001", "USD") == "precision");
    REQUIRE(rule("1.5", "JPY") == "precision");
    REQUIRE(rule("1.0001", "KWD") == "precision");
    REQUIRE(rule("5", "ABC") == "unknown-currency");
}

TEST_CASE("overflowing amounts are refused, the extremes of int64 are exact") {
    REQUIRE(ParseMoney("92233720368547758.07", "USD").value().minor_units == std::numeric_limits<int64_t>::max());
    REQUIRE(ParseMoney("-92233720368547758.08", "USD").value().minor_units == std::numeric_limits<int64_t>::min());
    REQUIRE(ParseMoney("92233720368547758.08", "USD").first_error().rule == "overflow");
    REQUIRE(ParseMoney("92233720368547758", "KWD").first_error().rule == "overflow");
    REQUIRE(ParseMoney("99999999999999999999999", "JPY").first_error().rule == "overflow");
    REQUIRE(ParseMoney("9223372036854775807", "JPY").value().minor_units == std::numeric_limits<int64_t>::max());
    REQUIRE_FALSE(CheckedAdd(std::numeric_limits<int64_t>::max(), 1));
    REQUIRE(CheckedAdd(40, 2) == 42);
    REQUIRE_FALSE(CheckedMultiply(std::numeric_limits<int64_t>::max() / 2 + 1, 2));
}

TEST_CASE("amounts format with grouping and the currency's decimals") {
    const auto usd = *FindCurrency("USD");
    REQUIRE(FormatMinorUnits(0, usd) == "0.00");
    REQUIRE(FormatMinorUnits(5, usd) == "0.05");
    REQUIRE(FormatMinorUnits(123456789, usd) == "1,234,567.89");
    REQUIRE(FormatMinorUnits(-123456, usd) == "-1,234.56");
    REQUIRE(FormatMinorUnits(100000, *FindCurrency("JPY")) == "100,000");
    REQUIRE(FormatMinorUnits(1234567, *FindCurrency("KWD")) == "1,234.567");
    REQUIRE(FormatMinorUnits(std::numeric_limits<int64_t>::min(), usd) == "-92,233,720,368,547,758.08");
    REQUIRE(FormatMoney(Money{1250000, "EUR"}) == "€12,500.00");
    REQUIRE(FormatMoney(Money{-500, "USD"}) == "-$5.00");
    REQUIRE(FormatMoney(Money{1250000, "CHF"}) == "12,500.00 CHF");
    REQUIRE(FormatMoney(Money{1500, "JPY"}) == "¥1,500");
    REQUIRE(FormatMoneyForEditing(Money{123456, "USD"}) == "1234.56");
    REQUIRE(FormatMoneyForEditing(Money{1234, "KWD"}) == "1.234");
}

TEST_CASE("formatting then parsing returns the same amount") {
    for (const char* code : {"USD", "JPY", "KWD", "EUR"}) {
        for (int64_t minor : {int64_t(0), int64_t(1), int64_t(999), int64_t(1000), int64_t(123456789012),
                              std::numeric_limits<int64_t>::max()}) {
            const Money money{minor, code};
            REQUIRE(ParseMoney(FormatMoneyForEditing(money), code).value() == money);
            REQUIRE(ParseMoney(FormatMinorUnits(minor, *FindCurrency(code)), code).value() == money);
        }
    }
}
