// Connection-level protection for roadbook-server on top of httplib: at most N connections served at once
// (503 with Retry-After beyond, never a hang), a deadline on reading each request, and byte limits on the
// request head and body, which httplib leaves unbounded for header lines and chunked or length-less bodies.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "httplib.h"
#include "sync/protocol.h"

namespace roadbook::server {

struct ConnectionLimits {
    size_t max_connections = 64;                            // each event stream holds one for its life
    std::chrono::milliseconds read_timeout{10'000};          // one read that gets no byte at all
    std::chrono::milliseconds write_timeout{10'000};         // one write the client does not take
    std::chrono::milliseconds request_deadline{120'000};     // reading one whole request, head and body
    std::chrono::milliseconds head_deadline{10'000};         // reading the request line and headers
    size_t max_connections_per_address = 16;                 // a browser profile uses at most 6 to a server
    size_t max_head_bytes = 64 * 1024;                       // request line and headers together
    size_t max_body_bytes = sync::kMaxBodyBytes;
};

class ConnectionQueue;

// Why reading the request on this thread failed, for the error hook to answer with the right status.
enum class RequestProblem { kNone, kTimedOut, kHeadTooLarge, kBodyTooLarge };

class GuardedServer : public httplib::Server {
public:
    explicit GuardedServer(ConnectionLimits limits = {});

    // Serves one request read from `stream` (the fuzz target's in-memory stream) with the same guards as a
    // socket; returns false when no request could be read.
    bool ServeOneRequest(httplib::Stream& stream);

    const ConnectionLimits& limits() const { return limits_; }
    size_t connections_in_service() const { return in_service_.load(); }

private:
    bool process_and_close_socket(socket_t socket) override;
    bool ServeRequest(httplib::Stream& stream, const std::string& remote_address, int remote_port,
                      const std::string& local_address, int local_port, bool close_connection,
                      bool& connection_closed, bool& cut_short);
    void Refuse(socket_t socket, const std::string& message) const;
    // Counts a connection from `address`; false (and nothing counted) when the address is at its limit.
    bool EnterAddress(const std::string& address);
    void LeaveAddress(const std::string& address);

    ConnectionLimits limits_;
    std::atomic<size_t> in_service_{0};
    ConnectionQueue* queue_ = nullptr;  // owned by httplib; set when it makes the queue
    std::mutex addresses_mutex_;
    std::map<std::string, size_t, std::less<>> connections_by_address_;
};

// For the request being handled on this thread (no effect outside a GuardedServer).
RequestProblem CurrentRequestProblem();
// Ends the connection after this response: its unread body must never be read as the next request.
void CloseConnectionAfterResponse();
// True when the client of the request on this thread has closed its side (for long answers such as event
// streams, which otherwise notice only at their next write).
bool CurrentClientHungUp();

}  // namespace roadbook::server
