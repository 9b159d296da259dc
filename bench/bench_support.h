// What the native benchmarks share: a steady clock, percentiles, and the one-JSON-object-per-line output
// that ./roadbook bench prints (with the platform, so native and WebAssembly runs can be told apart).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace roadbook::bench {

using Clock = std::chrono::steady_clock;

#ifdef __EMSCRIPTEN__
inline constexpr const char* kPlatform = "wasm";
#else
inline constexpr const char* kPlatform = "native";
#endif

inline double Milliseconds(Clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}
inline double Microseconds(Clock::duration duration) {
    return std::chrono::duration<double, std::micro>(duration).count();
}

// The value at `fraction` (0.5 = median) of the sorted samples; `values` must not be empty.
inline double Percentile(std::vector<double> values, double fraction) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(fraction * double(values.size())))];
}

// {"bench":..., "metric":..., "value":..., "unit":..., "platform":...<extra>}; `extra` starts with a comma.
inline void Print(const std::string& bench, const char* metric, double value, const char* unit,
                  const std::string& extra = "") {
    std::printf("{\"bench\":\"%s\",\"metric\":\"%s\",\"value\":%.3f,\"unit\":\"%s\",\"platform\":\"%s\"%s}\n",
                bench.c_str(), metric, value, unit, kPlatform, extra.c_str());
    std::fflush(stdout);
}

}  // namespace roadbook::bench
