// Wires the API and the static files into an httplib::Server, with the headers every response carries
// and readable bodies for the errors httplib produces itself.
#pragma once

#include <filesystem>

#include "httplib.h"

namespace roadbook::server {

class SyncService;

struct RouteSettings {
    std::filesystem::path canonical_web_root;  // from CheckWebRoot
    SyncService* sync_service = nullptr;       // the sync endpoints; none when null
};

// GET and HEAD are answered in httplib's pre-routing hook, without its regex router (whose recursion
// grows with the path length). Other methods fall through to handlers registered with httplib (the sync
// endpoints) and, when none matches, get a 404 or 405 from the error hook.
void InstallRoutes(httplib::Server& server, const RouteSettings& settings);

// Headers sent on every response, errors included.
httplib::Headers SecurityHeaders();

}  // namespace roadbook::server
