// A write transaction's record and field upserts, held until the transaction next reads from the database
// or commits, then sent as one statement per table (arrays through unnest) instead of one per change: a
// push of hundreds of field changes costs two round trips for its writes while the organisation is locked.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "sync/server/postgres_connection.h"
#include "sync/server/server_store.h"

namespace roadbook::server {

class PostgresWriteBuffer {
public:
    // A later write of the same key replaces an earlier one: only the last state reaches the database.
    void Record(const std::string& entity, const std::string& entity_id, const RecordMeta& meta, int64_t version);
    void Field(const std::string& entity, const std::string& entity_id, const std::string& field,
               const StoredField& state);
    bool empty() const { return records_.empty() && fields_.empty(); }
    bool HasRecord(const std::string& entity, const std::string& entity_id) const {
        return records_.contains({entity, entity_id});
    }

    // The upserts for everything held (none, one or two statements); empties the buffer.
    std::vector<SqlStatement> TakeStatements(const std::string& organisation_id);

private:
    std::map<std::pair<std::string, std::string>, std::pair<RecordMeta, int64_t>> records_;
    std::map<std::tuple<std::string, std::string, std::string>, StoredField> fields_;
};

// A PostgreSQL array literal ({"a","b",NULL}) of text values, for one unnest() parameter.
std::string TextArray(const std::vector<std::optional<std::string>>& values);

}  // namespace roadbook::server
