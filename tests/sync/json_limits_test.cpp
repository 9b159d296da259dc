// The limits every request body is parsed within: a hostile body is refused by its first breach, with the
// rule named, before a large tree exists; keys repeated in one object are refused (strict decoding).
#include <catch2/catch.hpp>

#include <string>

#include "sync/json_reader.h"
#include "sync/protocol.h"

namespace roadbook::testing {
namespace {

// The rule a request body is refused under ("" when it is accepted).
std::string RefusalRule(const std::string& body, const sync::JsonLimits& limits = sync::kRequestJsonLimits) {
    auto parsed = sync::ParseJsonObject(body, limits);
    return parsed ? std::string() : parsed.first_error().rule;
}

std::string Nested(int levels) { return std::string(size_t(levels), '[') + std::string(size_t(levels), ']'); }

}  // namespace

TEST_CASE("a body nested deeper than the limit is refused under the depth rule") {
    CHECK(RefusalRule(R"({"a":)" + Nested(7) + "}") == "");
    CHECK(RefusalRule(R"({"a":)" + Nested(8) + "}") == "depth");
    CHECK(RefusalRule(R"({"a":)" + Nested(100'000) + "}") == "depth");
}

TEST_CASE("an object with too many members, an array with too many items or too many values is refused") {
    std::string members = "{";
    for (int index = 0; index < 65; ++index) members += (index ? ",\"k" : "\"k") + std::to_string(index) + "\":0";
    CHECK(RefusalRule(members + "}") == "members");
    std::string items = R"({"a":[)";
    for (int index = 0; index < 2001; ++index) items += index ? ",0" : "0";
    CHECK(RefusalRule(items + "]}") == "too-many");
    sync::JsonLimits few = sync::kRequestJsonLimits;
    few.max_values = 10;
    CHECK(RefusalRule(R"({"a":[1,2,3,4,5,6,7,8,9,10]})", few) == "values");
}

TEST_CASE("long strings and long keys are refused under the too-long rule") {
    CHECK(RefusalRule(R"({"a":")" + std::string(100'001, 'x') + "\"}") == "too-long");
    CHECK(RefusalRule("{\"" + std::string(129, 'k') + "\":1}") == "too-long");
    CHECK(RefusalRule(R"({"a":")" + std::string(100'000, 'x') + "\"}") == "");
}

TEST_CASE("a key repeated in one object is refused, in the body and inside a mutation") {
    auto login = sync::DecodeLoginRequest(R"({"schemaVersion":1,"email":"a@b.test","email":"c@d.test","password":"x"})");
    REQUIRE_FALSE(login);
    CHECK(login.first_error().rule == "duplicate-key");
    CHECK(login.first_error().message.find("\"email\"") != std::string::npos);
    CHECK(RefusalRule(R"({"mutations":[{"id":1,"id":2}]})") == "duplicate-key");
    // The same key in two different objects is fine.
    CHECK(RefusalRule(R"({"mutations":[{"id":1},{"id":2}]})") == "");
}

TEST_CASE("broken JSON and a body that is not an object keep their rules") {
    CHECK(RefusalRule(R"({"a":)") == "json");
    CHECK(RefusalRule("[1,2]") == "type");
    CHECK(RefusalRule("") == "json");
}

TEST_CASE("a device accepts a full pull page within the response limits") {
    std::string page = R"({"records":[)";
    for (int index = 0; index < 20'000; ++index) page += std::string(index ? "," : "") + R"({"v":"x","c":"y"})";
    CHECK(RefusalRule(page + "]}", sync::kResponseJsonLimits) == "");
    CHECK(RefusalRule(page + "]}", sync::kRequestJsonLimits) == "too-many");
}

}  // namespace roadbook::testing
