// Exchange rates: exact fixed-point parsing, conversion across minor-unit exponents, no silent sums.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "core/exchange_rate.h"

using namespace roadbook;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t Rate(const char* text) { return ParseExchangeRate(text).value(); }

std::string RateRule(const char* text) {
    const auto parsed = ParseExchangeRate(text);
    REQUIRE_FALSE(parsed.ok());
    REQUIRE(parsed.first_error().field == "rate");
    return parsed.first_error().rule;
}

ExchangeRateTable EuroTable() {
    return ExchangeRateTable{"EUR", {{"SEK", Rate("0.0891")}, {"USD", Rate("0.92")}, {"JPY", Rate("0.0061")},
                                     {"KWD", Rate("2.98")}}};
}

}  // namespace

TEST_CASE("rates parse into nine-decimal fixed point") {
    REQUIRE(Rate("1") == 1'000'000'000);
    REQUIRE(Rate("0.0891") == 89'100'000);
    REQUIRE(Rate(" 150.25 ") == 150'250'000'000);
    REQUIRE(Rate("0.000000001") == 1);
    REQUIRE(Rate(".5") == 500'000'000);
    REQUIRE(Rate("1,234.5") == 1'234'500'000'000);
    REQUIRE(Rate("7.") == 7'000'000'000);
    REQUIRE(Rate("9223372036.854775807") == kMax);
}

TEST_CASE("malformed, non-positive and oversized rates are refused with the rule") {
    REQUIRE(RateRule("") == "required");
    REQUIRE(RateRule("  ") == "required");
    REQUIRE(RateRule("abc") == "not-a-number");
    REQUIRE(RateRule("1.2.3") == "not-a-number");
    REQUIRE(RateRule("-0.5") == "not-a-number");
    REQUIRE(RateRule("+1") == "not-a-number");
    REQUIRE(RateRule("1e3") == "not-a-number");
    REQUIRE(RateRule(".") == "not-a-number");
    REQUIRE(RateRule(",5") == "not-a-number");
    REQUIRE(RateRule("0.0000000001") == "precision");
    REQUIRE(RateRule("0") == "not-positive");
    REQUIRE(RateRule("0.000000000") == "not-positive");
    REQUIRE(RateRule("9223372036.854775808") == "overflow");
    REQUIRE(RateRule("9223372037") == "overflow");
    REQUIRE(RateRule("99999999999999999999999") == "overflow");
    REQUIRE(ParseExchangeRate("x", "sek_rate").first_error().field == "sek_rate");
}

TEST_CASE("rates format as the shortest exact decimal and parse back") {
    REQUIRE(FormatExchangeRate(89'100'000) == "0.0891");
    REQUIRE(FormatExchangeRate(1'000'000'000) == "1");
    REQUIRE(FormatExchangeRate(150'250'000'000) == "150.25");
    REQUIRE(FormatExchangeRate(1) == "0.000000001");
    REQUIRE(FormatExchangeRate(kMax) == "9223372036.854775807");
    std::mt19937_64 random(20240601);
    for (int round = 0; round < 2000; ++round) {
        const int64_t rate = int64_t(random() % uint64_t(kMax)) + 1;
        REQUIRE(ParseExchangeRate(FormatExchangeRate(rate)).value() == rate);
    }
}

TEST_CASE("conversion respects both currencies' minor units") {
    // 1,000.00 USD at 0.92 EUR/USD = 920.00 EUR.
    REQUIRE(ConvertMoney({100000, "USD"}, "EUR", Rate("0.92")).value() == Money{92000, "EUR"});
    // 1,500 JPY at 0.0061 EUR/JPY = 9.15 EUR.
    REQUIRE(ConvertMoney({1500, "JPY"}, "EUR", Rate("0.0061")).value() == Money{915, "EUR"});
    // 10.00 EUR at 163.5 JPY/EUR = 1,635 JPY.
    REQUIRE(ConvertMoney({1000, "EUR"}, "JPY", Rate("163.5")).value() == Money{1635, "JPY"});
    // 1.234 KWD at 2.98 EUR/KWD = 3.67732 EUR -> 3.68.
    REQUIRE(ConvertMoney({1234, "KWD"}, "EUR", Rate("2.98")).value() == Money{368, "EUR"});
    // 3.68 EUR at 0.3356 KWD/EUR = 1.235008 KWD -> 1.235.
    REQUIRE(ConvertMoney({368, "EUR"}, "KWD", Rate("0.3356")).value() == Money{1235, "KWD"});
    // 1 JPY at 0.01 KWD... = 0.01 KWD = 10 fils.
    REQUIRE(ConvertMoney({1, "JPY"}, "KWD", Rate("0.01")).value() == Money{10, "KWD"});
}

TEST_CASE("conversion rounds half away from zero, symmetrically for negative amounts") {
    // 0.05 USD at 0.5 = 0.025 -> 0.03; -0.05 -> -0.03.
    REQUIRE(ConvertMoney({5, "USD"}, "EUR", Rate("0.5")).value().minor_units == 3);
    REQUIRE(ConvertMoney({-5, "USD"}, "EUR", Rate("0.5")).value().minor_units == -3);
    // 0.07 USD at 0.5 = 0.035 -> 0.04; just below half rounds down.
    REQUIRE(ConvertMoney({7, "USD"}, "EUR", Rate("0.5")).value().minor_units == 4);
    REQUIRE(ConvertMoney({5, "USD"}, "EUR", Rate("0.499999999")).value().minor_units == 2);
    REQUIRE(ConvertMoney({-5, "USD"}, "EUR", Rate("0.499999999")).value().minor_units == -2);
    REQUIRE(ConvertMoney({0, "USD"}, "EUR", Rate("123.4")).value().minor_units == 0);
    // 1 yen at 0.004 EUR = 0.004 EUR -> 0.00.
    REQUIRE(ConvertMoney({1, "JPY"}, "EUR", Rate("0.004")).value().minor_units == 0);
    REQUIRE(ConvertMoney({1, "JPY"}, "EUR", Rate("0.005")).value().minor_units == 1);
}

TEST_CASE("conversion is exact at the int64 extremes and refuses overflow") {
    REQUIRE(ConvertMoney({kMax, "USD"}, "EUR", Rate("1")).value().minor_units == kMax);
    REQUIRE(ConvertMoney({kMin, "USD"}, "EUR", Rate("1")).value().minor_units == kMin);
    REQUIRE(ConvertMoney({kMax, "USD"}, "EUR", Rate("0.5")).value().minor_units == kMax / 2 + 1);
    REQUIRE(ConvertMoney({kMin, "USD"}, "EUR", Rate("0.5")).value().minor_units == kMin / 2);
    REQUIRE(ConvertMoney({kMax, "USD"}, "EUR", kMax).first_error().rule == "overflow");
    REQUIRE(ConvertMoney({kMax, "USD"}, "EUR", Rate("1.000000001")).first_error().rule == "overflow");
    REQUIRE(ConvertMoney({kMin, "EUR"}, "KWD", Rate("1")).first_error().field == "amount");
    REQUIRE(ConvertMoney({kMax / 10, "EUR"}, "KWD", Rate("1")).value().minor_units == kMax / 10 * 10);
}

TEST_CASE("conversion refuses unknown currencies and non-positive rates") {
    REQUIRE(ConvertMoney({100, "USD"}, "XYZ", Rate("1")).first_error().rule == "unknown-currency");
    REQUIRE(ConvertMoney({100, "usd"}, "EUR", Rate("1")).first_error().field == "currency");
    REQUIRE(ConvertMoney({100, "USD"}, "EUR", 0).first_error().rule == "not-positive");
    REQUIRE(ConvertMoney({100, "USD"}, "EUR", -5).first_error().field == "rate");
}

TEST_CASE("conversion is monotonic and sign-symmetric (seeded)") {
    std::mt19937_64 random(7);
    const char* codes[] = {"JPY", "USD", "KWD", "EUR"};
    for (int round = 0; round < 3000; ++round) {
        const char* from = codes[random() % 4];
        const char* to = codes[random() % 4];
        const int64_t rate = int64_t(random() % 5'000'000'000'000ULL) + 1;
        const int64_t low = int64_t(random() % 2'000'000'000'000ULL) - 1'000'000'000'000;
        const int64_t high = low + int64_t(random() % 1'000'000);
        const auto converted_low = ConvertMoney({low, from}, to, rate);
        const auto converted_high = ConvertMoney({high, from}, to, rate);
        const auto converted_negated = ConvertMoney({-low, from}, to, rate);
        REQUIRE(converted_low.ok());
        REQUIRE(converted_high.ok());
        REQUIRE(converted_low.value().minor_units <= converted_high.value().minor_units);
        REQUIRE(converted_negated.value().minor_units == -converted_low.value().minor_units);
    }
}

TEST_CASE("a currency converts to the reporting currency without a rate, a missing rate names both") {
    const auto table = EuroTable();
    REQUIRE(ConvertToReportingCurrency({12345, "EUR"}, table).value() == Money{12345, "EUR"});
    REQUIRE(ConvertToReportingCurrency({100000, "SEK"}, table).value() == Money{8910, "EUR"});
    const auto missing = ConvertToReportingCurrency({100, "CHF"}, table);
    REQUIRE_FALSE(missing.ok());
    REQUIRE(missing.first_error().field == "exchange_rate");
    REQUIRE(missing.first_error().rule == "missing-rate");
    REQUIRE(missing.first_error().message == "No exchange rate from CHF to EUR.");
    REQUIRE(table.Find("SEK")->rate_nanos == 89'100'000);
    REQUIRE(table.Find("NOK") == nullptr);
}

TEST_CASE("sums convert every amount and never sum silently past a missing rate") {
    const auto table = EuroTable();
    const std::vector<Money> amounts = {{100000, "SEK"}, {100000, "USD"}, {1500, "JPY"}, {500, "EUR"}};
    REQUIRE(SumInReportingCurrency(amounts, table).value() == Money{8910 + 92000 + 915 + 500, "EUR"});
    REQUIRE(SumInReportingCurrency({}, table).value() == Money{0, "EUR"});

    const std::vector<Money> with_missing = {{100, "CHF"}, {100, "EUR"}, {200, "CHF"}, {5, "NOK"}};
    const auto sum = SumInReportingCurrency(with_missing, table);
    REQUIRE_FALSE(sum.ok());
    REQUIRE(sum.errors().size() == 2);  // once per currency
    REQUIRE(sum.errors()[0].message == "No exchange rate from CHF to EUR.");
    REQUIRE(sum.errors()[1].message == "No exchange rate from NOK to EUR.");

    const std::vector<Money> huge = {{kMax, "EUR"}, {1, "EUR"}};
    REQUIRE(SumInReportingCurrency(huge, table).first_error().rule == "overflow");
    const std::vector<Money> balanced = {{kMax, "EUR"}, {1, "EUR"}, {-1, "EUR"}};
    REQUIRE_FALSE(SumInReportingCurrency(balanced, table).ok());  // no wrap-around that happens to cancel

    const ExchangeRateTable bad_reporting{"ABC", {}};
    REQUIRE(SumInReportingCurrency(amounts, bad_reporting).first_error().field == "reporting_currency");
}

TEST_CASE("rate tables are validated with every problem at once") {
    REQUIRE(ValidateExchangeRateTable(EuroTable()).ok());
    REQUIRE(ValidateExchangeRateTable({"EUR", {{"EUR", kExchangeRateScale}}}).ok());
    const ExchangeRateTable bad{"XXY", {{"SEK", 0}, {"ABC", 5}, {"SEK", 7}, {"XXY", 2}}};
    const Status status = ValidateExchangeRateTable(bad);
    REQUIRE_FALSE(status.ok());
    const auto has = [&](const char* field, const char* rule) {
        return std::any_of(status.errors().begin(), status.errors().end(),
                           [&](const ValidationError& error) { return error.field == field && error.rule == rule; });
    };
    REQUIRE(has("reporting_currency", "unknown-currency"));
    REQUIRE(has("rate", "not-positive"));
    REQUIRE(has("currency_code", "unknown-currency"));
    REQUIRE(has("currency_code", "duplicate"));
    REQUIRE(has("rate", "self-rate"));
    REQUIRE(ValidateExchangeRateTable({"EUR", {{"EUR", 2 * kExchangeRateScale}}}).first_error().rule == "self-rate");
}
