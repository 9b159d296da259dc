// Command-line flags of roadbook-server and their parsing; bad input is an error value naming the flag,
// so main can print one line and exit with the usage status.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace roadbook::server {

struct ServerOptions {
    int port = 8080;  // 0 asks the kernel for a free port (tests use it)
    std::string bind_address = "127.0.0.1";
    std::filesystem::path web_root = "build/web/dist";
    std::filesystem::path data_directory = ".roadbook/data";
    std::string database_url;  // postgresql://...; empty keeps the SQLite file under data_directory
    int max_connections = 64;  // served at once (event streams included); 503 beyond
    int max_connections_per_address = 16;  // from one client address; 503 beyond
    std::vector<std::string> allowed_hosts;  // --allowed-host, repeatable; see routes.h HostAllowList
};

enum class CommandAction { kServe, kShowHelp, kShowVersion };

struct ParsedCommandLine {
    CommandAction action = CommandAction::kServe;
    ServerOptions options;
};

struct CommandLineError {
    std::string message;  // one line, names the flag, no program-name prefix
};

// `arguments` excludes the program name. A repeated flag takes its last value. --help or --version
// anywhere on an otherwise valid line selects that action; the first bad flag or value is the error.
std::variant<ParsedCommandLine, CommandLineError> ParseCommandLine(std::span<const std::string> arguments);

std::string UsageText();

// A secret kept out of `ps`: the first line of `path` (trailing CR/LF removed), or an error naming the file.
std::variant<std::string, CommandLineError> ReadSecretFile(const std::string& flag, const std::filesystem::path& path);
// The PostgreSQL URL from ROADBOOK_DATABASE_URL when --database and --database-file were not given.
std::variant<std::string, CommandLineError> DatabaseUrlFromEnvironment(std::string current);

// Exit statuses: scripts can tell a mistyped command (2) from a server that could not start (1).
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailure = 1;  // the environment is wrong: port taken, missing web root, ...
inline constexpr int kExitUsage = 2;    // the command line is wrong

}  // namespace roadbook::server
