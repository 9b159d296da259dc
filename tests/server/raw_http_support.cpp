// A minimal blocking HTTP/1.1 exchange over a socket with send and receive timeouts, so a misbehaving
// server fails the test instead of hanging it.
#include "raw_http_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <poll.h>

#include <charconv>
#include <stdexcept>

namespace roadbook::testing {
namespace {

class Socket {
public:
    Socket() : descriptor_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        if (descriptor_ < 0) throw std::runtime_error("socket() failed");
    }
    ~Socket() { ::close(descriptor_); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int descriptor() const { return descriptor_; }

private:
    int descriptor_;
};

int ParseStatus(std::string_view text) {
    // "HTTP/1.1 404 Not Found"
    if (!text.starts_with("HTTP/1.") || text.size() < 12) return 0;
    int status = 0;
    std::from_chars(text.data() + 9, text.data() + 12, status);
    return status;
}

}  // namespace

RawResponse SendRawRequest(int port, std::string_view method, std::string_view target) {
    Socket socket;
    timeval timeout{5, 0};
    ::setsockopt(socket.descriptor(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(socket.descriptor(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);

    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket.descriptor(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }

    std::string request =
        std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    // MSG_NOSIGNAL: a server that hangs up early must fail an assertion, not kill the test run with SIGPIPE.
    if (::send(socket.descriptor(), request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
        throw std::runtime_error("cannot send the request to 127.0.0.1:" + std::to_string(port));
    }

    RawResponse response;
    char chunk[4096];
    while (true) {
        ssize_t count = ::recv(socket.descriptor(), chunk, sizeof chunk, 0);
        if (count <= 0) break;
        response.text.append(chunk, static_cast<size_t>(count));
    }
    response.status = ParseStatus(response.text);
    return response;
}

int StatusOf(std::string_view text) { return ParseStatus(text); }

RawConnection::RawConnection(int port, const char* source_address)
    : descriptor_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    if (descriptor_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source_address, &source.sin_addr) != 1 ||
        ::bind(descriptor_, reinterpret_cast<const sockaddr*>(&source), sizeof source) != 0) {
        ::close(descriptor_);
        throw std::runtime_error(std::string("cannot bind to ") + source_address);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(descriptor_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(descriptor_);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
}

RawConnection::~RawConnection() { Close(); }

void RawConnection::Close() {
    if (descriptor_ >= 0) ::close(descriptor_);
    descriptor_ = -1;
}

bool RawConnection::Send(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t count = ::send(descriptor_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (count <= 0) return false;
        bytes.remove_prefix(static_cast<size_t>(count));
    }
    return true;
}

std::string RawConnection::ReceiveUntilClosed(std::chrono::milliseconds timeout) {
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd descriptor{descriptor_, POLLIN, 0};
        if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) break;
        char chunk[4096];
        const ssize_t count = ::recv(descriptor_, chunk, sizeof chunk, 0);
        if (count <= 0) {
            closed_ = true;
            break;
        }
        received.append(chunk, static_cast<size_t>(count));
    }
    return received;
}

std::string RawConnection::ReceiveSome(std::chrono::milliseconds timeout) {
    pollfd descriptor{descriptor_, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) <= 0) return {};
    char chunk[4096];
    const ssize_t count = ::recv(descriptor_, chunk, sizeof chunk, 0);
    if (count <= 0) {
        closed_ = true;
        return {};
    }
    return std::string(chunk, static_cast<size_t>(count));
}

}  // namespace roadbook::testing
