// Trimming and UTF-8 validation, standard library only.
#include "core/text.h"

#include <cstdint>
#include <cstdio>

namespace roadbook {

std::string_view Trim(std::string_view text) {
    const auto is_space = [](char character) {
        return character == ' ' || character == '\t' || character == '\n' || character == '\r' ||
               character == '\f' || character == '\v';
    };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool IsValidUtf8(std::string_view text) {
    size_t index = 0;
    while (index < text.size()) {
        const auto lead = static_cast<uint8_t>(text[index]);
        size_t length = 0;
        uint32_t code_point = 0;
        if (lead < 0x80) {
            ++index;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            code_point = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            code_point = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            code_point = lead & 0x07;
        } else {
            return false;
        }
        if (index + length > text.size()) return false;
        for (size_t offset = 1; offset < length; ++offset) {
            const auto continuation = static_cast<uint8_t>(text[index + offset]);
            if ((continuation & 0xC0) != 0x80) return false;
            code_point = (code_point << 6) | (continuation & 0x3F);
        }
        const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code_point < smallest[length]) return false;  // overlong encoding
        if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return false;
        index += length;
    }
    return true;
}

char32_t NextCodePoint(std::string_view text, size_t& at) {
    const auto byte = [&](size_t offset) { return char32_t(static_cast<unsigned char>(text[at + offset])); };
    const char32_t first = byte(0);
    size_t length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? first : length == 2 ? first & 0x1F : length == 3 ? first & 0x0F : first & 0x07;
    for (size_t index = 1; index < length; ++index) code = (code << 6) | (byte(index) & 0x3F);
    at += length;
    return code;
}

size_t CountCodePoints(std::string_view text) {
    size_t count = 0;
    for (char character : text) {
        if ((static_cast<uint8_t>(character) & 0xC0) != 0x80) ++count;
    }
    return count;
}

void AppendJsonString(std::string& out, std::string_view text) {
    out.push_back('"');
    for (const char character : text) {
        switch (character) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(character) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(character));
                    out += escaped;
                } else {
                    out.push_back(character);
                }
        }
    }
    out.push_back('"');
}

std::string FoldForSearch(std::string_view text) {
    struct Folding {
        std::string_view from;
        std::string_view to;
    };
    static constexpr Folding kFoldings[] = {
        {"Ł", "L"}, {"ł", "l"}, {"Ø", "O"}, {"ø", "o"}, {"Đ", "D"}, {"đ", "d"}, {"Ð", "D"}, {"ð", "d"},
        {"Þ", "Th"}, {"þ", "th"}, {"ß", "ss"}, {"ẞ", "SS"}, {"Æ", "Ae"}, {"æ", "ae"}, {"Œ", "Oe"}, {"œ", "oe"},
        {"Ħ", "H"}, {"ħ", "h"}, {"ı", "i"}, {"Ŀ", "L"}, {"ŀ", "l"}, {"ĸ", "k"}, {"Ŧ", "T"}, {"ŧ", "t"},
    };
    std::string folded;
    folded.reserve(text.size());
    size_t index = 0;
    while (index < text.size()) {
        bool replaced = false;
        if (static_cast<unsigned char>(text[index]) >= 0x80) {
            for (const Folding& folding : kFoldings) {
                if (text.substr(index, folding.from.size()) == folding.from) {
                    folded += folding.to;
                    index += folding.from.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) folded.push_back(text[index++]);
    }
    return folded;
}

std::string JoinWithCommas(std::span<const std::string_view> names) {
    std::string joined;
    for (const std::string_view name : names) {
        if (!joined.empty()) joined += ", ";
        joined += name;
    }
    return joined;
}

std::string ToUpperAscii(std::string_view text) {
    std::string upper(text);
    for (char& character : upper) {
        if (character >= 'a' && character <= 'z') character = char(character - 'a' + 'A');
    }
    return upper;
}

}  // namespace roadbook
