// Shared form checks: trimmed text within a length, and the shape of an email address.
#include "core/field_checks.h"

#include "core/text.h"

namespace roadbook {
namespace {

bool IsSpaceOrControl(char character) {
    const auto byte = static_cast<unsigned char>(character);
    return byte <= 0x20 || byte == 0x7f;
}

// Control characters (tab and line breaks are text), and the bidirectional embeddings, overrides and
// isolates that reorder how the rest of a line reads.
bool IsForbiddenCharacter(char32_t code) {
    if (code == U'\t' || code == U'\n' || code == U'\r') return false;
    return code < 0x20 || (code >= 0x7F && code <= 0x9F) || (code >= 0x202A && code <= 0x202E) ||
           (code >= 0x2066 && code <= 0x2069);
}

// Characters that show nothing on their own: spaces, zero-width characters, fillers and joiners.
bool IsInvisibleCharacter(char32_t code) {
    return code <= 0x20 || code == 0xA0 || code == 0xAD || code == 0x34F || code == 0x115F || code == 0x1160 ||
           code == 0x1680 || code == 0x180E || (code >= 0x2000 && code <= 0x200F) || code == 0x2028 ||
           code == 0x2029 || code == 0x202F || (code >= 0x205F && code <= 0x2064) || code == 0x3000 ||
           code == 0x3164 || (code >= 0xFE00 && code <= 0xFE0F) || code == 0xFEFF || code == 0xFFA0;
}

// A domain needs a dot with text on both sides and no empty labels ("a..b", ".a", "a.").
bool HasDomainShape(std::string_view domain) {
    if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
    if (domain.find("..") != std::string_view::npos) return false;
    return domain.find('.') != std::string_view::npos;
}

// "control", "invisible" or "" for well-formed UTF-8.
std::string CharacterProblem(std::string_view text) {
    bool visible = false;
    for (size_t at = 0; at < text.size();) {
        const char32_t code = NextCodePoint(text, at);
        if (IsForbiddenCharacter(code)) return "control";
        visible = visible || !IsInvisibleCharacter(code);
    }
    return visible || text.empty() ? "" : "invisible";
}

}  // namespace

std::string ValidateText(std::string_view text, const TextRule& rule, std::vector<ValidationError>& errors) {
    const std::string_view trimmed = Trim(text);
    const std::string label(rule.label);
    if (!IsValidUtf8(trimmed)) {
        errors.push_back(
            {std::string(rule.field), "invalid-text", label + " contains characters that are not valid text."});
    } else if (rule.required && trimmed.empty()) {
        errors.push_back({std::string(rule.field), "required", label + " is required."});
    } else if (std::string problem = CharacterProblem(trimmed); !problem.empty()) {
        errors.push_back({std::string(rule.field), problem,
                          problem == "control" ? label + " contains a control or text-direction character."
                                               : label + " has no visible character."});
    } else if (CountCodePoints(trimmed) > rule.max_characters) {
        errors.push_back({std::string(rule.field), "too-long",
                          label + " is longer than " + std::to_string(rule.max_characters) + " characters."});
    }
    return std::string(trimmed);
}

bool HasEmailShape(std::string_view email) {
    for (char character : email) {
        if (IsSpaceOrControl(character)) return false;
    }
    const size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
    return HasDomainShape(email.substr(at + 1));
}

std::string ValidateEmail(std::string_view text, std::string_view field, std::vector<ValidationError>& errors) {
    const size_t errors_before = errors.size();
    std::string email = ValidateText(text, TextRule{field, "Email", kMaxEmailCharacters, false}, errors);
    if (errors.size() == errors_before && !email.empty() && !HasEmailShape(email)) {
        errors.push_back({std::string(field), "format",
                          "Email \"" + email + "\" does not look like an address (name@example.com)."});
    }
    return email;
}

}  // namespace roadbook
