// The /api/v1/auth and /api/v1/sync endpoints on httplib: decode strictly, authorise every request,
// call the SyncService, answer JSON (errors as {"error":{code,message,hint}}).
#pragma once

#include "httplib.h"
#include "sync/server/sync_service.h"

namespace roadbook::server {

// Registers the POST endpoints and sets the body limit (413 beyond it).
void InstallSyncRoutes(httplib::Server& server, SyncService& service);

// GET /api/v1/sync/events: a server-sent event stream, "change" whenever the organisation's version moves,
// a comment every 15 s so proxies keep it open. Called from the GET pre-routing hook.
void ServeSyncEvents(SyncService& service, const httplib::Request& request, httplib::Response& response);

}  // namespace roadbook::server
