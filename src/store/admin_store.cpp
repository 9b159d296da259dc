// Admin commands. Names are validated here (required, length, text); stage rules by the core.
#include "store/admin_store.h"

#include <algorithm>
#include <functional>

#include "core/currency.h"
#include "core/field_checks.h"
#include "core/text.h"
#include "store/command_support.h"
#include "store/database.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

// A name or label an admin types: trimmed, required, at most `max_characters`.
Status CheckLabel(std::string_view text, std::string_view field, std::string_view label, size_t max_characters) {
    std::vector<ValidationError> errors;
    ValidateText(text, TextRule{field, label, max_characters, true}, errors);
    if (!errors.empty()) return errors;
    return Done{};
}

Result<int64_t> NextPosition(Database& database, const std::string& sql, const std::string& scope) {
    auto statement = database.PrepareCached(sql, "Finding the next position");
    if (!statement) return statement.errors();
    if (!scope.empty()) statement.value()->Bind(1, scope);
    if (!statement.value()->Step()) return ValidationError{"", "storage", statement.value()->error()};
    return statement.value()->ColumnInt(0);
}

Status UpdateRow(Database& database, const WriteContext& context, std::string_view table, std::string_view entity,
                 const std::string& id, const std::vector<FieldValue>& fields) {
    RecordedWriter writer(database, context);
    auto updated = writer.Update(table, entity, id, fields);
    if (!updated) return updated.errors();
    return Done{};
}

std::vector<FieldValue> StageFields(const StageRules& stage) {
    return {{"name", std::string(Trim(stage.name))},
            {"default_probability", int64_t(stage.default_probability)},
            {"forecast_category", std::string(ForecastCategoryName(stage.forecast_category))},
            {"rot_days", stage.rot_days ? SqlValue(int64_t(*stage.rot_days)) : SqlValue(nullptr)},
            {"next_step_window_days", int64_t(stage.next_step_window_days)},
            {"is_won", int64_t(stage.is_won ? 1 : 0)},
            {"is_lost", int64_t(stage.is_lost ? 1 : 0)}};
}

const char* RoleName(UserRole role) {
    switch (role) {
        case UserRole::Manager: return "manager";
        case UserRole::Admin: return "admin";
        case UserRole::Rep: break;
    }
    return "rep";
}

}  // namespace

Result<std::string> AdminStore::AddPipeline(const std::string& name, const WriteContext& context) {
    if (auto valid = CheckLabel(name, "name", "Pipeline name", 100); !valid) return valid.errors();
    const std::string id = context.new_id();
    auto status = InTransaction(database_, [&]() -> Status {
        auto position = NextPosition(database_, "SELECT coalesce(max(position) + 1, 0) FROM pipelines", "");
        if (!position) return position.errors();
        RecordedWriter writer(database_, context);
        return writer.Insert("pipelines", "pipeline", id,
                             {{"name", std::string(Trim(name))}, {"position", position.value()}});
    });
    if (!status) return status.errors();
    return id;
}

Status AdminStore::RenamePipeline(const std::string& id, const std::string& name, const WriteContext& context) {
    if (auto valid = CheckLabel(name, "name", "Pipeline name", 100); !valid) return valid;
    return InTransaction(database_, [&] {
        return UpdateRow(database_, context, "pipelines", "pipeline", id, {{"name", std::string(Trim(name))}});
    });
}

Status AdminStore::Reorder(const char* table, const char* entity, const std::string& scope_column,
                           const std::string& scope, const std::vector<std::string>& ids_in_order,
                           const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        std::string sql = std::string("SELECT id FROM ") + table;
        if (!scope_column.empty()) sql += " WHERE " + scope_column + " = ?";
        auto statement = database_.PrepareCached(sql, "Reading the current order");
        if (!statement) return statement.errors();
        if (!scope_column.empty()) statement.value()->Bind(1, scope);
        std::vector<std::string> existing;
        while (statement.value()->Step()) existing.push_back(statement.value()->ColumnText(0));
        std::vector<std::string> wanted = ids_in_order;
        std::sort(existing.begin(), existing.end());
        std::sort(wanted.begin(), wanted.end());
        if (existing != wanted) {
            return ValidationError{"order", "mismatch", "The new order must list each " + std::string(entity) +
                                                            " exactly once."};
        }
        for (size_t position = 0; position < ids_in_order.size(); ++position) {
            if (auto updated = UpdateRow(database_, context, table, entity, ids_in_order[position],
                                         {{"position", int64_t(position)}});
                !updated) {
                return updated;
            }
        }
        return Done{};
    });
}

Status AdminStore::ReorderPipelines(const std::vector<std::string>& ids_in_order, const WriteContext& context) {
    return Reorder("pipelines", "pipeline", "", "", ids_in_order, context);
}

Result<std::vector<PipelineSummary>> AdminStore::Pipelines() {
    auto statement = database_.PrepareCached("SELECT id, name, position, archived FROM pipelines ORDER BY position",
                                             "Listing pipelines");
    if (!statement) return statement.errors();
    std::vector<PipelineSummary> pipelines;
    while (statement.value()->Step()) {
        Statement& row = *statement.value();
        pipelines.push_back({row.ColumnText(0), row.ColumnText(1), row.ColumnInt(2), row.ColumnInt(3) != 0});
    }
    return pipelines;
}

Result<std::string> AdminStore::AddStage(const std::string& pipeline_id, const StageRules& stage,
                                         const WriteContext& context) {
    if (auto valid = ValidateStageRules(stage); !valid) return valid.errors();
    const std::string id = context.new_id();
    auto status = InTransaction(database_, [&]() -> Status {
        auto position =
            NextPosition(database_, "SELECT coalesce(max(position) + 1, 0) FROM stages WHERE pipeline_id = ?", pipeline_id);
        if (!position) return position.errors();
        auto exists = database_.PrepareCached("SELECT 1 FROM pipelines WHERE id = ?", "Checking the pipeline");
        if (!exists) return exists.errors();
        exists.value()->Bind(1, pipeline_id);
        if (!exists.value()->Step()) return ValidationError{"pipeline_id", "not-found", "That pipeline does not exist."};
        std::vector<FieldValue> fields = StageFields(stage);
        fields.push_back({"pipeline_id", pipeline_id});
        fields.push_back({"position", position.value()});
        RecordedWriter writer(database_, context);
        return writer.Insert("stages", "stage", id, fields);
    });
    if (!status) return status.errors();
    return id;
}

Status AdminStore::UpdateStage(const StageRules& stage, const WriteContext& context) {
    if (auto valid = ValidateStageRules(stage); !valid) return valid;
    return InTransaction(database_, [&] { return UpdateRow(database_, context, "stages", "stage", stage.id,
                                                           StageFields(stage)); });
}

Status AdminStore::ReorderStages(const std::string& pipeline_id, const std::vector<std::string>& ids_in_order,
                                 const WriteContext& context) {
    return Reorder("stages", "stage", "pipeline_id", pipeline_id, ids_in_order, context);
}

Result<std::vector<StageRules>> AdminStore::Stages(const std::string& pipeline_id) {
    auto statement = database_.PrepareCached(
        "SELECT id, name, default_probability, forecast_category, rot_days, next_step_window_days, is_won, is_lost "
        "FROM stages WHERE pipeline_id = ? ORDER BY position", "Listing stages");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    row.Bind(1, pipeline_id);
    std::vector<StageRules> stages;
    while (row.Step()) {
        StageRules stage;
        stage.id = row.ColumnText(0);
        stage.name = row.ColumnText(1);
        stage.default_probability = int32_t(row.ColumnInt(2));
        auto category = ParseForecastCategory(row.ColumnText(3));
        if (!category) return category.errors();
        stage.forecast_category = category.value();
        if (!row.ColumnIsNull(4)) stage.rot_days = int32_t(row.ColumnInt(4));
        stage.next_step_window_days = int32_t(row.ColumnInt(5));
        stage.is_won = row.ColumnInt(6) != 0;
        stage.is_lost = row.ColumnInt(7) != 0;
        stages.push_back(std::move(stage));
    }
    return stages;
}

Result<std::string> AdminStore::AddLostReason(const std::string& label, const WriteContext& context) {
    if (auto valid = CheckLabel(label, "label", "Lost reason", 100); !valid) return valid.errors();
    const std::string id = context.new_id();
    auto status = InTransaction(database_, [&]() -> Status {
        auto position = NextPosition(database_, "SELECT coalesce(max(position) + 1, 0) FROM lost_reasons", "");
        if (!position) return position.errors();
        RecordedWriter writer(database_, context);
        return writer.Insert("lost_reasons", "lost_reason", id,
                             {{"label", std::string(Trim(label))}, {"position", position.value()}});
    });
    if (!status) return status.errors();
    return id;
}

Status AdminStore::RenameLostReason(const std::string& id, const std::string& label, const WriteContext& context) {
    if (auto valid = CheckLabel(label, "label", "Lost reason", 100); !valid) return valid;
    return InTransaction(database_, [&] {
        return UpdateRow(database_, context, "lost_reasons", "lost_reason", id, {{"label", std::string(Trim(label))}});
    });
}

Status AdminStore::SetLostReasonActive(const std::string& id, bool active, const WriteContext& context) {
    return InTransaction(database_, [&] {
        return UpdateRow(database_, context, "lost_reasons", "lost_reason", id, {{"active", int64_t(active ? 1 : 0)}});
    });
}

Result<std::string> AdminStore::AddTeam(const std::string& name, const WriteContext& context) {
    if (auto valid = CheckLabel(name, "name", "Team name", 100); !valid) return valid.errors();
    const std::string id = context.new_id();
    auto status = InTransaction(database_, [&] {
        RecordedWriter writer(database_, context);
        return writer.Insert("teams", "team", id, {{"name", std::string(Trim(name))}});
    });
    if (!status) return status.errors();
    return id;
}

Result<std::string> AdminStore::AddUser(const std::string& name, const std::string& email, const std::string& team_id,
                                        UserRole role, const WriteContext& context) {
    std::vector<ValidationError> errors;
    ValidateText(name, TextRule{"name", "Name", 100, true}, errors);
    const std::string trimmed_email = ValidateEmail(email, "email", errors);
    if (trimmed_email.empty() && errors.empty()) errors.push_back({"email", "required", "Email is required."});
    if (!errors.empty()) return errors;
    const std::string id = context.new_id();
    auto status = InTransaction(database_, [&] {
        RecordedWriter writer(database_, context);
        return writer.Insert("users", "user", id,
                             {{"name", std::string(Trim(name))}, {"email", std::string(trimmed_email)},
                              {"team_id", team_id.empty() ? SqlValue(nullptr) : SqlValue(team_id)},
                              {"role", std::string(RoleName(role))}});
    });
    if (!status) {
        if (status.first_error().message.find("FOREIGN KEY") != std::string::npos) {
            return ValidationError{"team_id", "not-found", "That team does not exist."};
        }
        return status.errors();
    }
    return id;
}

Status AdminStore::SetExchangeRate(const std::string& currency_code, int64_t rate_nanos, const WriteContext& context) {
    if (!FindCurrency(currency_code)) {
        return ValidationError{"currency_code", "unknown-currency",
                               "Currency \"" + currency_code + "\" is not an ISO 4217 code Roadbook knows."};
    }
    if (rate_nanos <= 0) return ValidationError{"rate", "not-positive", "An exchange rate must be above zero."};
    if (rate_nanos > kMaxExchangeRateNanos) {
        return ValidationError{"rate", "too-large", "An exchange rate must be at most 1,000,000."};
    }
    return InTransaction(database_, [&]() -> Status {
        auto table = ExchangeRates();
        if (!table) return table.errors();
        if (table.value().reporting_currency_code == currency_code && rate_nanos != kExchangeRateScale) {
            return ValidationError{"rate", "self-rate", "The reporting currency converts to itself at 1."};
        }
        RecordedWriter writer(database_, context);
        auto existing = database_.PrepareCached("SELECT rate_nanos FROM exchange_rates WHERE currency_code = ?",
                                                "Reading the exchange rate");
        if (!existing) return existing.errors();
        existing.value()->Bind(1, currency_code);
        const bool found = existing.value()->Step();
        const std::optional<std::string> old_value =
            found ? std::optional<std::string>(std::to_string(existing.value()->ColumnInt(0))) : std::nullopt;
        existing.value()->Reset();
        auto upsert = database_.PrepareCached(
            "INSERT INTO exchange_rates (currency_code, rate_nanos, updated_at_ms) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (currency_code) DO UPDATE SET rate_nanos = ?2, updated_at_ms = ?3", "Saving the exchange rate");
        if (!upsert) return upsert.errors();
        upsert.value()->Bind(1, currency_code).Bind(2, rate_nanos).Bind(3, context.now_unix_ms);
        if (auto saved = upsert.value()->Run(); !saved) return saved;
        return writer.Record("exchange_rate", currency_code, "rate_nanos", old_value, std::to_string(rate_nanos));
    });
}

Status AdminStore::DeleteExchangeRate(const std::string& currency_code, const WriteContext& context) {
    auto remove = database_.PrepareCached("DELETE FROM exchange_rates WHERE currency_code = ? RETURNING rate_nanos",
                                          "Removing the exchange rate");
    if (!remove) return remove.errors();
    remove.value()->Bind(1, currency_code);
    if (!remove.value()->Step()) {
        return ValidationError{"currency_code", "not-found", "There is no rate for " + currency_code + "."};
    }
    const std::string old_value = std::to_string(remove.value()->ColumnInt(0));
    remove.value()->Reset();
    RecordedWriter writer(database_, context);
    return writer.Record("exchange_rate", currency_code, "rate_nanos", old_value, std::nullopt);
}

Status AdminStore::RemoveExchangeRate(const std::string& currency_code, const WriteContext& context) {
    return InTransaction(database_, [&] { return DeleteExchangeRate(currency_code, context); });
}

Status AdminStore::SetReportingCurrency(const std::string& currency_code, const WriteContext& context) {
    if (!FindCurrency(currency_code)) {
        return ValidationError{"reporting_currency", "unknown-currency",
                               "Currency \"" + currency_code + "\" is not an ISO 4217 code Roadbook knows."};
    }
    return InTransaction(database_, [&]() -> Status {
        auto organisation = database_.PrepareCached("SELECT id FROM organisation LIMIT 1", "Reading the organisation");
        if (!organisation) return organisation.errors();
        if (!organisation.value()->Step()) return ValidationError{"", "storage", "The organisation row is missing."};
        const std::string id = organisation.value()->ColumnText(0);
        organisation.value()->Reset();
        if (auto updated = UpdateRow(database_, context, "organisation", "organisation", id,
                                     {{"reporting_currency", currency_code}});
            !updated) {
            return updated;
        }
        auto own_rate = database_.PrepareCached("SELECT 1 FROM exchange_rates WHERE currency_code = ?", "Checking rates");
        if (!own_rate) return own_rate.errors();
        own_rate.value()->Bind(1, currency_code);
        const bool has_own_rate = own_rate.value()->Step();
        own_rate.value()->Reset();
        return has_own_rate ? DeleteExchangeRate(currency_code, context) : Status(Done{});
    });
}

Result<ExchangeRateTable> AdminStore::ExchangeRates() {
    ExchangeRateTable table;
    auto organisation = database_.PrepareCached("SELECT reporting_currency FROM organisation LIMIT 1",
                                                "Reading the reporting currency");
    if (!organisation) return organisation.errors();
    if (!organisation.value()->Step()) return ValidationError{"", "storage", "The organisation row is missing."};
    table.reporting_currency_code = organisation.value()->ColumnText(0);
    organisation.value()->Reset();
    auto rates = database_.PrepareCached("SELECT currency_code, rate_nanos FROM exchange_rates ORDER BY currency_code",
                                         "Reading exchange rates");
    if (!rates) return rates.errors();
    while (rates.value()->Step()) {
        table.rates.push_back({rates.value()->ColumnText(0), rates.value()->ColumnInt(1)});
    }
    return table;
}

}  // namespace roadbook
