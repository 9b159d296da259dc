// Sign-in, tokens, change notifications and organisation seeding for the sync service.
#include "sync/server/sync_service.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "sync/server/credentials.h"
#include "sync/server/identity.h"

namespace roadbook::server {
namespace {

ServiceError Unauthorised(std::string message) {
    return Failure(401, "unauthorised", std::move(message), "Sign in again.");
}

// The rows the device's first migration creates, with the same ids, so a signed-in device and the
// server agree on the default pipeline from the start.
const std::vector<std::pair<std::pair<std::string, std::string>, std::vector<std::pair<std::string, std::string>>>>&
DefaultRecords() {
    using Fields = std::vector<std::pair<std::string, std::string>>;
    static const auto records = [] {
        std::vector<std::pair<std::pair<std::string, std::string>, Fields>> all;
        all.push_back({{"pipeline", "00000000-0000-7000-8000-000000000001"},
                       Fields{{"name", "Sales"}, {"position", "0"}, {"archived", "0"}}});
        const char* stages[][5] = {{"101", "Qualification", "10", "pipeline", "14"},
                                   {"102", "Needs analysis", "25", "pipeline", "14"},
                                   {"103", "Proposal", "50", "best_case", "10"},
                                   {"104", "Negotiation", "75", "commit", "7"},
                                   {"105", "Won", "100", "closed", ""},
                                   {"106", "Lost", "0", "omitted", ""}};
        const char* windows[] = {"7", "7", "5", "3", "0", "0"};
        for (int index = 0; index < 6; ++index) {
            Fields fields{{"pipeline_id", "00000000-0000-7000-8000-000000000001"},
                          {"name", stages[index][1]},
                          {"position", std::to_string(index)},
                          {"default_probability", stages[index][2]},
                          {"forecast_category", stages[index][3]},
                          {"next_step_window_days", windows[index]},
                          {"is_won", index == 4 ? "1" : "0"},
                          {"is_lost", index == 5 ? "1" : "0"}};
            if (*stages[index][4]) fields.push_back({"rot_days", stages[index][4]});
            all.push_back({{"stage", std::string("00000000-0000-7000-8000-000000000") + stages[index][0]}, fields});
        }
        const char* reasons[] = {"Price", "Chose a competitor", "No budget", "No decision", "Timing"};
        for (int index = 0; index < 5; ++index) {
            all.push_back({{"lost_reason", "00000000-0000-7000-8000-00000000020" + std::to_string(index + 1)},
                           Fields{{"label", reasons[index]}, {"position", std::to_string(index)}, {"active", "1"}}});
        }
        return all;
    }();
    return records;
}

// Server-written values carry the oldest possible stamp, so any edit made on a device wins over them.
constexpr const char* kServerClock = "000000000000000:00000:server";

}  // namespace

ServiceError Failure(int status, std::string code, std::string message, std::string hint,
                     std::optional<int64_t> last_mutation_id) {
    return ServiceError{status, sync::ErrorBody{std::move(code), std::move(message), std::move(hint), last_mutation_id}};
}

ServiceError StorageFailure(std::string_view operation, std::string_view detail) {
    std::fprintf(stderr, "roadbook-server: %.*s: %.*s\n", int(operation.size()), operation.data(), int(detail.size()),
                 detail.data());
    return Failure(503, "storage", "The server's storage did not answer (" + std::string(operation) + ")",
                   "Try again shortly; your changes stay on the device until then.");
}

void ChangeNotifier::Notify(const std::string& organisation_id, int64_t version) {
    {
        std::lock_guard lock(mutex_);
        int64_t& known = versions_[organisation_id];
        known = std::max(known, version);
    }
    changed_.notify_all();
}

int64_t ChangeNotifier::WaitBeyond(const std::string& organisation_id, int64_t seen, int64_t timeout_ms) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
        auto found = versions_.find(organisation_id);
        return stopping_ || (found != versions_.end() && found->second > seen);
    });
    auto found = versions_.find(organisation_id);
    return found == versions_.end() ? seen : std::max(seen, found->second);
}

void ChangeNotifier::StopAll() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
}

bool ChangeNotifier::stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

SyncService::SyncService(ServerStore& store, SyncSettings settings)
    : store_(store), settings_(settings), login_guard_(store, settings.login) {
    // Changes other servers commit to a shared store wake this server's event streams too.
    store_.WatchChanges([this](const std::string& organisation_id, int64_t version) {
        notifier_.Notify(organisation_id, version);
    });
}

SyncService::~SyncService() { store_.WatchChanges({}); }

bool SyncService::PasswordMatches(const std::optional<StoredUser>& user, std::string_view password) {
    if (user && user->active) return VerifyPassword(user->password_hash, password);
    std::call_once(decoy_hash_made_, [this] {
        auto decoy = HashPassword(NewReadablePassword());
        if (decoy) decoy_password_hash_ = decoy.value();
    });
    VerifyPassword(decoy_password_hash_, password);
    return false;
}

ServiceResult<sync::LoginResponse> SyncService::Login(const sync::LoginRequest& request,
                                                      const std::string& client_address, int64_t now_ms) {
    auto email = CanonicalEmail(request.email);
    auto admitted = login_guard_.Admit(email ? email.value() : std::string(), client_address, now_ms);
    if (!admitted) return StorageFailure("Counting sign-in attempts", admitted.first_error().message);
    if (admitted.value() == LoginAdmission::kAddressLimited) {
        return Failure(429, "too-many-attempts", "Too many sign-in attempts from this network address",
                       "Wait a minute, then try again.");
    }
    if (!email) return Failure(400, "bad-request", email.first_error().message, "Type the email address again.");
    if (admitted.value() == LoginAdmission::kAccountLimited) {
        return Failure(429, "too-many-attempts", "Too many sign-in attempts for this email address",
                       "Wait a minute, then try again.");
    }
    auto user = store_.FindUserByEmail(email.value());
    if (!user) return StorageFailure("Finding the account", user.first_error().message);
    // The same answer, after the same work, for an unknown email and a wrong password: nobody learns which
    // accounts exist.
    const std::optional<bool> valid =
        login_guard_.WithPasswordSlot([&] { return PasswordMatches(user.value(), request.password); });
    if (!valid) {
        return Failure(503, "busy", "The server is checking too many passwords at once",
                       "Try again in a few seconds.");
    }
    if (!*valid) return Unauthorised("The email or password is not right");
    const StoredUser& found = *user.value();
    const std::string token = NewBearerToken();
    if (auto stored = store_.StoreToken(HashBearerToken(token),
                                        StoredToken{found.id, found.organisation_id, now_ms + settings_.token_lifetime_ms});
        !stored) {
        return StorageFailure("Storing the sign-in", stored.first_error().message);
    }
    auto organisation = store_.FindOrganisation(found.organisation_id);
    sync::LoginResponse response;
    response.token = token;
    response.user = {found.id, found.name, found.email, found.role, found.team_ids};
    response.organisation_id = found.organisation_id;
    if (organisation && organisation.value()) response.organisation_name = organisation.value()->name;
    return response;
}

ServiceResult<Principal> SyncService::Authenticate(std::string_view authorization_header, int64_t now_ms) {
    constexpr std::string_view kPrefix = "Bearer ";
    if (authorization_header.substr(0, kPrefix.size()) != kPrefix || authorization_header.size() > 200) {
        return Unauthorised("This request needs an Authorization: Bearer <token> header");
    }
    const std::string token_hash = HashBearerToken(authorization_header.substr(kPrefix.size()));
    auto token = store_.FindToken(token_hash, now_ms);
    if (!token) return StorageFailure("Checking the sign-in", token.first_error().message);
    if (!token.value()) return Unauthorised("The sign-in has expired or was revoked");
    auto transaction = store_.Begin(token.value()->organisation_id, false);
    if (!transaction) return StorageFailure("Checking the sign-in", transaction.first_error().message);
    auto user = transaction.value()->FindUser(token.value()->user_id);
    // A storage failure here (a database restart between the two reads) is temporary: answering 401 would
    // sign the device out for good over a blip.
    if (!user) return StorageFailure("Checking the sign-in", user.first_error().message);
    if (!user.value()) return Unauthorised("The account no longer exists");
    return Principal{*user.value(), token_hash};
}

bool SyncService::OpenEventStream(const std::string& user_id) {
    std::lock_guard lock(streams_mutex_);
    int& streams = event_streams_by_user_[user_id];
    if (streams >= settings_.max_event_streams_per_user) return false;
    ++streams;
    return true;
}

void SyncService::CloseEventStream(const std::string& user_id) {
    std::lock_guard lock(streams_mutex_);
    auto found = event_streams_by_user_.find(user_id);
    if (found != event_streams_by_user_.end() && --found->second <= 0) event_streams_by_user_.erase(found);
}

ServiceResult<bool> SyncService::Logout(const Principal& principal) {
    if (auto revoked = store_.RevokeToken(principal.token_hash); !revoked) {
        return StorageFailure("Signing out", revoked.first_error().message);
    }
    return true;
}

Status SyncService::WriteServerRecords(
    const std::string& organisation_id,
    const std::vector<std::pair<std::pair<std::string, std::string>, std::vector<std::pair<std::string, std::string>>>>&
        records) {
    auto transaction = store_.Begin(organisation_id, true);
    if (!transaction) return transaction.errors();
    OrganisationTransaction& writing = *transaction.value();
    auto version = writing.NextVersion();
    if (!version) return version.errors();
    for (const auto& [key, fields] : records) {
        auto existing = writing.ReadRecord(key.first, key.second);
        if (!existing) return existing.errors();
        RecordMeta meta = existing.value().value_or(RecordMeta{1, false, "", "", "server", 0});
        if (auto written = writing.WriteRecord(key.first, key.second, meta, version.value()); !written) return written;
        for (const auto& [field, value] : fields) {
            auto current = writing.ReadField(key.first, key.second, field);
            if (!current) return current.errors();
            // A newer value from a device wins; the server only fills in or refreshes its own values.
            if (current.value() && current.value()->clock != kServerClock) continue;
            StoredField state{value, kServerClock, "server", version.value()};
            if (auto written = writing.WriteField(key.first, key.second, field, state); !written) return written;
        }
    }
    if (auto committed = writing.Commit(); !committed) return committed;
    notifier_.Notify(organisation_id, version.value());
    return Done{};
}

Result<int64_t> SyncService::CollectTombstones(int64_t now_ms) {
    auto organisations = store_.OrganisationIds();
    if (!organisations) return organisations.errors();
    int64_t collected = 0;
    for (const std::string& organisation : organisations.value()) {
        auto removed = store_.CollectTombstones(organisation, now_ms - settings_.tombstone_retention_ms);
        if (!removed) return removed.errors();
        collected += removed.value();
    }
    return collected;
}

Status SyncService::SeedOrganisation(const std::string& organisation_id, int64_t) {
    return WriteServerRecords(organisation_id, DefaultRecords());
}

Status SyncService::PublishTeam(const std::string& organisation_id, const std::string& team_id, const std::string& name) {
    return WriteServerRecords(organisation_id, {{{"team", team_id}, {{"name", name}}}});
}

Status SyncService::PublishUser(const StoredUser& user) {
    std::vector<std::pair<std::string, std::string>> fields{
        {"name", user.name}, {"email", user.email}, {"role", user.role}, {"active", user.active ? "1" : "0"}};
    if (!user.team_id.empty()) fields.push_back({"team_id", user.team_id});
    return WriteServerRecords(user.organisation_id, {{{"user", user.id}, fields}});
}

}  // namespace roadbook::server
