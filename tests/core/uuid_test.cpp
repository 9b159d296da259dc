// UUIDv7: well-formed, unique and strictly increasing even in a tight loop and when the clock steps back.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "core/uuid.h"

using namespace roadbook;

namespace {
UuidV7Generator::RandomBytes RandomFrom(std::mt19937_64& engine) {
    UuidV7Generator::RandomBytes bytes;
    for (auto& byte : bytes) byte = uint8_t(engine());
    return bytes;
}
}  // namespace

TEST_CASE("UUIDv7 ids are well formed and carry their timestamp") {
    std::mt19937_64 engine(7);
    UuidV7Generator generator;
    const std::string id = generator.Next(1'800'000'000'000, RandomFrom(engine));
    REQUIRE(id.size() == 36);
    REQUIRE(IsUuidV7(id));
    REQUIRE(id[14] == '7');
    REQUIRE(UuidV7UnixMs(id) == 1'800'000'000'000);
    REQUIRE_FALSE(IsUuidV7("0189d6b2-0000-4000-8000-000000000000"));  // version 4
    REQUIRE_FALSE(IsUuidV7("0189d6b2-0000-7000-c000-00000000000"));   // too short
    REQUIRE_FALSE(IsUuidV7("0189D6B2-0000-7000-8000-000000000000"));  // upper case
    REQUIRE_FALSE(IsUuidV7("0189d6b2-0000-7000-0000-000000000000"));  // wrong variant
}

TEST_CASE("UUIDv7 ids are unique and increasing in a tight loop within one millisecond") {
    std::mt19937_64 engine(42);
    UuidV7Generator generator;
    std::set<std::string> seen;
    std::string previous;
    for (int index = 0; index < 20000; ++index) {
        const std::string id = generator.Next(1'800'000'000'000, RandomFrom(engine));
        REQUIRE(IsUuidV7(id));
        REQUIRE(id > previous);
        REQUIRE(seen.insert(id).second);
        previous = id;
    }
    // Borrowing milliseconds when the counter runs out keeps order; a later real clock value continues it.
    REQUIRE(UuidV7UnixMs(previous) > 1'800'000'000'000);
    REQUIRE(generator.Next(1'800'000'100'000, RandomFrom(engine)) > previous);
}

TEST_CASE("UUIDv7 ids keep increasing when the clock steps backwards") {
    std::mt19937_64 engine(3);
    UuidV7Generator generator;
    const std::string first = generator.Next(1'800'000'000'500, RandomFrom(engine));
    const std::string second = generator.Next(1'800'000'000'000, RandomFrom(engine));
    REQUIRE(second > first);
    REQUIRE(UuidV7UnixMs(second) == 1'800'000'000'500);
}
