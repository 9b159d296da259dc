// Sends the sync engine's requests with cpp-httplib, blocking: the native transport for tests, benchmarks
// and tools (the browser sends the same requests with fetch).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "sync/client_engine.h"

namespace httplib {
class Client;
}

namespace roadbook::platform {

class HttpSyncTransport {
public:
    explicit HttpSyncTransport(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpSyncTransport();
    HttpSyncTransport(const HttpSyncTransport&) = delete;
    HttpSyncTransport& operator=(const HttpSyncTransport&) = delete;

    // Status 0 when no answer came (refused, reset, timed out).
    sync::HttpReply Send(const sync::OutgoingRequest& request);

private:
    std::chrono::milliseconds timeout_;
    std::map<std::string, std::unique_ptr<httplib::Client>> clients_;  // one keep-alive client per server
};

}  // namespace roadbook::platform
