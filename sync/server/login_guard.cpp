// Sign-in limits and the password-check slots.
#include "sync/server/login_guard.h"

namespace roadbook::server {
namespace {

constexpr int64_t kWindowMs = 60'000;

}  // namespace

Result<LoginAdmission> LoginGuard::Admit(const std::string& canonical_email, const std::string& client_address,
                                         int64_t now_ms) {
    auto from_address = store_.RecordLoginAttempt("address:" + client_address, now_ms, now_ms - kWindowMs);
    if (!from_address) return from_address.errors();
    if (from_address.value() > limits_.per_address_per_minute) return LoginAdmission::kAddressLimited;
    if (canonical_email.empty()) return LoginAdmission::kAllowed;
    auto for_account = store_.RecordLoginAttempt("account:" + canonical_email, now_ms, now_ms - kWindowMs);
    if (!for_account) return for_account.errors();
    if (for_account.value() > limits_.per_account_per_minute) return LoginAdmission::kAccountLimited;
    return LoginAdmission::kAllowed;
}

std::optional<bool> LoginGuard::WithPasswordSlot(const std::function<bool()>& check) {
    {
        std::unique_lock lock(slots_mutex_);
        if (!slot_freed_.wait_for(lock, limits_.password_check_wait,
                                  [&] { return checks_running_ < limits_.concurrent_password_checks; })) {
            return std::nullopt;
        }
        ++checks_running_;
    }
    // The slot is given back however the check ends (an allocation failure throws).
    struct SlotRelease {
        LoginGuard& guard;
        ~SlotRelease() {
            {
                std::lock_guard lock(guard.slots_mutex_);
                --guard.checks_running_;
            }
            guard.slot_freed_.notify_one();
        }
    } release{*this};
    return check();
}

}  // namespace roadbook::server
