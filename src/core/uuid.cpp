// UUIDv7 generation and checks.
#include "core/uuid.h"

#include <cassert>

namespace roadbook {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr uint16_t kCounterMask = 0x0FFF;

int HexValue(char character) {
    if (character >= '0' && character <= '9') return character - '0';
    if (character >= 'a' && character <= 'f') return character - 'a' + 10;
    return -1;
}

}  // namespace

std::string UuidV7Generator::Next(int64_t unix_ms, const RandomBytes& random) {
    assert(unix_ms >= 0 && unix_ms < (int64_t(1) << 48) && "UUIDv7 holds 48 bits of milliseconds");
    if (unix_ms > last_unix_ms_) {
        last_unix_ms_ = unix_ms;
        // Seed with the top bit clear so at least 2048 ids fit in one millisecond before borrowing.
        counter_ = uint16_t(((random[0] << 8) | random[1]) & 0x07FF);
    } else if (counter_ < kCounterMask) {
        ++counter_;
    } else {
        ++last_unix_ms_;
        counter_ = 0;
    }

    uint8_t bytes[16];
    for (int index = 0; index < 6; ++index) bytes[index] = uint8_t(last_unix_ms_ >> (40 - 8 * index));
    bytes[6] = uint8_t(0x70 | (counter_ >> 8));
    bytes[7] = uint8_t(counter_ & 0xFF);
    bytes[8] = uint8_t(0x80 | (random[2] & 0x3F));
    for (int index = 9; index < 16; ++index) bytes[index] = random[size_t(index - 6)];

    std::string text;
    text.reserve(36);
    for (int index = 0; index < 16; ++index) {
        if (index == 4 || index == 6 || index == 8 || index == 10) text.push_back('-');
        text.push_back(kHexDigits[bytes[index] >> 4]);
        text.push_back(kHexDigits[bytes[index] & 0x0F]);
    }
    return text;
}

bool IsUuidV7(std::string_view text) {
    if (text.size() != 36) return false;
    for (size_t index = 0; index < text.size(); ++index) {
        const bool dash_position = index == 8 || index == 13 || index == 18 || index == 23;
        if (dash_position != (text[index] == '-')) return false;
        if (!dash_position && HexValue(text[index]) < 0) return false;
    }
    const int variant = HexValue(text[19]);
    return text[14] == '7' && variant >= 8 && variant <= 11;
}

int64_t UuidV7UnixMs(std::string_view uuid) {
    assert(IsUuidV7(uuid));
    int64_t unix_ms = 0;
    for (size_t index = 0; index < 13; ++index) {
        if (uuid[index] == '-') continue;
        unix_ms = (unix_ms << 4) | HexValue(uuid[index]);
    }
    return unix_ms;
}

}  // namespace roadbook
