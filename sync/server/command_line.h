// Command-line flags of roadbook-server and their parsing; bad input is an error value naming the flag,
// so main can print one line and exit with the usage status.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace roadbook::server {

struct ServerOptions {
    int port = 8080;  // 0 asks the kernel for a free port (tests use it)
    std::string bind_address = "127.0.0.1";
    std::filesystem::path web_root = "build/web/dist";
    std::filesystem::path data_directory = ".roadbook/data";
    std::string database_url;  // postgresql://...; empty keeps the SQLite file under data_directory
    int max_connections = 64;  // served at once (event streams included); 503 beyond
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

// Exit statuses: scripts can tell a mistyped command (2) from a server that could not start (1).
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailure = 1;  // the environment is wrong: port taken, missing web root, ...
inline constexpr int kExitUsage = 2;    // the command line is wrong

}  // namespace roadbook::server
