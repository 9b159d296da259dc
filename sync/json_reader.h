// Strict reading of JSON objects for the protocol: each getter checks presence and type, and Finish()
// refuses fields nobody asked for, so a typo in a client is an error naming the field, not a silent default.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace roadbook::sync {

class JsonObjectReader {
public:
    // `path` names the object in errors ("" for the body, "mutations[3]" for an element).
    JsonObjectReader(const nlohmann::json& object, std::string path);

    std::string Text(std::string_view key, size_t max_bytes = 1'000'000);
    std::optional<std::string> NullableText(std::string_view key, size_t max_bytes = 1'000'000);
    int64_t Integer(std::string_view key, int64_t minimum, int64_t maximum);
    std::optional<int64_t> OptionalInteger(std::string_view key, int64_t minimum, int64_t maximum);
    bool Boolean(std::string_view key);
    // The array at key, or an empty one (with an error) when it is missing or not an array.
    const nlohmann::json& Array(std::string_view key, size_t max_items);
    const nlohmann::json& Object(std::string_view key);
    // True when the key is present (it then counts as read).
    bool Has(std::string_view key);

    // Reports unknown keys and returns every error collected; Done when there were none.
    Status Finish();
    std::vector<ValidationError>& errors() { return errors_; }
    std::string FieldPath(std::string_view key) const;

private:
    const nlohmann::json* Find(std::string_view key, bool required);
    void Fail(std::string_view key, std::string_view rule, const std::string& message);

    const nlohmann::json& object_;
    std::string path_;
    std::set<std::string, std::less<>> read_keys_;
    std::vector<ValidationError> errors_;
};

// Bounds on a JSON document, checked while it is parsed, so a hostile body is refused before a large tree
// is built: the tree of an accepted document costs at most about max_values * 64 bytes beside the body.
struct JsonLimits {
    size_t max_depth = 8;              // objects and arrays nested inside each other
    size_t max_members = 64;           // keys of one object
    size_t max_items = 2000;           // elements of one array
    size_t max_string_bytes = 100'000;  // one string value
    size_t max_key_bytes = 128;        // one key
    size_t max_values = 60'000;        // every value and key in the document
};

// What a client may send: a push of 2000 mutations of about ten values each fits.
inline constexpr JsonLimits kRequestJsonLimits{};
// What a device accepts from its server: a pull page of 20,000 field changes with their values.
inline constexpr JsonLimits kResponseJsonLimits{16, 1024, 1'000'000, 1'000'000, 1024, 20'000'000};

// Parses the body as one JSON object within `limits`, refusing a key repeated in one object (the strict
// decoding promised by sync/PROTOCOL.md). Errors name "body" with the rule: "json", "type", "depth",
// "members", "too-many", "too-long", "values" or "duplicate-key".
Result<nlohmann::json> ParseJsonObject(std::string_view body, const JsonLimits& limits);
// The schemaVersion every request and response carries: must equal kSchemaVersion.
void ReadSchemaVersion(JsonObjectReader& reader);

}  // namespace roadbook::sync
