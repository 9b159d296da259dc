// UUIDv7 (RFC 9562) identifiers generated on the device: time-ordered, so ids made offline on different
// devices never collide and sort by creation time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace roadbook {

// The caller supplies the clock and the randomness (the core has no I/O); the generator keeps ids strictly
// increasing even when the clock stands still or steps backwards, using a 12-bit counter in rand_a
// (RFC 9562 §6.2, method 1) and borrowing the next millisecond when the counter runs out.
class UuidV7Generator {
public:
    using RandomBytes = std::array<uint8_t, 10>;

    std::string Next(int64_t unix_ms, const RandomBytes& random);

private:
    int64_t last_unix_ms_ = -1;
    uint16_t counter_ = 0;
};

// Lower-case 8-4-4-4-12 hex with version 7 and the RFC variant.
bool IsUuidV7(std::string_view text);

// The millisecond timestamp in a UUIDv7 (for ordering checks and debugging).
int64_t UuidV7UnixMs(std::string_view uuid);

}  // namespace roadbook
