// Account management shared by the admin command and the tests: organisations with their default records,
// teams, users with Argon2id passwords, password resets, token revocation and the demo organisation.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "sync/server/sync_service.h"

namespace roadbook::server {

struct DemoUser {
    std::string email;
    std::string password;
    std::string role;
};

class Accounts {
public:
    explicit Accounts(SyncService& service) : service_(service), store_(service.store()) {}

    // Each returns the password in force: the one given, or a generated one to hand to the person.
    Result<std::string> CreateOrganisation(const std::string& name, const std::string& admin_email,
                                           const std::string& admin_name, const std::optional<std::string>& password);
    Result<std::string> AddUser(const std::string& organisation, const std::string& email, const std::string& name,
                                const std::string& role, const std::string& team,
                                const std::optional<std::string>& password);
    Result<std::string> ResetPassword(const std::string& email, const std::optional<std::string>& password);
    Status RevokeTokens(const std::string& email);

    // "Roadbook Demo" with a manager and two reps of one team, created on the first call; the passwords
    // live in demo-users.txt beside the store so later runs can print them again.
    Result<std::vector<DemoUser>> EnsureDemoOrganisation(const std::filesystem::path& data_directory);

private:
    SyncService& service_;
    ServerStore& store_;
};

}  // namespace roadbook::server
