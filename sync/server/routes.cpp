// Request dispatch between the API and the static files, and the error, exception and default-header
// hooks that keep every response well formed.
#include "sync/server/routes.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "sync/protocol.h"
#include "sync/server/api_routes.h"
#include "sync/server/connection_guard.h"
#include "sync/server/static_files.h"
#include "sync/server/sync_routes.h"
#include "sync/server/sync_service.h"

namespace roadbook::server {
namespace {

constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr int kInternalServerError = 500;
constexpr int kRequestTimeout = 408;
constexpr int kLengthRequired = 411;
constexpr int kPayloadTooLarge = 413;
constexpr int kHeadersTooLarge = 431;
constexpr int kMisdirected = 421;

// The app is one page of same-origin scripts, styles, fonts and WebAssembly: nothing inline, nothing
// evaluated from text, never framed. 'wasm-unsafe-eval' lets the page compile its WebAssembly.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

bool IsReadMethod(std::string_view method) { return method == "GET" || method == "HEAD"; }

std::string ErrorCodeForStatus(int status) {
    switch (status) {
    case 400:
        return "bad_request";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 408:
        return "request_timeout";
    case 411:
        return "length_required";
    case 414:
        return "uri_too_long";
    case 431:
        return "headers_too_large";
    case 413:
        return "too_large";
    case 416:
        return "range_not_satisfiable";
    default:
        return status >= 500 ? "internal_error" : "client_error";
    }
}

// A body for an error that has none yet: JSON under /api, one line of text elsewhere.
void FillErrorBody(const httplib::Request& request, httplib::Response& response) {
    std::string reason = httplib::status_message(response.status);
    if (IsApiPath(request.path)) {
        RespondWithApiError(response, response.status, ErrorCodeForStatus(response.status), reason,
                            "The request could not be handled as sent; GET /api/v1/health is one that works.");
        return;
    }
    response.set_content(std::to_string(response.status) + " " + reason + "\n", "text/plain; charset=utf-8");
}

// Why reading the request failed, when the connection guard saw it: the status httplib chose (400) is too vague.
void ExplainReadProblem(httplib::Response& response) {
    const RequestProblem problem = CurrentRequestProblem();
    if (problem == RequestProblem::kNone) return;
    CloseConnectionAfterResponse();
    response.set_header("Connection", "close");
    if (response.status != 400) return;  // httplib's own verdict (413 for a declared length) says more
    switch (problem) {
    case RequestProblem::kNone:
        return;
    case RequestProblem::kTimedOut:
        response.status = kRequestTimeout;
        break;
    case RequestProblem::kHeadTooLarge:
        response.status = kHeadersTooLarge;
        break;
    case RequestProblem::kBodyTooLarge:
        response.status = kPayloadTooLarge;
        break;
    }
}

// A request no httplib handler took: only methods other than GET and HEAD get here (those are all
// answered before routing), after httplib has read the request body, or before when it has no length.
void AnswerUnroutedRequest(const httplib::Request& request, httplib::Response& response) {
    if (IsApiPath(request.path)) {
        ServeApiRequest(request, response);
        return;
    }
    response.status = kMethodNotAllowed;
    response.set_header("Allow", "GET, HEAD");
    response.set_content(request.method + " is not allowed here: the web app's files answer GET and HEAD\n",
                         "text/plain; charset=utf-8");
}

// A body httplib would read without a limit (chunked, or until the connection ends) or one a GET carries
// is refused before it is read; the connection then closes, so its bytes are never taken as a request.
bool RefuseUnboundedBody(const httplib::Request& request, httplib::Response& response) {
    const bool chunked = request.has_header("Transfer-Encoding");
    const bool read_method = IsReadMethod(request.method);
    const bool bounded = !chunked && (read_method ? request.get_header_value_u64("Content-Length") == 0
                                                  : request.has_header("Content-Length"));
    if (bounded) return false;
    CloseConnectionAfterResponse();
    response.set_header("Connection", "close");
    if (!read_method && request.method != "POST") {
        // Only POST ever takes a body here: other methods get their 404 or 405 without one being read.
        AnswerUnroutedRequest(request, response);
        return true;
    }
    const int status = read_method ? 400 : kLengthRequired;
    const std::string message = read_method ? request.method + " requests carry no body"
                                            : "a request body needs a Content-Length header (chunked bodies are not taken)";
    if (IsApiPath(request.path)) {
        RespondWithApiError(response, status, ErrorCodeForStatus(status), message,
                            "Send the body in one piece with its Content-Length, at most " +
                                std::to_string(sync::kMaxBodyBytes) + " bytes.");
    } else {
        response.status = status;
        response.set_content(message + "\n", "text/plain; charset=utf-8");
    }
    return true;
}

// Every body is bounded by its route before any of it is read (PostBodyLimit): a request that does not
// fit, or a body sent where none is taken, is answered at once and its connection closed, so nobody can make
// the server hold megabytes without signing in.
bool RefuseOversizedBody(const httplib::Request& request, httplib::Response& response) {
    const size_t limit = request.method == "POST" ? PostBodyLimit(request.path) : 0;
    const uint64_t length = request.get_header_value_u64("Content-Length");
    if (length <= limit) return false;
    CloseConnectionAfterResponse();
    response.set_header("Connection", "close");
    if (limit == 0) {
        AnswerUnroutedRequest(request, response);
        return true;
    }
    const std::string message = "the body of " + request.path + " may hold at most " + std::to_string(limit) +
                                " bytes; this one declares " + std::to_string(length);
    if (IsApiPath(request.path)) {
        RespondWithApiError(response, kPayloadTooLarge, "too_large", message, "Send a smaller body.");
    } else {
        response.status = kPayloadTooLarge;
        response.set_content(message + "\n", "text/plain; charset=utf-8");
    }
    return true;
}

bool IsIpAddressLiteral(std::string_view host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        in6_addr address{};
        return ::inet_pton(AF_INET6, std::string(host.substr(1, host.size() - 2)).c_str(), &address) == 1;
    }
    in_addr address{};
    return ::inet_pton(AF_INET, std::string(host).c_str(), &address) == 1;
}

void RefuseHost(const httplib::Request& request, httplib::Response& response) {
    CloseConnectionAfterResponse();
    response.set_header("Connection", "close");
    const std::string message = "this server does not answer to the name '" + request.get_header_value("Host") + "'";
    const std::string hint = "Open it by an address it serves, or start it with --allowed-host NAME.";
    if (IsApiPath(request.path)) {
        RespondWithApiError(response, kMisdirected, "wrong_host", message, hint);
    } else {
        response.status = kMisdirected;
        response.set_content(message + ". " + hint + "\n", "text/plain; charset=utf-8");
    }
}

}  // namespace

HostAllowList HostAllowList::For(const std::string& bind_address, const std::vector<std::string>& extra) {
    HostAllowList list;
    list.names = {"localhost", "127.0.0.1", "[::1]"};
    const bool wildcard = bind_address == "0.0.0.0" || bind_address == "::" || bind_address == "[::]";
    list.any_ip_address = wildcard;
    if (!wildcard) {
        list.names.push_back(bind_address.find(':') != std::string::npos && bind_address.front() != '['
                                 ? "[" + bind_address + "]"
                                 : bind_address);
    }
    for (const std::string& name : extra) list.names.push_back(name);
    for (std::string& name : list.names) {
        for (char& character : name) character = char(std::tolower(static_cast<unsigned char>(character)));
    }
    return list;
}

bool HostAllowList::Allows(std::string_view host_header) const {
    // A request without Host (HTTP/1.0 tools) is no browser's, so no rebinding page can send it.
    if (host_header.empty()) return true;
    std::string host(host_header);
    for (char& character : host) character = char(std::tolower(static_cast<unsigned char>(character)));
    // Drop ":port", keeping a bracketed IPv6 literal whole.
    const size_t bracket = host.rfind(']');
    const size_t colon = host.rfind(':');
    if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) host.resize(colon);
    if (std::find(names.begin(), names.end(), host) != names.end()) return true;
    return any_ip_address && IsIpAddressLiteral(host);
}

httplib::Headers SecurityHeaders() {
    return {{"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
            {"X-Frame-Options", "DENY"}};
}

void InstallRoutes(httplib::Server& server, const RouteSettings& settings) {
    server.set_default_headers(SecurityHeaders());
    server.set_tcp_nodelay(true);  // answers go out at once, not after the client's delayed ACK
    server.set_payload_max_length(sync::kMaxBodyBytes);  // every route, not only sync's (413 beyond)
    if (settings.sync_service) InstallSyncRoutes(server, *settings.sync_service);

    server.set_pre_routing_handler(
        [web_root = settings.canonical_web_root, sync = settings.sync_service,
         hosts = settings.allowed_hosts](const httplib::Request& request, httplib::Response& response) {
            if (hosts && !hosts->Allows(request.get_header_value("Host"))) {
                RefuseHost(request, response);
                return httplib::Server::HandlerResponse::Handled;
            }
            if (RefuseUnboundedBody(request, response)) return httplib::Server::HandlerResponse::Handled;
            if (!IsReadMethod(request.method)) {
                if (RefuseOversizedBody(request, response)) return httplib::Server::HandlerResponse::Handled;
                if (sync && RefuseUnauthenticated(*sync, request, response)) {
                    CloseConnectionAfterResponse();  // the body was never read
                    response.set_header("Connection", "close");
                    return httplib::Server::HandlerResponse::Handled;
                }
                return httplib::Server::HandlerResponse::Unhandled;
            }
            if (sync && request.method == "GET" && request.path == "/api/v1/sync/events") {
                ServeSyncEvents(*sync, request, response);
            } else if (IsApiPath(request.path)) {
                ServeApiRequest(request, response);
            } else {
                ServeStaticFile(web_root, request, response);
            }
            return httplib::Server::HandlerResponse::Handled;
        });

    server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ExplainReadProblem(response);
        if (response.status == kNotFound && !IsReadMethod(request.method)) {
            AnswerUnroutedRequest(request, response);
        } else {
            FillErrorBody(request, response);
        }
        return httplib::Server::HandlerResponse::Handled;
    });

    // A handler bug must cost one request a 500, never the process.
    server.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
        response.status = kInternalServerError;
        FillErrorBody(request, response);
    });
}

}  // namespace roadbook::server
