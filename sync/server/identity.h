// The one canonical form of an email address used as a sign-in identity, so the server compares, looks up
// and counts an account under one spelling whatever the client sent.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace roadbook::server {

// Surrounding spaces and tabs removed and ASCII letters lower-cased. Refused (rule "format", field `field`):
// NUL and other control characters, characters outside ASCII (so no two Unicode spellings of one address
// exist; see sync/PROTOCOL.md), inner spaces, and anything without the shape name@domain.tld.
Result<std::string> CanonicalEmail(std::string_view email, std::string_view field = "email");

}  // namespace roadbook::server
