// Hybrid logical clock stamps (wall milliseconds, counter, node id) for field-level last-writer-wins sync:
// close to real time, yet a device that has seen a change always stamps later, even if its clock is wrong.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace roadbook {

// 15 decimal digits of milliseconds: up to the year 33658, with room for bad device clocks.
inline constexpr int64_t kMaxHybridWallMs = 999'999'999'999'999;
inline constexpr size_t kMaxNodeIdLength = 64;

struct HybridTimestamp {
    int64_t wall_ms = 0;   // 0..kMaxHybridWallMs
    uint16_t counter = 0;  // orders events within one millisecond
    std::string node_id;   // breaks ties between devices: 1..64 of [A-Za-z0-9._-]

    friend bool operator==(const HybridTimestamp&, const HybridTimestamp&) = default;
    // The total order: wall_ms, then counter, then node_id byte by byte. Written out because libc++ 14
    // (Emscripten 3.1.6) has no <=> for std::string.
    friend std::strong_ordering operator<=>(const HybridTimestamp& left, const HybridTimestamp& right) {
        if (left.wall_ms != right.wall_ms) return left.wall_ms <=> right.wall_ms;
        if (left.counter != right.counter) return left.counter <=> right.counter;
        const int node_order = left.node_id.compare(right.node_id);
        return node_order < 0 ? std::strong_ordering::less
               : node_order > 0 ? std::strong_ordering::greater
                                : std::strong_ordering::equal;
    }
};

bool IsValidNodeId(std::string_view node_id);
// A wall time in range, a valid node id.
bool IsValidHybridTimestamp(const HybridTimestamp& timestamp);

// "001732690000123:00003:c_phone" : wall_ms in 15 zero-padded digits, ':', counter in 5 zero-padded digits,
// ':', node id. Fixed widths make byte-wise order of the text equal the order of the stamps, so SQLite can
// compare and index the text directly. The timestamp must be valid (asserted).
std::string EncodeHybridTimestamp(const HybridTimestamp& timestamp);

// The inverse of EncodeHybridTimestamp; anything else is `field` rule "format".
Result<HybridTimestamp> ParseHybridTimestamp(std::string_view text, std::string_view field = "hlc");

// A stamp as received, and whether it had to be pulled back.
struct ClampedTimestamp {
    HybridTimestamp timestamp;
    bool clamped = false;
};

// Pulls a stamp more than `max_drift_ms` ahead of `now_ms` back to now_ms + max_drift_ms (keeping counter and
// node), so one device with a clock set to next year cannot win every conflict until then. The server
// applies it to each incoming stamp before Receive and records when it clamped.
ClampedTimestamp ClampToMaxDrift(const HybridTimestamp& timestamp, int64_t now_ms, int64_t max_drift_ms);

// One node's clock. `now_ms` is the device's wall clock (the core has no clock of its own); values outside
// 0..kMaxHybridWallMs are clamped into it. Every stamp it issues is greater than every stamp it issued or
// received before, however the wall clock moves. Persist Last() before using a stamp, and restore it with
// the second constructor, so a restart cannot go backwards either.
class HybridLogicalClock {
public:
    explicit HybridLogicalClock(std::string node_id);
    HybridLogicalClock(std::string node_id, const HybridTimestamp& last_issued);

    // A stamp for a local event.
    HybridTimestamp Tick(int64_t now_ms);
    // Merges a valid remote stamp (clamp it first, see ClampToMaxDrift) and returns the stamp for receiving
    // it: greater than both the remote stamp and everything issued before (the canonical receive rule).
    HybridTimestamp Receive(const HybridTimestamp& remote, int64_t now_ms);

    const HybridTimestamp& Last() const { return last_; }

private:
    // Sets last_ to (wall_ms, counter) or, when the counter is exhausted, borrows the next millisecond.
    void Advance(int64_t wall_ms, uint32_t counter);

    HybridTimestamp last_;
};

}  // namespace roadbook
