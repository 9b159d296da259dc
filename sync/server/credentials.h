// Passwords, bearer tokens and server-made ids, on libsodium: Argon2id password hashes, 256-bit random
// tokens kept only as BLAKE2b hashes, UUIDv7 ids from the system's random source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace roadbook::server {

// Initialises libsodium once; false when the system cannot provide randomness.
bool InitialiseCredentials();

inline constexpr size_t kMinPasswordLength = 10;

// Checks the password rule (length) and hashes it with Argon2id at libsodium's interactive cost.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& password_hash, std::string_view password);

// A new random bearer token (43 characters of base64url) and the hash the store keeps.
std::string NewBearerToken();
std::string HashBearerToken(std::string_view token);

// A readable random password for demo users and resets: 4 groups of 4 lower-case letters and digits.
std::string NewReadablePassword();

std::string NewRecordId();
int64_t UnixMillisecondsNow();

}  // namespace roadbook::server
