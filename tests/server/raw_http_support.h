// Raw HTTP over a TCP socket, for request lines an HTTP client library would normalise or refuse to send
// ("GET /../secret.txt", "GET //etc/passwd", backslashes, percent-encoded dots).
#pragma once

#include <chrono>
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

// One TCP connection to 127.0.0.1:port driven byte by byte: half requests, stalls, trickles.
class RawConnection {
public:
    // From `source_address` (another loopback address such as 127.0.0.2 plays another client).
    explicit RawConnection(int port, const char* source_address = "127.0.0.1");  // throws when it cannot connect
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // False when the server has closed or reset the connection.
    bool Send(std::string_view bytes);
    // Everything received until the server closes the connection or `timeout` passes; closed() tells which.
    std::string ReceiveUntilClosed(std::chrono::milliseconds timeout);
    // Whatever arrives within `timeout`, at least one read's worth when anything comes.
    std::string ReceiveSome(std::chrono::milliseconds timeout);
    bool closed() const { return closed_; }
    void Close();

private:
    int descriptor_ = -1;
    bool closed_ = false;
};

// The status of the first status line in `text` (0 for none).
int StatusOf(std::string_view text);

}  // namespace roadbook::testing
