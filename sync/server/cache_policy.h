// Which Cache-Control header each static file gets. Content-hashed files never change under their name,
// so browsers may keep them for a year; everything else must be revalidated so an update is seen at once.
#pragma once

#include <string_view>

namespace roadbook::server {

inline constexpr std::string_view kCacheRevalidate = "no-cache";
inline constexpr std::string_view kCacheImmutable = "public, max-age=31536000, immutable";
inline constexpr std::string_view kCacheNever = "no-store";

// A dot-separated segment of at least 8 lowercase hex digits between the name and the extension, as in
// "app.3f9a1c2b.wasm" or "chunk.min.3f9a1c2b9d.js". The first segment is not considered: "deadbeef.js" is
// as likely a plain name as a hash, and wrongly immutable caching is the costly mistake.
bool IsContentHashed(std::string_view file_name);

// "sw.js" or any name containing "service-worker": the browser checks it for updates on each
// navigation, and a cached copy would pin users to an old app version.
bool IsServiceWorker(std::string_view file_name);

// The Cache-Control value for a file served under `file_name` (the last segment of the request path).
std::string_view CacheControlForFileName(std::string_view file_name);

}  // namespace roadbook::server
