// Parsing of roadbook-server's flags: "--flag value" and "--flag=value", strict numbers, one error line.
#include "sync/server/command_line.h"

#include "sync/server/open_server_store.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <optional>

namespace roadbook::server {
namespace {

constexpr int kHighestPort = 65535;
constexpr int kMostConnections = 10'000;

std::optional<int> ParseNumber(std::string_view text, int highest) {
    int number = 0;
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, number);
    if (text.empty() || error != std::errc() || stop != end || number < 0 || number > highest) return std::nullopt;
    return number;
}

std::optional<int> ParsePort(std::string_view text) {
    int port = 0;
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, port);
    // from_chars accepts a leading '-'; a port is never negative, so refuse it with the rest.
    if (text.empty() || error != std::errc() || stop != end || port < 0 || port > kHighestPort) {
        return std::nullopt;
    }
    return port;
}

bool FlagTakesValue(std::string_view flag) {
    return flag == "--port" || flag == "--bind" || flag == "--web-root" || flag == "--data-dir" ||
           flag == "--database" || flag == "--database-file" || flag == "--max-connections" ||
           flag == "--max-connections-per-address" || flag == "--allowed-host";
}

bool FlagTakesNoValue(std::string_view flag) { return flag == "--help" || flag == "--version"; }

// Applies one flag with its value; returns an error message or nothing.
std::optional<std::string> ApplyFlag(std::string_view flag, std::string_view value, ServerOptions& options) {
    if (flag == "--port") {
        std::optional<int> port = ParsePort(value);
        if (!port) {
            return "--port must be a whole number from 0 to " + std::to_string(kHighestPort) + ", got '" +
                   std::string(value) + "'";
        }
        options.port = *port;
    } else if (flag == "--bind") {
        if (value.empty() || value.find_first_of(" /\t") != std::string_view::npos) {
            return "--bind must be an address such as 127.0.0.1 or 0.0.0.0, got '" + std::string(value) + "'";
        }
        options.bind_address = std::string(value);
    } else if (flag == "--web-root") {
        if (value.empty()) return std::string("--web-root must name a directory, got an empty value");
        options.web_root = std::filesystem::path(value);
    } else if (flag == "--data-dir") {
        if (value.empty()) return std::string("--data-dir must name a directory, got an empty value");
        options.data_directory = std::filesystem::path(value);
    } else if (flag == "--database") {
        if (!IsPostgresUrl(value)) {
            return "--database must be a PostgreSQL URL such as postgresql://roadbook@db.example/roadbook, got '" +
                   std::string(value) + "'";
        }
        options.database_url = std::string(value);
    } else if (flag == "--database-file") {
        auto url = ReadSecretFile("--database-file", std::filesystem::path(value));
        if (auto* error = std::get_if<CommandLineError>(&url)) return error->message;
        return ApplyFlag("--database", std::get<std::string>(url), options);
    } else if (flag == "--max-connections") {
        std::optional<int> count = ParseNumber(value, kMostConnections);
        if (!count || *count < 1) {
            return "--max-connections must be a whole number from 1 to " + std::to_string(kMostConnections) +
                   ", got '" + std::string(value) + "'";
        }
        options.max_connections = *count;
    } else if (flag == "--max-connections-per-address") {
        std::optional<int> count = ParseNumber(value, kMostConnections);
        if (!count || *count < 1) {
            return "--max-connections-per-address must be a whole number from 1 to " +
                   std::to_string(kMostConnections) + ", got '" + std::string(value) + "'";
        }
        options.max_connections_per_address = *count;
    } else if (flag == "--allowed-host") {
        if (value.empty() || value.size() > 253 || value.find_first_of(" /\t:@") != std::string_view::npos) {
            return "--allowed-host must be a host name such as crm.example.com, got '" + std::string(value) + "'";
        }
        options.allowed_hosts.emplace_back(value);
    }
    return std::nullopt;
}

}  // namespace

std::variant<std::string, CommandLineError> ReadSecretFile(const std::string& flag, const std::filesystem::path& path) {
    std::ifstream file(path);
    std::string line;
    if (!file || !std::getline(file, line)) {
        return CommandLineError{flag + " " + path.string() + ": cannot read the file (or it is empty)"};
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    if (line.empty()) return CommandLineError{flag + " " + path.string() + ": the first line is empty"};
    return line;
}

std::variant<std::string, CommandLineError> DatabaseUrlFromEnvironment(std::string current) {
    if (!current.empty()) return current;
    const char* url = std::getenv("ROADBOOK_DATABASE_URL");
    if (url == nullptr || *url == '\0') return current;
    if (!IsPostgresUrl(url)) {
        return CommandLineError{"ROADBOOK_DATABASE_URL must be a PostgreSQL URL such as postgresql://roadbook@db/roadbook"};
    }
    return std::string(url);
}

std::variant<ParsedCommandLine, CommandLineError> ParseCommandLine(std::span<const std::string> arguments) {
    ParsedCommandLine parsed;
    bool wants_help = false;
    bool wants_version = false;
    for (size_t index = 0; index < arguments.size(); ++index) {
        std::string_view argument = arguments[index];
        std::string_view flag = argument;
        std::optional<std::string_view> inline_value;
        if (size_t equals = argument.find('='); argument.starts_with("--") && equals != std::string_view::npos) {
            flag = argument.substr(0, equals);
            inline_value = argument.substr(equals + 1);
        }

        if (FlagTakesNoValue(flag)) {
            if (inline_value) return CommandLineError{std::string(flag) + " takes no value"};
            (flag == "--help" ? wants_help : wants_version) = true;
            continue;
        }
        if (!FlagTakesValue(flag)) {
            if (!argument.starts_with("-")) {
                return CommandLineError{"unexpected argument '" + std::string(argument) +
                                        "' (flags take the form --name value; see --help)"};
            }
            return CommandLineError{"unknown flag " + std::string(flag) + " (see --help)"};
        }

        std::string_view value;
        if (inline_value) {
            value = *inline_value;
        } else if (index + 1 < arguments.size()) {
            value = arguments[++index];
        } else {
            return CommandLineError{std::string(flag) + " needs a value (see --help)"};
        }
        if (std::optional<std::string> error = ApplyFlag(flag, value, parsed.options)) {
            return CommandLineError{std::move(*error)};
        }
    }
    auto url = DatabaseUrlFromEnvironment(parsed.options.database_url);
    if (auto* error = std::get_if<CommandLineError>(&url)) return *error;
    parsed.options.database_url = std::get<std::string>(url);
    if (wants_help) {
        parsed.action = CommandAction::kShowHelp;
    } else if (wants_version) {
        parsed.action = CommandAction::kShowVersion;
    }
    return parsed;
}

std::string UsageText() {
    return "Usage: roadbook-server [flags]\n"
           "\n"
           "Serves the Roadbook web app's static files and the /api/v1 endpoints.\n"
           "\n"
           "Flags:\n"
           "  --port N          TCP port to listen on (default 8080; 0 picks a free port)\n"
           "  --bind ADDRESS    address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)\n"
           "  --web-root DIR    the built web app, holding index.html (default build/web/dist)\n"
           "  --data-dir DIR    where the server keeps its data; created if missing\n"
           "                    (default .roadbook/data)\n"
           "  --database URL    keep the data in PostgreSQL (postgresql://user:password@host:port/database)\n"
           "                    instead of a SQLite file under --data-dir; several servers can share it\n"
           "  --database-file FILE  the URL from the first line of FILE (kept out of ps), as is\n"
           "                    ROADBOOK_DATABASE_URL from the environment\n"
           "  --max-connections N  connections served at once, event streams included (default 64);\n"
           "                    beyond it a client gets 503 with Retry-After\n"
           "  --max-connections-per-address N  connections from one client address (default 16; raise it\n"
           "                    when many people share one address, as behind an office's NAT)\n"
           "  --allowed-host NAME  a name browsers may reach the server by (repeatable); localhost, the\n"
           "                    loopback addresses and the --bind address always work, and with --bind 0.0.0.0\n"
           "                    any IP address does; other names get 421 (against DNS rebinding)\n"
           "  --help            show this help and exit\n"
           "  --version         show the version and exit\n"
           "\n"
           "Exit status: 0 after a clean stop (SIGINT or SIGTERM), 1 when the server cannot start,\n"
           "2 when the command line is wrong.\n";
}

}  // namespace roadbook::server
