// What the app needs from the machine it runs on, with one implementation per target chosen by CMake
// (web/ for the browser build). Everything here may be called only from the main thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace roadbook::platform {

int64_t NowUnixMs();
// Minutes the device's local time is ahead of UTC at `unix_ms` (e.g. +60 for Paris in winter).
int32_t UtcOffsetMinutes(int64_t unix_ms);
// Cryptographically strong random bytes.
void FillRandomBytes(uint8_t* bytes, size_t count);
// A clock that never steps backwards, in seconds, for animations and timeouts.
double MonotonicSeconds();

}  // namespace roadbook::platform
