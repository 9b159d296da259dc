// Undo from the change log: the rows a command recorded say which fields it changed, from what and to
// what; the undo writes the "from" values back (checked against the "to" values, so a later edit is never
// overwritten silently) through the RecordedWriter in one transaction.
#include "store/undo_commands.h"

#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "store/command_support.h"
#include "store/database.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

// What one field of one deal was before the undone changes, and what they left it at.
struct FieldUndo {
    std::optional<std::string> before;
    std::optional<std::string> after;
};

// Declared column types of opportunities ("INTEGER", "TEXT"): the change log keeps text, STRICT tables do not.
Result<std::map<std::string, std::string>> ColumnTypes(Database& database) {
    auto statement = database.PrepareCached("SELECT name, type FROM pragma_table_info('opportunities')",
                                            "Reading the opportunity columns");
    if (!statement) return statement.errors();
    std::map<std::string, std::string> types;
    while (statement.value()->Step()) types[statement.value()->ColumnText(0)] = statement.value()->ColumnText(1);
    if (!statement.value()->error().empty()) return StorageError(*statement.value());
    return types;
}

Result<SqlValue> TypedValue(const std::optional<std::string>& text, const std::string& type, const std::string& field) {
    if (!text) return SqlValue(nullptr);
    if (type != "INTEGER") return SqlValue(*text);
    int64_t number = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size()) {
        return ValidationError{field, "cannot-undo", "The recorded value of " + field + " is not a number."};
    }
    return SqlValue(number);
}

}  // namespace

Result<int64_t> LastChangeSequence(Database& database) {
    auto statement = database.PrepareCached("SELECT coalesce(max(sequence), 0) FROM change_log", "Reading the change log");
    if (!statement) return statement.errors();
    if (!statement.value()->Step()) return StorageError(*statement.value());
    const int64_t sequence = statement.value()->ColumnInt(0);
    statement.value()->Reset();
    return sequence;
}

Result<int64_t> RevertOpportunityChanges(Database& database, int64_t after_sequence, int64_t up_to_sequence,
                                         const WriteContext& context) {
    int64_t reverted = 0;
    auto status = InTransaction(database, [&]() -> Status {
        auto rows = database.PrepareCached(
            "SELECT entity, entity_id, field, old_value, new_value FROM change_log "
            "WHERE sequence > ?1 AND sequence <= ?2 ORDER BY sequence",
            "Reading the changes to undo");
        if (!rows) return rows.errors();
        Statement& read = *rows.value();
        read.Bind(1, after_sequence).Bind(2, up_to_sequence);
        std::map<std::string, std::map<std::string, FieldUndo>> deals;  // id -> field -> values
        while (read.Step()) {
            // Undo covers edits of existing deals (the workspace's moves, outcomes and bulk edits). A record
            // created in the range has no earlier values to return to: its NOT NULL columns refuse them.
            if (read.ColumnText(0) != "opportunity") {
                read.Reset();
                return ValidationError{"", "cannot-undo", "That change touched more than deals, so it cannot be undone."};
            }
            auto [entry, first] = deals[read.ColumnText(1)].try_emplace(read.ColumnText(2));
            if (first && !read.ColumnIsNull(3)) entry->second.before = read.ColumnText(3);
            entry->second.after.reset();
            if (!read.ColumnIsNull(4)) entry->second.after = read.ColumnText(4);
        }
        if (!read.error().empty()) return StorageError(read);
        if (deals.empty()) return ValidationError{"", "cannot-undo", "There is nothing to undo."};

        auto types = ColumnTypes(database);
        if (!types) return types.errors();
        RecordedWriter writer(database, context);
        for (const auto& [id, fields] : deals) {
            std::vector<std::string> columns;  // FieldValue holds views of these
            std::vector<FieldValue> values;
            columns.reserve(fields.size());
            std::string select = "SELECT ";
            for (const auto& [field, undo] : fields) {
                const auto type = types.value().find(field);
                if (type == types.value().end()) {
                    return ValidationError{"", "cannot-undo", "The change log names an unknown field \"" + field + "\"."};
                }
                select += (columns.empty() ? "" : ", ") + field;  // a column name checked against the schema
                columns.push_back(field);
                auto value = TypedValue(undo.before, type->second, field);
                if (!value) return value.errors();
                values.push_back({columns.back(), std::move(value).value()});
            }
            auto current = database.Prepare(select + " FROM opportunities WHERE id = ?", "Reading the deal to undo");
            if (!current) return current.errors();
            current.value().Bind(1, id);
            if (!current.value().Step()) return NotFound("id", "opportunity", id);
            size_t index = 0;
            for (const auto& [field, undo] : fields) {
                if (ChangeLogText(current.value().ColumnValue(int(index++))) != undo.after) {
                    return ValidationError{field, "changed-since",
                                           "The deal was changed again since, so the undo was not applied."};
                }
            }
            auto written = writer.Update("opportunities", "opportunity", id, values);
            if (!written) return written.errors();
            ++reverted;
        }
        return Done{};
    });
    if (!status) return status.errors();
    return reverted;
}

}  // namespace roadbook
