// Wires the API and the static files into an httplib::Server, with the headers every response carries
// and readable bodies for the errors httplib produces itself.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "httplib.h"

namespace roadbook::server {

class SyncService;

// The Host names the server answers to. A page on an attacker's domain that re-points its name at this
// server (DNS rebinding) sends that domain as Host, and is refused with 421.
struct HostAllowList {
    std::vector<std::string> names;  // lower case, no port: localhost, the loopback addresses, --allowed-host
    bool any_ip_address = false;     // with a wildcard --bind: any IPv4 or bracketed IPv6 literal
    // The default for a server bound to `bind_address`, plus the `extra` names.
    static HostAllowList For(const std::string& bind_address, const std::vector<std::string>& extra);
    bool Allows(std::string_view host_header) const;
};

struct RouteSettings {
    std::filesystem::path canonical_web_root;  // from CheckWebRoot
    SyncService* sync_service = nullptr;       // the sync endpoints; none when null
    std::optional<HostAllowList> allowed_hosts;  // every Host when empty (tests of the pieces)
};

// GET and HEAD are answered in httplib's pre-routing hook, without its regex router (whose recursion
// grows with the path length). Other methods fall through to handlers registered with httplib (the sync
// endpoints) and, when none matches, get a 404 or 405 from the error hook.
void InstallRoutes(httplib::Server& server, const RouteSettings& settings);

// Headers sent on every response, errors included.
httplib::Headers SecurityHeaders();

}  // namespace roadbook::server
