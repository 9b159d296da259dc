// platform.h for the browser: Date.now() and the local UTC offset from roadbook_web.js,
// crypto.getRandomValues through getentropy(), and performance.now() through Emscripten.
#include <emscripten.h>

#include <algorithm>
#include <cassert>
#include <cstddef>

#include <sys/random.h>

#include "platform/platform.h"

extern "C" {
// roadbook_web.js
int roadbook_web_utc_offset_minutes(double unix_ms);
double roadbook_web_now_unix_ms();
}

namespace roadbook::platform {

int64_t NowUnixMs() { return int64_t(roadbook_web_now_unix_ms()); }

int32_t UtcOffsetMinutes(int64_t unix_ms) { return roadbook_web_utc_offset_minutes(double(unix_ms)); }

void FillRandomBytes(uint8_t* bytes, size_t count) {
    // getentropy() is backed by crypto.getRandomValues() and takes at most 256 bytes per call.
    while (count > 0) {
        const size_t chunk = std::min<size_t>(count, 256);
        [[maybe_unused]] const int result = getentropy(bytes, chunk);
        assert(result == 0 && "crypto.getRandomValues is always available in browsers that run WebGL2");
        bytes += chunk;
        count -= chunk;
    }
}

double MonotonicSeconds() { return emscripten_get_now() / 1000.0; }

}  // namespace roadbook::platform
