// A bounded attack on the real roadbook-server binary, as the outside review ran it: oversized and deeply
// nested sign-ins, sign-ins with spelling variants, slow sockets trickling headers and a rep's many event
// streams, each from its own loopback address, for a few seconds. Meanwhile a well-behaved device on
// 127.0.0.1 asks for health and pulls: its answers must keep coming quickly, and the server's memory must
// stay under a stated bound (its peak is printed, for the closing notes and sync/server/README.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "httplib.h"
#include "raw_http_support.h"
#include "server_process_support.h"
#include "sync/protocol.h"
#include "web_root_support.h"

namespace roadbook::testing {
namespace {

using Clock = std::chrono::steady_clock;

const std::string kServerBinary = ROADBOOK_SERVER_BINARY;
// Two password checks of 64 MiB at once and the server's own 15 MiB: a guarded server peaked at 145 MiB here,
// an unguarded one at 246 MiB (1.5 GB in the review, with larger bodies). The review's ceiling was 300 MB.
constexpr long kMemoryBoundKib = 200 * 1024;
constexpr auto kAttackLength = std::chrono::seconds(6);

// A /proc/<pid>/status field in KiB ("VmRSS", "VmHWM").
long StatusKib(pid_t pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    }
    return 0;
}

std::string SignInBody(const std::string& email, const std::string& password) {
    return sync::EncodeLoginRequest({email, password});
}

std::string Post(const std::string& path, const std::string& body, const std::string& extra_headers = "") {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "Content-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// Sends `request` from `source` and reads the answer; swallows refusals, which are the point.
void Fire(int port, const char* source, const std::string& request) {
    try {
        RawConnection connection(port, source);
        connection.Send(request);
        connection.ReceiveUntilClosed(std::chrono::milliseconds(3000));
    } catch (const std::exception&) {
    }
}

}  // namespace

TEST_CASE("under a bounded attack the server keeps answering a well-behaved device and stays within its memory",
          "[server][attack]") {
    TemporaryWebRoot tree;
    const std::string data = tree.data_directory().string();
    // Two accounts: the victim the attack signs in as, and the device that must keep working.
    ServerProcess make(kServerBinary, {"admin", "create-organisation", "--name", "Acme", "--admin-email",
                                       "admin@acme.test", "--admin-name", "Ada", "--password", "correct horse battery",
                                       "--data-dir", data});
    REQUIRE(make.WaitForExit(20000ms) == 0);
    ServerProcess add(kServerBinary, {"admin", "add-user", "--organisation", "Acme", "--email", "rep@acme.test", "--name",
                                      "Ravi", "--role", "rep", "--team", "East", "--password", "correct horse battery",
                                      "--data-dir", data});
    REQUIRE(add.WaitForExit(20000ms) == 0);
    ServerProcess server(kServerBinary, {"--port", "0", "--web-root", tree.web_root().string(), "--data-dir", data});
    const std::optional<int> listening = server.WaitUntilListening();
    REQUIRE(listening);
    const int port = *listening;

    httplib::Client device("127.0.0.1", port);
    device.set_read_timeout(5);
    auto signed_in = device.Post("/api/v1/auth/login", SignInBody("rep@acme.test", "correct horse battery"),
                                 "application/json");
    REQUIRE(signed_in);
    REQUIRE(signed_in->status == 200);
    const std::string token = sync::DecodeLoginResponse(signed_in->body).value().token;
    const long resting_kib = StatusKib(server.pid(), "VmRSS");

    std::atomic<bool> attacking{true};
    std::vector<std::thread> attackers;
    const std::string deep = R"({"email":)" + std::string(4000, '[') + "}";
    const std::string nested_8_mib = std::string(sync::kMaxBodyBytes - 1, '[') + "]";
    // Four at once sending 8 MiB of nested arrays (as the review's four, which took the server to 1.5 GB), two
    // sending small bodies nested 4000 deep or with 600 unknown keys, and six guessing the admin's password
    // under spellings of the email (each guess an Argon2id check of 64 MiB).
    for (int thread = 0; thread < 4; ++thread) {
        attackers.emplace_back([&, thread] {
            while (attacking) {
                Fire(port, thread % 2 ? "127.0.0.2" : "127.0.0.3", Post("/api/v1/auth/login", nested_8_mib));
                // The attack shares this machine's two cores: without a pause its own copying of 8 MiB, not
                // the server, would set the device's latency.
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
    }
    for (int thread = 0; thread < 2; ++thread) {
        attackers.emplace_back([&] {
            std::string keys = "{";
            for (int key = 0; key < 600; ++key) keys += "\"k" + std::to_string(key) + "\":0,";
            keys += "\"x\":0}";
            while (attacking) {
                Fire(port, "127.0.0.4", Post("/api/v1/auth/login", deep));
                Fire(port, "127.0.0.4", Post("/api/v1/sync/pull", keys, "Authorization: Bearer " + token + "\r\n"));
            }
        });
    }
    for (int thread = 0; thread < 6; ++thread) {
        attackers.emplace_back([&, thread] {
            const char* source = thread % 2 ? "127.0.0.5" : "127.0.0.8";
            int attempt = 0;
            while (attacking) {
                const std::string variant = (attempt % 2 ? " ADMIN@acme.test" : "Admin@ACME.test ");
                Fire(port, source, Post("/api/v1/auth/login", SignInBody(variant, "guess " + std::to_string(attempt++))));
            }
        });
    }
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int index = 0; index < 40; ++index) {
        try {
            slow.push_back(std::make_unique<RawConnection>(port, "127.0.0.6"));
            slow.back()->Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        } catch (const std::exception&) {
        }
    }
    std::vector<std::unique_ptr<RawConnection>> streams;
    for (int index = 0; index < 10; ++index) {
        try {
            streams.push_back(std::make_unique<RawConnection>(port, "127.0.0.7"));
            streams.back()->Send("GET /api/v1/sync/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                                 "\r\n\r\n");
        } catch (const std::exception&) {
        }
    }

    std::vector<double> latencies_ms;
    int failures = 0;
    std::string failure_kinds;
    long peak_kib = 0;
    const std::string pull = R"({"schemaVersion":1,"clientId":"client-good-0001","cursor":0})";
    const auto until = Clock::now() + kAttackLength;
    for (int request = 0; Clock::now() < until; ++request) {
        const auto started = Clock::now();
        auto answer = request % 2 ? device.Get("/api/v1/health")
                                  : device.Post("/api/v1/sync/pull", {{"Authorization", "Bearer " + token}}, pull,
                                                "application/json");
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        if (!answer || answer->status != 200) {
            ++failures;
            failure_kinds += (answer ? std::to_string(answer->status) + " " + answer->body.substr(0, 120)
                                     : httplib::to_string(answer.error())) + "; ";
        }
        for (auto& connection : slow) {
            if (connection && !connection->closed()) connection->Send("X-Slow: 1\r\n");  // trickles a header line
        }
        peak_kib = std::max(peak_kib, StatusKib(server.pid(), "VmRSS"));
        std::this_thread::sleep_for(std::chrono::milliseconds(40));  // a device's pace, not a flood
    }
    attacking = false;
    for (std::thread& attacker : attackers) attacker.join();
    peak_kib = std::max(peak_kib, StatusKib(server.pid(), "VmHWM"));

    std::sort(latencies_ms.begin(), latencies_ms.end());
    const double p95 = latencies_ms[latencies_ms.size() * 95 / 100];
    WARN("attack: " << latencies_ms.size() << " device requests, p95 " << p95 << " ms, " << failures
                    << " failed; server memory resting " << resting_kib / 1024 << " MiB, peak " << peak_kib / 1024
                    << " MiB" << (failure_kinds.empty() ? "" : "; failures: " + failure_kinds));
    CHECK(failures == 0);
    CHECK(p95 < 200.0);
    CHECK(peak_kib < kMemoryBoundKib);
}

}  // namespace roadbook::testing
