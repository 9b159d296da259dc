// Fuzzes the protocol's strict JSON decoding (sync/protocol, sync/json_reader) with arbitrary bodies: every
// decoder must refuse bad input with errors, never crash, and whatever it accepts must encode to a body
// that decodes to the same encoding again (nothing accepted is lost or changed by a round trip).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include "sync/protocol.h"

namespace {

using namespace roadbook;

// Decode, encode, decode again: the two encodings must agree.
template <typename Decode, typename Encode>
void CheckRoundTrip(std::string_view body, Decode decode, Encode encode, const char* what) {
    auto first = decode(body);
    if (!first) {
        if (first.errors().empty()) {
            std::fprintf(stderr, "%s: refused without naming a problem\n", what);
            std::abort();
        }
        return;
    }
    const std::string encoded = encode(first.value());
    auto second = decode(encoded);
    if (!second) {
        std::fprintf(stderr, "%s: its own encoding is refused: %s\n%s\n", what,
                     second.first_error().message.c_str(), encoded.c_str());
        std::abort();
    }
    if (encode(second.value()) != encoded) {
        std::fprintf(stderr, "%s: a round trip changed the body\n%s\n", what, encoded.c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace roadbook;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    CheckRoundTrip(body, sync::DecodeLoginRequest, sync::EncodeLoginRequest, "login request");
    CheckRoundTrip(body, sync::DecodeLoginResponse, sync::EncodeLoginResponse, "login response");
    CheckRoundTrip(body, sync::DecodePushRequest, sync::EncodePushRequest, "push request");
    CheckRoundTrip(body, sync::DecodePushResponse, sync::EncodePushResponse, "push response");
    CheckRoundTrip(body, sync::DecodePullRequest, sync::EncodePullRequest, "pull request");
    CheckRoundTrip(body, sync::DecodePullResponse, sync::EncodePullResponse, "pull response");
    CheckRoundTrip(body, sync::DecodeErrorBody, sync::EncodeErrorBody, "error body");
    sync::IsValidClientId(body);
    return 0;
}
