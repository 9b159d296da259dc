// Checks every form shares: free text trimmed and within a length, and the rough shape of an email address.
// Each appends errors naming the field, so a command can collect all of a form's problems at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace roadbook {

// How one free-text field is checked. `field` is the stable form-field name errors carry, `label` the
// word a rep reads in the message.
struct TextRule {
    std::string_view field;
    std::string_view label;
    size_t max_characters = 200;
    bool required = false;
};

// Trims ASCII whitespace and appends what is wrong: invalid-text (not UTF-8), control (a control character
// other than tab and line breaks, or a bidirectional embedding, override or isolate, which can make text read
// differently from what it holds), required (blank when required), invisible (nothing visible: only
// invisible or space characters such as U+200B or U+3164), too-long (more code points than allowed).
// Returns the trimmed text either way.
std::string ValidateText(std::string_view text, const TextRule& rule, std::vector<ValidationError>& errors);

inline constexpr size_t kMaxEmailCharacters = 254;  // RFC 5321's limit on a forward path

// "local@domain.tld" with no spaces, one '@', and a dot inside the domain: enough to catch a missing '@'
// or domain typed in a hurry, without pretending to know whether the address exists.
bool HasEmailShape(std::string_view email);

// Trimmed email for an optional email field: empty is allowed; otherwise errors under `field` with rule
// invalid-text, too-long or format.
std::string ValidateEmail(std::string_view text, std::string_view field, std::vector<ValidationError>& errors);

}  // namespace roadbook
