// HTTP glue for sign-in, push, pull and the event stream.
#include "sync/server/sync_routes.h"

#include <memory>
#include <optional>

#include "sync/protocol.h"
#include "sync/server/api_routes.h"
#include "sync/server/connection_guard.h"
#include "sync/server/credentials.h"

namespace roadbook::server {
namespace {

constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kLoginPath = "/api/v1/auth/login";
constexpr std::string_view kLogoutPath = "/api/v1/auth/logout";
constexpr std::string_view kPushPath = "/api/v1/sync/push";
constexpr std::string_view kPullPath = "/api/v1/sync/pull";
// A login body is an email (254 bytes), a password (1024) and the envelope; a pull body a client id and two
// numbers; a sign-out body is empty or "{}".
constexpr size_t kMaxLoginBodyBytes = 4096;
constexpr size_t kMaxPullBodyBytes = 1024;
constexpr size_t kMaxLogoutBodyBytes = 256;

// The principal RefuseUnauthenticated found for the request this thread is handling.
thread_local std::optional<Principal> authenticated_in_head;

void RespondWithServiceError(httplib::Response& response, const ServiceError& error) {
    response.status = error.status;
    response.set_header("Cache-Control", "no-store");
    if (error.status == 401) response.set_header("WWW-Authenticate", "Bearer");
    response.set_content(sync::EncodeErrorBody(error.body), std::string(kJsonType));
}

void RespondWithJson(httplib::Response& response, std::string body) {
    response.status = 200;
    response.set_header("Cache-Control", "no-store");
    response.set_content(std::move(body), std::string(kJsonType));
}

// A decoding failure as 400 (or 413 for a batch over the limit), listing every problem found.
ServiceError BadRequest(const std::vector<ValidationError>& errors) {
    std::string message;
    bool too_many = false;
    for (const ValidationError& error : errors) {
        if (!message.empty()) message += "; ";
        message += error.message;
        too_many = too_many || error.rule == "too-many";
        if (message.size() > 2000) break;
    }
    if (too_many) {
        return Failure(413, "too-large", message, "Send at most " + std::to_string(sync::kMaxMutationsPerPush) +
                                                            " mutations per push.");
    }
    return Failure(400, "bad-request", message, "Fix the request as described; see sync/PROTOCOL.md.");
}

template <typename Value>
bool Failed(const ServiceResult<Value>& result, httplib::Response& response) {
    if (const auto* error = std::get_if<ServiceError>(&result)) {
        RespondWithServiceError(response, *error);
        return true;
    }
    return false;
}

// Authenticates, decodes with `decode`, and answers with `handle`'s encoded result.
// The principal of this request: the one the head's check found, or (for a request served without that
// hook, as the fuzz target does) a fresh check of the token.
ServiceResult<Principal> TakePrincipal(SyncService& service, const httplib::Request& request) {
    if (authenticated_in_head) {
        Principal principal = std::move(*authenticated_in_head);
        authenticated_in_head.reset();
        return principal;
    }
    return service.Authenticate(request.get_header_value("Authorization"), UnixMillisecondsNow());
}

template <typename Decode, typename Handle>
void Authorised(SyncService& service, const httplib::Request& request, httplib::Response& response, Decode decode,
                Handle handle) {
    auto principal = TakePrincipal(service, request);
    if (Failed(principal, response)) return;
    auto decoded = decode(request.body);
    if (!decoded) {
        RespondWithServiceError(response, BadRequest(decoded.errors()));
        return;
    }
    handle(std::get<Principal>(principal), decoded.value());
}

}  // namespace

size_t PostBodyLimit(std::string_view path) {
    if (path == kLoginPath) return kMaxLoginBodyBytes;
    if (path == kLogoutPath) return kMaxLogoutBodyBytes;
    if (path == kPullPath) return kMaxPullBodyBytes;
    if (path == kPushPath) return sync::kMaxBodyBytes;
    return 0;
}

bool RefuseUnauthenticated(SyncService& service, const httplib::Request& request, httplib::Response& response) {
    authenticated_in_head.reset();
    if (request.path != kLogoutPath && request.path != kPushPath && request.path != kPullPath) return false;
    auto principal = service.Authenticate(request.get_header_value("Authorization"), UnixMillisecondsNow());
    if (Failed(principal, response)) return true;
    authenticated_in_head = std::move(std::get<Principal>(principal));
    return false;
}

void InstallSyncRoutes(httplib::Server& server, SyncService& service) {
    server.Post(std::string(kLoginPath), [&service](const httplib::Request& request, httplib::Response& response) {
        auto decoded = sync::DecodeLoginRequest(request.body);
        if (!decoded) {
            RespondWithServiceError(response, BadRequest(decoded.errors()));
            return;
        }
        auto login = service.Login(decoded.value(), request.remote_addr, UnixMillisecondsNow());
        if (Failed(login, response)) return;
        RespondWithJson(response, sync::EncodeLoginResponse(std::get<sync::LoginResponse>(login)));
    });

    server.Post(std::string(kLogoutPath), [&service](const httplib::Request& request, httplib::Response& response) {
        auto principal = TakePrincipal(service, request);
        if (Failed(principal, response)) return;
        auto done = service.Logout(std::get<Principal>(principal));
        if (Failed(done, response)) return;
        RespondWithJson(response, R"({"schemaVersion":1,"signedOut":true})");
    });

    server.Post(std::string(kPushPath), [&service](const httplib::Request& request, httplib::Response& response) {
        Authorised(service, request, response, sync::DecodePushRequest,
                   [&](const Principal& principal, const sync::PushRequest& push) {
                       auto result = service.Push(principal, push, UnixMillisecondsNow());
                       if (Failed(result, response)) return;
                       RespondWithJson(response, sync::EncodePushResponse(std::get<sync::PushResponse>(result)));
                   });
    });

    server.Post(std::string(kPullPath), [&service](const httplib::Request& request, httplib::Response& response) {
        Authorised(service, request, response, sync::DecodePullRequest,
                   [&](const Principal& principal, const sync::PullRequest& pull) {
                       auto result = service.Pull(principal, pull);
                       if (Failed(result, response)) return;
                       RespondWithJson(response, sync::EncodePullResponse(std::get<sync::PullResponse>(result)));
                   });
    });
}

void ServeSyncEvents(SyncService& service, const httplib::Request& request, httplib::Response& response) {
    const std::string authorization = request.get_header_value("Authorization");
    auto principal = service.Authenticate(authorization, UnixMillisecondsNow());
    if (Failed(principal, response)) return;
    const StoredUser& user = std::get<Principal>(principal).user;
    if (!service.OpenEventStream(user.id)) {
        RespondWithServiceError(response, Failure(429, "too-many-streams",
                                                  "This account already has " +
                                                      std::to_string(service.settings().max_event_streams_per_user) +
                                                      " open event streams",
                                                  "Close other Roadbook tabs or devices, or wait a minute."));
        return;
    }
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Accel-Buffering", "no");
    struct StreamState {
        int64_t seen = -1;
        int64_t started_ms = 0;
        int64_t checked_ms = 0;
        int64_t quiet_since_ms = 0;
    };
    auto state = std::make_shared<StreamState>();
    state->started_ms = state->checked_ms = state->quiet_since_ms = UnixMillisecondsNow();
    const std::string organisation = user.organisation_id;
    response.set_chunked_content_provider(
        "text/event-stream",
        [&service, organisation, authorization, state](size_t, httplib::DataSink& sink) {
            const SyncSettings& settings = service.settings();
            if (state->seen < 0) {
                state->seen = service.notifier().WaitBeyond(organisation, 0, 0);
                const std::string hello = "retry: 2000\nevent: ready\ndata: {}\n\n";
                return sink.write(hello.data(), hello.size());
            }
            // Wakes every second to notice a client that left, a token that ended and the lifetime's end.
            const int64_t version = service.notifier().WaitBeyond(organisation, state->seen, 1'000);
            if (service.notifier().stopping() || CurrentClientHungUp() || !sink.is_writable()) return false;
            const int64_t now = UnixMillisecondsNow();
            if (now - state->started_ms > settings.event_stream_lifetime_ms) return false;
            if (now - state->checked_ms >= settings.event_stream_recheck_ms) {
                state->checked_ms = now;
                // Signed out, revoked or deactivated: the stream ends (a storage blip does not end it).
                auto still = service.Authenticate(authorization, now);
                if (const auto* error = std::get_if<ServiceError>(&still); error && error->status == 401) return false;
            }
            std::string chunk;
            if (version > state->seen) {
                state->seen = version;
                chunk = "event: change\ndata: {\"version\":" + std::to_string(version) + "}\n\n";
            } else if (now - state->quiet_since_ms >= 15'000) {
                chunk = ": still here\n\n";  // so proxies keep the stream open
            } else {
                return true;
            }
            state->quiet_since_ms = now;
            return sink.write(chunk.data(), chunk.size());
        },
        [&service, user_id = user.id](bool) { service.CloseEventStream(user_id); });
}

}  // namespace roadbook::server
