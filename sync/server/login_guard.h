// Bounds on sign-in: attempts per account and per client address in a sliding minute, counted in the store
// so servers sharing PostgreSQL count together, and a cap on password checks running at once, because each
// Argon2id check holds 64 MiB.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "sync/server/server_store.h"

namespace roadbook::server {

struct LoginLimits {
    int per_account_per_minute = 10;
    int per_address_per_minute = 30;
    // 2 checks x 64 MiB: sign-in never costs the server more than 128 MiB, however many arrive at once.
    int concurrent_password_checks = 2;
    std::chrono::milliseconds password_check_wait{5000};  // then the sign-in is answered 503 "busy"
};

enum class LoginAdmission { kAllowed, kAccountLimited, kAddressLimited };

class LoginGuard {
public:
    LoginGuard(ServerStore& store, LoginLimits limits) : store_(store), limits_(limits) {}

    // Counts one attempt for the client address, then (when the address is within its limit) for the
    // account; `canonical_email` is empty when the email was not even an address (only the address counts).
    Result<LoginAdmission> Admit(const std::string& canonical_email, const std::string& client_address,
                                 int64_t now_ms);

    // Runs `check` in one of the bounded slots; nullopt when no slot came free within the wait.
    std::optional<bool> WithPasswordSlot(const std::function<bool()>& check);

    const LoginLimits& limits() const { return limits_; }

private:
    ServerStore& store_;
    LoginLimits limits_;
    std::mutex slots_mutex_;
    std::condition_variable slot_freed_;
    int checks_running_ = 0;
};

}  // namespace roadbook::server
