// Row writes with change-log rows. Column names come from code (asserted to be identifiers), values are
// always bound, so user text never becomes SQL.
#include "store/recorded_writer.h"

#include <cassert>
#include <cstdio>

namespace roadbook {
namespace {

[[maybe_unused]] bool IsIdentifier(std::string_view name) {  // used in asserts
    if (name.empty()) return false;
    for (char character : name) {
        const bool allowed = (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9') ||
                             character == '_';
        if (!allowed) return false;
    }
    return true;
}

// Tables whose rows carry updated_at_ms (reference data such as stages does not).
bool HasUpdatedAt(std::string_view table) {
    for (std::string_view name : {"accounts", "contacts", "opportunities", "leads", "activities"}) {
        if (name == table) return true;
    }
    return false;
}

void Bind(Statement& statement, int index, const SqlValue& value) {
    if (const auto* number = std::get_if<int64_t>(&value)) {
        statement.Bind(index, *number);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        statement.Bind(index, *text);
    } else {
        assert(!std::holds_alternative<double>(value) && "the schema has no floating-point columns");
        statement.BindNull(index);
    }
}

}  // namespace

std::optional<std::string> ChangeLogText(const SqlValue& value) {
    if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    if (const auto* real = std::get_if<double>(&value)) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", *real);
        return std::string(buffer);
    }
    return std::nullopt;
}

Status RecordedWriter::Record(std::string_view entity, const std::string& entity_id, std::string_view field,
                              const std::optional<std::string>& old_value,
                              const std::optional<std::string>& new_value) {
    auto statement = database_.PrepareCached(
        "INSERT INTO change_log (entity, entity_id, field, old_value, new_value, actor, at_ms, clock) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        "Recording a change");
    if (!statement) return statement.errors();
    Statement& insert = *statement.value();
    insert.Bind(1, entity).Bind(2, entity_id).Bind(3, field);
    if (old_value) insert.Bind(4, *old_value); else insert.BindNull(4);
    if (new_value) insert.Bind(5, *new_value); else insert.BindNull(5);
    insert.Bind(6, context_.actor).Bind(7, context_.now_unix_ms);
    insert.Bind(8, context_.next_clock ? context_.next_clock() : std::string());
    return insert.Run();
}

Status RecordedWriter::Insert(std::string_view table, std::string_view entity, const std::string& id,
                              const std::vector<FieldValue>& fields) {
    assert(IsIdentifier(table));
    std::string sql = "INSERT INTO " + std::string(table) + " (id";
    std::string placeholders = "?";
    for (const FieldValue& field : fields) {
        assert(IsIdentifier(field.column));
        sql += ", " + std::string(field.column);
        placeholders += ", ?";
    }
    sql += ") VALUES (" + placeholders + ")";
    auto statement = database_.PrepareCached(sql, "Saving the " + std::string(entity));
    if (!statement) return statement.errors();
    Statement& insert = *statement.value();
    insert.Bind(1, id);
    for (size_t index = 0; index < fields.size(); ++index) Bind(insert, int(index) + 2, fields[index].value);
    if (auto inserted = insert.Run(); !inserted) return inserted;
    for (const FieldValue& field : fields) {
        if (field.column == "created_at_ms" || field.column == "updated_at_ms") continue;
        if (auto recorded = Record(entity, id, field.column, std::nullopt, ChangeLogText(field.value)); !recorded) {
            return recorded;
        }
    }
    return Done{};
}

Result<int> RecordedWriter::Update(std::string_view table, std::string_view entity, const std::string& id,
                                   const std::vector<FieldValue>& fields) {
    assert(IsIdentifier(table) && !fields.empty());
    std::string select = "SELECT ";
    for (size_t index = 0; index < fields.size(); ++index) {
        assert(IsIdentifier(fields[index].column));
        select += (index ? ", " : "") + std::string(fields[index].column);
    }
    select += " FROM " + std::string(table) + " WHERE id = ?";
    auto read = database_.PrepareCached(select, "Reading the " + std::string(entity));
    if (!read) return read.errors();
    Statement& current = *read.value();
    current.Bind(1, id);
    if (!current.Step()) {
        if (!current.error().empty()) return ValidationError{"", "storage", current.error()};
        return ValidationError{"id", "not-found", "No " + std::string(entity) + " with id " + id + "."};
    }
    std::vector<std::pair<const FieldValue*, SqlValue>> changed;
    for (size_t index = 0; index < fields.size(); ++index) {
        SqlValue old_value = current.ColumnValue(int(index));
        if (old_value != fields[index].value) changed.emplace_back(&fields[index], std::move(old_value));
    }
    current.Reset();
    if (changed.empty()) return 0;

    const bool touch = HasUpdatedAt(table);
    std::string update = "UPDATE " + std::string(table) + " SET ";
    for (size_t index = 0; index < changed.size(); ++index) {
        update += (index ? ", " : "") + std::string(changed[index].first->column) + " = ?";
    }
    update += touch ? ", updated_at_ms = ? WHERE id = ?" : " WHERE id = ?";
    auto write = database_.PrepareCached(update, "Saving the " + std::string(entity));
    if (!write) return write.errors();
    Statement& statement = *write.value();
    int index = 1;
    for (const auto& [field, old_value] : changed) Bind(statement, index++, field->value);
    if (touch) statement.Bind(index++, context_.now_unix_ms);
    statement.Bind(index, id);
    if (auto written = statement.Run(); !written) return written.errors();
    for (const auto& [field, old_value] : changed) {
        auto recorded = Record(entity, id, field->column, ChangeLogText(old_value), ChangeLogText(field->value));
        if (!recorded) return recorded.errors();
    }
    return int(changed.size());
}

}  // namespace roadbook
