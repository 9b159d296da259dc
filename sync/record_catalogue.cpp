// The synced entities and their field rules, mirroring the device schema (src/store/migrations) so a value
// the server accepts is one every device can store.
#include "sync/record_catalogue.h"

#include <cerrno>
#include <cstdlib>
#include <limits>

#include "core/calendar_date.h"
#include "core/currency.h"
#include "core/exchange_rate.h"
#include "core/field_checks.h"
#include "core/text.h"

namespace roadbook::sync {
namespace {

constexpr int64_t kMaxInstant = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z
constexpr int64_t kMaxMinorUnits = 999'999'999'999'999'999;

constexpr FieldRule Id(std::string_view name, std::string_view references, bool nullable = true) {
    return FieldRule{name, ValueKind::kId, nullable, references};
}
constexpr FieldRule Text(std::string_view name, size_t max_length = 200) {
    return FieldRule{name, ValueKind::kText, false, {}, 0, 0, {}, max_length};
}
constexpr FieldRule Name(std::string_view name) { return FieldRule{name, ValueKind::kName, false, {}, 0, 0, {}, 200}; }
constexpr FieldRule Integer(std::string_view name, int64_t minimum, int64_t maximum, bool nullable = false) {
    return FieldRule{name, ValueKind::kInteger, nullable, {}, minimum, maximum};
}
constexpr FieldRule Instant(std::string_view name, bool nullable = false) {
    return Integer(name, 0, kMaxInstant, nullable);
}
constexpr FieldRule Flag(std::string_view name) { return FieldRule{name, ValueKind::kFlag}; }
constexpr FieldRule Choice(std::string_view name, std::string_view choices, bool nullable = false) {
    return FieldRule{name, ValueKind::kChoice, nullable, {}, 0, 0, choices};
}
constexpr FieldRule Date(std::string_view name, bool nullable = false) {
    return FieldRule{name, ValueKind::kDate, nullable};
}
constexpr FieldRule Email(std::string_view name) { return FieldRule{name, ValueKind::kEmail}; }
constexpr FieldRule Currency(std::string_view name) { return FieldRule{name, ValueKind::kCurrency}; }

constexpr std::string_view kForecastCategories = "pipeline,best_case,commit,closed,omitted";

constexpr FieldRule kTeamFields[] = {Name("name")};
constexpr FieldRule kUserFields[] = {Name("name"), Email("email"), Id("team_id", "team"),
                                     Choice("role", "rep,manager,admin"), Flag("active")};
constexpr FieldRule kPipelineFields[] = {Name("name"), Integer("position", 0, 1'000'000), Flag("archived")};
constexpr FieldRule kStageFields[] = {
    Id("pipeline_id", "pipeline", false), Name("name"), Integer("position", 0, 1'000'000),
    Integer("default_probability", 0, 100), Choice("forecast_category", kForecastCategories),
    Integer("rot_days", 1, 10'000, true), Integer("next_step_window_days", 0, 10'000), Flag("is_won"),
    Flag("is_lost")};
constexpr FieldRule kLostReasonFields[] = {Name("label"), Integer("position", 0, 1'000'000), Flag("active")};
constexpr FieldRule kExchangeRateFields[] = {Integer("rate_nanos", 1, kMaxExchangeRateNanos, true)};
constexpr FieldRule kAccountFields[] = {Name("name"), Instant("created_at_ms"), Instant("updated_at_ms")};
constexpr FieldRule kContactFields[] = {Id("account_id", "account"), Name("name"), Email("email"),
                                        Text("phone", 60),  Text("job_title"), Instant("created_at_ms"),
                                        Instant("updated_at_ms")};
constexpr FieldRule kOpportunityFields[] = {
    Name("name"), Id("account_id", "account"), Id("primary_contact_id", "contact"),
    Id("pipeline_id", "pipeline", false), Id("stage_id", "stage", false), Id("owner_id", "user"),
    Integer("amount_minor", 0, kMaxMinorUnits), Currency("currency_code"),
    Integer("probability_override", 0, 100, true), Choice("forecast_category_override", kForecastCategories, true),
    Date("expected_close_date"), Text("source"), Integer("priority", 0, 3), Text("tags", 1000),
    Text("needs", 10'000), Choice("status", "open,won,lost,postponed,archived"), Date("closed_date", true),
    Id("lost_reason_id", "lost_reason"), Text("lost_note", 2000), Date("postponed_until", true),
    Text("postponed_reason", 2000), Text("no_next_step_reason", 2000), Instant("stage_entered_at_ms"),
    Instant("last_touch_at_ms"), Integer("close_date_push_count", 0, 1'000'000), Instant("created_at_ms"),
    Instant("updated_at_ms")};
constexpr FieldRule kLeadFields[] = {
    Name("name"), Text("company"), Email("email"), Text("phone", 60), Text("source"), Id("owner_id", "user"),
    Choice("status", "new,working,qualified,disqualified,converted"), Flag("has_budget"), Flag("has_authority"),
    Flag("has_need"), Flag("has_timing"), Text("disqualify_reason", 2000),
    Id("converted_opportunity_id", "opportunity"), Instant("created_at_ms"), Instant("updated_at_ms")};
constexpr FieldRule kOpportunityContactFields[] = {Id("opportunity_id", "opportunity", false),
                                                   Id("contact_id", "contact", false), Text("role"), Flag("deleted")};
constexpr FieldRule kActivityFields[] = {
    Choice("kind", "call,meeting,task,email,note"), Name("subject"), Text("notes", 20'000),
    Id("opportunity_id", "opportunity"), Id("contact_id", "contact"), Id("lead_id", "lead"), Id("owner_id", "user"),
    Date("due_date", true), Choice("state", "scheduled,done,cancelled"), Text("outcome", 2000),
    Instant("done_at_ms", true), Instant("created_at_ms"), Instant("updated_at_ms")};

constexpr EntityRule kEntities[] = {
    {"team", "teams", 0, WriteAccess::kServerOnly, ScopeRule::kOrganisation, kTeamFields},
    {"user", "users", 1, WriteAccess::kServerOnly, ScopeRule::kOrganisation, kUserFields},
    {"pipeline", "pipelines", 2, WriteAccess::kAdmin, ScopeRule::kOrganisation, kPipelineFields},
    {"stage", "stages", 3, WriteAccess::kAdmin, ScopeRule::kOrganisation, kStageFields},
    {"lost_reason", "lost_reasons", 4, WriteAccess::kAdmin, ScopeRule::kOrganisation, kLostReasonFields},
    {"exchange_rate", "exchange_rates", 5, WriteAccess::kAdmin, ScopeRule::kOrganisation, kExchangeRateFields},
    {"account", "accounts", 6, WriteAccess::kEveryone, ScopeRule::kOrganisation, kAccountFields},
    {"contact", "contacts", 7, WriteAccess::kEveryone, ScopeRule::kOrganisation, kContactFields},
    {"opportunity", "opportunities", 8, WriteAccess::kEveryone, ScopeRule::kOwner, kOpportunityFields},
    {"lead", "leads", 9, WriteAccess::kEveryone, ScopeRule::kOwner, kLeadFields},
    {"opportunity_contact", "opportunity_contacts", 10, WriteAccess::kEveryone, ScopeRule::kParentDeal,
     kOpportunityContactFields, true},
    {"activity", "activities", 11, WriteAccess::kEveryone, ScopeRule::kParentDeal, kActivityFields},
};

bool IsIdCharacter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9') || character == '-' || character == '_';
}

bool IsPlainId(std::string_view id) {
    if (id.empty() || id.size() > 80) return false;
    for (char character : id) {
        if (!IsIdCharacter(character)) return false;
    }
    return true;
}

ValidationError Broken(const EntityRule& entity, const FieldRule& field, std::string_view rule,
                       const std::string& message) {
    return ValidationError{std::string(entity.entity) + "." + std::string(field.name), std::string(rule),
                           std::string(entity.entity) + "." + std::string(field.name) + " " + message};
}

bool ParseInteger(const std::string& text, int64_t& number) {
    if (text.empty() || text.size() > 20) return false;
    size_t start = text[0] == '-' ? 1 : 0;
    if (start == text.size()) return false;
    if (text.size() > start + 1 && text[start] == '0') return false;  // one spelling per number
    if (start == 1 && text[1] == '0') return false;                     // "-0" is "0"
    for (size_t index = start; index < text.size(); ++index) {
        if (text[index] < '0' || text[index] > '9') return false;
    }
    errno = 0;
    char* end = nullptr;
    const long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size()) return false;
    number = parsed;
    return true;
}

bool IsChoice(std::string_view choices, std::string_view value) {
    while (!choices.empty()) {
        const size_t comma = choices.find(',');
        if (choices.substr(0, comma) == value) return true;
        if (comma == std::string_view::npos) break;
        choices.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

std::span<const EntityRule> AllEntities() { return kEntities; }

const EntityRule* FindEntity(std::string_view entity) {
    for (const EntityRule& rule : kEntities) {
        if (rule.entity == entity) return &rule;
    }
    return nullptr;
}

const FieldRule* FindField(const EntityRule& entity, std::string_view field) {
    for (const FieldRule& rule : entity.fields) {
        if (rule.name == field) return &rule;
    }
    return nullptr;
}

bool IsValidEntityId(const EntityRule& entity, std::string_view id) {
    if (entity.entity == "exchange_rate") return FindCurrency(id).has_value();
    if (!entity.composite_id) return IsPlainId(id);
    const size_t colon = id.find(':');
    return colon != std::string_view::npos && IsPlainId(id.substr(0, colon)) && IsPlainId(id.substr(colon + 1));
}

Status CheckFieldValue(const EntityRule& entity, const FieldRule& field, const std::optional<std::string>& value) {
    if (!value) {
        if (field.nullable) return Done{};
        return Broken(entity, field, "required", "must have a value");
    }
    const std::string& text = *value;
    switch (field.kind) {
    case ValueKind::kId:
        if (!IsPlainId(text)) return Broken(entity, field, "format", "must be a record id");
        return Done{};
    case ValueKind::kText:
    case ValueKind::kName: {
        std::vector<ValidationError> errors;
        ValidateText(text, TextRule{field.name, field.name, field.max_length, field.kind == ValueKind::kName},
                     errors);
        if (!errors.empty()) return Broken(entity, field, errors.front().rule, "is not acceptable text: " + errors.front().message);
        // The rule above measures the text without its surrounding spaces, but the value is stored as sent:
        // padding must count, or a 60-character field could hold megabytes of blanks.
        if (CountCodePoints(text) > field.max_length) {
            return Broken(entity, field, "too-long", "is longer than " + std::to_string(field.max_length) + " characters");
        }
        return Done{};
    }
    case ValueKind::kEmail: {
        std::vector<ValidationError> errors;
        ValidateEmail(text, field.name, errors);
        if (!errors.empty()) return Broken(entity, field, errors.front().rule, "must be empty or an email address");
        return Done{};
    }
    case ValueKind::kInteger: {
        int64_t number = 0;
        if (!ParseInteger(text, number)) return Broken(entity, field, "format", "must be a whole number");
        if (number < field.minimum || number > field.maximum) {
            return Broken(entity, field, "range",
                          "must be between " + std::to_string(field.minimum) + " and " + std::to_string(field.maximum));
        }
        return Done{};
    }
    case ValueKind::kFlag:
        if (text != "0" && text != "1") return Broken(entity, field, "format", "must be 0 or 1");
        return Done{};
    case ValueKind::kChoice:
        if (!IsChoice(field.choices, text)) {
            return Broken(entity, field, "choice", "must be one of " + std::string(field.choices));
        }
        return Done{};
    case ValueKind::kDate:
        if (text.size() != 10 || !ParseCalendarDate(text, field.name)) {
            return Broken(entity, field, "format", "must be a date as YYYY-MM-DD");
        }
        return Done{};
    case ValueKind::kCurrency:
        if (!FindCurrency(text)) return Broken(entity, field, "currency", "must be an ISO 4217 currency code");
        return Done{};
    }
    return Broken(entity, field, "format", "has an unknown kind");
}

bool IsInboxField(std::string_view entity, std::string_view field) {
    if (entity != "opportunity") return false;
    return field == "amount_minor" || field == "currency_code" || field == "expected_close_date" ||
           field == "stage_id" || field == "probability_override";
}

}  // namespace roadbook::sync
