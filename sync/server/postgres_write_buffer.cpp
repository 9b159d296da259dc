// The write transaction's buffered upserts and the array literals that carry them.
#include "sync/server/postgres_write_buffer.h"

#include <vector>

namespace roadbook::server {

std::string TextArray(const std::vector<std::optional<std::string>>& values) {
    std::string literal = "{";
    for (size_t index = 0; index < values.size(); ++index) {
        if (index) literal += ',';
        if (!values[index]) {
            literal += "NULL";
            continue;
        }
        literal += '"';
        for (char character : *values[index]) {
            if (character == '"' || character == '\\') literal += '\\';
            literal += character;
        }
        literal += '"';
    }
    return literal + "}";
}

void PostgresWriteBuffer::Record(const std::string& entity, const std::string& entity_id, const RecordMeta& meta,
                                 int64_t version) {
    records_[{entity, entity_id}] = {meta, version};
}

void PostgresWriteBuffer::Field(const std::string& entity, const std::string& entity_id, const std::string& field,
                                const StoredField& state) {
    fields_[{entity, entity_id, field}] = state;
}

std::vector<SqlStatement> PostgresWriteBuffer::TakeStatements(const std::string& organisation_id) {
    std::vector<SqlStatement> statements;
    if (!records_.empty()) {
        std::vector<std::optional<std::string>> entities, ids, generations, deleted, teams, parents, creators, deleted_at,
            versions;
        for (const auto& [key, written] : records_) {
            const RecordMeta& meta = written.first;
            entities.push_back(key.first), ids.push_back(key.second);
            generations.push_back(std::to_string(meta.generation)), deleted.push_back(meta.deleted ? "1" : "0");
            teams.push_back(meta.team_id), parents.push_back(meta.parent_id), creators.push_back(meta.created_by);
            deleted_at.push_back(std::to_string(meta.deleted_at_ms)), versions.push_back(std::to_string(written.second));
        }
        statements.push_back(SqlStatement{
            "Writing records",
            "INSERT INTO records (organisation_id, entity, entity_id, generation, deleted, team_id, parent_id, created_by, "
            "deleted_at_ms, version) SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::integer[], "
            "$6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[]) "
            "ON CONFLICT (organisation_id, entity, entity_id) DO UPDATE SET generation = excluded.generation, "
            "deleted = excluded.deleted, team_id = excluded.team_id, parent_id = excluded.parent_id, "
            "deleted_at_ms = excluded.deleted_at_ms, version = excluded.version",
            {organisation_id, TextArray(entities), TextArray(ids), TextArray(generations), TextArray(deleted),
             TextArray(teams), TextArray(parents), TextArray(creators), TextArray(deleted_at), TextArray(versions)}});
        records_.clear();
    }
    if (!fields_.empty()) {
        std::vector<std::optional<std::string>> entities, ids, names, values, clocks, authors, versions;
        for (const auto& [key, state] : fields_) {
            entities.push_back(std::get<0>(key)), ids.push_back(std::get<1>(key)), names.push_back(std::get<2>(key));
            values.push_back(state.value), clocks.push_back(state.clock), authors.push_back(state.changed_by);
            versions.push_back(std::to_string(state.version));
        }
        statements.push_back(SqlStatement{
            "Writing fields",
            "INSERT INTO fields (organisation_id, entity, entity_id, field, value, clock, changed_by, version) "
            "SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
            "$8::bigint[]) ON CONFLICT (organisation_id, entity, entity_id, field) DO UPDATE SET value = excluded.value, "
            "clock = excluded.clock, changed_by = excluded.changed_by, version = excluded.version",
            {organisation_id, TextArray(entities), TextArray(ids), TextArray(names), TextArray(values), TextArray(clocks),
             TextArray(authors), TextArray(versions)}});
        fields_.clear();
    }
    return statements;
}

}  // namespace roadbook::server
