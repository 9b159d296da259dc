// The record catalogue's value rules, including the cases the mutation fuzzer (tests/fuzz) found: a value
// the server accepts is stored by every device as sent, so each number must have exactly one spelling.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "sync/record_catalogue.h"

namespace roadbook::sync {
namespace {

bool Accepts(std::string_view entity_name, std::string_view field_name, const std::optional<std::string>& value) {
    const EntityRule* entity = FindEntity(entity_name);
    REQUIRE(entity);
    const FieldRule* field = FindField(*entity, field_name);
    REQUIRE(field);
    return static_cast<bool>(CheckFieldValue(*entity, *field, value));
}

}  // namespace

TEST_CASE("record catalogue: whole numbers have one spelling, zero included") {
    CHECK(Accepts("opportunity", "amount_minor", "0"));
    CHECK(Accepts("opportunity", "amount_minor", "1250000"));
    CHECK_FALSE(Accepts("opportunity", "amount_minor", "01"));
    CHECK_FALSE(Accepts("opportunity", "amount_minor", "+1"));
    CHECK_FALSE(Accepts("opportunity", "amount_minor", "-1"));  // below the minimum
    // Found by the mutation fuzzer: "-0" passed as a second spelling of 0.
    CHECK_FALSE(Accepts("account", "updated_at_ms", "-0"));
    CHECK_FALSE(Accepts("opportunity", "priority", "-0"));
    CHECK_FALSE(Accepts("opportunity", "amount_minor", "-00"));
    // A million units per unit is the largest rate: INT64_MAX would overflow every conversion.
    CHECK(Accepts("exchange_rate", "rate_nanos", "1000000000000000"));
    CHECK_FALSE(Accepts("exchange_rate", "rate_nanos", "1000000000000001"));
    CHECK_FALSE(Accepts("exchange_rate", "rate_nanos", "9223372036854775807"));
    CHECK_FALSE(Accepts("exchange_rate", "rate_nanos", "9223372036854775808"));
}

TEST_CASE("record catalogue: text limits count the spaces around the text too") {
    CHECK(Accepts("contact", "phone", std::string(60, '7')));
    CHECK_FALSE(Accepts("contact", "phone", std::string(61, '7')));
    // Found by the mutation fuzzer: padding was trimmed before measuring, so any amount of it passed.
    CHECK_FALSE(Accepts("contact", "phone", "\n\n-" + std::string(200, '\v') + "use\r"));
    CHECK_FALSE(Accepts("opportunity", "name", "Big deal" + std::string(300, ' ')));
    CHECK(Accepts("opportunity", "name", "Big deal"));
    CHECK_FALSE(Accepts("opportunity", "name", "   "));  // a name is never blank
}

TEST_CASE("record catalogue: errors name the entity and field") {
    const EntityRule* entity = FindEntity("opportunity");
    REQUIRE(entity);
    const FieldRule* field = FindField(*entity, "expected_close_date");
    REQUIRE(field);
    const Status checked = CheckFieldValue(*entity, *field, "2027-02-29");
    REQUIRE_FALSE(checked);
    CHECK(checked.first_error().message.rfind("opportunity.expected_close_date ", 0) == 0);
    CHECK_FALSE(CheckFieldValue(*entity, *field, std::nullopt));
}

}  // namespace roadbook::sync
