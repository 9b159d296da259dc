// The /api/v1/auth and /api/v1/sync endpoints on httplib: decode strictly, authorise every request,
// call the SyncService, answer JSON (errors as {"error":{code,message,hint}}).
#pragma once

#include "httplib.h"
#include "sync/server/sync_service.h"

namespace roadbook::server {

// Registers the POST endpoints.
void InstallSyncRoutes(httplib::Server& server, SyncService& service);

// The most bytes a POST body may hold on `path`, checked on its Content-Length before any of it is read:
// sign-in, sign-out and pull take a few KiB, push takes sync::kMaxBodyBytes, every other path none.
size_t PostBodyLimit(std::string_view path);

// Push, pull and sign-out need a valid bearer token, checked here from the request head so a body is only
// ever read for a signed-in device; answers 401 (or 503) itself and returns true when the request ends here.
// The handler then takes the principal found here instead of reading the token again.
bool RefuseUnauthenticated(SyncService& service, const httplib::Request& request, httplib::Response& response);

// GET /api/v1/sync/events: a server-sent event stream, "change" whenever the organisation's version moves,
// a comment every 15 s so proxies keep it open. It ends when the client leaves (noticed within a second), when
// its sign-out, revocation or account ends (within SyncSettings::event_stream_recheck_ms) and after
// event_stream_lifetime_ms; a user holds at most max_event_streams_per_user (429 beyond). Called from the GET
// pre-routing hook.
void ServeSyncEvents(SyncService& service, const httplib::Request& request, httplib::Response& response);

}  // namespace roadbook::server
