// Shared form checks: trimmed text within a length, and the shape of an email address.
#include "core/field_checks.h"

#include "core/text.h"

namespace roadbook {
namespace {

bool IsSpaceOrControl(char character) {
    const auto byte = static_cast<unsigned char>(character);
    return byte <= 0x20 || byte == 0x7f;
}

// A domain needs a dot with text on both sides and no empty labels ("a..b", ".a", "a.").
bool HasDomainShape(std::string_view domain) {
    if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
    if (domain.find("..") != std::string_view::npos) return false;
    return domain.find('.') != std::string_view::npos;
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
