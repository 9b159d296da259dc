// Listening socket options and messages.
#include "sync/server/listening.h"

#include <cerrno>
#include <netdb.h>
#include <sys/socket.h>

#include <system_error>

#include "sync/server/version.h"

namespace roadbook::server {
namespace {

std::string HostAndPort(std::string_view host, int port) {
    bool is_ipv6 = host.find(':') != std::string_view::npos;
    std::string shown_host = is_ipv6 ? "[" + std::string(host) + "]" : std::string(host);
    return shown_host + ":" + std::to_string(port);
}

}  // namespace

void UseExclusivePortSocketOptions(httplib::Server& server) {
    server.set_socket_options([](socket_t descriptor) {
        // Still allows a restart while old connections sit in TIME_WAIT.
        int enable = 1;
        ::setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof enable);
    });
}

std::string ListeningUrl(std::string_view host, int port) { return "http://" + HostAndPort(host, port) + "/"; }

std::string ListeningLine(std::string_view host, int port, const std::filesystem::path& web_root,
                          const std::filesystem::path& data_directory) {
    return std::string(kServerName) + " " + std::string(kServerVersion) + " listening on " + ListeningUrl(host, port) +
           " (web root " + web_root.string() + ", data " + data_directory.string() + ")";
}

std::optional<std::string> CheckBindAddress(std::string_view host, int port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* addresses = nullptr;
    std::string host_text(host);
    int status = ::getaddrinfo(host_text.c_str(), std::to_string(port).c_str(), &hints, &addresses);
    if (status != 0) {
        return "cannot listen on " + HostAndPort(host, port) + ": the address could not be resolved (" +
               ::gai_strerror(status) + "; pass --bind with an IP address such as 127.0.0.1)";
    }
    ::freeaddrinfo(addresses);
    return std::nullopt;
}

std::string DescribeListenError(std::string_view host, int port, int error_number) {
    std::string reason;
    switch (error_number) {
    case EADDRINUSE:
        reason = "the address is already in use (another server running? try --port N)";
        break;
    case EACCES:
        reason = "permission denied (ports below 1024 need privileges; try --port N with N >= 1024)";
        break;
    case EADDRNOTAVAIL:
        reason = "the address does not belong to this machine (try --bind 127.0.0.1 or --bind 0.0.0.0)";
        break;
    default:
        reason = std::generic_category().message(error_number);
        break;
    }
    return "cannot listen on " + HostAndPort(host, port) + ": " + reason;
}

}  // namespace roadbook::server
