// The extension-to-content-type table. WebAssembly must be application/wasm or streaming compilation
// refuses it; module scripts must have a JavaScript type or the browser refuses to run them.
#include "sync/server/mime_types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace roadbook::server {
namespace {

struct ExtensionType {
    std::string_view extension;  // lowercase, without the dot
    std::string_view content_type;
};

constexpr std::array kExtensionTypes{
    ExtensionType{"html", "text/html; charset=utf-8"},
    ExtensionType{"htm", "text/html; charset=utf-8"},
    ExtensionType{"js", "text/javascript; charset=utf-8"},
    ExtensionType{"mjs", "text/javascript; charset=utf-8"},
    ExtensionType{"css", "text/css; charset=utf-8"},
    ExtensionType{"wasm", "application/wasm"},
    ExtensionType{"webmanifest", "application/manifest+json"},
    ExtensionType{"json", "application/json"},
    ExtensionType{"map", "application/json"},
    ExtensionType{"txt", "text/plain; charset=utf-8"},
    ExtensionType{"png", "image/png"},
    ExtensionType{"jpg", "image/jpeg"},
    ExtensionType{"jpeg", "image/jpeg"},
    ExtensionType{"webp", "image/webp"},
    ExtensionType{"svg", "image/svg+xml"},
    ExtensionType{"ico", "image/x-icon"},
    ExtensionType{"ttf", "font/ttf"},
    ExtensionType{"otf", "font/otf"},
    ExtensionType{"woff", "font/woff"},
    ExtensionType{"woff2", "font/woff2"},
};

constexpr std::string_view kUnknownType = "application/octet-stream";

}  // namespace

std::string_view ContentTypeForFileName(std::string_view file_name) {
    size_t dot = file_name.rfind('.');
    if (dot == std::string_view::npos || dot + 1 == file_name.size()) return kUnknownType;
    std::string extension(file_name.substr(dot + 1));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char character) { return static_cast<char>(std::tolower(character)); });
    for (const ExtensionType& entry : kExtensionTypes) {
        if (entry.extension == extension) return entry.content_type;
    }
    return kUnknownType;
}

}  // namespace roadbook::server
