// The soak's loopback proxy: one thread per client connection, a fresh upstream connection per request,
// fates drawn from one seeded generator.
#include "loopback_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace roadbook::testing {
namespace {

constexpr int kPollSliceMs = 100;
constexpr int kUpstreamTimeoutMs = 20'000;

// Waits until `socket` is readable; false on timeout, error or when `stopping` is set.
bool WaitReadable(int socket, int timeout_ms, const std::atomic<bool>& stopping) {
    for (int waited = 0; waited < timeout_ms && !stopping; waited += kPollSliceMs) {
        pollfd entry{socket, POLLIN, 0};
        const int ready = poll(&entry, 1, kPollSliceMs);
        if (ready > 0) return true;
        if (ready < 0) return false;
    }
    return false;
}

size_t ContentLength(const std::string& head) {
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const size_t at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return size_t(std::stoull(lower.substr(at + 17, lower.find("\r\n", at + 2) - at - 17)));
}

// Reads one whole HTTP message (head and Content-Length body) from `socket` into `message`, keeping any
// bytes of the next one in `buffer`. False on end of stream, error, timeout or stop.
bool ReadMessage(int socket, std::string& buffer, std::string& message, int timeout_ms,
                 const std::atomic<bool>& stopping) {
    char chunk[16 * 1024];
    size_t head_end = std::string::npos;
    while (true) {
        if (head_end == std::string::npos) head_end = buffer.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            const size_t total = head_end + 4 + ContentLength(buffer.substr(0, head_end + 2));
            if (buffer.size() >= total) {
                message = buffer.substr(0, total);
                buffer.erase(0, total);
                return true;
            }
        }
        if (!WaitReadable(socket, timeout_ms, stopping)) return false;
        const ssize_t got = recv(socket, chunk, sizeof chunk, 0);
        if (got <= 0) return false;
        buffer.append(chunk, size_t(got));
    }
}

bool WriteAll(int socket, const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t wrote = send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (wrote <= 0) return false;
        sent += size_t(wrote);
    }
    return true;
}

int ConnectLoopback(int port) {
    const int socket_descriptor = socket(AF_INET, SOCK_STREAM, 0);
    if (socket_descriptor < 0) return -1;
    const int on = 1;
    setsockopt(socket_descriptor, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(socket_descriptor, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        close(socket_descriptor);
        return -1;
    }
    return socket_descriptor;
}

// Sends `request` to the server and reads its response; empty when the server is down or died mid-way.
std::string RoundTrip(int port, const std::string& request, const std::atomic<bool>& stopping) {
    const int upstream = ConnectLoopback(port);
    if (upstream < 0) return {};
    std::string buffer;
    std::string response;
    const bool answered = WriteAll(upstream, request) &&
                          ReadMessage(upstream, buffer, response, kUpstreamTimeoutMs, stopping);
    close(upstream);
    return answered ? response : std::string();
}

bool AsksToClose(const std::string& response) {
    std::string head = response.substr(0, response.find("\r\n\r\n"));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return head.find("\r\nconnection: close") != std::string::npos;
}

}  // namespace

LoopbackProxy::LoopbackProxy(int upstream_port, ProxyFaults faults, uint64_t seed)
    : upstream_port_(upstream_port), faults_(faults), random_(seed) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) throw std::runtime_error("proxy: socket failed");
    const int on = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener_, 64) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        close(listener_);
        throw std::runtime_error("proxy: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { AcceptLoop(); });
}

LoopbackProxy::~LoopbackProxy() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    acceptor_.join();
    close(listener_);
    std::vector<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        for (const int socket_descriptor : open_sockets_) shutdown(socket_descriptor, SHUT_RDWR);
        workers.swap(workers_);
    }
    for (Worker& worker : workers) worker.thread.join();
}

void LoopbackProxy::SetFaults(ProxyFaults faults) {
    std::lock_guard lock(mutex_);
    faults_ = faults;
}

ProxyCounters LoopbackProxy::counters() {
    std::lock_guard lock(mutex_);
    return counters_;
}

LoopbackProxy::Draw LoopbackProxy::NextDraw() {
    std::lock_guard lock(mutex_);
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    Draw draw;
    ++counters_.requests;
    if (chance(random_) < faults_.drop_request) {
        ++counters_.dropped_requests;
        draw.fate = Fate::kDropRequest;
        return draw;
    }
    if (chance(random_) < faults_.drop_response) {
        ++counters_.dropped_responses;
        draw.fate = Fate::kDropResponse;
    }
    if (faults_.longest_delay_ms > 0 && chance(random_) < faults_.delay) {
        ++counters_.delayed;
        draw.delay_ms = int(random_() % uint64_t(faults_.longest_delay_ms));
    }
    if (chance(random_) < faults_.duplicate_later) {
        ++counters_.duplicated;
        draw.duplicate_after_ms = int(random_() % 300);
    }
    return draw;
}

void LoopbackProxy::AcceptLoop() {
    while (!stopping_) {
        const int client = accept(listener_, nullptr, nullptr);
        if (client < 0) continue;  // woken by the shutdown, or a transient error
        const int on = 1;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        std::lock_guard lock(mutex_);
        open_sockets_.push_back(client);
        Spawn([this, client] { Serve(client); });
    }
}

void LoopbackProxy::SendLater(std::string request, int after_ms) {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    Spawn([this, request = std::move(request), after_ms] {
        std::this_thread::sleep_for(std::chrono::milliseconds(after_ms));
        if (!stopping_) (void)RoundTrip(upstream_port_, request, stopping_);
    });
}

void LoopbackProxy::Spawn(std::function<void()> work) {
    for (auto worker = workers_.begin(); worker != workers_.end();) {
        if (*worker->finished) {
            worker->thread.join();
            worker = workers_.erase(worker);
        } else {
            ++worker;
        }
    }
    auto finished = std::make_shared<std::atomic<bool>>(false);
    workers_.push_back({std::thread([work = std::move(work), finished] {
                            work();
                            *finished = true;
                        }),
                        finished});
}

void LoopbackProxy::Serve(int client) {
    std::string buffer;
    std::string request;
    // Idle keep-alive connections wait for their next request for as long as the soak runs.
    while (!stopping_ && ReadMessage(client, buffer, request, 24 * 3'600'000, stopping_)) {
        const Draw draw = NextDraw();
        if (draw.fate == Fate::kDropRequest) break;
        if (draw.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(draw.delay_ms));
        const std::string response = RoundTrip(upstream_port_, request, stopping_);
        if (draw.duplicate_after_ms >= 0) SendLater(request, draw.duplicate_after_ms);
        if (response.empty()) {
            std::lock_guard lock(mutex_);
            ++counters_.upstream_failures;
            break;
        }
        if (draw.fate == Fate::kDropResponse || !WriteAll(client, response) || AsksToClose(response)) break;
    }
    std::lock_guard lock(mutex_);
    open_sockets_.erase(std::remove(open_sockets_.begin(), open_sockets_.end(), client), open_sockets_.end());
    close(client);
}

}  // namespace roadbook::testing
