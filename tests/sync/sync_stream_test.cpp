// Event streams as an attacker and a careless client meet them, on each store: a stream ends soon after its
// sign-out or revocation, and one account cannot hold every stream the server has.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "raw_http_support.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

using namespace std::chrono_literals;

// Opens GET /api/v1/sync/events with `token` and returns the connection once the first bytes arrived.
std::unique_ptr<RawConnection> OpenStream(int port, const std::string& token, std::string& first_bytes) {
    auto connection = std::make_unique<RawConnection>(port);
    REQUIRE(connection->Send("GET /api/v1/sync/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                             "\r\n\r\n"));
    first_bytes = connection->ReceiveSome(3000ms);
    return connection;
}

server::SyncSettings QuickRecheck() {
    server::SyncSettings settings;
    settings.event_stream_recheck_ms = 200;
    return settings;
}

}  // namespace

TEST_CASE("an event stream ends soon after its device signs out") {
    Team team(QuickRecheck());
    const std::string token = SignInToken(team.server.url(), team.organisation.rep_a, team.organisation.password);
    std::string first;
    auto stream = OpenStream(team.server.port(), token, first);
    REQUIRE(StatusOf(first) == 200);
    REQUIRE(Post(team.server.url(), "/api/v1/auth/logout", "{}", token).status == 200);
    stream->ReceiveUntilClosed(5000ms);
    CHECK(stream->closed());
}

TEST_CASE("an event stream ends soon after an admin revokes the user's sign-ins") {
    Team team(QuickRecheck());
    const std::string token = SignInToken(team.server.url(), team.organisation.rep_b, team.organisation.password);
    std::string first;
    auto stream = OpenStream(team.server.port(), token, first);
    REQUIRE(StatusOf(first) == 200);
    REQUIRE(team.server.accounts().RevokeTokens(team.organisation.rep_b));
    const auto started = std::chrono::steady_clock::now();
    stream->ReceiveUntilClosed(5000ms);
    CHECK(stream->closed());
    CHECK(std::chrono::steady_clock::now() - started < 3s);
}

TEST_CASE("one account holds at most its share of event streams, and another account still gets one") {
    server::SyncSettings settings = QuickRecheck();
    settings.max_event_streams_per_user = 3;
    Team team(settings);
    const std::string token = SignInToken(team.server.url(), team.organisation.rep_a, team.organisation.password);
    std::vector<std::unique_ptr<RawConnection>> streams;
    for (int index = 0; index < 3; ++index) {
        std::string first;
        streams.push_back(OpenStream(team.server.port(), token, first));
        REQUIRE(StatusOf(first) == 200);
    }
    std::string refused;
    auto fourth = OpenStream(team.server.port(), token, refused);
    CHECK(StatusOf(refused) == 429);
    // The head and the body may come in two reads.
    if (refused.find("open event streams") == std::string::npos) refused += fourth->ReceiveSome(2000ms);
    CHECK(refused.find("open event streams") != std::string::npos);
    const std::string other = SignInToken(team.server.url(), team.organisation.rep_b, team.organisation.password);
    std::string first;
    auto another = OpenStream(team.server.port(), other, first);
    CHECK(StatusOf(first) == 200);
    // A closed stream gives its slot back within about a second.
    streams.front()->Close();
    bool reopened = false;
    for (int attempt = 0; attempt < 30 && !reopened; ++attempt) {
        std::this_thread::sleep_for(100ms);  // polls for the server to notice the close; the wait is the point
        std::string again;
        auto retry = OpenStream(team.server.port(), token, again);
        reopened = StatusOf(again) == 200;
    }
    CHECK(reopened);
}

}  // namespace roadbook::testing
