// roadbook-server against hostile or careless clients, in-process on 127.0.0.1 port 0 with short limits:
// security headers on every answer, clients that stall or trickle, oversized heads and bodies, bodies with
// no length, and more connections than the server serves at once.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "httplib.h"
#include "core/hybrid_logical_clock.h"
#include "raw_http_support.h"
#include "sync/protocol.h"
#include "sync/server/accounts.h"
#include "sync/server/connection_guard.h"
#include "sync/server/credentials.h"
#include "sync/server/directories.h"
#include "sync/server/routes.h"
#include "sync/server/sqlite_server_store.h"
#include "sync/server/sync_service.h"
#include "web_root_support.h"

namespace roadbook::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The guarded server with sync over a SQLite store in memory and one signed-in admin.
class GuardedTestServer {
public:
    explicit GuardedTestServer(server::ConnectionLimits limits) : http_(limits) {
        REQUIRE(server::InitialiseCredentials());
        auto opened = server::SqliteServerStore::Open(":memory:");
        REQUIRE(opened);
        store_ = std::move(opened).value();
        service_ = std::make_unique<server::SyncService>(*store_);
        server::Accounts accounts(*service_);
        REQUIRE(accounts.CreateOrganisation("Acme", "admin@acme.test", "Ada Admin", "correct horse battery"));
        auto login = service_->Login({"admin@acme.test", "correct horse battery"}, "127.0.0.1",
                                     server::UnixMillisecondsNow());
        REQUIRE(std::holds_alternative<sync::LoginResponse>(login));
        token_ = std::get<sync::LoginResponse>(login).token;
        auto web_root = server::CheckWebRoot(tree_.web_root());
        REQUIRE(std::holds_alternative<std::filesystem::path>(web_root));
        server::InstallRoutes(http_, {std::get<std::filesystem::path>(web_root), service_.get(),
                                      server::HostAllowList::For("127.0.0.1", {"crm.example.com"})});
        port_ = http_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { http_.listen_after_bind(); });
        http_.wait_until_ready();
    }
    ~GuardedTestServer() {
        service_->notifier().StopAll();
        http_.stop();
        thread_.join();
    }

    int port() const { return port_; }
    const std::string& token() const { return token_; }
    server::GuardedServer& http() { return http_; }

    httplib::Result Get(const std::string& path) const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(5);
        return client.Get(path);
    }

private:
    TemporaryWebRoot tree_;
    std::unique_ptr<server::SqliteServerStore> store_;
    std::unique_ptr<server::SyncService> service_;
    server::GuardedServer http_;
    std::thread thread_;
    std::string token_;
    int port_ = 0;
};

server::ConnectionLimits ShortLimits() {
    server::ConnectionLimits limits;
    limits.read_timeout = 1000ms;
    limits.write_timeout = 1000ms;
    limits.request_deadline = 3000ms;
    return limits;
}

std::string Header(const std::string& response, const std::string& name) {
    const std::string key = "\r\n" + name + ": ";
    const size_t at = response.find(key);
    if (at == std::string::npos) return {};
    const size_t start = at + key.size();
    return response.substr(start, response.find("\r\n", start) - start);
}

// The error code of a JSON error body in a raw response ("" when it is not one).
std::string ErrorCode(const std::string& response) {
    const size_t body = response.find("\r\n\r\n");
    if (body == std::string::npos) return {};
    const auto json = nlohmann::json::parse(response.substr(body + 4), nullptr, false);
    if (json.is_discarded() || !json.contains("error") || !json["error"].contains("hint")) return {};
    return json["error"].value("code", "");
}

// `count` connections from 127.0.0.1, each holding half a request, once the server is serving all of them.
std::vector<std::unique_ptr<RawConnection>> HoldConnections(GuardedTestServer& server, size_t count) {
    std::vector<std::unique_ptr<RawConnection>> holders;
    for (size_t index = 0; index < count; ++index) {
        holders.push_back(std::make_unique<RawConnection>(server.port()));
        REQUIRE(holders.back()->Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    }
    for (int wait = 0; wait < 100 && server.http().connections_in_service() < count; ++wait) {
        std::this_thread::sleep_for(10ms);  // polls the server's count; nothing to wait on instead
    }
    return holders;
}

bool HealthAnswers(const GuardedTestServer& server) {
    auto response = server.Get("/api/v1/health");
    return response && response->status == 200;
}

}  // namespace

TEST_CASE("every answer carries the content security policy and the other security headers", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    for (const char* path : {"/", "/index.html", "/app.js", "/missing.png", "/api/v1/health", "/api/v1/nothing"}) {
        INFO(path);
        auto response = server.Get(path);
        REQUIRE(response);
        const std::string policy = response->get_header_value("Content-Security-Policy");
        CHECK(policy.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
        CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
        CHECK(policy.find("object-src 'none'") != std::string::npos);
        CHECK(policy.find("unsafe-inline") == std::string::npos);
        CHECK(response->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(response->get_header_value("Referrer-Policy") == "no-referrer");
        CHECK(response->get_header_value("X-Frame-Options") == "DENY");
    }
}

TEST_CASE("a client that sends half a request and stalls is closed within the read timeout", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    RawConnection stalled(server.port());
    REQUIRE(stalled.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "));
    const auto started = Clock::now();
    // Others are served meanwhile.
    CHECK(HealthAnswers(server));
    stalled.ReceiveUntilClosed(4000ms);
    CHECK(stalled.closed());
    CHECK(Clock::now() - started < 2500ms);
    CHECK(HealthAnswers(server));
}

TEST_CASE("a client that trickles a request byte by byte is cut off at the request deadline with 408", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    RawConnection trickle(server.port());
    REQUIRE(trickle.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    const std::string request = "X-Slow: " + std::string(200, 'a');
    const auto started = Clock::now();
    std::string received;
    for (char byte : request) {
        if (!trickle.Send(std::string(1, byte))) break;
        received += trickle.ReceiveSome(250ms);  // each byte comes well within the read timeout
        if (trickle.closed() || Clock::now() - started > 8s) break;
    }
    received += trickle.ReceiveUntilClosed(2000ms);
    CHECK(trickle.closed());
    CHECK(Clock::now() - started < 6s);
    CHECK(StatusOf(received) == 408);
    CHECK(ErrorCode(received) == "request_timeout");
    CHECK(HealthAnswers(server));
}

TEST_CASE("oversized heads and bodies get 431 and 413 as JSON, and the server goes on", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    SECTION("many header lines past the head limit") {
        RawConnection connection(server.port());
        std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (int line = 0; line < 100; ++line) request += "X-Filler-" + std::to_string(line) + ": " + std::string(1000, 'x') + "\r\n";
        request += "\r\n";
        connection.Send(request);
        const std::string received = connection.ReceiveUntilClosed(4000ms);
        CHECK(StatusOf(received) == 431);
        CHECK(ErrorCode(received) == "headers_too_large");
    }
    SECTION("a declared body past 8 MiB") {
        RawConnection connection(server.port());
        connection.Send("POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() +
                        "\r\nContent-Length: " + std::to_string(sync::kMaxBodyBytes + 1) + "\r\n\r\n{");
        connection.Close();  // the server must not wait for the rest before answering the next client
        RawConnection second(server.port());
        second.Send("POST /api/v1/sync/pull HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                    std::to_string(sync::kMaxBodyBytes * 2) + "\r\nConnection: close\r\n\r\n");
        const std::string received = second.ReceiveUntilClosed(4000ms);
        CHECK(StatusOf(received) == 413);
        CHECK(ErrorCode(received) == "too_large");
    }
    SECTION("a chunked body is refused before it is read, and the connection closes") {
        RawConnection connection(server.port());
        connection.Send("POST /api/v1/sync/pull HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() +
                        "\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n");
        const std::string received = connection.ReceiveUntilClosed(4000ms);
        CHECK(connection.closed());
        CHECK(StatusOf(received) == 411);
        CHECK(ErrorCode(received) == "length_required");
        CHECK(Header(received, "Connection") == "close");
    }
    SECTION("a body without Content-Length is refused, not read until the connection ends") {
        RawConnection connection(server.port());
        connection.Send("POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() +
                        "\r\n\r\n{\"schemaVersion\":1");
        const auto started = Clock::now();
        const std::string received = connection.ReceiveUntilClosed(4000ms);
        CHECK(Clock::now() - started < 1000ms);
        CHECK(StatusOf(received) == 411);
        CHECK(ErrorCode(received) == "length_required");
    }
    SECTION("another method without a length gets its 405 at once, not a wait for a body") {
        RawConnection connection(server.port());
        connection.Send("DELETE /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const auto started = Clock::now();
        const std::string received = connection.ReceiveUntilClosed(4000ms);
        CHECK(Clock::now() - started < 1000ms);
        CHECK(StatusOf(received) == 405);
        CHECK(Header(received, "Allow") == "POST");
        CHECK(ErrorCode(received) == "method_not_allowed");
    }
    SECTION("a GET with a body is refused, so the body is never read as the next request") {
        RawConnection connection(server.port());
        const std::string smuggled = "GET /api/v1/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        connection.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                        std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
        const std::string received = connection.ReceiveUntilClosed(4000ms);
        CHECK(StatusOf(received) == 400);
        CHECK(received.find("HTTP/1.1", 8) == std::string::npos);  // one answer only
    }
    CHECK(HealthAnswers(server));
}

TEST_CASE("beyond --max-connections a client gets 503 with Retry-After at once, not a hang", "[server][hardening]") {
    server::ConnectionLimits limits = ShortLimits();
    limits.max_connections = 2;
    limits.read_timeout = 3000ms;
    GuardedTestServer server(limits);
    std::vector<std::unique_ptr<RawConnection>> holders = HoldConnections(server, 2);
    REQUIRE(server.http().connections_in_service() == 2);

    RawConnection refused(server.port());
    const auto started = Clock::now();
    refused.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const std::string received = refused.ReceiveUntilClosed(2000ms);
    CHECK(Clock::now() - started < 1000ms);
    CHECK(StatusOf(received) == 503);
    CHECK(ErrorCode(received) == "busy");
    CHECK(Header(received, "Retry-After") == "2");
    CHECK(Header(received, "Content-Security-Policy").find("'wasm-unsafe-eval'") != std::string::npos);

    holders.clear();  // the held connections end, and the server serves again
    for (int wait = 0; wait < 300 && server.http().connections_in_service() > 0; ++wait) std::this_thread::sleep_for(10ms);
    CHECK(HealthAnswers(server));
}

TEST_CASE("the event stream outlives the read timeout and still delivers changes", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    RawConnection events(server.port());
    REQUIRE(events.Send("GET /api/v1/sync/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() +
                        "\r\n\r\n"));
    std::string stream = events.ReceiveUntilClosed(2500ms);  // well past the 1 s read timeout
    CHECK_FALSE(events.closed());
    CHECK(StatusOf(stream) == 200);
    CHECK(stream.find("event: ready") != std::string::npos);

    sync::PushRequest push{"client-events-01", 0, {}};
    push.mutations.push_back({1, "account", "account-events-1", "name", "Initech", std::nullopt,
                              EncodeHybridTimestamp({server::UnixMillisecondsNow(), 0, "events"}), 1});
    httplib::Client client("127.0.0.1", server.port());
    auto pushed = client.Post("/api/v1/sync/push", {{"Authorization", "Bearer " + server.token()}},
                              sync::EncodePushRequest(push), "application/json");
    REQUIRE(pushed);
    REQUIRE(pushed->status == 200);
    stream += events.ReceiveUntilClosed(2000ms);
    CHECK(stream.find("event: change") != std::string::npos);
    CHECK_FALSE(events.closed());
}

TEST_CASE("a body larger than its route takes is refused at once, before any of it is read", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    for (const std::string path : {"/api/v1/auth/login", "/api/v1/sync/pull", "/api/v1/auth/logout"}) {
        INFO(path);
        RawConnection connection(server.port());
        connection.Send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() +
                        "\r\nContent-Length: " + std::to_string(sync::kMaxBodyBytes) + "\r\n\r\n[[[[");
        const auto started = Clock::now();
        const std::string received = connection.ReceiveUntilClosed(3000ms);
        CHECK(Clock::now() - started < 500ms);  // the read timeout is 1 s: nothing waited for the body
        CHECK(StatusOf(received) == 413);
        CHECK(connection.closed());
    }
    CHECK(HealthAnswers(server));
}

TEST_CASE("push, pull and sign-out without a valid token get 401 before their body is read", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    for (const std::string path : {"/api/v1/sync/push", "/api/v1/sync/pull", "/api/v1/auth/logout"}) {
        INFO(path);
        RawConnection connection(server.port());
        connection.Send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer not-a-token\r\n"
                        "Content-Length: 200\r\n\r\n{");
        const auto started = Clock::now();
        const std::string received = connection.ReceiveUntilClosed(3000ms);
        CHECK(Clock::now() - started < 500ms);
        CHECK(StatusOf(received) == 401);
        CHECK(Header(received, "WWW-Authenticate") == "Bearer");
    }
    RawConnection unknown(server.port());
    unknown.Send("POST /api/v1/anything HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000000\r\n\r\n{");
    const auto started = Clock::now();
    const std::string received = unknown.ReceiveUntilClosed(3000ms);
    CHECK(Clock::now() - started < 500ms);
    CHECK(StatusOf(received) == 404);
}

TEST_CASE("a Host the server does not answer to gets 421, against DNS rebinding", "[server][hardening]") {
    GuardedTestServer server(ShortLimits());
    const auto status_for_host = [&](const std::string& host) {
        RawConnection connection(server.port());
        connection.Send("GET /api/v1/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        return StatusOf(connection.ReceiveUntilClosed(3000ms));
    };
    CHECK(status_for_host("evil.example") == 421);
    CHECK(status_for_host("evil.example:" + std::to_string(server.port())) == 421);
    CHECK(status_for_host("10.0.0.7") == 421);  // bound to 127.0.0.1: no other address names it
    CHECK(status_for_host("127.0.0.1:" + std::to_string(server.port())) == 200);
    CHECK(status_for_host("LOCALHOST") == 200);
    CHECK(status_for_host("[::1]:" + std::to_string(server.port())) == 200);
    CHECK(status_for_host("crm.example.com") == 200);
    const server::HostAllowList everywhere = server::HostAllowList::For("0.0.0.0", {});
    CHECK(everywhere.Allows("192.168.1.20:8080"));
    CHECK(everywhere.Allows("[fe80::1]:8080"));
    CHECK_FALSE(everywhere.Allows("rebind.attacker.example"));
}

TEST_CASE("one client address cannot take every connection, and another address is still served", "[server][hardening]") {
    server::ConnectionLimits limits = ShortLimits();
    limits.max_connections = 8;
    limits.max_connections_per_address = 2;
    limits.read_timeout = 3000ms;
    GuardedTestServer server(limits);
    std::vector<std::unique_ptr<RawConnection>> holders = HoldConnections(server, 2);
    RawConnection third(server.port());
    third.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const std::string refused = third.ReceiveUntilClosed(2000ms);
    CHECK(StatusOf(refused) == 503);
    CHECK(refused.find("This address already holds 2 connections") != std::string::npos);
    RawConnection elsewhere(server.port(), "127.0.0.2");
    elsewhere.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(StatusOf(elsewhere.ReceiveUntilClosed(2000ms)) == 200);
}

TEST_CASE("a request head trickled past its deadline is cut off with 408", "[server][hardening]") {
    server::ConnectionLimits limits = ShortLimits();
    limits.head_deadline = 800ms;
    GuardedTestServer server(limits);
    RawConnection connection(server.port());
    connection.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const auto started = Clock::now();
    std::string received;
    for (int line = 0; line < 30 && !connection.closed() && received.empty(); ++line) {
        connection.Send("X-Slow-" + std::to_string(line) + ": 1\r\n");
        received = connection.ReceiveSome(100ms);  // the trickle's pace is the point of the test
    }
    received += connection.ReceiveUntilClosed(2000ms);
    CHECK(Clock::now() - started < 2000ms);
    CHECK(StatusOf(received) == 408);
}

}  // namespace roadbook::testing
