// Hybrid logical clock: monotonic under any wall clock, canonical receive rule, a text form that sorts like
// the stamps, and drift clamping.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "core/hybrid_logical_clock.h"

using namespace roadbook;

namespace {

constexpr int64_t kNow = 1'732'690'000'123;

HybridTimestamp Stamp(int64_t wall_ms, uint16_t counter, std::string node_id) {
    return HybridTimestamp{wall_ms, counter, std::move(node_id)};
}

}  // namespace

TEST_CASE("ticks follow the wall clock and count within one millisecond") {
    HybridLogicalClock clock("phone");
    REQUIRE(clock.Tick(kNow) == Stamp(kNow, 0, "phone"));
    REQUIRE(clock.Tick(kNow) == Stamp(kNow, 1, "phone"));
    REQUIRE(clock.Tick(kNow) == Stamp(kNow, 2, "phone"));
    REQUIRE(clock.Tick(kNow + 5) == Stamp(kNow + 5, 0, "phone"));
    REQUIRE(clock.Last() == Stamp(kNow + 5, 0, "phone"));
}

TEST_CASE("a wall clock that steps backwards keeps the last wall time and counts on") {
    HybridLogicalClock clock("phone");
    clock.Tick(kNow);
    REQUIRE(clock.Tick(kNow - 60'000) == Stamp(kNow, 1, "phone"));
    REQUIRE(clock.Tick(kNow - 1) == Stamp(kNow, 2, "phone"));
    REQUIRE(clock.Tick(kNow + 1) == Stamp(kNow + 1, 0, "phone"));
    // Out-of-range device clocks are clamped into the encodable range.
    HybridLogicalClock broken("tablet");
    REQUIRE(broken.Tick(-5) == Stamp(0, 1, "tablet"));
    REQUIRE(broken.Tick(kMaxHybridWallMs + 10).wall_ms == kMaxHybridWallMs);
}

TEST_CASE("an exhausted counter borrows the next millisecond") {
    HybridLogicalClock clock("phone", Stamp(kNow, 65534, "phone"));
    REQUIRE(clock.Tick(kNow) == Stamp(kNow, 65535, "phone"));
    REQUIRE(clock.Tick(kNow) == Stamp(kNow + 1, 0, "phone"));
    HybridLogicalClock receiver("laptop", Stamp(kNow, 3, "laptop"));
    REQUIRE(receiver.Receive(Stamp(kNow, 65535, "phone"), kNow) == Stamp(kNow + 1, 0, "laptop"));
    // At the very end of the range it saturates rather than leave the encodable range.
    HybridLogicalClock last("phone", Stamp(kMaxHybridWallMs, 65535, "phone"));
    REQUIRE(last.Tick(kMaxHybridWallMs) == Stamp(kMaxHybridWallMs, 65535, "phone"));
}

TEST_CASE("a restored clock continues after its persisted stamp") {
    HybridLogicalClock clock("phone", Stamp(kNow + 10'000, 7, "phone"));
    REQUIRE(clock.Tick(kNow) == Stamp(kNow + 10'000, 8, "phone"));
}

TEST_CASE("receive follows the canonical rule in each case") {
    // Remote ahead of both: take its wall time, counter + 1.
    HybridLogicalClock clock("laptop");
    clock.Tick(kNow);
    REQUIRE(clock.Receive(Stamp(kNow + 100, 4, "phone"), kNow + 50) == Stamp(kNow + 100, 5, "laptop"));
    // Local ahead: keep it, counter + 1.
    REQUIRE(clock.Receive(Stamp(kNow, 9, "phone"), kNow + 50) == Stamp(kNow + 100, 6, "laptop"));
    // Equal wall times: the larger counter + 1 (a case other implementations have got wrong).
    REQUIRE(clock.Receive(Stamp(kNow + 100, 20, "phone"), kNow) == Stamp(kNow + 100, 21, "laptop"));
    REQUIRE(clock.Receive(Stamp(kNow + 100, 3, "phone"), kNow) == Stamp(kNow + 100, 22, "laptop"));
    // The physical clock ahead of both: counter resets.
    REQUIRE(clock.Receive(Stamp(kNow + 150, 9, "phone"), kNow + 200) == Stamp(kNow + 200, 0, "laptop"));
}

TEST_CASE("stamps order by wall time, then counter, then node") {
    REQUIRE(Stamp(1, 9, "z") < Stamp(2, 0, "a"));
    REQUIRE(Stamp(2, 1, "z") < Stamp(2, 2, "a"));
    REQUIRE(Stamp(2, 2, "a") < Stamp(2, 2, "b"));
    REQUIRE(Stamp(2, 2, "a") < Stamp(2, 2, "a0"));
    REQUIRE(Stamp(2, 2, "B") < Stamp(2, 2, "a"));
    REQUIRE(Stamp(2, 2, "a") == Stamp(2, 2, "a"));
    REQUIRE((Stamp(2, 2, "a") <=> Stamp(2, 2, "a")) == std::strong_ordering::equal);
}

TEST_CASE("stamps encode to fixed-width text and parse back") {
    REQUIRE(EncodeHybridTimestamp(Stamp(kNow, 3, "c_phone-1.a")) == "001732690000123:00003:c_phone-1.a");
    REQUIRE(EncodeHybridTimestamp(Stamp(0, 0, "n")) == "000000000000000:00000:n");
    REQUIRE(EncodeHybridTimestamp(Stamp(kMaxHybridWallMs, 65535, "n")) == "999999999999999:65535:n");
    const std::string node(kMaxNodeIdLength, 'x');
    REQUIRE(ParseHybridTimestamp(EncodeHybridTimestamp(Stamp(kNow, 65535, node))).value() == Stamp(kNow, 65535, node));
}

TEST_CASE("malformed stamp text is refused naming the field") {
    const char* malformed[] = {
        "",
        "001732690000123:00003:",            // no node
        "001732690000123:00003",             // no node separator
        "1732690000123:00003:phone",         // wall not 15 digits
        "001732690000123:3:phone",           // counter not 5 digits
        "001732690000123:65536:phone",       // counter beyond 16 bits
        "00173269000012x:00003:phone",       // not a digit
        "-01732690000123:00003:phone",       // sign
        "001732690000123-00003-phone",       // wrong separators
        "001732690000123:00003:ph:one",      // ':' in the node
        "001732690000123:00003:ph one",      // space in the node
        "001732690000123:00003:ph\xc3\xa9",  // non-ASCII node
    };
    for (const char* text : malformed) {
        const auto parsed = ParseHybridTimestamp(text);
        REQUIRE_FALSE(parsed.ok());
        REQUIRE(parsed.first_error().field == "hlc");
        REQUIRE(parsed.first_error().rule == "format");
    }
    REQUIRE_FALSE(ParseHybridTimestamp("001732690000123:00003:" + std::string(kMaxNodeIdLength + 1, 'x')).ok());
    REQUIRE(ParseHybridTimestamp("garbage", "field_clock").first_error().field == "field_clock");
    REQUIRE_FALSE(IsValidNodeId(""));
    REQUIRE(IsValidNodeId("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    REQUIRE_FALSE(IsValidHybridTimestamp(Stamp(-1, 0, "n")));
    REQUIRE_FALSE(IsValidHybridTimestamp(Stamp(kMaxHybridWallMs + 1, 0, "n")));
}

TEST_CASE("stamps too far in the future are clamped to the allowed drift") {
    const int64_t drift = 5 * 60'000;
    const auto near = ClampToMaxDrift(Stamp(kNow + drift, 4, "phone"), kNow, drift);
    REQUIRE_FALSE(near.clamped);
    REQUIRE(near.timestamp == Stamp(kNow + drift, 4, "phone"));
    const auto far = ClampToMaxDrift(Stamp(kNow + 86'400'000, 4, "phone"), kNow, drift);
    REQUIRE(far.clamped);
    REQUIRE(far.timestamp == Stamp(kNow + drift, 4, "phone"));
    REQUIRE_FALSE(ClampToMaxDrift(Stamp(kNow - 1'000'000, 0, "phone"), kNow, 0).clamped);
    REQUIRE(ClampToMaxDrift(Stamp(kNow + 1, 0, "phone"), kNow, 0).timestamp.wall_ms == kNow);
    // A huge allowance or a wild server clock never leaves the encodable range.
    const int64_t unlimited = std::numeric_limits<int64_t>::max();
    REQUIRE_FALSE(ClampToMaxDrift(Stamp(kMaxHybridWallMs, 0, "p"), kMaxHybridWallMs - 1, unlimited).clamped);
    REQUIRE(ClampToMaxDrift(Stamp(kMaxHybridWallMs, 0, "p"), -50, 10).timestamp.wall_ms == 10);
}

TEST_CASE("clocks stay monotonic under random wall clocks with backward jumps (seeded)") {
    for (const uint64_t seed : {1ULL, 77ULL, 20240601ULL}) {
        std::mt19937_64 random(seed);
        std::vector<HybridLogicalClock> clocks = {HybridLogicalClock("a"), HybridLogicalClock("b"),
                                                  HybridLogicalClock("c")};
        std::vector<int64_t> wall = {kNow, kNow - 30'000, kNow + 90'000};  // skewed devices
        std::vector<HybridTimestamp> last_seen(3);
        std::vector<HybridTimestamp> issued;
        int64_t highest_wall = *std::max_element(wall.begin(), wall.end());
        for (int step = 0; step < 5000; ++step) {
            const size_t node = random() % 3;
            // Mostly small steps forward, sometimes standing still, sometimes jumping back a minute.
            const auto move = random() % 10;
            wall[node] += move < 6 ? int64_t(random() % 50) : move < 8 ? 0 : -int64_t(random() % 60'000);
            highest_wall = std::max(highest_wall, wall[node]);
            const HybridTimestamp before = clocks[node].Last();
            HybridTimestamp stamp;
            if (random() % 3 == 0 && !issued.empty()) {
                const HybridTimestamp& remote = issued[random() % issued.size()];
                stamp = clocks[node].Receive(remote, wall[node]);
                REQUIRE(remote < stamp);  // causality: receiving happens after sending
            } else {
                stamp = clocks[node].Tick(wall[node]);
            }
            REQUIRE(before < stamp);
            REQUIRE(stamp.wall_ms >= wall[node]);
            // Never ahead of the fastest wall clock seen anywhere: an HLC does not run away.
            REQUIRE(stamp.wall_ms <= highest_wall);
            issued.push_back(stamp);
        }
        // All stamps are distinct (total order) and the encoding sorts exactly like the stamps.
        std::vector<HybridTimestamp> by_stamp = issued;
        std::sort(by_stamp.begin(), by_stamp.end());
        REQUIRE(std::adjacent_find(by_stamp.begin(), by_stamp.end()) == by_stamp.end());
        std::vector<std::string> by_text;
        for (const auto& stamp : issued) by_text.push_back(EncodeHybridTimestamp(stamp));
        std::sort(by_text.begin(), by_text.end());
        for (size_t index = 0; index < by_stamp.size(); ++index) {
            REQUIRE(EncodeHybridTimestamp(by_stamp[index]) == by_text[index]);
            REQUIRE(ParseHybridTimestamp(by_text[index]).value() == by_stamp[index]);
        }
    }
}

TEST_CASE("encoding order equals comparison order for arbitrary stamps (seeded)") {
    std::mt19937_64 random(31337);
    const char* nodes[] = {"a", "a0", "b", "B", "a-", "a_", "a.", "zz", "0"};
    for (int round = 0; round < 20000; ++round) {
        const auto make = [&] {
            // Narrow ranges so equal walls and counters are common.
            const uint64_t wall_range = random() % 2 == 0 ? 3 : uint64_t(kMaxHybridWallMs) + 1;
            const uint64_t counter_range = random() % 2 == 0 ? 3 : 65536;
            return Stamp(int64_t(random() % wall_range), uint16_t(random() % counter_range), nodes[random() % 9]);
        };
        const HybridTimestamp left = make();
        const HybridTimestamp right = make();
        const std::string left_text = EncodeHybridTimestamp(left);
        const std::string right_text = EncodeHybridTimestamp(right);
        REQUIRE((left < right) == (left_text < right_text));
        REQUIRE((left == right) == (left_text == right_text));
    }
}
