// The server's name and version as it reports them (listening line, --version, /api/v1/health).
#pragma once

#include <string_view>

#ifndef ROADBOOK_VERSION
#error "ROADBOOK_VERSION must be defined by the build (sync/server/CMakeLists.txt sets it)"
#endif

namespace roadbook::server {

inline constexpr std::string_view kServerName = "roadbook-server";
inline constexpr std::string_view kServerVersion = ROADBOOK_VERSION;

}  // namespace roadbook::server
