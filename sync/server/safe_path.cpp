// Request path checks: lexical refusals first (cheap and independent of the disk), then a canonical
// containment check that also catches symlinks leading out of the web root.
#include "sync/server/safe_path.h"

#include <algorithm>
#include <system_error>
#include <vector>

namespace roadbook::server {
namespace {

bool IsControlByte(char character) {
    auto byte = static_cast<unsigned char>(character);
    return byte < 0x20 || byte == 0x7f;
}

bool IsAcceptableSegment(std::string_view segment) {
    if (segment.empty() || segment == "." || segment == "..") return false;
    // Dot files (.git, .env) are never part of a built web app; .well-known is the one standard exception.
    if (segment.front() == '.' && segment != ".well-known") return false;
    return std::none_of(segment.begin(), segment.end(),
                        [](char character) { return character == '\\' || IsControlByte(character); });
}

// Splits "a/b/c" into segments, or nothing when any segment is unacceptable.
std::optional<std::vector<std::string_view>> SplitSegments(std::string_view relative) {
    std::vector<std::string_view> segments;
    while (true) {
        size_t slash = relative.find('/');
        std::string_view segment = relative.substr(0, slash);
        if (!IsAcceptableSegment(segment)) return std::nullopt;
        segments.push_back(segment);
        if (slash == std::string_view::npos) break;
        relative.remove_prefix(slash + 1);
    }
    return segments;
}

}  // namespace

bool IsWithin(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    auto root_end = root.end();
    // A trailing separator shows up as an empty last element; it must not make "/srv/web/" contain nothing.
    if (root_end != root.begin() && std::prev(root_end)->empty()) --root_end;
    auto [root_stop, candidate_stop] = std::mismatch(root.begin(), root_end, candidate.begin(), candidate.end());
    return root_stop == root_end;
}

std::optional<StaticFile> ResolveStaticFile(const std::filesystem::path& canonical_web_root,
                                            std::string_view request_path) {
    if (!request_path.starts_with('/')) return std::nullopt;
    std::string_view relative = request_path.substr(1);
    if (relative.empty()) relative = "index.html";

    std::optional<std::vector<std::string_view>> segments = SplitSegments(relative);
    if (!segments) return std::nullopt;

    std::filesystem::path candidate = canonical_web_root;
    for (std::string_view segment : *segments) candidate /= std::filesystem::path(segment);

    std::error_code error;
    std::filesystem::path resolved = std::filesystem::weakly_canonical(candidate, error);
    if (error || resolved == canonical_web_root || !IsWithin(canonical_web_root, resolved)) return std::nullopt;
    if (!std::filesystem::is_regular_file(resolved, error) || error) return std::nullopt;
    return StaticFile{std::move(resolved), std::string(segments->back())};
}

}  // namespace roadbook::server
