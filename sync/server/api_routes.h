// The JSON API under /api/v1: the health check here, the sync endpoints in sync_routes. Every answer, including
// errors, is JSON of the form {"error":{"code","message","hint"}} when something is wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "httplib.h"

namespace roadbook::server {

// "/api" and everything below it belongs to the API, so a typo there gets a JSON error, not the app.
bool IsApiPath(std::string_view path);

// Answers any method on any API path: the endpoint's response, 404 for unknown endpoints, 405 (with an
// Allow header) for a known endpoint asked with the wrong method.
void ServeApiRequest(const httplib::Request& request, httplib::Response& response);

// {"status":"ok","service":"roadbook-server","version":...,"time_ms":...}
std::string HealthJson(std::int64_t unix_time_ms);

// {"error":{"code":...,"message":...,"hint":...}}; safe for any bytes in the message (invalid UTF-8 from
// a request path is replaced, not thrown on).
std::string ErrorJson(std::string_view code, std::string_view message, std::string_view hint);

// Sets status, the error JSON and no-store caching.
void RespondWithApiError(httplib::Response& response, int status, std::string_view code, std::string_view message,
                         std::string_view hint);

}  // namespace roadbook::server
