// Static file responses. httplib maps the file and streams it (with Range support); this file decides
// whether to serve it and with which headers.
#include "sync/server/static_files.h"

#include <cstdio>
#include <system_error>

#include "sync/server/cache_policy.h"
#include "sync/server/mime_types.h"
#include "sync/server/safe_path.h"

namespace roadbook::server {
namespace {

constexpr int kOk = 200;
constexpr int kNotModified = 304;
constexpr int kNotFound = 404;

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string_view WithoutWeakPrefix(std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
}

void RespondNotFound(httplib::Response& response) {
    response.status = kNotFound;
    response.set_header("Cache-Control", std::string(kCacheRevalidate));
    response.set_content("404 Not Found\n", "text/plain; charset=utf-8");
}

}  // namespace

std::string EntityTagFor(std::uintmax_t size, std::filesystem::file_time_type modified) {
    auto ticks = static_cast<unsigned long long>(modified.time_since_epoch().count());
    char text[64];
    std::snprintf(text, sizeof text, "\"%llx-%llx\"", static_cast<unsigned long long>(size), ticks);
    return text;
}

bool EntityTagMatches(std::string_view if_none_match, std::string_view entity_tag) {
    std::string_view wanted = WithoutWeakPrefix(entity_tag);
    while (!if_none_match.empty()) {
        size_t comma = if_none_match.find(',');
        std::string_view listed = TrimSpaces(if_none_match.substr(0, comma));
        if (listed == "*" || (!listed.empty() && WithoutWeakPrefix(listed) == wanted)) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

void ServeStaticFile(const std::filesystem::path& canonical_web_root, const httplib::Request& request,
                     httplib::Response& response) {
    std::optional<StaticFile> file = ResolveStaticFile(canonical_web_root, request.path);
    if (!file) {
        RespondNotFound(response);
        return;
    }

    std::error_code error;
    std::uintmax_t size = std::filesystem::file_size(file->path, error);
    std::filesystem::file_time_type modified =
        error ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(file->path, error);
    if (error) {  // removed between the check and now, e.g. during a deploy
        RespondNotFound(response);
        return;
    }

    std::string entity_tag = EntityTagFor(size, modified);
    response.set_header("Cache-Control", std::string(CacheControlForFileName(file->served_name)));
    response.set_header("ETag", entity_tag);
    if (request.has_header("If-None-Match") &&
        EntityTagMatches(request.get_header_value("If-None-Match"), entity_tag)) {
        response.status = kNotModified;
        return;
    }
    response.status = kOk;
    response.set_file_content(file->path.string(), std::string(ContentTypeForFileName(file->served_name)));
}

}  // namespace roadbook::server
