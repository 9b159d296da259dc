// GET and HEAD of the web app's files: content type, cache policy, ETag revalidation; 404 for anything
// missing or refused by the path-safety rules.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "httplib.h"

namespace roadbook::server {

void ServeStaticFile(const std::filesystem::path& canonical_web_root, const httplib::Request& request,
                     httplib::Response& response);

// A strong validator from size and modification time: cheap (no hashing on each request) and it changes
// whenever a deploy rewrites the file.
std::string EntityTagFor(std::uintmax_t size, std::filesystem::file_time_type modified);

// If-None-Match semantics (RFC 9110 13.1.2): "*" or any listed tag, compared weakly (W/ ignored).
bool EntityTagMatches(std::string_view if_none_match, std::string_view entity_tag);

}  // namespace roadbook::server
