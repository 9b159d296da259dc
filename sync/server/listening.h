// Opening the listening socket and the lines the server prints about it: the one line tests and scripts
// parse on start, and the explanation when the address cannot be used.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "httplib.h"

namespace roadbook::server {

// SO_REUSEADDR only. httplib's default adds SO_REUSEPORT, which on Linux lets a second server bind the
// same port and silently share the traffic, instead of failing with "address already in use".
void UseExclusivePortSocketOptions(httplib::Server& server);

// "http://127.0.0.1:8080/", with IPv6 addresses in brackets.
std::string ListeningUrl(std::string_view host, int port);

// "roadbook-server 0.1.0 listening on http://HOST:PORT/ (web root DIR, data DIR)"
std::string ListeningLine(std::string_view host, int port, const std::filesystem::path& web_root,
                          const std::filesystem::path& data_directory);

// "cannot listen on HOST:PORT: the address could not be resolved (...)" when getaddrinfo cannot turn `host` into
// an address, which httplib's bind reports only as failure; nothing when it can.
std::optional<std::string> CheckBindAddress(std::string_view host, int port);

// "cannot listen on 127.0.0.1:8080: the address is already in use (another server running? try --port N)",
// from the errno bind() left behind.
std::string DescribeListenError(std::string_view host, int port, int error_number);

}  // namespace roadbook::server
