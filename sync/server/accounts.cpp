// Organisations, teams and users on the server, each published as sync records so devices see them.
#include "sync/server/accounts.h"

#include <fstream>
#include <sstream>

#include "core/field_checks.h"
#include "sync/server/credentials.h"
#include "sync/server/identity.h"

namespace roadbook::server {
namespace {

constexpr const char* kDemoOrganisation = "Roadbook Demo";
constexpr const char* kDemoFile = "demo-users.txt";

// Looks a user up by the canonical form of `email` (sync/server/identity.h), as sign-in does.
Result<std::optional<StoredUser>> FindByEmail(ServerStore& store, const std::string& email) {
    auto canonical = CanonicalEmail(email);
    if (!canonical) return canonical.errors();
    return store.FindUserByEmail(canonical.value());
}

Status CheckRole(const std::string& role) {
    if (role != "rep" && role != "manager" && role != "admin") {
        return ValidationError{"role", "choice", "role must be rep, manager or admin, got \"" + role + "\""};
    }
    return Done{};
}

}  // namespace

Result<std::string> Accounts::CreateOrganisation(const std::string& name, const std::string& admin_email,
                                                 const std::string& admin_name,
                                                 const std::optional<std::string>& password) {
    if (name.empty() || name.size() > 200) return ValidationError{"name", "required", "the organisation needs a name"};
    if (auto checked = CanonicalEmail(admin_email); !checked) return checked.errors();
    auto organisation = store_.CreateOrganisation(name);
    if (!organisation) return organisation.errors();
    if (auto seeded = service_.SeedOrganisation(organisation.value().id, UnixMillisecondsNow()); !seeded) {
        return seeded.errors();
    }
    return AddUser(organisation.value().id, admin_email, admin_name, "admin", "", password);
}

Result<std::string> Accounts::AddUser(const std::string& organisation, const std::string& email, const std::string& name,
                                      const std::string& role, const std::string& team,
                                      const std::optional<std::string>& password) {
    auto canonical_email = CanonicalEmail(email);
    if (!canonical_email) return canonical_email.errors();
    if (auto checked = CheckRole(role); !checked) return checked.errors();
    if (name.empty() || name.size() > 200) return ValidationError{"name", "required", "the user needs a name"};
    auto found = store_.FindOrganisation(organisation);
    if (!found) return found.errors();
    if (!found.value()) return ValidationError{"organisation", "missing", "no organisation \"" + organisation + "\""};
    const std::string organisation_id = found.value()->id;
    std::string team_id;
    if (!team.empty()) {
        auto existing = store_.FindTeam(organisation_id, team);
        if (!existing) return existing.errors();
        if (existing.value()) {
            team_id = *existing.value();
        } else {
            auto created = store_.CreateTeam(organisation_id, team);
            if (!created) return created.errors();
            team_id = created.value();
            if (auto published = service_.PublishTeam(organisation_id, team_id, team); !published) return published.errors();
        }
    }
    const std::string chosen = password.value_or(NewReadablePassword());
    auto hash = HashPassword(chosen);
    if (!hash) return hash.errors();
    StoredUser user{NewRecordId(), organisation_id, canonical_email.value(), name, role, team_id, {}, hash.value(), true};
    if (!team_id.empty()) user.team_ids.push_back(team_id);
    if (auto created = store_.CreateUser(user); !created) return created.errors();
    if (auto published = service_.PublishUser(user); !published) return published.errors();
    return chosen;
}

Result<std::string> Accounts::ResetPassword(const std::string& email, const std::optional<std::string>& password) {
    auto user = FindByEmail(store_, email);
    if (!user) return user.errors();
    if (!user.value()) return ValidationError{"email", "missing", "no user with the email " + email};
    const std::string chosen = password.value_or(NewReadablePassword());
    auto hash = HashPassword(chosen);
    if (!hash) return hash.errors();
    if (auto set = store_.SetPassword(user.value()->id, hash.value()); !set) return set.errors();
    if (auto revoked = store_.RevokeUserTokens(user.value()->id); !revoked) return revoked.errors();
    return chosen;
}

Status Accounts::RevokeTokens(const std::string& email) {
    auto user = FindByEmail(store_, email);
    if (!user) return user.errors();
    if (!user.value()) return ValidationError{"email", "missing", "no user with the email " + email};
    return store_.RevokeUserTokens(user.value()->id);
}

Result<std::vector<DemoUser>> Accounts::EnsureDemoOrganisation(const std::filesystem::path& data_directory) {
    const std::filesystem::path file = data_directory / kDemoFile;
    std::vector<DemoUser> users;
    auto existing = store_.FindOrganisation(kDemoOrganisation);
    if (!existing) return existing.errors();
    if (existing.value()) {
        std::ifstream saved(file);
        DemoUser user;
        while (saved >> user.email >> user.password >> user.role) users.push_back(user);
        if (users.empty()) {
            return ValidationError{"demo", "missing", "the demo organisation exists but " + file.string() +
                                                          " is gone; reset passwords with admin reset-password"};
        }
        return users;
    }
    const DemoUser manager{"manager@demo.roadbook", NewReadablePassword(), "manager"};
    const DemoUser first_rep{"rep1@demo.roadbook", NewReadablePassword(), "rep"};
    const DemoUser second_rep{"rep2@demo.roadbook", NewReadablePassword(), "rep"};
    auto created = CreateOrganisation(kDemoOrganisation, "admin@demo.roadbook", "Demo Admin", std::nullopt);
    if (!created) return created.errors();
    const std::pair<DemoUser, const char*> people[] = {
        {manager, "Morgan Manager"}, {first_rep, "Riley Rep"}, {second_rep, "Sam Rep"}};
    for (const auto& [user, name] : people) {
        auto added = AddUser(kDemoOrganisation, user.email, name, user.role, "Field Sales", user.password);
        if (!added) return added.errors();
        users.push_back(user);
    }
    std::ofstream saved(file, std::ios::trunc);
    for (const DemoUser& user : users) saved << user.email << ' ' << user.password << ' ' << user.role << '\n';
    if (!saved) return ValidationError{"demo", "storage", "could not write " + file.string()};
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return users;
}

}  // namespace roadbook::server
