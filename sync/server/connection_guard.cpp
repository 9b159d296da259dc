// The guarded server: a task queue that never lets a connection wait for a worker, a stream wrapper that
// enforces the request deadline and byte budgets, and the short 503 answer for connections beyond the limit.
#include "sync/server/connection_guard.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "sync/server/api_routes.h"
#include "sync/server/routes.h"

namespace roadbook::server {
namespace {

using Clock = std::chrono::steady_clock;

// Threads that only answer 503; a few suffice because each answer takes milliseconds.
constexpr size_t kRefusingThreads = 2;
constexpr size_t kMostQueuedRefusals = 256;  // beyond this a flood is simply closed
constexpr auto kRefusalReadWait = std::chrono::milliseconds(200);

struct ConnectionState {
    socket_t socket = INVALID_SOCKET;
    Clock::time_point deadline = Clock::time_point::max();
    Clock::time_point head_deadline = Clock::time_point::max();
    size_t bytes_read = 0;
    bool head_read = false;
    bool close_after_response = false;
    RequestProblem problem = RequestProblem::kNone;
};

thread_local ConnectionState* current_connection = nullptr;
thread_local bool refusing = false;

// Every read of a request goes through here: past the deadline or the budget, reading fails as if the client
// had gone, and the problem is kept so the error hook can say what happened.
class GuardedStream final : public httplib::Stream {
public:
    GuardedStream(httplib::Stream& inner, ConnectionState& state, const ConnectionLimits& limits)
        : inner_(inner), state_(state), limits_(limits) {}

    bool is_readable() const override { return inner_.is_readable(); }
    bool is_writable() const override { return inner_.is_writable(); }
    ssize_t read(char* pointer, size_t size) override {
        if (state_.close_after_response) return -1;
        const auto now = Clock::now();
        if (now > state_.deadline || (!state_.head_read && now > state_.head_deadline)) {
            state_.problem = RequestProblem::kTimedOut;
            return -1;
        }
        const size_t budget = limits_.max_head_bytes + (state_.head_read ? limits_.max_body_bytes : 0);
        if (state_.bytes_read >= budget) {
            state_.problem = state_.head_read ? RequestProblem::kBodyTooLarge : RequestProblem::kHeadTooLarge;
            return -1;
        }
        const ssize_t count = inner_.read(pointer, std::min(size, budget - state_.bytes_read));
        if (count > 0) state_.bytes_read += static_cast<size_t>(count);
        // Nothing came within the read timeout: the connection ends after the answer, not in keep-alive.
        if (count < 0) state_.problem = RequestProblem::kTimedOut;
        return count;
    }
    ssize_t write(const char* pointer, size_t size) override { return inner_.write(pointer, size); }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { inner_.get_remote_ip_and_port(ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { inner_.get_local_ip_and_port(ip, port); }
    socket_t socket() const override { return inner_.socket(); }

private:
    httplib::Stream& inner_;
    ConnectionState& state_;
    const ConnectionLimits& limits_;
};

void SetSocketTimeouts(socket_t socket, std::chrono::milliseconds timeout) {
    timeval value{};
    value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &value, sizeof value);
    ::setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &value, sizeof value);
}

// Closing with unread request bytes makes the kernel reset the connection, which can destroy the answer
// before the client reads it: stop sending, then take (and drop) what the client still sends, briefly.
void LingerBeforeClosing(socket_t socket) {
    ::shutdown(socket, SHUT_WR);
    SetSocketTimeouts(socket, kRefusalReadWait);
    const auto until = Clock::now() + kRefusalReadWait * 2;
    char buffer[4096];
    while (Clock::now() < until && ::recv(socket, buffer, sizeof buffer, 0) > 0) {
    }
}

}  // namespace

// Hands each connection a worker of its own at once, or, at the limit, to a refusing thread: a queue in
// front of busy workers would leave clients hanging with no answer.
class ConnectionQueue final : public httplib::TaskQueue {
public:
    ConnectionQueue(std::atomic<size_t>& in_service, size_t max_connections)
        : in_service_(in_service), max_connections_(max_connections), workers_(max_connections),
          refusers_(kRefusingThreads, kMostQueuedRefusals) {}

    bool enqueue(std::function<void()> task) override {
        if (in_service_.fetch_add(1) >= max_connections_) {
            in_service_.fetch_sub(1);
            return refusers_.enqueue([task = std::move(task)] {
                refusing = true;
                task();
                refusing = false;
            });
        }
        return workers_.enqueue([this, task = std::move(task)] {
            task();
            in_service_.fetch_sub(1);
        });
    }
    void shutdown() override {
        workers_.shutdown();
        refusers_.shutdown();
    }
    // Moves a refusal off a worker, so refusing a client over its address's limit never holds a worker.
    bool EnqueueRefusal(std::function<void()> task) { return refusers_.enqueue(std::move(task)); }

private:
    std::atomic<size_t>& in_service_;
    size_t max_connections_;
    httplib::ThreadPool workers_;
    httplib::ThreadPool refusers_;
};

RequestProblem CurrentRequestProblem() {
    return current_connection ? current_connection->problem : RequestProblem::kNone;
}

void CloseConnectionAfterResponse() {
    if (current_connection) current_connection->close_after_response = true;
}

bool CurrentClientHungUp() {
    if (!current_connection || current_connection->socket == INVALID_SOCKET) return false;
    char byte = 0;
    const ssize_t count = ::recv(current_connection->socket, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

GuardedServer::GuardedServer(ConnectionLimits limits) : limits_(limits) {
    const auto seconds_and_microseconds = [](std::chrono::milliseconds duration) {
        return std::pair<time_t, time_t>(duration.count() / 1000, (duration.count() % 1000) * 1000);
    };
    auto [read_seconds, read_microseconds] = seconds_and_microseconds(limits_.read_timeout);
    auto [write_seconds, write_microseconds] = seconds_and_microseconds(limits_.write_timeout);
    set_read_timeout(read_seconds, read_microseconds);
    set_write_timeout(write_seconds, write_microseconds);
    set_payload_max_length(limits_.max_body_bytes);
    new_task_queue = [this] {
        auto* queue = new ConnectionQueue(in_service_, limits_.max_connections);
        queue_ = queue;
        return queue;
    };
}

bool GuardedServer::ServeRequest(httplib::Stream& stream, const std::string& remote_address, int remote_port,
                                 const std::string& local_address, int local_port, bool close_connection,
                                 bool& connection_closed, bool& cut_short) {
    ConnectionState state;
    state.socket = stream.socket();
    state.deadline = Clock::now() + limits_.request_deadline;
    state.head_deadline = Clock::now() + limits_.head_deadline;
    ConnectionState* outer = current_connection;
    current_connection = &state;
    GuardedStream guarded(stream, state, limits_);
    const bool served = process_request(guarded, remote_address, remote_port, local_address, local_port,
                                        close_connection, connection_closed,
                                        [&state](httplib::Request&) { state.head_read = true; });
    if (state.close_after_response || state.problem != RequestProblem::kNone) {
        connection_closed = true;
        cut_short = true;
    }
    current_connection = outer;
    return served;
}

bool GuardedServer::ServeOneRequest(httplib::Stream& stream) {
    bool connection_closed = false;
    bool cut_short = false;
    return ServeRequest(stream, "", 0, "", 0, true, connection_closed, cut_short);
}

// httplib's own version with the guarded stream in between, and the refusal for connections over the limit.
bool GuardedServer::process_and_close_socket(socket_t socket) {
    const auto close = [socket] {
        httplib::detail::shutdown_socket(socket);
        httplib::detail::close_socket(socket);
    };
    if (refusing) {
        Refuse(socket, "The server is serving its maximum of " + std::to_string(limits_.max_connections) +
                           " connections");
        close();
        return false;
    }
    std::string remote_address;
    int remote_port = 0;
    httplib::detail::get_remote_ip_and_port(socket, remote_address, remote_port);
    if (!EnterAddress(remote_address)) {
        const std::string message = "This address already holds " +
                                    std::to_string(limits_.max_connections_per_address) + " connections to the server";
        const bool handed_over = queue_ && queue_->EnqueueRefusal([this, socket, message] {
            Refuse(socket, message);
            httplib::detail::shutdown_socket(socket);
            httplib::detail::close_socket(socket);
        });
        if (!handed_over) close();  // the refusing threads are flooded: just close
        return false;
    }
    std::string local_address;
    int local_port = 0;
    httplib::detail::get_local_ip_and_port(socket, local_address, local_port);
    bool cut_short = false;
    const bool served = httplib::detail::process_server_socket(
        svr_sock_, socket, keep_alive_max_count_, keep_alive_timeout_sec_, read_timeout_sec_, read_timeout_usec_,
        write_timeout_sec_, write_timeout_usec_,
        [&](httplib::Stream& stream, bool close_connection, bool& connection_closed) {
            return ServeRequest(stream, remote_address, remote_port, local_address, local_port, close_connection,
                                connection_closed, cut_short);
        });
    if (cut_short) LingerBeforeClosing(socket);
    close();
    LeaveAddress(remote_address);
    return served;
}

bool GuardedServer::EnterAddress(const std::string& address) {
    std::lock_guard lock(addresses_mutex_);
    size_t& count = connections_by_address_[address];
    if (count >= limits_.max_connections_per_address) {
        if (count == 0) connections_by_address_.erase(address);
        return false;
    }
    ++count;
    return true;
}

void GuardedServer::LeaveAddress(const std::string& address) {
    std::lock_guard lock(addresses_mutex_);
    auto found = connections_by_address_.find(address);
    if (found != connections_by_address_.end() && --found->second == 0) connections_by_address_.erase(found);
}

// Reads what the client sent first (closing on unread data would reset the connection and lose the answer),
// answers 503, and drains briefly so the answer arrives.
void GuardedServer::Refuse(socket_t socket, const std::string& message) const {
    SetSocketTimeouts(socket, kRefusalReadWait);
    std::string received;
    char buffer[4096];
    // One deadline for the whole read: a client trickling its head must not hold the refusing thread.
    const auto until = Clock::now() + kRefusalReadWait;
    while (received.size() < limits_.max_head_bytes && received.find("\r\n\r\n") == std::string::npos &&
           Clock::now() < until) {
        const ssize_t count = ::recv(socket, buffer, sizeof buffer, 0);
        if (count <= 0) break;
        received.append(buffer, static_cast<size_t>(count));
    }
    const std::string body =
        ErrorJson("busy", message, "Retry in a few seconds; the server's --max-connections sets the limit.");
    std::string response = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                            "Cache-Control: no-store\r\nRetry-After: 2\r\nConnection: close\r\n";
    for (const auto& [name, value] : SecurityHeaders()) response += name + ": " + value + "\r\n";
    response += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    size_t sent = 0;
    while (sent < response.size()) {
        const ssize_t count = ::send(socket, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
        if (count <= 0) return;
        sent += static_cast<size_t>(count);
    }
    LingerBeforeClosing(socket);
}

}  // namespace roadbook::server
