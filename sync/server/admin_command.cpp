// The admin subcommands. Each opens the store under --data-dir, does one thing and says what it did.
#include "sync/server/admin_command.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include "sync/server/accounts.h"
#include "sync/server/command_line.h"
#include "sync/server/credentials.h"
#include "sync/server/directories.h"
#include "sync/server/open_server_store.h"
#include "sync/server/sync_service.h"

namespace roadbook::server {
namespace {

struct AdminFlags {
    std::map<std::string, std::string, std::less<>> values;
    std::optional<std::string> Get(std::string_view name) const {
        auto found = values.find(name);
        if (found == values.end()) return std::nullopt;
        return found->second;
    }
};

int Fail(int status, const std::string& message) {
    std::fprintf(stderr, "roadbook-server admin: %s\n", message.c_str());
    return status;
}

void Print(const std::string& line) {
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
}

std::string FirstMessage(const std::vector<ValidationError>& errors) { return errors.front().message; }

}  // namespace

std::string AdminUsageText() {
    return "Usage: roadbook-server admin COMMAND [flags] [--data-dir DIR] [--database postgresql://...]\n"
           "Commands:\n"
           "  create-organisation --name NAME --admin-email EMAIL --admin-name NAME [--password P]\n"
           "  add-user --organisation NAME --email EMAIL --name NAME --role rep|manager|admin [--team TEAM]\n"
           "           [--password P]   (a missing team is created; a missing password is generated and printed)\n"
           "  reset-password --email EMAIL [--password P]\n"
           "  revoke-tokens --email EMAIL\n"
           "  demo               create the demo organisation once and print its users\n"
           "Instead of --password P: --password-file FILE or ROADBOOK_PASSWORD; instead of --database URL:\n"
           "--database-file FILE or ROADBOOK_DATABASE_URL (neither shows in ps).\n";
}

int RunAdminCommand(std::span<const std::string> arguments) {
    if (arguments.empty() || arguments[0] == "--help") {
        std::fputs(AdminUsageText().c_str(), arguments.empty() ? stderr : stdout);
        return arguments.empty() ? kExitUsage : kExitSuccess;
    }
    const std::string command = arguments[0];
    AdminFlags flags;
    for (size_t index = 1; index < arguments.size(); ++index) {
        const std::string& flag = arguments[index];
        if (!flag.starts_with("--") || index + 1 >= arguments.size()) {
            return Fail(kExitUsage, "expected --flag value, got '" + flag + "' (see admin --help)");
        }
        flags.values[flag.substr(2)] = arguments[++index];
    }
    auto data_directory = PrepareDataDirectory(flags.Get("data-dir").value_or(".roadbook/data"));
    if (const auto* error = std::get_if<DirectoryError>(&data_directory)) return Fail(kExitFailure, error->message);
    std::string database_url = flags.Get("database").value_or("");
    if (auto file = flags.Get("database-file")) {
        auto url = ReadSecretFile("--database-file", *file);
        if (auto* error = std::get_if<CommandLineError>(&url)) return Fail(kExitUsage, error->message);
        database_url = std::get<std::string>(url);
    }
    if (auto url = DatabaseUrlFromEnvironment(database_url); auto* error = std::get_if<CommandLineError>(&url)) {
        return Fail(kExitUsage, error->message);
    } else {
        database_url = std::get<std::string>(url);
    }
    // A password given on the command line shows in ps; --password-file or ROADBOOK_PASSWORD do not.
    if (auto file = flags.Get("password-file")) {
        auto password = ReadSecretFile("--password-file", *file);
        if (auto* error = std::get_if<CommandLineError>(&password)) return Fail(kExitUsage, error->message);
        flags.values["password"] = std::get<std::string>(password);
    } else if (const char* password = std::getenv("ROADBOOK_PASSWORD"); password && *password && !flags.Get("password")) {
        flags.values["password"] = password;
    }
    if (!database_url.empty() && !IsPostgresUrl(database_url)) {
        return Fail(kExitUsage, "--database must be a PostgreSQL URL such as postgresql://roadbook@db.example/roadbook");
    }
    auto store = OpenServerStore(database_url, std::get<std::filesystem::path>(data_directory));
    if (!store) return Fail(kExitFailure, FirstMessage(store.errors()));
    SyncService service(*store.value());
    Accounts accounts(service);

    const auto require = [&](std::string_view name) -> std::optional<std::string> { return flags.Get(name); };
    if (command == "create-organisation") {
        auto name = require("name"), email = require("admin-email"), admin_name = require("admin-name");
        if (!name || !email || !admin_name) {
            return Fail(kExitUsage, "create-organisation needs --name, --admin-email and --admin-name");
        }
        auto created = accounts.CreateOrganisation(*name, *email, *admin_name, flags.Get("password"));
        if (!created) return Fail(kExitFailure, FirstMessage(created.errors()));
        Print("organisation " + *name + " created; admin " + *email + " password " + created.value());
        return kExitSuccess;
    }
    if (command == "add-user") {
        auto organisation = require("organisation"), email = require("email"), name = require("name"),
             role = require("role");
        if (!organisation || !email || !name || !role) {
            return Fail(kExitUsage, "add-user needs --organisation, --email, --name and --role");
        }
        auto added = accounts.AddUser(*organisation, *email, *name, *role, flags.Get("team").value_or(""),
                                      flags.Get("password"));
        if (!added) return Fail(kExitFailure, FirstMessage(added.errors()));
        Print("user " + *email + " (" + *role + ") added; password " + added.value());
        return kExitSuccess;
    }
    if (command == "reset-password") {
        auto email = require("email");
        if (!email) return Fail(kExitUsage, "reset-password needs --email");
        auto reset = accounts.ResetPassword(*email, flags.Get("password"));
        if (!reset) return Fail(kExitFailure, FirstMessage(reset.errors()));
        Print("password of " + *email + " reset to " + reset.value() + "; existing sign-ins were revoked");
        return kExitSuccess;
    }
    if (command == "revoke-tokens") {
        auto email = require("email");
        if (!email) return Fail(kExitUsage, "revoke-tokens needs --email");
        if (auto revoked = accounts.RevokeTokens(*email); !revoked) return Fail(kExitFailure, FirstMessage(revoked.errors()));
        Print("every sign-in of " + *email + " was revoked");
        return kExitSuccess;
    }
    if (command == "demo") {
        auto demo = accounts.EnsureDemoOrganisation(std::get<std::filesystem::path>(data_directory));
        if (!demo) return Fail(kExitFailure, FirstMessage(demo.errors()));
        for (const DemoUser& user : demo.value()) Print("demo user " + user.email + " " + user.password + " " + user.role);
        return kExitSuccess;
    }
    return Fail(kExitUsage, "unknown admin command '" + command + "' (see admin --help)");
}

}  // namespace roadbook::server
