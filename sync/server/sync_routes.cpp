// HTTP glue for sign-in, push, pull and the event stream.
#include "sync/server/sync_routes.h"

#include <memory>

#include "sync/protocol.h"
#include "sync/server/api_routes.h"
#include "sync/server/credentials.h"

namespace roadbook::server {
namespace {

constexpr std::string_view kJsonType = "application/json";

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
template <typename Decode, typename Handle>
void Authorised(SyncService& service, const httplib::Request& request, httplib::Response& response, Decode decode,
                Handle handle) {
    auto principal = service.Authenticate(request.get_header_value("Authorization"), UnixMillisecondsNow());
    if (Failed(principal, response)) return;
    auto decoded = decode(request.body);
    if (!decoded) {
        RespondWithServiceError(response, BadRequest(decoded.errors()));
        return;
    }
    handle(std::get<Principal>(principal), decoded.value());
}

}  // namespace

void InstallSyncRoutes(httplib::Server& server, SyncService& service) {
    server.set_payload_max_length(sync::kMaxBodyBytes);

    server.Post("/api/v1/auth/login", [&service](const httplib::Request& request, httplib::Response& response) {
        auto decoded = sync::DecodeLoginRequest(request.body);
        if (!decoded) {
            RespondWithServiceError(response, BadRequest(decoded.errors()));
            return;
        }
        auto login = service.Login(decoded.value(), UnixMillisecondsNow());
        if (Failed(login, response)) return;
        RespondWithJson(response, sync::EncodeLoginResponse(std::get<sync::LoginResponse>(login)));
    });

    server.Post("/api/v1/auth/logout", [&service](const httplib::Request& request, httplib::Response& response) {
        auto principal = service.Authenticate(request.get_header_value("Authorization"), UnixMillisecondsNow());
        if (Failed(principal, response)) return;
        auto done = service.Logout(std::get<Principal>(principal));
        if (Failed(done, response)) return;
        RespondWithJson(response, R"({"schemaVersion":1,"signedOut":true})");
    });

    server.Post("/api/v1/sync/push", [&service](const httplib::Request& request, httplib::Response& response) {
        Authorised(service, request, response, sync::DecodePushRequest,
                   [&](const Principal& principal, const sync::PushRequest& push) {
                       auto result = service.Push(principal, push, UnixMillisecondsNow());
                       if (Failed(result, response)) return;
                       RespondWithJson(response, sync::EncodePushResponse(std::get<sync::PushResponse>(result)));
                   });
    });

    server.Post("/api/v1/sync/pull", [&service](const httplib::Request& request, httplib::Response& response) {
        Authorised(service, request, response, sync::DecodePullRequest,
                   [&](const Principal& principal, const sync::PullRequest& pull) {
                       auto result = service.Pull(principal, pull);
                       if (Failed(result, response)) return;
                       RespondWithJson(response, sync::EncodePullResponse(std::get<sync::PullResponse>(result)));
                   });
    });
}

void ServeSyncEvents(SyncService& service, const httplib::Request& request, httplib::Response& response) {
    auto principal = service.Authenticate(request.get_header_value("Authorization"), UnixMillisecondsNow());
    if (Failed(principal, response)) return;
    const std::string organisation = std::get<Principal>(principal).user.organisation_id;
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Accel-Buffering", "no");
    auto seen = std::make_shared<int64_t>(-1);
    response.set_chunked_content_provider(
        "text/event-stream", [&service, organisation, seen](size_t, httplib::DataSink& sink) {
            if (service.notifier().stopping()) return false;
            if (*seen < 0) {
                *seen = service.notifier().WaitBeyond(organisation, 0, 0);
                const std::string hello = "retry: 2000\nevent: ready\ndata: {}\n\n";
                return sink.write(hello.data(), hello.size());
            }
            const int64_t version = service.notifier().WaitBeyond(organisation, *seen, 15'000);
            std::string chunk;
            if (version > *seen) {
                *seen = version;
                chunk = "event: change\ndata: {\"version\":" + std::to_string(version) + "}\n\n";
            } else {
                chunk = ": still here\n\n";
            }
            if (!sink.is_writable()) return false;
            return sink.write(chunk.data(), chunk.size());
        });
}

}  // namespace roadbook::server
