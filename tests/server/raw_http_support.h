// Raw HTTP over a TCP socket, for request lines an HTTP client library would normalise or refuse to send
// ("GET /../secret.txt", "GET //etc/passwd", backslashes, percent-encoded dots).
#pragma once

#include <string>
#include <string_view>

namespace roadbook::testing {

struct RawResponse {
    int status = 0;    // 0 when the server closed the connection without a status line
    std::string text;  // everything the server sent: status line, headers and body
};

// Sends "<method> <target> HTTP/1.1" with Host and "Connection: close" to 127.0.0.1:port and reads until
// the server closes the connection. Throws std::runtime_error when it cannot connect.
RawResponse SendRawRequest(int port, std::string_view method, std::string_view target);

}  // namespace roadbook::testing
