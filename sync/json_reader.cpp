// The strict JSON object reader of the protocol.
#include "sync/json_reader.h"

#include "sync/protocol.h"

namespace roadbook::sync {
namespace {

const nlohmann::json& EmptyArray() {
    static const nlohmann::json empty = nlohmann::json::array();
    return empty;
}

const nlohmann::json& EmptyObject() {
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
}

}  // namespace

JsonObjectReader::JsonObjectReader(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) {
        errors_.push_back({path_.empty() ? "body" : path_, "type", (path_.empty() ? "The body" : path_) +
                                                                    std::string(" must be a JSON object")});
    }
}

std::string JsonObjectReader::FieldPath(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonObjectReader::Fail(std::string_view key, std::string_view rule, const std::string& message) {
    errors_.push_back({FieldPath(key), std::string(rule), FieldPath(key) + " " + message});
}

const nlohmann::json* JsonObjectReader::Find(std::string_view key, bool required) {
    if (!object_.is_object()) return nullptr;
    read_keys_.emplace(key);
    auto found = object_.find(std::string(key));
    if (found == object_.end()) {
        if (required) Fail(key, "required", "is missing");
        return nullptr;
    }
    return &*found;
}

bool JsonObjectReader::Has(std::string_view key) { return Find(key, false) != nullptr; }

std::string JsonObjectReader::Text(std::string_view key, size_t max_bytes) {
    const nlohmann::json* value = Find(key, true);
    if (!value) return {};
    if (!value->is_string()) {
        Fail(key, "type", "must be a string");
        return {};
    }
    const std::string& text = value->get_ref<const std::string&>();
    if (text.size() > max_bytes) {
        Fail(key, "too-long", "is longer than " + std::to_string(max_bytes) + " bytes");
        return {};
    }
    return text;
}

std::optional<std::string> JsonObjectReader::NullableText(std::string_view key, size_t max_bytes) {
    const nlohmann::json* value = Find(key, true);
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_string()) {
        Fail(key, "type", "must be a string or null");
        return std::nullopt;
    }
    const std::string& text = value->get_ref<const std::string&>();
    if (text.size() > max_bytes) {
        Fail(key, "too-long", "is longer than " + std::to_string(max_bytes) + " bytes");
        return std::nullopt;
    }
    return text;
}

int64_t JsonObjectReader::Integer(std::string_view key, int64_t minimum, int64_t maximum) {
    const nlohmann::json* value = Find(key, true);
    if (!value) return minimum;
    if (!value->is_number_integer()) {
        Fail(key, "type", "must be a whole number");
        return minimum;
    }
    if (value->is_number_unsigned() && value->get<uint64_t>() > uint64_t(maximum)) {
        Fail(key, "range", "must be at most " + std::to_string(maximum));
        return minimum;
    }
    const int64_t number = value->get<int64_t>();
    if (number < minimum || number > maximum) {
        Fail(key, "range", "must be between " + std::to_string(minimum) + " and " + std::to_string(maximum));
        return minimum;
    }
    return number;
}

std::optional<int64_t> JsonObjectReader::OptionalInteger(std::string_view key, int64_t minimum, int64_t maximum) {
    if (!object_.is_object() || !object_.contains(std::string(key))) {
        read_keys_.emplace(key);
        return std::nullopt;
    }
    return Integer(key, minimum, maximum);
}

bool JsonObjectReader::Boolean(std::string_view key) {
    const nlohmann::json* value = Find(key, true);
    if (!value) return false;
    if (!value->is_boolean()) {
        Fail(key, "type", "must be true or false");
        return false;
    }
    return value->get<bool>();
}

const nlohmann::json& JsonObjectReader::Array(std::string_view key, size_t max_items) {
    const nlohmann::json* value = Find(key, true);
    if (!value) return EmptyArray();
    if (!value->is_array()) {
        Fail(key, "type", "must be an array");
        return EmptyArray();
    }
    if (value->size() > max_items) {
        Fail(key, "too-many", "holds more than " + std::to_string(max_items) + " items");
        return EmptyArray();
    }
    return *value;
}

const nlohmann::json& JsonObjectReader::Object(std::string_view key) {
    const nlohmann::json* value = Find(key, true);
    if (!value) return EmptyObject();
    if (!value->is_object()) {
        Fail(key, "type", "must be an object");
        return EmptyObject();
    }
    return *value;
}

Status JsonObjectReader::Finish() {
    if (object_.is_object()) {
        for (const auto& item : object_.items()) {
            if (!read_keys_.contains(item.key())) Fail(item.key(), "unknown", "is not a field of this message");
        }
    }
    if (errors_.empty()) return Done{};
    return errors_;
}

namespace {

// Builds the tree with nlohmann's own SAX tree builder, checking every event against the limits first and
// stopping the parse at the first breach, so nothing beyond the limits is ever allocated.
class LimitedTreeBuilder {
public:
    using Json = nlohmann::json;

    LimitedTreeBuilder(Json& result, const JsonLimits& limits) : builder_(result, false), limits_(limits) {}

    bool null() { return Value() && builder_.null(); }
    bool boolean(bool value) { return Value() && builder_.boolean(value); }
    bool number_integer(Json::number_integer_t value) { return Value() && builder_.number_integer(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return Value() && builder_.number_unsigned(value); }
    bool number_float(Json::number_float_t value, const Json::string_t& text) {
        return Value() && builder_.number_float(value, text);
    }
    bool string(Json::string_t& value) {
        if (value.size() > limits_.max_string_bytes) {
            return Refuse("too-long", "The body holds a string longer than " + std::to_string(limits_.max_string_bytes) +
                                          " bytes");
        }
        return Value() && builder_.string(value);
    }
    bool binary(Json::binary_t& value) { return Value() && builder_.binary(value); }
    bool start_object(std::size_t) {
        if (!Value() || !Open()) return false;
        frames_.push_back(Frame{true, 0, {}});
        return builder_.start_object(std::size_t(-1));
    }
    bool key(Json::string_t& key) {
        Frame& object = frames_.back();
        if (key.size() > limits_.max_key_bytes) {
            return Refuse("too-long", "The body holds a key longer than " + std::to_string(limits_.max_key_bytes) + " bytes");
        }
        if (++object.count > limits_.max_members) {
            return Refuse("members", "An object in the body has more than " + std::to_string(limits_.max_members) +
                                         " members");
        }
        if (!object.keys.insert(key).second) {
            return Refuse("duplicate-key", "The body repeats the key \"" + key + "\" in one object");
        }
        return CountValue() && builder_.key(key);
    }
    bool end_object() {
        frames_.pop_back();
        return builder_.end_object();
    }
    bool start_array(std::size_t) {
        if (!Value() || !Open()) return false;
        frames_.push_back(Frame{false, 0, {}});
        return builder_.start_array(std::size_t(-1));
    }
    bool end_array() {
        frames_.pop_back();
        return builder_.end_array();
    }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& error) {
        if (!refusal_) refusal_ = ValidationError{"body", "json", "The body is not valid JSON"};
        return builder_.parse_error(position, token, error);
    }

    const std::optional<ValidationError>& refusal() const { return refusal_; }

private:
    struct Frame {
        bool object = false;
        size_t count = 0;
        std::set<std::string, std::less<>> keys;  // an object's keys so far (at most max_members)
    };

    // A new value: counted against the whole document and, inside an array, against the array.
    bool Value() {
        if (!frames_.empty() && !frames_.back().object && ++frames_.back().count > limits_.max_items) {
            return Refuse("too-many", "An array in the body holds more than " + std::to_string(limits_.max_items) +
                                          " items");
        }
        return CountValue();
    }
    bool CountValue() {
        if (++values_ > limits_.max_values) {
            return Refuse("values", "The body holds more than " + std::to_string(limits_.max_values) + " values");
        }
        return true;
    }
    bool Open() {
        if (frames_.size() >= limits_.max_depth) {
            return Refuse("depth", "The body nests objects and arrays deeper than " +
                                       std::to_string(limits_.max_depth) + " levels");
        }
        return true;
    }
    bool Refuse(std::string rule, std::string message) {
        refusal_ = ValidationError{"body", std::move(rule), std::move(message)};
        return false;
    }

    nlohmann::detail::json_sax_dom_parser<Json> builder_;
    const JsonLimits& limits_;
    std::vector<Frame> frames_;
    size_t values_ = 0;
    std::optional<ValidationError> refusal_;
};

}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view body, const JsonLimits& limits) {
    nlohmann::json parsed;
    LimitedTreeBuilder builder(parsed, limits);
    const bool complete = nlohmann::json::sax_parse(body, &builder, nlohmann::json::input_format_t::json, true);
    if (!complete || builder.refusal()) {
        return builder.refusal().value_or(ValidationError{"body", "json", "The body is not valid JSON"});
    }
    if (!parsed.is_object()) return ValidationError{"body", "type", "The body must be a JSON object"};
    return parsed;
}

void ReadSchemaVersion(JsonObjectReader& reader) {
    const int64_t version = reader.Integer("schemaVersion", 0, 1'000'000);
    if (reader.errors().empty() && version != kSchemaVersion) {
        reader.errors().push_back({"schemaVersion", "unsupported",
                                   "schemaVersion " + std::to_string(version) + " is not supported; this side speaks " +
                                       std::to_string(kSchemaVersion)});
    }
}

}  // namespace roadbook::sync
