// The first sign-in's treatment of local data: remove the demo, adopt what nobody owns.
#include "store/local_book.h"

#include <string>
#include <utility>
#include <vector>

#include "store/command_support.h"
#include "store/demo_data.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

// The tables whose records carry an owner, with their entity names in the change log.
constexpr std::pair<const char*, const char*> kOwnedTables[] = {
    {"opportunities", "opportunity"}, {"leads", "lead"}, {"activities", "activity"}};

}  // namespace

Result<bool> HoldsDemoData(Database& database) {
    auto statement = database.Prepare(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id NOT IN "
        "(SELECT entity_id FROM sync_generations WHERE entity = 'user'))",
        "Looking for demo data");
    if (!statement) return statement.errors();
    if (!statement.value().Step()) return StorageError(statement.value());
    return statement.value().ColumnInt(0) == 1;
}

Status RemoveLocalBook(Database& database) {
    return InTransaction(database, [&]() -> Status {
        if (auto cleared = ClearLocalData(database); !cleared) return cleared;
        for (const char* table : {"sync_generations", "sync_conflicts", "sync_rejections"}) {
            const std::string sql = std::string("DELETE FROM ") + table;
            if (auto cleared = database.Execute(sql, std::string("Clearing ") + table); !cleared) return cleared;
        }
        return Done{};
    });
}

Result<std::vector<UnownedRecord>> UnownedLocalRecords(Database& database) {
    std::vector<UnownedRecord> records;
    for (const auto& [table, entity] : kOwnedTables) {
        // Records the server sent keep their owner (or lack of one): they are someone's shared data.
        auto statement = database.Prepare(std::string("SELECT id FROM ") + table +
                                              " WHERE owner_id IS NULL AND id NOT IN "
                                              "(SELECT entity_id FROM sync_generations WHERE entity = ?)",
                                          std::string("Reading unowned ") + table);
        if (!statement) return statement.errors();
        statement.value().Bind(1, std::string_view(entity));
        while (statement.value().Step()) records.push_back({table, entity, statement.value().ColumnText(0)});
        if (!statement.value().error().empty()) return StorageError(statement.value());
    }
    return records;
}

Result<int64_t> AdoptRecords(Database& database, const std::vector<UnownedRecord>& records, const WriteContext& context) {
    RecordedWriter writer(database, context);
    int64_t adopted = 0;
    auto done = InTransaction(database, [&]() -> Status {
        for (const UnownedRecord& record : records) {
            auto owner = database.Prepare(std::string("SELECT owner_id IS NULL FROM ") + record.table + " WHERE id = ?",
                                          "Reading an owner");
            if (!owner) return owner.errors();
            owner.value().Bind(1, record.id);
            // Gone or given an owner since the sign-in: someone decided already.
            if (!owner.value().Step() || owner.value().ColumnInt(0) == 0) continue;
            auto updated = writer.Update(record.table, record.entity, record.id, {{"owner_id", SqlValue(context.actor)}});
            if (!updated) return updated.errors();
            adopted += updated.value();
        }
        return Done{};
    });
    if (!done) return done.errors();
    return adopted;
}

}  // namespace roadbook
