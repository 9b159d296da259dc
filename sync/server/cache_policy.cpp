// Cache-Control decisions for static files, from the file name alone (see cache_policy.h for the rules).
#include "sync/server/cache_policy.h"

#include <algorithm>

namespace roadbook::server {
namespace {

constexpr size_t kShortestHash = 8;

bool IsLowercaseHexSegment(std::string_view segment) {
    return segment.size() >= kShortestHash && std::all_of(segment.begin(), segment.end(), [](char character) {
               return (character >= '0' && character <= '9') || (character >= 'a' && character <= 'f');
           });
}

}  // namespace

bool IsContentHashed(std::string_view file_name) {
    size_t first_dot = file_name.find('.');
    size_t last_dot = file_name.rfind('.');
    if (first_dot == std::string_view::npos || first_dot == last_dot) return false;
    // Walk the segments strictly between the first and the last dot.
    std::string_view middle = file_name.substr(first_dot + 1, last_dot - first_dot - 1);
    while (!middle.empty()) {
        size_t dot = middle.find('.');
        if (IsLowercaseHexSegment(middle.substr(0, dot))) return true;
        if (dot == std::string_view::npos) break;
        middle.remove_prefix(dot + 1);
    }
    return false;
}

bool IsServiceWorker(std::string_view file_name) {
    return file_name == "sw.js" || file_name.find("service-worker") != std::string_view::npos;
}

std::string_view CacheControlForFileName(std::string_view file_name) {
    // An HTML page names the hashed assets of one release; caching it would pin that release.
    bool is_page = file_name.ends_with(".html") || file_name.ends_with(".htm");
    if (is_page || IsServiceWorker(file_name) || !IsContentHashed(file_name)) return kCacheRevalidate;
    return kCacheImmutable;
}

}  // namespace roadbook::server
