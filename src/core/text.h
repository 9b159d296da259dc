// Small text helpers the rules share: trimming and UTF-8 checks (names arrive from keyboards and imports).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace roadbook {

// Removes ASCII whitespace at both ends (non-breaking and other Unicode spaces are kept as typed).
std::string_view Trim(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of code points in well-formed UTF-8; what "at most 200 characters" counts.
size_t CountCodePoints(std::string_view text);

// The code point of well-formed UTF-8 starting at `at`, moving `at` past it (check IsValidUtf8 first).
char32_t NextCodePoint(std::string_view text, size_t& at);

// Appends `text` as a quoted JSON string (control characters escaped; UTF-8 passed through).
void AppendJsonString(std::string& out, std::string_view text);

// Folds letters that Unicode does not decompose into base letter + accent (Ł, Ø, Đ, Þ, ß, Æ, Œ, ı ...)
// to their Latin base, so a search for "lodz" finds "Łódź"; decomposable accents (é, ü, å) and case are left
// to the search tokenizer. Other text passes through unchanged.
std::string FoldForSearch(std::string_view text);

// "a, b, c": for messages that list the accepted values.
std::string JoinWithCommas(std::span<const std::string_view> names);

// ASCII upper-casing, for codes such as currencies.
std::string ToUpperAscii(std::string_view text);

}  // namespace roadbook
