// Maps a request path to a file inside the web root, refusing anything that could read outside it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace roadbook::server {

struct StaticFile {
    std::filesystem::path path;  // canonical, inside the web root, a regular file
    std::string served_name;     // the last segment of the request path: what the browser caches it as
};

// `request_path` is the percent-decoded path (httplib's Request::path): decoding happens before the
// checks, so "%2e%2e" and "..%2f" are seen as the ".." and "/" they are. `canonical_web_root` must be
// canonical (CheckWebRoot returns it so). "/" means "/index.html".
//
// Refused: paths not starting with '/', empty segments ("//etc/passwd", "a//b", trailing '/', which
// would also mean a directory), "." and ".." segments, hidden segments other than ".well-known",
// backslashes, NUL and other control bytes; then anything whose canonical form (symlinks resolved) is not
// strictly inside the web root, and anything that is not a regular file. Refusals carry no reason on
// purpose: the caller answers 404 for all of them, so probing learns nothing.
std::optional<StaticFile> ResolveStaticFile(const std::filesystem::path& canonical_web_root,
                                            std::string_view request_path);

// True when `candidate` (canonical) is `root` (canonical) or below it, compared by path elements, so
// "/srv/web-other" is not inside "/srv/web".
bool IsWithin(const std::filesystem::path& root, const std::filesystem::path& candidate);

}  // namespace roadbook::server
