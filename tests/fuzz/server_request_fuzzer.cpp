// Fuzzes roadbook-server's request handling in-process: raw HTTP bytes go through the same guarded server,
// routes and sync service as on a socket, against a SQLite store in memory holding one organisation. In the
// input, "@TOKEN@" becomes a valid bearer token (so the fuzzer gets past sign-in) and "@LENGTH@" the length
// of what follows the blank line. Every answer must be well formed: a status from 200 to 599, the security
// headers, no 500 (an exception escaping a handler), and for errors in JSON the body
// {"error":{"code","message","hint"}}.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "httplib.h"
#include "sync/server/accounts.h"
#include "sync/server/connection_guard.h"
#include "sync/server/credentials.h"
#include "sync/server/directories.h"
#include "sync/server/routes.h"
#include "sync/server/sqlite_server_store.h"
#include "sync/server/sync_service.h"

namespace {

using namespace roadbook;

[[noreturn]] void Fail(const std::string& why, std::string_view request, std::string_view response) {
    std::fprintf(stderr, "%s\n--- request\n%.*s\n--- response\n%.*s\n", why.c_str(), static_cast<int>(request.size()),
                 request.data(), static_cast<int>(std::min<size_t>(response.size(), 4000)), response.data());
    std::abort();
}

// A request held in memory and the bytes written back.
class MemoryStream final : public httplib::Stream {
public:
    explicit MemoryStream(std::string_view input) : input_(input) {}
    bool is_readable() const override { return true; }
    bool is_writable() const override { return true; }
    ssize_t read(char* pointer, size_t size) override {
        const size_t count = std::min(size, input_.size() - offset_);
        std::copy_n(input_.data() + offset_, count, pointer);
        offset_ += count;
        return static_cast<ssize_t>(count);
    }
    ssize_t write(const char* pointer, size_t size) override {
        output_.append(pointer, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = "127.0.0.1", port = 40000; }
    void get_local_ip_and_port(std::string& ip, int& port) const override { ip = "127.0.0.1", port = 8080; }
    socket_t socket() const override { return INVALID_SOCKET; }
    const std::string& output() const { return output_; }

private:
    std::string_view input_;
    size_t offset_ = 0;
    std::string output_;
};

struct Fixture {
    Fixture() {
        if (!server::InitialiseCredentials()) std::abort();
        auto opened = server::SqliteServerStore::Open(":memory:");
        if (!opened) std::abort();
        store = std::move(opened).value();
        service = std::make_unique<server::SyncService>(*store);
        server::Accounts accounts(*service);
        const std::string password = "correct horse battery";
        if (!accounts.CreateOrganisation("Fuzz", "admin@fuzz.test", "Ada Admin", password)) std::abort();
        if (!accounts.AddUser("Fuzz", "rep@fuzz.test", "Ravi Rep", "rep", "East", password)) std::abort();
        auto login = service->Login({"rep@fuzz.test", password}, "127.0.0.1", server::UnixMillisecondsNow());
        if (!std::holds_alternative<sync::LoginResponse>(login)) std::abort();
        token = std::get<sync::LoginResponse>(login).token;
        user_id = std::get<sync::LoginResponse>(login).user.id;
        organisation_id = std::get<sync::LoginResponse>(login).organisation_id;
        service->notifier().StopAll();  // an event stream answers its first event and ends

        web_root = std::filesystem::temp_directory_path() / ("roadbook-fuzz-web-" + std::to_string(::getpid()));
        std::filesystem::create_directories(web_root / "assets");
        std::ofstream(web_root / "index.html") << "<!doctype html><title>Roadbook</title>";
        std::ofstream(web_root / "app.0123456789.js") << "console.log('roadbook');";
        std::ofstream(web_root / "assets" / "icon.svg") << "<svg xmlns='http://www.w3.org/2000/svg'/>";
        auto checked = server::CheckWebRoot(web_root);
        if (!std::holds_alternative<std::filesystem::path>(checked)) std::abort();
        server::ConnectionLimits limits;
        limits.request_deadline = std::chrono::milliseconds(2'000);
        http = std::make_unique<server::GuardedServer>(limits);
        server::InstallRoutes(*http, {std::get<std::filesystem::path>(checked), service.get(),
                                      server::HostAllowList::For("127.0.0.1", {})});
    }
    ~Fixture() {
        std::error_code ignored;
        std::filesystem::remove_all(web_root, ignored);
    }

    std::unique_ptr<server::SqliteServerStore> store;
    std::unique_ptr<server::SyncService> service;
    std::unique_ptr<server::GuardedServer> http;
    std::filesystem::path web_root;
    // A sign-out the fuzzer sent revokes the token: a fresh one keeps later inputs past sign-in.
    void KeepTokenValid() {
        const int64_t now = server::UnixMillisecondsNow();
        auto found = store->FindToken(server::HashBearerToken(token), now);
        if (found && found.value()) return;
        token = server::NewBearerToken();
        if (!store->StoreToken(server::HashBearerToken(token), {user_id, organisation_id, now + 86'400'000})) std::abort();
    }

    std::string token;
    std::string user_id;
    std::string organisation_id;
};

void ReplaceAll(std::string& text, std::string_view from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

std::string HeaderValue(std::string_view head, std::string_view name) {
    const std::string key = "\r\n" + std::string(name) + ": ";
    const size_t at = head.find(key);
    if (at == std::string_view::npos) return {};
    const size_t start = at + key.size();
    return std::string(head.substr(start, head.find("\r\n", start) - start));
}

// Checks one response (after any "100 Continue") against the invariants.
void CheckResponse(std::string_view request, std::string_view output) {
    std::string_view response = output;
    while (response.starts_with("HTTP/1.1 100 ")) {
        const size_t end = response.find("\r\n\r\n");
        if (end == std::string_view::npos) Fail("an interim response without an end", request, output);
        response.remove_prefix(end + 4);
    }
    if (response.size() < 12 || !response.starts_with("HTTP/1.1 ")) Fail("no status line", request, output);
    const int status = std::atoi(std::string(response.substr(9, 3)).c_str());
    if (status < 200 || status > 599) Fail("status " + std::to_string(status), request, output);
    // 500 is what the exception hook answers: a handler threw, which is a bug even though the process lives.
    if (status == 500) Fail("an exception escaped a handler (500)", request, output);
    const size_t head_end = response.find("\r\n\r\n");
    if (head_end == std::string_view::npos) Fail("a head without an end", request, output);
    const std::string_view head = response.substr(0, head_end + 2);
    if (HeaderValue(head, "X-Content-Type-Options") != "nosniff" ||
        HeaderValue(head, "Content-Security-Policy").empty() || HeaderValue(head, "Referrer-Policy").empty()) {
        Fail("a response without the security headers", request, output);
    }
    const bool head_request = request.starts_with("HEAD ");
    const std::string content_type = HeaderValue(head, "Content-Type");
    if (status < 400 || head_request || content_type.rfind("application/json", 0) != 0) return;
    const std::string_view body = response.substr(head_end + 4);
    const auto json = nlohmann::json::parse(body, nullptr, false);
    const auto is_text = [&](const char* key) {
        return json.contains("error") && json["error"].is_object() && json["error"].contains(key) &&
               json["error"][key].is_string() && !json["error"][key].get<std::string>().empty();
    };
    if (json.is_discarded() || !is_text("code") || !is_text("message") || !is_text("hint")) {
        Fail("an error body that is not {\"error\":{code,message,hint}}", request, output);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Fixture fixture;
    std::string request(reinterpret_cast<const char*>(data), size);
    ReplaceAll(request, "@TOKEN@", fixture.token);
    if (const size_t blank = request.find("\r\n\r\n"); blank != std::string::npos) {
        ReplaceAll(request, "@LENGTH@", std::to_string(request.size() - blank - 4));
    }
    MemoryStream stream(request);
    fixture.http->ServeOneRequest(stream);
    if (!stream.output().empty()) CheckResponse(request, stream.output());
    // ROADBOOK_FUZZ_SHOW=1 prints each answer's status line, to see how far the seed corpus gets.
    static const bool show = std::getenv("ROADBOOK_FUZZ_SHOW") != nullptr;
    if (show) std::fprintf(stderr, "-> %s\n", stream.output().substr(0, stream.output().find('\r')).c_str());
    fixture.KeepTokenValid();
    return 0;
}
