// End-to-end tests of the real roadbook-server binary: each test starts it on a free port over a fresh
// temporary web root and talks HTTP to it, with httplib::Client or raw request lines.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "httplib.h"
#include "raw_http_support.h"
#include "server_process_support.h"
#include "web_root_support.h"

namespace roadbook::testing {
namespace {

const std::string kServerBinary = ROADBOOK_SERVER_BINARY;
const std::string kVersion = ROADBOOK_VERSION;
const std::string kImmutable = "public, max-age=31536000, immutable";

std::vector<std::string> WithArguments(std::vector<std::string> arguments, const std::vector<std::string>& extra) {
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return arguments;
}

// A server over a fresh web root, listening on a port the kernel chose. Members are destroyed in reverse
// order, so the process is killed before its web root is deleted, also when an assertion throws.
struct RunningServer {
    TemporaryWebRoot tree;
    ServerProcess process;
    int port = 0;

    explicit RunningServer(const std::vector<std::string>& extra_arguments = {})
        : process(kServerBinary, WithArguments({"--port", "0", "--web-root", tree.web_root().string(), "--data-dir",
                                                tree.data_directory().string()},
                                               extra_arguments)) {
        std::optional<int> listening_port = process.WaitUntilListening();
        if (!listening_port) {
            throw std::runtime_error("roadbook-server did not report a port; stdout line '" + process.listening_line() +
                                     "', stderr: " + process.AllStderr(500ms));
        }
        port = *listening_port;
    }

    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", port);
        client.set_connection_timeout(5);
        client.set_read_timeout(5);
        return client;
    }
};

httplib::Result Get(const RunningServer& server, const std::string& path, const httplib::Headers& headers = {}) {
    httplib::Client client = server.Client();
    return client.Get(path, headers);
}

void CheckSecurityHeaders(const httplib::Response& response) {
    CHECK(response.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(response.get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(response.get_header_value("X-Frame-Options") == "DENY");
    CHECK(response.get_header_value("Content-Security-Policy").find("script-src 'self' 'wasm-unsafe-eval'") !=
          std::string::npos);
}

// Runs the binary with `arguments`, expects it to exit on its own, and returns (status, stdout, stderr).
struct FinishedRun {
    int status = -1;
    std::string out;
    std::string err;
};

FinishedRun RunToCompletion(const std::vector<std::string>& arguments) {
    ServerProcess process(kServerBinary, arguments);
    std::optional<int> status = process.WaitForExit(5000ms);
    FinishedRun run;
    run.out = process.RemainingStdout(500ms);
    run.err = process.AllStderr(500ms);
    if (!status) throw std::runtime_error("roadbook-server kept running; stdout: " + run.out);
    run.status = *status;
    return run;
}

size_t LineCount(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("the server prints one listening line with its version, real port and directories", "[server]") {
    RunningServer server;
    std::string expected = "roadbook-server " + kVersion +
                           " listening on http://127.0.0.1:" + std::to_string(server.port) + "/ (web root " +
                           std::filesystem::canonical(server.tree.web_root()).string() + ", data " +
                           std::filesystem::canonical(server.tree.data_directory()).string() + ")";
    CHECK(server.process.listening_line() == expected);
    CHECK(server.port > 0);
    CHECK(std::filesystem::is_directory(server.tree.data_directory()));  // created, parents included
}

TEST_CASE("index.html is served as HTML that browsers revalidate", "[server]") {
    RunningServer server;
    for (const std::string path : {"/index.html", "/"}) {
        INFO("path " << path);
        httplib::Result result = Get(server, path);
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(result->get_header_value("Cache-Control") == "no-cache");
        CHECK(result->body == TemporaryWebRoot::kIndexHtml);
        CheckSecurityHeaders(*result);
    }
}

TEST_CASE("content-hashed WebAssembly is application/wasm and cached as immutable", "[server]") {
    RunningServer server;
    httplib::Result result = Get(server, "/app.0123abcd.wasm");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/wasm");
    CHECK(result->get_header_value("Cache-Control") == kImmutable);
    CHECK(result->body == TemporaryWebRoot::kWasmBytes);
    CHECK(result->body.size() == 8);
}

TEST_CASE("scripts, the service worker and the manifest get their types and no-cache", "[server]") {
    RunningServer server;
    struct Expectation {
        std::string path;
        std::string content_type;
        std::string body;
    };
    for (const Expectation& expected : {
             Expectation{"/app.js", "text/javascript; charset=utf-8", TemporaryWebRoot::kAppScript},
             Expectation{"/sw.js", "text/javascript; charset=utf-8", TemporaryWebRoot::kServiceWorker},
             Expectation{"/manifest.webmanifest", "application/manifest+json", TemporaryWebRoot::kManifest},
         }) {
        INFO("path " << expected.path);
        httplib::Result result = Get(server, expected.path);
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type") == expected.content_type);
        CHECK(result->get_header_value("Cache-Control") == "no-cache");
        CHECK(result->body == expected.body);
        CheckSecurityHeaders(*result);
    }
}

TEST_CASE("HEAD answers the headers of GET without a body", "[server]") {
    RunningServer server;
    httplib::Client client = server.Client();
    httplib::Result result = client.Head("/app.0123abcd.wasm");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/wasm");
    CHECK(result->get_header_value("Content-Length") == "8");
    CHECK(result->body.empty());
}

TEST_CASE("a matching If-None-Match gets 304 without a body, a stale one the file", "[server]") {
    RunningServer server;
    httplib::Result first = Get(server, "/app.js");
    REQUIRE(first);
    std::string entity_tag = first->get_header_value("ETag");
    REQUIRE_FALSE(entity_tag.empty());

    httplib::Result revalidated = Get(server, "/app.js", {{"If-None-Match", entity_tag}});
    REQUIRE(revalidated);
    CHECK(revalidated->status == 304);
    CHECK(revalidated->body.empty());
    CHECK(revalidated->get_header_value("ETag") == entity_tag);

    httplib::Result stale = Get(server, "/app.js", {{"If-None-Match", "\"0-0\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
    CHECK(stale->body == TemporaryWebRoot::kAppScript);
}

TEST_CASE("the health endpoint reports status, service, version and time as JSON", "[server]") {
    RunningServer server;
    auto before_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    httplib::Result result = Get(server, "/api/v1/health");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/json");
    CHECK(result->get_header_value("Cache-Control") == "no-store");
    CheckSecurityHeaders(*result);

    nlohmann::json body = nlohmann::json::parse(result->body);
    CHECK(body.at("status") == "ok");
    CHECK(body.at("service") == "roadbook-server");
    CHECK(body.at("version") == kVersion);
    CHECK(kVersion == "0.1.0");
    REQUIRE(body.at("time_ms").is_number_integer());
    auto time_ms = body.at("time_ms").get<std::int64_t>();
    CHECK(time_ms >= before_ms - 1000);
    CHECK(time_ms <= before_ms + 60'000);
}

TEST_CASE("missing files and directories are 404 with no listing", "[server]") {
    RunningServer server;
    std::filesystem::create_directory(server.tree.web_root() / "assets");
    WriteFile(server.tree.web_root() / "assets" / "listed-name.txt", "x");
    for (const std::string path : {"/missing.js", "/assets", "/assets/", "/nested/missing.html"}) {
        INFO("path " << path);
        httplib::Result result = Get(server, path);
        REQUIRE(result);
        CHECK(result->status == 404);
        CHECK(result->body.find("listed-name") == std::string::npos);
        CheckSecurityHeaders(*result);
    }
}

TEST_CASE("unknown API paths and wrong methods get JSON errors", "[server]") {
    RunningServer server;
    httplib::Client client = server.Client();

    httplib::Result unknown = client.Get("/api/v1/xyz");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(unknown->get_header_value("Content-Type") == "application/json");
    nlohmann::json error = nlohmann::json::parse(unknown->body).at("error");
    CHECK(error.at("code") == "not_found");
    CHECK(error.at("message") == "No API endpoint GET /api/v1/xyz");
    CHECK_FALSE(error.at("hint").get<std::string>().empty());

    httplib::Result wrong_method = client.Post("/api/v1/health", "{}", "application/json");
    REQUIRE(wrong_method);
    CHECK(wrong_method->status == 405);
    CHECK(wrong_method->get_header_value("Allow") == "GET, HEAD");
    CHECK(nlohmann::json::parse(wrong_method->body).at("error").at("code") == "method_not_allowed");

    httplib::Result unknown_post = client.Post("/api/v1/xyz", "{}", "application/json");
    REQUIRE(unknown_post);
    CHECK(unknown_post->status == 404);
    CHECK(nlohmann::json::parse(unknown_post->body).at("error").at("message") == "No API endpoint POST /api/v1/xyz");

    // The connection stays usable after an error with a request body.
    httplib::Result after = client.Get("/api/v1/health");
    REQUIRE(after);
    CHECK(after->status == 200);
}

TEST_CASE("no request path reads a file outside the web root", "[server]") {
    RunningServer server;
    std::string absolute_secret = server.tree.sibling_secret().string();
    const std::vector<std::string> targets = {
        "/../secret.txt",
        "/../outside/secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/outside/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Foutside%2Fsecret.txt",
        "/%2f..%2fsecret.txt",
        "/app.js/../../secret.txt",
        "/./../secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/%u002e%u002e/secret.txt",
        "/index.html%00/../../secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "//" + absolute_secret.substr(1),
        absolute_secret,
        "/link-to-secret.txt",
        "/link-to-outside/secret.txt",
        "http://127.0.0.1/../secret.txt",
    };
    for (const std::string& target : targets) {
        INFO("GET " << target);
        RawResponse response = SendRawRequest(server.port, "GET", target);
        CHECK((response.status == 404 || response.status == 400));
        CHECK(response.text.find("TOP-SECRET") == std::string::npos);
        CHECK(response.text.find("root:") == std::string::npos);
    }
    // The same server still serves legitimate files over raw requests, so the refusals above are real.
    RawResponse index = SendRawRequest(server.port, "GET", "/index.html");
    CHECK(index.status == 200);
    CHECK(index.text.find("roadbook index") != std::string::npos);
}

TEST_CASE("a second server on a taken port exits 1 with one line naming the address", "[server]") {
    RunningServer first;
    TemporaryWebRoot second_tree;
    ServerProcess second(kServerBinary,
                         {"--port", std::to_string(first.port), "--web-root", second_tree.web_root().string(),
                          "--data-dir", second_tree.data_directory().string()});
    std::optional<int> status = second.WaitForExit(5000ms);
    REQUIRE(status);
    CHECK(*status == 1);
    std::string expected_error = "roadbook-server: cannot listen on 127.0.0.1:" + std::to_string(first.port) +
                                 ": the address is already in use (another server running? try --port N)\n";
    CHECK(second.AllStderr() == expected_error);
    CHECK(second.RemainingStdout().empty());

    httplib::Result still_serving = Get(first, "/api/v1/health");
    REQUIRE(still_serving);
    CHECK(still_serving->status == 200);
}

TEST_CASE("a connection beyond the --max-connections limit gets 503 with Retry-After", "[server]") {
    RunningServer server({"--max-connections", "1"});
    {
        RawConnection holder(server.port);
        REQUIRE(holder.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));  // half a request
        // On a busy machine the server may take a moment to count the holder: ask until it is full.
        RawResponse refused;
        for (int attempt = 0; attempt < 30 && refused.status != 503; ++attempt) {
            std::this_thread::sleep_for(100ms);
            refused = SendRawRequest(server.port, "GET", "/api/v1/health");
        }
        CHECK(refused.status == 503);
        CHECK(refused.text.find("Retry-After: 2\r\n") != std::string::npos);
        CHECK(refused.text.find("\"code\":\"busy\"") != std::string::npos);
    }
    // The holder is gone: the server takes connections again.
    int status = 0;
    for (int attempt = 0; attempt < 250 && status != 200; ++attempt) {
        std::this_thread::sleep_for(20ms);
        status = SendRawRequest(server.port, "GET", "/api/v1/health").status;
    }
    CHECK(status == 200);
}

TEST_CASE("SIGTERM and SIGINT stop the server cleanly within two seconds", "[server]") {
    for (int signal_number : {SIGTERM, SIGINT}) {
        INFO("signal " << signal_number);
        RunningServer server;
        // An idle keep-alive connection must not hold the shutdown up.
        httplib::Client client = server.Client();
        client.set_keep_alive(true);
        httplib::Result result = client.Get("/api/v1/health");
        REQUIRE(result);
        REQUIRE(result->status == 200);

        server.process.SendSignal(signal_number);
        std::optional<int> status = server.process.WaitForExit(2000ms);
        REQUIRE(status);
        CHECK(*status == 0);
        CHECK(server.process.RemainingStdout() == "roadbook-server: stopped\n");
        CHECK(server.process.AllStderr().empty());
    }
}

TEST_CASE("bad flags and values exit 2 with one line naming the flag", "[server]") {
    struct Case {
        std::vector<std::string> arguments;
        std::string named;
    };
    for (const Case& bad : {
             Case{{"--frobnicate"}, "--frobnicate"},
             Case{{"--port", "http"}, "--port"},
             Case{{"--port", "70000"}, "--port"},
             Case{{"--port", "-1"}, "--port"},
             Case{{"--port"}, "--port"},
             Case{{"--bind", ""}, "--bind"},
             Case{{"--web-root="}, "--web-root"},
             Case{{"--max-connections", "0"}, "--max-connections"},
             Case{{"--max-connections=lots"}, "--max-connections"},
             Case{{"--allowed-host", "evil.example/path"}, "--allowed-host"},
             Case{{"--database-file", "/no/such/file"}, "--database-file"},
             Case{{"--version=2"}, "--version"},
             Case{{"stray"}, "stray"},
         }) {
        INFO("arguments starting " << bad.arguments.front());
        FinishedRun run = RunToCompletion(bad.arguments);
        CHECK(run.status == 2);
        CHECK(run.err.starts_with("roadbook-server: "));
        CHECK(run.err.find(bad.named) != std::string::npos);
        CHECK(LineCount(run.err) == 1);
        CHECK(run.out.empty());
    }
}

TEST_CASE("a missing or incomplete web root stops the server with a clear error", "[server]") {
    TemporaryWebRoot tree;
    std::string data = tree.data_directory().string();

    std::string missing = (tree.base() / "no-such-dist").string();
    FinishedRun absent = RunToCompletion({"--port", "0", "--web-root", missing, "--data-dir", data});
    CHECK(absent.status == 1);
    CHECK(absent.err == "roadbook-server: the web root " + missing +
                            " does not exist (build the web app first, or pass --web-root DIR)\n");

    std::filesystem::create_directory(tree.base() / "empty-dist");
    std::string empty = (tree.base() / "empty-dist").string();
    FinishedRun no_index = RunToCompletion({"--port", "0", "--web-root", empty, "--data-dir", data});
    CHECK(no_index.status == 1);
    CHECK(no_index.err.find("the web root " + empty + " has no index.html") != std::string::npos);
    CHECK(LineCount(no_index.err) == 1);
}

TEST_CASE("a data directory that cannot be created stops the server with a clear error", "[server]") {
    TemporaryWebRoot tree;
    // A path below a regular file cannot become a directory, even for root.
    std::string blocked = (tree.parent_secret() / "data").string();
    FinishedRun run = RunToCompletion({"--port", "0", "--web-root", tree.web_root().string(), "--data-dir", blocked});
    CHECK(run.status == 1);
    CHECK(run.err.starts_with("roadbook-server: cannot create the data directory " + blocked + ": "));
    CHECK(LineCount(run.err) == 1);
    CHECK(run.out.empty());
}

TEST_CASE("a PostgreSQL database that cannot be reached stops the server with a clear error", "[server]") {
    TemporaryWebRoot tree;
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    FinishedRun run = RunToCompletion({"--port", "0", "--web-root", tree.web_root().string(), "--data-dir",
                                       tree.data_directory().string(), "--database", "postgresql://rb@127.0.0.1:1/rb"});
    CHECK(run.status == 1);
    CHECK(run.err.starts_with("roadbook-server: cannot open the server store: Connecting to PostgreSQL failed: "));
    CHECK(LineCount(run.err) == 1);
    CHECK(run.out.empty());
}

TEST_CASE("the --help and --version flags print to stdout and exit 0", "[server]") {
    FinishedRun help = RunToCompletion({"--help"});
    CHECK(help.status == 0);
    for (const char* flag : {"--port", "--bind", "--web-root", "--data-dir", "--database", "--help", "--version"}) {
        CHECK(help.out.find(flag) != std::string::npos);
    }
    CHECK(help.err.empty());

    FinishedRun version = RunToCompletion({"--version"});
    CHECK(version.status == 0);
    CHECK(version.out == "roadbook-server " + kVersion + "\n");
}

TEST_CASE("the data directory is the server's alone: 0700, and its files 0600", "[server]") {
    RunningServer server;
    namespace fs = std::filesystem;
    const fs::path data = server.tree.data_directory();
    CHECK(fs::status(data).permissions() == fs::perms::owner_all);
    int files = 0;
    for (const auto& entry : fs::directory_iterator(data)) {
        INFO(entry.path().string());
        if (!entry.is_regular_file()) continue;
        ++files;
        CHECK((entry.status().permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    }
    CHECK(files > 0);  // the SQLite store and its journal
}

}  // namespace roadbook::testing
