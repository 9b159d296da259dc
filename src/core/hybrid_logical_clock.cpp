// The hybrid logical clock (Kulkarni et al. 2014) with the canonical send and receive rules, a fixed-width
// sortable text form and drift clamping (how sync uses them: sync/PROTOCOL.md, The merge rule).
#include "core/hybrid_logical_clock.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <utility>

namespace roadbook {
namespace {

constexpr size_t kWallDigits = 15;
constexpr size_t kCounterDigits = 5;
constexpr size_t kNodeOffset = kWallDigits + 1 + kCounterDigits + 1;
constexpr uint32_t kMaxCounter = std::numeric_limits<uint16_t>::max();

int64_t ClampWall(int64_t wall_ms) { return std::clamp<int64_t>(wall_ms, 0, kMaxHybridWallMs); }

bool IsNodeCharacter(char character) {
    return (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z') ||
           (character >= '0' && character <= '9') || character == '.' || character == '_' || character == '-';
}

std::string ZeroPadded(uint64_t value, size_t width) {
    std::string digits = std::to_string(value);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return digits;
}

bool ParseFixedDigits(std::string_view text, uint64_t& value) {
    value = 0;
    for (const char character : text) {
        if (character < '0' || character > '9') return false;
        value = value * 10 + uint64_t(character - '0');
    }
    return true;
}

}  // namespace

bool IsValidNodeId(std::string_view node_id) {
    return !node_id.empty() && node_id.size() <= kMaxNodeIdLength &&
           std::all_of(node_id.begin(), node_id.end(), IsNodeCharacter);
}

bool IsValidHybridTimestamp(const HybridTimestamp& timestamp) {
    return timestamp.wall_ms >= 0 && timestamp.wall_ms <= kMaxHybridWallMs && IsValidNodeId(timestamp.node_id);
}

std::string EncodeHybridTimestamp(const HybridTimestamp& timestamp) {
    assert(IsValidHybridTimestamp(timestamp) && "only valid stamps are encoded");
    return ZeroPadded(uint64_t(timestamp.wall_ms), kWallDigits) + ":" +
           ZeroPadded(timestamp.counter, kCounterDigits) + ":" + timestamp.node_id;
}

Result<HybridTimestamp> ParseHybridTimestamp(std::string_view text, std::string_view field) {
    const auto malformed = [&] {
        return ValidationError{std::string(field), "format",
                               "Clock stamp \"" + std::string(text.substr(0, 100)) +
                                   "\" is not in the form WWWWWWWWWWWWWWW:CCCCC:node."};
    };
    if (text.size() <= kNodeOffset || text[kWallDigits] != ':' || text[kNodeOffset - 1] != ':') return malformed();
    uint64_t wall = 0;
    uint64_t counter = 0;
    if (!ParseFixedDigits(text.substr(0, kWallDigits), wall) ||
        !ParseFixedDigits(text.substr(kWallDigits + 1, kCounterDigits), counter) || counter > kMaxCounter) {
        return malformed();
    }
    const std::string_view node_id = text.substr(kNodeOffset);
    if (!IsValidNodeId(node_id)) return malformed();
    return HybridTimestamp{int64_t(wall), uint16_t(counter), std::string(node_id)};
}

ClampedTimestamp ClampToMaxDrift(const HybridTimestamp& timestamp, int64_t now_ms, int64_t max_drift_ms) {
    assert(max_drift_ms >= 0 && "a drift allowance cannot be negative");
    const int64_t now = ClampWall(now_ms);
    const int64_t limit = max_drift_ms >= kMaxHybridWallMs - now ? kMaxHybridWallMs : now + max_drift_ms;
    if (timestamp.wall_ms <= limit) return {timestamp, false};
    HybridTimestamp clamped = timestamp;
    clamped.wall_ms = limit;
    return {std::move(clamped), true};
}

HybridLogicalClock::HybridLogicalClock(std::string node_id) {
    assert(IsValidNodeId(node_id) && "node ids are 1-64 of [A-Za-z0-9._-]");
    last_.node_id = std::move(node_id);
}

HybridLogicalClock::HybridLogicalClock(std::string node_id, const HybridTimestamp& last_issued)
    : HybridLogicalClock(std::move(node_id)) {
    last_.wall_ms = ClampWall(last_issued.wall_ms);
    last_.counter = last_issued.counter;
}

void HybridLogicalClock::Advance(int64_t wall_ms, uint32_t counter) {
    if (counter > kMaxCounter) {
        // 65536 events in one millisecond: borrow the next one, as UUIDv7 generation does. At the very end of
        // the encodable range it saturates instead (the year 33658; not worth an error path).
        if (wall_ms < kMaxHybridWallMs) {
            ++wall_ms;
            counter = 0;
        } else {
            counter = kMaxCounter;
        }
    }
    last_.wall_ms = wall_ms;
    last_.counter = uint16_t(counter);
}

HybridTimestamp HybridLogicalClock::Tick(int64_t now_ms) {
    const int64_t physical = ClampWall(now_ms);
    if (physical > last_.wall_ms) {
        Advance(physical, 0);
    } else {
        Advance(last_.wall_ms, uint32_t(last_.counter) + 1);
    }
    return last_;
}

HybridTimestamp HybridLogicalClock::Receive(const HybridTimestamp& remote, int64_t now_ms) {
    assert(IsValidHybridTimestamp(remote) && "remote stamps are parsed (validated) before they are merged");
    const int64_t physical = ClampWall(now_ms);
    const int64_t wall = std::max({last_.wall_ms, remote.wall_ms, physical});
    uint32_t counter = 0;
    // Bump the counter on every tie with the wall time it came from, the three-way tie included (easy to
    // miss, and then the new stamp could fall behind the received one).
    if (wall == last_.wall_ms && wall == remote.wall_ms) {
        counter = uint32_t(std::max(last_.counter, remote.counter)) + 1;
    } else if (wall == last_.wall_ms) {
        counter = uint32_t(last_.counter) + 1;
    } else if (wall == remote.wall_ms) {
        counter = uint32_t(remote.counter) + 1;
    }
    Advance(wall, counter);
    return last_;
}

}  // namespace roadbook
