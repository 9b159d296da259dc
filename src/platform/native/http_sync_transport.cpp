// cpp-httplib transport for the sync engine.
#include "platform/native/http_sync_transport.h"

#include "httplib.h"

namespace roadbook::platform {

HttpSyncTransport::HttpSyncTransport(std::chrono::milliseconds timeout) : timeout_(timeout) {}
HttpSyncTransport::~HttpSyncTransport() = default;

sync::HttpReply HttpSyncTransport::Send(const sync::OutgoingRequest& request) {
    std::unique_ptr<httplib::Client>& client = clients_[request.base_url];
    if (!client) {
        client = std::make_unique<httplib::Client>(request.base_url);
        client->set_keep_alive(true);
        client->set_tcp_nodelay(true);  // small requests must not wait for delayed ACKs
        client->set_connection_timeout(timeout_);
        client->set_read_timeout(timeout_);
        client->set_write_timeout(timeout_);
    }
    httplib::Headers headers;
    if (!request.token.empty()) headers.emplace("Authorization", "Bearer " + request.token);
    httplib::Result result = client->Post(request.path, headers, request.body, "application/json");
    if (!result) {
        client.reset();  // a broken connection is not reused
        return sync::HttpReply{0, {}};
    }
    return sync::HttpReply{result->status, result->body};
}

}  // namespace roadbook::platform
