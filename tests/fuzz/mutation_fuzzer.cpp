// Fuzzes the record catalogue's rules (sync/record_catalogue) with arbitrary entity, field and value: the
// first byte picks an entity (or names one), the second a field, the third whether the value is null, the
// rest is the value. A rule must refuse with an error naming "<entity>.<field>", and what it accepts must
// really have the field's shape, since every device stores what the server accepted.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "sync/record_catalogue.h"

namespace {

using namespace roadbook;

[[noreturn]] void Fail(const sync::EntityRule& entity, const sync::FieldRule& field, const std::string& value,
                       const char* why) {
    std::fprintf(stderr, "%s.%s accepted or refused \"%s\" wrongly: %s\n", std::string(entity.entity).c_str(),
                 std::string(field.name).c_str(), value.c_str(), why);
    std::abort();
}

bool IsDigits(std::string_view text) {
    if (text.empty()) return false;
    for (char character : text) {
        if (character < '0' || character > '9') return false;
    }
    return true;
}

void CheckAccepted(const sync::EntityRule& entity, const sync::FieldRule& field, const std::string& value) {
    switch (field.kind) {
    case sync::ValueKind::kId:
        if (value.empty() || value.size() > 80) Fail(entity, field, value, "an id of the wrong length");
        break;
    case sync::ValueKind::kInteger: {
        const std::string_view digits = value[0] == '-' ? std::string_view(value).substr(1) : std::string_view(value);
        if (!IsDigits(digits)) Fail(entity, field, value, "a number that is not digits");
        const long long number = std::strtoll(value.c_str(), nullptr, 10);
        if (std::to_string(number) != value) Fail(entity, field, value, "a number with two spellings");
        if (number < field.minimum || number > field.maximum) Fail(entity, field, value, "a number out of range");
        break;
    }
    case sync::ValueKind::kFlag:
        if (value != "0" && value != "1") Fail(entity, field, value, "a flag other than 0 or 1");
        break;
    case sync::ValueKind::kDate:
        if (value.size() != 10 || value[4] != '-' || value[7] != '-') Fail(entity, field, value, "a malformed date");
        break;
    case sync::ValueKind::kText:
    case sync::ValueKind::kName:
        if (value.size() > field.max_length * 4) Fail(entity, field, value, "text longer than its limit");
        break;
    case sync::ValueKind::kChoice:
        if (value.empty() || value.find(',') != std::string::npos) Fail(entity, field, value, "not one choice");
        break;
    case sync::ValueKind::kEmail:
    case sync::ValueKind::kCurrency:
        break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace roadbook;
    if (size < 3) return 0;
    const auto entities = roadbook::sync::AllEntities();
    const sync::EntityRule& entity = entities[data[0] % entities.size()];
    const bool deletion = data[1] == 0xff;
    const sync::FieldRule* field = deletion ? nullptr : &entity.fields[data[1] % entity.fields.size()];
    const bool is_null = (data[2] & 1) != 0;
    const std::string text(reinterpret_cast<const char*>(data + 3), size - 3);
    const std::optional<std::string> value = is_null ? std::nullopt : std::optional<std::string>(text);

    // Lookups by name find what the table holds, and nothing else.
    if (sync::FindEntity(entity.entity) != &entity) std::abort();
    if (const sync::EntityRule* named = sync::FindEntity(text); named && named->entity != text) std::abort();
    if (field && sync::FindField(entity, field->name) != field) std::abort();
    if (const sync::FieldRule* named = sync::FindField(entity, text); named && named->name != text) std::abort();
    sync::IsValidEntityId(entity, text);
    sync::IsInboxField(entity.entity, text);
    if (!field) return 0;

    const Status checked = sync::CheckFieldValue(entity, *field, value);
    const std::string prefix = std::string(entity.entity) + "." + std::string(field->name);
    if (!checked) {
        if (checked.first_error().message.rfind(prefix, 0) != 0) Fail(entity, *field, text, "an error not naming it");
        return 0;
    }
    if (!value) {
        if (!field->nullable) Fail(entity, *field, "(null)", "null for a required field");
        return 0;
    }
    CheckAccepted(entity, *field, *value);
    return 0;
}
