// libsodium-backed credentials for roadbook-server.
#include "sync/server/credentials.h"

#include <sodium.h>

#include <chrono>
#include <mutex>

#include "core/uuid.h"

namespace roadbook::server {

bool InitialiseCredentials() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Result<std::string> HashPassword(std::string_view password) {
    if (password.size() < kMinPasswordLength) {
        return ValidationError{"password", "too-short",
                               "password must have at least " + std::to_string(kMinPasswordLength) + " characters"};
    }
    if (password.size() > 1024) return ValidationError{"password", "too-long", "password must have at most 1024 characters"};
    InitialiseCredentials();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return ValidationError{"password", "resources", "hashing the password ran out of memory"};
    }
    return std::string(hash);
}

bool VerifyPassword(const std::string& password_hash, std::string_view password) {
    InitialiseCredentials();
    if (password.size() > 1024) return false;
    return crypto_pwhash_str_verify(password_hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewBearerToken() {
    InitialiseCredentials();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

std::string HashBearerToken(std::string_view token) {
    InitialiseCredentials();
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

std::string NewReadablePassword() {
    InitialiseCredentials();
    static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    std::string password;
    for (int index = 0; index < 16; ++index) {
        if (index > 0 && index % 4 == 0) password += '-';
        password += kAlphabet[randombytes_uniform(uint32_t(kAlphabet.size()))];
    }
    return password;
}

int64_t UnixMillisecondsNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string NewRecordId() {
    InitialiseCredentials();
    static std::mutex mutex;
    static UuidV7Generator generator;
    UuidV7Generator::RandomBytes random;
    randombytes_buf(random.data(), random.size());
    std::lock_guard lock(mutex);
    return generator.Next(UnixMillisecondsNow(), random);
}

}  // namespace roadbook::server
