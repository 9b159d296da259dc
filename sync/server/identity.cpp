// Canonical sign-in identities.
#include "sync/server/identity.h"

#include "core/field_checks.h"

namespace roadbook::server {

Result<std::string> CanonicalEmail(std::string_view email, std::string_view field) {
    while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
    while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
    std::string canonical;
    canonical.reserve(email.size());
    for (const char character : email) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte < 0x20 || byte == 0x7f) {
            return ValidationError{std::string(field), "format", "The email address holds a control character"};
        }
        if (byte >= 0x80) {
            return ValidationError{std::string(field), "format",
                                   "The email address holds characters outside ASCII, which Roadbook does not take"};
        }
        canonical += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : character;
    }
    if (canonical.size() > kMaxEmailCharacters || !HasEmailShape(canonical)) {
        return ValidationError{std::string(field), "format", "\"" + canonical + "\" is not an email address"};
    }
    return canonical;
}

}  // namespace roadbook::server
