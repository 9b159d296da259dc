// Unit tests of roadbook_server_lib's pieces: flag parsing, content types, cache policy, path safety,
// entity tags and the JSON bodies. The binary tests cover the same rules end to end.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/server/api_routes.h"
#include "sync/server/cache_policy.h"
#include "sync/server/command_line.h"
#include "sync/server/directories.h"
#include "sync/server/listening.h"
#include "sync/server/mime_types.h"
#include "sync/server/safe_path.h"
#include "sync/server/static_files.h"
#include "web_root_support.h"

namespace roadbook::server {
namespace {

std::variant<ParsedCommandLine, CommandLineError> Parse(std::vector<std::string> arguments) {
    return ParseCommandLine(arguments);
}

std::string ErrorOf(const std::variant<ParsedCommandLine, CommandLineError>& parsed) {
    const auto* error = std::get_if<CommandLineError>(&parsed);
    return error ? error->message : std::string("(no error)");
}

}  // namespace

TEST_CASE("command line: defaults, both value spellings, help and version", "[server][library]") {
    auto defaults = Parse({});
    REQUIRE(std::holds_alternative<ParsedCommandLine>(defaults));
    const ServerOptions& options = std::get<ParsedCommandLine>(defaults).options;
    CHECK(std::get<ParsedCommandLine>(defaults).action == CommandAction::kServe);
    CHECK(options.port == 8080);
    CHECK(options.bind_address == "127.0.0.1");
    CHECK(options.web_root == "build/web/dist");
    CHECK(options.data_directory == ".roadbook/data");
    CHECK(options.max_connections == 64);
    CHECK(std::get<ParsedCommandLine>(Parse({"--max-connections", "500"})).options.max_connections == 500);

    auto given = Parse({"--port", "0", "--bind=0.0.0.0", "--web-root", "dist", "--data-dir=/var/lib/rb"});
    REQUIRE(std::holds_alternative<ParsedCommandLine>(given));
    const ServerOptions& chosen = std::get<ParsedCommandLine>(given).options;
    CHECK(chosen.port == 0);
    CHECK(chosen.bind_address == "0.0.0.0");
    CHECK(chosen.web_root == "dist");
    CHECK(chosen.data_directory == "/var/lib/rb");

    CHECK(std::get<ParsedCommandLine>(Parse({"--port", "1", "--help"})).action == CommandAction::kShowHelp);
    CHECK(std::get<ParsedCommandLine>(Parse({"--version"})).action == CommandAction::kShowVersion);
    CHECK(std::get<ParsedCommandLine>(Parse({"--port", "1", "--port", "65535"})).options.port == 65535);
    CHECK(options.database_url.empty());  // SQLite under --data-dir unless told otherwise
    CHECK(std::get<ParsedCommandLine>(Parse({"--database", "postgresql://rb@db:5432/roadbook"})).options.database_url ==
          "postgresql://rb@db:5432/roadbook");
}

TEST_CASE("command line: every error names the flag or argument at fault", "[server][library]") {
    CHECK(ErrorOf(Parse({"--nope"})) == "unknown flag --nope (see --help)");
    CHECK(ErrorOf(Parse({"--nope=3"})) == "unknown flag --nope (see --help)");
    CHECK(ErrorOf(Parse({"--port"})) == "--port needs a value (see --help)");
    CHECK(ErrorOf(Parse({"--port", "8o8o"})) == "--port must be a whole number from 0 to 65535, got '8o8o'");
    CHECK(ErrorOf(Parse({"--port", "65536"})).starts_with("--port must be"));
    CHECK(ErrorOf(Parse({"--port", "-5"})).starts_with("--port must be"));
    CHECK(ErrorOf(Parse({"--port", " 80"})).starts_with("--port must be"));
    CHECK(ErrorOf(Parse({"--port="})).starts_with("--port must be"));
    CHECK(ErrorOf(Parse({"--bind", ""})).starts_with("--bind must be"));
    CHECK(ErrorOf(Parse({"--data-dir", ""})).starts_with("--data-dir must"));
    CHECK(ErrorOf(Parse({"--database", "mysql://db/roadbook"})).starts_with("--database must be a PostgreSQL URL"));
    CHECK(ErrorOf(Parse({"--help=yes"})) == "--help takes no value");
    CHECK(ErrorOf(Parse({"serve"})).starts_with("unexpected argument 'serve'"));
    CHECK(ErrorOf(Parse({"-p", "80"})) == "unknown flag -p (see --help)");
}

TEST_CASE("content types by extension", "[server][library]") {
    CHECK(ContentTypeForFileName("index.html") == "text/html; charset=utf-8");
    CHECK(ContentTypeForFileName("app.js") == "text/javascript; charset=utf-8");
    CHECK(ContentTypeForFileName("worker.mjs") == "text/javascript; charset=utf-8");
    CHECK(ContentTypeForFileName("app.3f9a1c2b.wasm") == "application/wasm");
    CHECK(ContentTypeForFileName("APP.WASM") == "application/wasm");
    CHECK(ContentTypeForFileName("manifest.webmanifest") == "application/manifest+json");
    CHECK(ContentTypeForFileName("data.json") == "application/json");
    CHECK(ContentTypeForFileName("style.css") == "text/css; charset=utf-8");
    CHECK(ContentTypeForFileName("icon.png") == "image/png");
    CHECK(ContentTypeForFileName("logo.svg") == "image/svg+xml");
    CHECK(ContentTypeForFileName("favicon.ico") == "image/x-icon");
    CHECK(ContentTypeForFileName("font.ttf") == "font/ttf");
    CHECK(ContentTypeForFileName("font.woff2") == "font/woff2");
    CHECK(ContentTypeForFileName("robots.txt") == "text/plain; charset=utf-8");
    CHECK(ContentTypeForFileName("archive.tar.gz") == "application/octet-stream");
    CHECK(ContentTypeForFileName("Makefile") == "application/octet-stream");
    CHECK(ContentTypeForFileName("trailing.") == "application/octet-stream");
}

TEST_CASE("cache policy: only content-hashed, non-page, non-worker files are immutable", "[server][library]") {
    CHECK(IsContentHashed("app.3f9a1c2b.wasm"));
    CHECK(IsContentHashed("app.3f9a1c2b9d.js"));
    CHECK(IsContentHashed("vendor.min.0123abcd.js"));
    CHECK_FALSE(IsContentHashed("app.3f9a1c2.js"));   // 7 digits: too short to be a hash
    CHECK_FALSE(IsContentHashed("app.3F9A1C2B.js"));  // uppercase: not what the bundler emits
    CHECK_FALSE(IsContentHashed("app.3f9a1c2g.js"));  // not hex
    CHECK_FALSE(IsContentHashed("deadbeef.js"));      // the name itself, not a hash segment
    CHECK_FALSE(IsContentHashed("app.js"));
    CHECK_FALSE(IsContentHashed("app.0123abcd"));  // the hash is the extension

    CHECK(CacheControlForFileName("app.0123abcd.wasm") == "public, max-age=31536000, immutable");
    CHECK(CacheControlForFileName("index.html") == "no-cache");
    CHECK(CacheControlForFileName("index.0123abcd.html") == "no-cache");
    CHECK(CacheControlForFileName("sw.js") == "no-cache");
    CHECK(CacheControlForFileName("service-worker.0123abcd.js") == "no-cache");
    CHECK(CacheControlForFileName("app.js") == "no-cache");
    CHECK(CacheControlForFileName("manifest.webmanifest") == "no-cache");
    CHECK(IsServiceWorker("sw.js"));
    CHECK(IsServiceWorker("my-service-worker.js"));
    CHECK_FALSE(IsServiceWorker("swap.js"));
}

TEST_CASE("path safety: lexical refusals and canonical containment", "[server][library]") {
    testing::TemporaryWebRoot tree;
    std::filesystem::path root = std::filesystem::canonical(tree.web_root());
    std::filesystem::create_directories(tree.web_root() / ".well-known");
    testing::WriteFile(tree.web_root() / ".well-known" / "assetlinks.json", "[]");
    testing::WriteFile(tree.web_root() / ".env", "SECRET=1");
    std::filesystem::create_symlink(tree.web_root() / "app.js", tree.web_root() / "latest.js");

    auto index = ResolveStaticFile(root, "/");
    REQUIRE(index);
    CHECK(index->path == root / "index.html");
    CHECK(index->served_name == "index.html");

    auto wasm = ResolveStaticFile(root, "/app.0123abcd.wasm");
    REQUIRE(wasm);
    CHECK(wasm->path == root / "app.0123abcd.wasm");

    auto linked_inside = ResolveStaticFile(root, "/latest.js");  // a symlink within the root is fine
    REQUIRE(linked_inside);
    CHECK(linked_inside->path == root / "app.js");
    CHECK(linked_inside->served_name == "latest.js");

    CHECK(ResolveStaticFile(root, "/.well-known/assetlinks.json"));

    const std::vector<std::string> refused_paths = {"",
                                                    "index.html",
                                                    "/../secret.txt",
                                                    "/../outside/secret.txt",
                                                    "/./index.html",
                                                    "/app.js/../index.html",
                                                    "//etc/passwd",
                                                    "/a//b",
                                                    "/assets/",
                                                    "/..\\secret.txt",
                                                    "/.env",
                                                    "/link-to-secret.txt",
                                                    "/link-to-outside/secret.txt",
                                                    "/missing.js",
                                                    "/link-to-outside",
                                                    std::string("/index.html\0.txt", 16),
                                                    "/index.html\r\n"};
    for (const std::string& refused : refused_paths) {
        INFO("path '" << refused << "'");
        CHECK_FALSE(ResolveStaticFile(root, refused));
    }
    CHECK_FALSE(ResolveStaticFile(root, root.string() + "/../secret.txt"));
}

TEST_CASE("IsWithin compares whole path elements", "[server][library]") {
    CHECK(IsWithin("/srv/web", "/srv/web/index.html"));
    CHECK(IsWithin("/srv/web/", "/srv/web/a/b.js"));
    CHECK(IsWithin("/srv/web", "/srv/web"));
    CHECK_FALSE(IsWithin("/srv/web", "/srv/web-other/index.html"));
    CHECK_FALSE(IsWithin("/srv/web", "/srv"));
    CHECK_FALSE(IsWithin("/srv/web", "/etc/passwd"));
}

TEST_CASE("entity tags: format and If-None-Match matching", "[server][library]") {
    std::filesystem::file_time_type modified{std::filesystem::file_time_type::duration(255)};
    CHECK(EntityTagFor(16, modified) == "\"10-ff\"");
    CHECK(EntityTagMatches("\"10-ff\"", "\"10-ff\""));
    CHECK(EntityTagMatches("\"a\", \"10-ff\"", "\"10-ff\""));
    CHECK(EntityTagMatches("W/\"10-ff\"", "\"10-ff\""));
    CHECK(EntityTagMatches("*", "\"10-ff\""));
    CHECK_FALSE(EntityTagMatches("\"10-fe\"", "\"10-ff\""));
    CHECK_FALSE(EntityTagMatches("", "\"10-ff\""));
    CHECK_FALSE(EntityTagMatches(" , ", "\"10-ff\""));
}

TEST_CASE("health and error JSON bodies", "[server][library]") {
    CHECK(HealthJson(1'800'000'000'000) ==
          "{\"status\":\"ok\",\"service\":\"roadbook-server\",\"version\":\"" ROADBOOK_VERSION
          "\",\"time_ms\":1800000000000}");
    nlohmann::json error = nlohmann::json::parse(ErrorJson("not_found", "No API endpoint GET /api/\xff", "hint"));
    CHECK(error.at("error").at("code") == "not_found");
    // Invalid UTF-8 from a request path is replaced, not thrown on.
    CHECK(error.at("error").at("message").get<std::string>().starts_with("No API endpoint GET /api/"));
    CHECK(IsApiPath("/api"));
    CHECK(IsApiPath("/api/v1/health"));
    CHECK_FALSE(IsApiPath("/apiary.html"));
}

TEST_CASE("listening messages", "[server][library]") {
    CHECK(ListeningUrl("127.0.0.1", 8080) == "http://127.0.0.1:8080/");
    CHECK(ListeningUrl("::1", 8080) == "http://[::1]:8080/");
    CHECK(ListeningLine("127.0.0.1", 9, "/w", "/d") == "roadbook-server " ROADBOOK_VERSION
                                                       " listening on http://127.0.0.1:9/ (web root /w, data /d)");
    CHECK(DescribeListenError("127.0.0.1", 8080, EADDRINUSE) ==
          "cannot listen on 127.0.0.1:8080: the address is already in use (another server running? try --port N)");
    CHECK_FALSE(CheckBindAddress("127.0.0.1", 0));
    std::optional<std::string> unresolvable = CheckBindAddress("999.1.1.1", 80);
    REQUIRE(unresolvable);
    CHECK(unresolvable->starts_with("cannot listen on 999.1.1.1:80: the address could not be resolved ("));
    CHECK(DescribeListenError("10.9.9.9", 80, EADDRNOTAVAIL).find("does not belong to this machine") !=
          std::string::npos);
}

TEST_CASE("directories: web root checks and data directory creation", "[server][library]") {
    testing::TemporaryWebRoot tree;
    auto web_root = CheckWebRoot(tree.web_root());
    REQUIRE(std::holds_alternative<std::filesystem::path>(web_root));
    CHECK(std::get<std::filesystem::path>(web_root) == std::filesystem::canonical(tree.web_root()));

    auto not_directory = CheckWebRoot(tree.parent_secret());
    REQUIRE(std::holds_alternative<DirectoryError>(not_directory));
    CHECK(std::get<DirectoryError>(not_directory).message.find("is not a directory") != std::string::npos);

    auto data = PrepareDataDirectory(tree.data_directory());
    REQUIRE(std::holds_alternative<std::filesystem::path>(data));
    CHECK(std::filesystem::is_directory(tree.data_directory()));
    CHECK(std::filesystem::is_empty(tree.data_directory()));  // the write probe is cleaned up

    auto blocked = PrepareDataDirectory(tree.parent_secret() / "data");
    REQUIRE(std::holds_alternative<DirectoryError>(blocked));
    CHECK(std::get<DirectoryError>(blocked).message.starts_with("cannot create the data directory"));
}

TEST_CASE("command line: allowed hosts repeat, and the database URL comes from a file or the environment",
          "[server][library]") {
    auto hosts = Parse({"--allowed-host", "crm.example.com", "--allowed-host=crm.example.org"});
    REQUIRE(std::holds_alternative<ParsedCommandLine>(hosts));
    CHECK(std::get<ParsedCommandLine>(hosts).options.allowed_hosts ==
          std::vector<std::string>{"crm.example.com", "crm.example.org"});

    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("roadbook-url-" + std::to_string(::getpid()));
    {
        std::ofstream(file) << "postgresql://roadbook:secret@db.example/roadbook\r\n";
    }
    auto from_file = Parse({"--database-file", file.string()});
    std::filesystem::remove(file);
    REQUIRE(std::holds_alternative<ParsedCommandLine>(from_file));
    CHECK(std::get<ParsedCommandLine>(from_file).options.database_url == "postgresql://roadbook:secret@db.example/roadbook");

    ::setenv("ROADBOOK_DATABASE_URL", "postgresql://roadbook@env.example/roadbook", 1);
    auto from_environment = Parse({});
    auto flag_wins = Parse({"--database", "postgresql://roadbook@flag.example/roadbook"});
    ::setenv("ROADBOOK_DATABASE_URL", "mysql://nope", 1);
    auto wrong = Parse({});
    ::unsetenv("ROADBOOK_DATABASE_URL");
    CHECK(std::get<ParsedCommandLine>(from_environment).options.database_url == "postgresql://roadbook@env.example/roadbook");
    CHECK(std::get<ParsedCommandLine>(flag_wins).options.database_url == "postgresql://roadbook@flag.example/roadbook");
    CHECK(ErrorOf(wrong).find("ROADBOOK_DATABASE_URL") != std::string::npos);
}

}  // namespace roadbook::server
