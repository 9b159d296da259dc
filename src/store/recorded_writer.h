// Writes rows together with their change-log rows: nothing is updated without them, because the change log
// is at once the history, the undo and the sync outbox (docs/ARCHITECTURE.md). The caller owns the
// transaction, so a command's rows and its history commit or roll back together.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/write_context.h"

namespace roadbook {

struct FieldValue {
    std::string_view column;  // a column name from the schema, never user text (it is put into SQL)
    SqlValue value;
};

// The text a change-log row stores for a value; nullopt for NULL.
std::optional<std::string> ChangeLogText(const SqlValue& value);

class RecordedWriter {
public:
    RecordedWriter(Database& database, const WriteContext& context) : database_(database), context_(context) {}

    // INSERT INTO table (id, fields...) and one change-log row per field with no old value.
    Status Insert(std::string_view table, std::string_view entity, const std::string& id,
                  const std::vector<FieldValue>& fields);

    // Updates the fields whose value differs, records each change with its old value, and touches
    // updated_at_ms where the table has it. Returns the number of fields that changed (0 leaves the row untouched). A missing
    // row is an error naming `entity`.
    Result<int> Update(std::string_view table, std::string_view entity, const std::string& id,
                       const std::vector<FieldValue>& fields);

    // One change-log row.
    Status Record(std::string_view entity, const std::string& entity_id, std::string_view field,
                  const std::optional<std::string>& old_value, const std::optional<std::string>& new_value);

private:
    Database& database_;
    const WriteContext& context_;
};

}  // namespace roadbook
