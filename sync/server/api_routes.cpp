// API endpoint table and JSON bodies. Endpoints are matched exactly (no regex) so arbitrary request
// paths cost nothing and cannot exhaust std::regex's recursion.
#include "sync/server/api_routes.h"

#include <array>
#include <chrono>

#include <nlohmann/json.hpp>

#include "sync/server/version.h"

namespace roadbook::server {
namespace {

using Json = nlohmann::ordered_json;  // keeps keys in the documented order, easier to read in a terminal

constexpr int kOk = 200;
constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr std::string_view kJsonType = "application/json";

struct ApiEndpoint {
    std::string_view path;
    std::string_view allowed_methods;  // the Allow header value; HEAD accompanies GET
    void (*handle)(const httplib::Request&, httplib::Response&);
};

std::int64_t NowUnixMilliseconds() {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

void HandleHealth(const httplib::Request&, httplib::Response& response) {
    response.status = kOk;
    response.set_header("Cache-Control", "no-store");
    response.set_content(HealthJson(NowUnixMilliseconds()), std::string(kJsonType));
}

void HandleSyncUnavailable(const httplib::Request& request, httplib::Response& response) {
    RespondWithApiError(response, 503, "sync_unavailable", "This server runs without sync: " + request.path,
                        "Start roadbook-server with a --data-dir it can write.");
}

constexpr std::array kEndpoints{
    ApiEndpoint{"/api/v1/health", "GET, HEAD", &HandleHealth},
    // Answered by sync_routes when the server runs with a store; listed so a wrong method gets 405.
    ApiEndpoint{"/api/v1/auth/login", "POST", &HandleSyncUnavailable},
    ApiEndpoint{"/api/v1/auth/logout", "POST", &HandleSyncUnavailable},
    ApiEndpoint{"/api/v1/sync/push", "POST", &HandleSyncUnavailable},
    ApiEndpoint{"/api/v1/sync/pull", "POST", &HandleSyncUnavailable},
    ApiEndpoint{"/api/v1/sync/events", "GET", &HandleSyncUnavailable},
};

bool IsAllowed(std::string_view allowed_methods, std::string_view method) {
    while (!allowed_methods.empty()) {
        size_t comma = allowed_methods.find(", ");
        if (allowed_methods.substr(0, comma) == method) return true;
        if (comma == std::string_view::npos) break;
        allowed_methods.remove_prefix(comma + 2);
    }
    return false;
}

std::string Dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

std::string HealthJson(std::int64_t unix_time_ms) {
    Json body = {{"status", "ok"}, {"service", kServerName}, {"version", kServerVersion}, {"time_ms", unix_time_ms}};
    return Dump(body);
}

std::string ErrorJson(std::string_view code, std::string_view message, std::string_view hint) {
    Json body = {{"error", {{"code", code}, {"message", message}, {"hint", hint}}}};
    return Dump(body);
}

void RespondWithApiError(httplib::Response& response, int status, std::string_view code, std::string_view message,
                         std::string_view hint) {
    response.status = status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(ErrorJson(code, message, hint), std::string(kJsonType));
}

void ServeApiRequest(const httplib::Request& request, httplib::Response& response) {
    for (const ApiEndpoint& endpoint : kEndpoints) {
        if (endpoint.path != request.path) continue;
        if (!IsAllowed(endpoint.allowed_methods, request.method)) {
            response.set_header("Allow", std::string(endpoint.allowed_methods));
            RespondWithApiError(response, kMethodNotAllowed, "method_not_allowed",
                                request.method + " is not allowed on " + request.path,
                                "Use " + std::string(endpoint.allowed_methods) + ".");
            return;
        }
        endpoint.handle(request, response);
        return;
    }
    RespondWithApiError(response, kNotFound, "not_found", "No API endpoint " + request.method + " " + request.path,
                        "The API lives under /api/v1/; GET /api/v1/health checks that the server is up.");
}

}  // namespace roadbook::server
