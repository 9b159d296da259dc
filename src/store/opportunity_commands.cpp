// The opportunity commands. Each opens one transaction, checks its rules against the current row, and
// writes through RecordedWriter; any failure returns before Commit(), so nothing is written.
#include "store/opportunity_commands.h"

#include <functional>

#include "core/deal_rules.h"
#include "core/field_checks.h"
#include "core/opportunity.h"
#include "core/text.h"
#include "store/command_support.h"
#include "store/database.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

struct DealRow {
    std::string name;
    DealStatus status = DealStatus::Open;
    std::string pipeline_id;
    std::string stage_id;
    CalendarDate expected_close_date;
    int64_t close_date_push_count = 0;
};

struct StageRow {
    std::string pipeline_id;
    bool is_won = false;
    bool is_lost = false;
};

Result<DealRow> LoadDeal(Database& database, const std::string& id) {
    auto statement = database.PrepareCached(
        "SELECT name, status, pipeline_id, stage_id, expected_close_date, close_date_push_count "
        "FROM opportunities WHERE id = ?", "Reading the opportunity");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, id);
    if (!read.Step()) {
        if (!read.error().empty()) return ValidationError{"", "storage", read.error()};
        return NotFound("id", "opportunity", id);
    }
    DealRow row;
    row.name = read.ColumnText(0);
    auto status = ParseDealStatus(read.ColumnText(1));
    if (!status) return status.errors();
    row.status = status.value();
    row.pipeline_id = read.ColumnText(2);
    row.stage_id = read.ColumnText(3);
    auto close = ParseCalendarDate(read.ColumnText(4), "expected_close_date");
    if (!close) return close.errors();
    row.expected_close_date = close.value();
    row.close_date_push_count = read.ColumnInt(5);
    return row;
}

Result<StageRow> LoadStage(Database& database, const std::string& stage_id) {
    auto statement = database.PrepareCached("SELECT pipeline_id, is_won, is_lost FROM stages WHERE id = ?",
                                            "Reading the stage");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, stage_id);
    if (!read.Step()) return NotFound("stage_id", "stage", stage_id);
    return StageRow{read.ColumnText(0), read.ColumnInt(1) != 0, read.ColumnInt(2) != 0};
}

// The pipeline's won (or lost) stage, if the admin defined one.
Result<std::optional<std::string>> OutcomeStage(Database& database, const std::string& pipeline_id, bool won) {
    auto statement = database.PrepareCached(
        "SELECT id FROM stages WHERE pipeline_id = ? AND (CASE WHEN ? THEN is_won ELSE is_lost END) = 1 "
        "ORDER BY position LIMIT 1", "Finding the outcome stage");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, pipeline_id).Bind(2, int64_t(won ? 1 : 0));
    if (!statement.value()->Step()) return std::optional<std::string>();
    return std::optional<std::string>(statement.value()->ColumnText(0));
}

// `field` is "<what>_id"; the error names <what>.
Status CheckExists(Database& database, std::string_view table, std::string_view field, const std::string& id) {
    auto found = RowExists(database, "SELECT 1 FROM " + std::string(table) + " WHERE id = ?", id);
    if (!found) return found.errors();
    if (!found.value()) return NotFound(field, field.substr(0, field.size() - 3), id);
    return Done{};
}

Status Write(Database& database, const WriteContext& context, const std::string& id,
             const std::vector<FieldValue>& fields) {
    RecordedWriter writer(database, context);
    auto written = writer.Update("opportunities", "opportunity", id, fields);
    if (!written) return written.errors();
    return Done{};
}

SqlValue OptionalId(const std::string& id) { return id.empty() ? SqlValue(nullptr) : SqlValue(id); }

Result<std::string> JoinTags(const std::vector<std::string>& tags) {
    std::string joined;
    for (const std::string& tag : tags) {
        const std::string_view trimmed = Trim(tag);
        if (trimmed.empty()) continue;
        if (trimmed.find(',') != std::string_view::npos) {
            return ValidationError{"tags", "comma", "A tag cannot contain a comma: \"" + std::string(trimmed) + "\"."};
        }
        if (!IsValidUtf8(trimmed) || CountCodePoints(trimmed) > 50) {
            return ValidationError{"tags", "too-long", "Each tag is at most 50 characters of text."};
        }
        joined += (joined.empty() ? "" : ",") + std::string(trimmed);
    }
    return joined;
}

}  // namespace

Status OpportunityCommands::Edit(const std::string& id, const OpportunityEdit& edit, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        std::vector<ValidationError> errors;
        std::vector<FieldValue> fields;
        if (edit.name) {
            ValidateText(*edit.name, TextRule{"name", "Name", kMaxNameCharacters, true}, errors);
            fields.push_back({"name", std::string(Trim(*edit.name))});
        }
        if (edit.amount) {
            if (!FindCurrency(edit.amount->currency_code)) {
                errors.push_back({"currency", "unknown-currency", "Currency \"" + edit.amount->currency_code +
                                                                      "\" is not an ISO 4217 code Roadbook knows."});
            } else if (edit.amount->minor_units < 0) {
                errors.push_back({"amount", "negative", "Amount cannot be negative."});
            }
            fields.push_back({"amount_minor", edit.amount->minor_units});
            fields.push_back({"currency_code", edit.amount->currency_code});
        }
        if (edit.expected_close_date) {
            if (!IsValidDate(*edit.expected_close_date)) {
                errors.push_back({"expected_close_date", "invalid-date", "Expected close date is not a valid date."});
            }
            fields.push_back({"expected_close_date", FormatIsoDate(*edit.expected_close_date)});
            if (*edit.expected_close_date > deal.value().expected_close_date) {
                fields.push_back({"close_date_push_count", deal.value().close_date_push_count + 1});
            }
        }
        if (edit.priority) {
            if (*edit.priority < 0 || *edit.priority > 3) {
                errors.push_back({"priority", "range", "Priority is 0 (low) to 3 (top)."});
            }
            fields.push_back({"priority", int64_t(*edit.priority)});
        }
        if (edit.source) {
            ValidateText(*edit.source, TextRule{"source", "Source", 100, false}, errors);
            fields.push_back({"source", std::string(Trim(*edit.source))});
        }
        if (edit.needs) {
            ValidateText(*edit.needs, TextRule{"needs", "Needs", 20000, false}, errors);
            fields.push_back({"needs", *edit.needs});
        }
        if (edit.tags) {
            auto joined = JoinTags(*edit.tags);
            if (!joined) errors.push_back(joined.first_error()); else fields.push_back({"tags", joined.value()});
        }
        const std::pair<const std::optional<std::string>*, std::pair<const char*, const char*>> links[] = {
            {&edit.account_id, {"account_id", "accounts"}},
            {&edit.primary_contact_id, {"primary_contact_id", "contacts"}},
            {&edit.owner_id, {"owner_id", "users"}},
        };
        for (const auto& [value, names] : links) {
            if (!value->has_value()) continue;
            if (!(*value)->empty()) {
                if (auto exists = CheckExists(database_, names.second, names.first, **value); !exists) {
                    errors.push_back(exists.first_error());
                }
            }
            fields.push_back({names.first, OptionalId(**value)});
        }
        if (!errors.empty()) return errors;
        if (fields.empty()) return Done{};
        return Write(database_, context, id, fields);
    });
}

Status OpportunityCommands::MoveStage(const std::string& id, const std::string& stage_id, const WriteContext& context,
                                      const std::string& lost_reason_id, const std::string& lost_note) {
    {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        auto stage = LoadStage(database_, stage_id);
        if (!stage) return stage.errors();
        if (stage.value().pipeline_id != deal.value().pipeline_id) {
            return ValidationError{"stage_id", "other-pipeline", "That stage belongs to another pipeline."};
        }
        // Outcome stages go through the outcome commands so their rules (reason, closed date) apply.
        if (stage.value().is_won) return MarkWon(id, std::nullopt, context);
        if (stage.value().is_lost) return MarkLost(id, lost_reason_id, lost_note, context);
    }
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        if (deal.value().stage_id == stage_id && deal.value().status == DealStatus::Open) return Done{};
        if (deal.value().status != DealStatus::Open) {
            return ValidationError{"status", "not-open", "Reopen the deal before moving it to another stage."};
        }
        return Write(database_, context, id,
                     {{"stage_id", stage_id},
                      {"stage_entered_at_ms", context.now_unix_ms},
                      {"last_touch_at_ms", context.now_unix_ms}});
    });
}

Status OpportunityCommands::SetProbabilityOverride(const std::string& id, int32_t probability,
                                                   const WriteContext& context) {
    if (auto valid = ValidateProbabilityOverride(probability); !valid) return valid;
    return InTransaction(database_, [&]() -> Status {
        if (auto deal = LoadDeal(database_, id); !deal) return deal.errors();
        return Write(database_, context, id, {{"probability_override", int64_t(probability)}});
    });
}

Status OpportunityCommands::ResetProbability(const std::string& id, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        if (auto deal = LoadDeal(database_, id); !deal) return deal.errors();
        return Write(database_, context, id, {{"probability_override", nullptr}});
    });
}

Status OpportunityCommands::SetForecastCategoryOverride(const std::string& id, ForecastCategory category,
                                                        const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        if (auto valid = ValidateForecastCategoryOverride(deal.value().status, category); !valid) return valid;
        return Write(database_, context, id,
                     {{"forecast_category_override", std::string(ForecastCategoryName(category))}});
    });
}

Status OpportunityCommands::ClearForecastCategoryOverride(const std::string& id, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        if (auto deal = LoadDeal(database_, id); !deal) return deal.errors();
        return Write(database_, context, id, {{"forecast_category_override", nullptr}});
    });
}

Status OpportunityCommands::MarkWon(const std::string& id, std::optional<CalendarDate> closed_date,
                                    const WriteContext& context) {
    const CalendarDate closed_on = closed_date.value_or(context.today);
    if (!IsValidDate(closed_on)) return ValidationError{"closed_date", "invalid-date", "Closed date is not a valid date."};
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        auto won_stage = OutcomeStage(database_, deal.value().pipeline_id, true);
        if (!won_stage) return won_stage.errors();
        std::vector<FieldValue> fields = {{"status", std::string("won")},
                                          {"closed_date", FormatIsoDate(closed_on)},
                                          {"lost_reason_id", nullptr},
                                          {"lost_note", std::string()},
                                          {"last_touch_at_ms", context.now_unix_ms}};
        if (won_stage.value() && *won_stage.value() != deal.value().stage_id) {
            fields.push_back({"stage_id", *won_stage.value()});
            fields.push_back({"stage_entered_at_ms", context.now_unix_ms});
        }
        return Write(database_, context, id, fields);
    });
}

Status OpportunityCommands::MarkLost(const std::string& id, const std::string& lost_reason_id, const std::string& note,
                                     const WriteContext& context) {
    if (Trim(lost_reason_id).empty()) {
        return ValidationError{"lost_reason_id", "required", "Choose why the deal was lost."};
    }
    std::vector<ValidationError> errors;
    ValidateText(note, TextRule{"lost_note", "Note", 2000, false}, errors);
    if (!errors.empty()) return errors;
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        auto reason = database_.PrepareCached("SELECT active FROM lost_reasons WHERE id = ?", "Checking the lost reason");
        if (!reason) return reason.errors();
        reason.value()->Bind(1, lost_reason_id);
        if (!reason.value()->Step()) return NotFound("lost_reason_id", "lost reason", lost_reason_id);
        if (reason.value()->ColumnInt(0) == 0) {
            return ValidationError{"lost_reason_id", "inactive", "That lost reason is no longer offered."};
        }
        auto lost_stage = OutcomeStage(database_, deal.value().pipeline_id, false);
        if (!lost_stage) return lost_stage.errors();
        std::vector<FieldValue> fields = {{"status", std::string("lost")},
                                          {"lost_reason_id", lost_reason_id},
                                          {"lost_note", note},
                                          {"closed_date", FormatIsoDate(context.today)},
                                          {"last_touch_at_ms", context.now_unix_ms}};
        if (lost_stage.value() && *lost_stage.value() != deal.value().stage_id) {
            fields.push_back({"stage_id", *lost_stage.value()});
            fields.push_back({"stage_entered_at_ms", context.now_unix_ms});
        }
        return Write(database_, context, id, fields);
    });
}

Status OpportunityCommands::Postpone(const std::string& id, CalendarDate until, const std::string& reason,
                                     const WriteContext& context) {
    std::vector<ValidationError> errors;
    if (!IsValidDate(until) || until <= context.today) {
        errors.push_back({"postponed_until", "not-future", "Postpone until a date after today."});
    }
    ValidateText(reason, TextRule{"postponed_reason", "Reason", 500, true}, errors);
    if (!errors.empty()) return errors;
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        if (deal.value().status != DealStatus::Open) {
            return ValidationError{"status", "not-open", "Only open deals can be postponed."};
        }
        return Write(database_, context, id,
                     {{"status", std::string("postponed")},
                      {"postponed_until", FormatIsoDate(until)},
                      {"postponed_reason", std::string(Trim(reason))}});
    });
}

Status OpportunityCommands::Archive(const std::string& id, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        if (auto deal = LoadDeal(database_, id); !deal) return deal.errors();
        return Write(database_, context, id, {{"status", std::string("archived")}});
    });
}

Status OpportunityCommands::Reopen(const std::string& id, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto deal = LoadDeal(database_, id);
        if (!deal) return deal.errors();
        if (deal.value().status == DealStatus::Open) return Done{};
        std::vector<FieldValue> fields = {{"status", std::string("open")},
                                          {"closed_date", nullptr},
                                          {"lost_reason_id", nullptr},
                                          {"lost_note", std::string()},
                                          {"postponed_until", nullptr},
                                          {"postponed_reason", std::string()},
                                          {"last_touch_at_ms", context.now_unix_ms}};
        auto stage = LoadStage(database_, deal.value().stage_id);
        if (!stage) return stage.errors();
        if (stage.value().is_won || stage.value().is_lost) {
            // Back to the last open stage the deal was in, else the pipeline's first open stage.
            auto previous = database_.PrepareCached(
                "SELECT id FROM (SELECT s.id AS id, 0 AS preference, c.sequence AS ordering FROM change_log c "
                "JOIN stages s ON s.id = c.new_value WHERE c.entity = 'opportunity' AND c.entity_id = ?1 "
                "AND c.field = 'stage_id' AND s.is_won = 0 AND s.is_lost = 0 AND s.pipeline_id = ?2 "
                "UNION ALL SELECT id, 1, -position FROM stages WHERE pipeline_id = ?2 AND is_won = 0 AND is_lost = 0) "
                "ORDER BY preference, ordering DESC LIMIT 1",
                "Finding the stage to reopen into");
            if (!previous) return previous.errors();
            previous.value()->Bind(1, id).Bind(2, deal.value().pipeline_id);
            if (!previous.value()->Step()) {
                return ValidationError{"stage_id", "no-open-stage", "The pipeline has no open stage to reopen into."};
            }
            const std::string reopen_stage = previous.value()->ColumnText(0);
            fields.push_back({"stage_id", reopen_stage});
            fields.push_back({"stage_entered_at_ms", context.now_unix_ms});
        }
        return Write(database_, context, id, fields);
    });
}

Result<std::vector<std::string>> OpportunityCommands::WakePostponed(const WriteContext& context) {
    std::vector<std::string> woken;
    auto status = InTransaction(database_, [&]() -> Status {
        auto due = database_.PrepareCached(
            "SELECT id, name, owner_id FROM opportunities WHERE status = 'postponed' AND postponed_until <= ? "
            "ORDER BY postponed_until, id", "Finding postponed deals to wake");
        if (!due) return due.errors();
        due.value()->Bind(1, FormatIsoDate(context.today));
        std::vector<std::tuple<std::string, std::string, SqlValue>> deals;
        while (due.value()->Step()) {
            deals.emplace_back(due.value()->ColumnText(0), due.value()->ColumnText(1), due.value()->ColumnValue(2));
        }
        if (!due.value()->error().empty()) return ValidationError{"", "storage", due.value()->error()};
        RecordedWriter writer(database_, context);
        for (const auto& [id, name, owner] : deals) {
            if (auto written = Write(database_, context, id,
                                     {{"status", std::string("open")},
                                      {"postponed_until", nullptr},
                                      {"stage_entered_at_ms", context.now_unix_ms},
                                      {"last_touch_at_ms", context.now_unix_ms}});
                !written) {
                return written;
            }
            auto task = writer.Insert("activities", "activity", context.new_id(),
                                      {{"kind", std::string("task")},
                                       {"subject", "Follow up: " + name},
                                       {"notes", std::string("Woke up from postponement.")},
                                       {"opportunity_id", id},
                                       {"owner_id", owner},
                                       {"due_date", FormatIsoDate(context.today)},
                                       {"state", std::string("scheduled")},
                                       {"created_at_ms", context.now_unix_ms},
                                       {"updated_at_ms", context.now_unix_ms}});
            if (!task) return task;
            woken.push_back(id);
        }
        return Done{};
    });
    if (!status) return status.errors();
    return woken;
}

}  // namespace roadbook
