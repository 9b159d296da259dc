// The demo generator's random source and row writer (see demo_writer.h).
#include "store/demo_writer.h"

#include <sqlite3.h>

#include <cassert>
#include <utility>

#include "core/uuid.h"

namespace roadbook::demo {

uint64_t Random::Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    uint64_t mixed = state_;
    mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ULL;
    mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBULL;
    return mixed ^ (mixed >> 31);
}

int64_t Random::Between(int64_t low, int64_t high) {
    assert(low <= high);
    const uint64_t span = uint64_t(high - low) + 1;
    // The modulo bias is below 2^-40 for the small ranges used here; determinism is what matters.
    return low + int64_t(Next() % span);
}

size_t Random::Weighted(std::span<const int> weights) {
    int total = 0;
    for (const int weight : weights) total += weight;
    int64_t draw = Between(0, total - 1);
    for (size_t index = 0; index < weights.size(); ++index) {
        if (draw < weights[index]) return index;
        draw -= weights[index];
    }
    return weights.size() - 1;
}

std::string Writer::NewId(int64_t at_ms) {
    UuidV7Generator::RandomBytes bytes{};
    const uint64_t high = random_.Next();
    const uint64_t low = random_.Next();
    for (size_t index = 0; index < 8; ++index) bytes[index] = uint8_t(high >> (8 * index));
    bytes[8] = uint8_t(low);
    bytes[9] = uint8_t(low >> 8);
    // A fresh generator per id: the id carries the record's own creation time, not the load's clock.
    UuidV7Generator generator;
    return generator.Next(at_ms, bytes);
}

Writer::Writer(Database& database, Random& random)
    : database_(database),
      random_(random),
      changes_(database, "change_log (entity, entity_id, field, old_value, new_value, actor, at_ms, clock)", 8, 500) {}

Result<Statement*> Writer::Prepare(std::string_view sql) { return database_.PrepareCached(sql, "Loading the demo data"); }

namespace {

// Writes `width` decimal digits of `value` (zero-padded) at `out`.
void WriteDigits(char* out, int64_t value, int width) {
    for (int index = width - 1; index >= 0; --index) {
        out[index] = char('0' + value % 10);
        value /= 10;
    }
}

// EncodeHybridTimestamp's format ("%015d:%05d:node") written by hand: the load stamps millions of rows.
constexpr std::string_view kClockSuffix = ":00000:demo";

}  // namespace

Status Writer::Change(std::string_view entity, std::string_view entity_id, std::string_view field,
                      const std::optional<std::string>& old_value, const std::optional<std::string>& new_value,
                      std::string_view actor, int64_t at_ms) {
    char clock[15 + kClockSuffix.size()];
    WriteDigits(clock, at_ms, 15);
    kClockSuffix.copy(clock + 15, kClockSuffix.size());
    changes_.Text(entity).Text(entity_id).Text(field).OptionalText(old_value).OptionalText(new_value).Text(actor)
        .Integer(at_ms).Text(std::string_view(clock, sizeof clock));
    return changes_.EndRow();
}

Status Writer::Created(std::string_view entity, std::string_view entity_id,
                       std::span<const std::pair<std::string_view, std::string>> fields, std::string_view actor,
                       int64_t at_ms) {
    for (const auto& [field, value] : fields) {
        if (auto done = Change(entity, entity_id, field, std::nullopt, value, actor, at_ms); !done) return done;
    }
    return Done{};
}

BatchInsert::BatchInsert(Database& database, std::string table_and_columns, int columns, int rows_per_batch)
    : database_(database),
      table_and_columns_(std::move(table_and_columns)),
      columns_(size_t(columns)),
      rows_per_batch_(size_t(rows_per_batch)) {
    assert(columns > 0 && rows_per_batch > 0);
    values_.reserve(columns_ * rows_per_batch_);
}

BatchInsert::~BatchInsert() { sqlite3_finalize(full_batch_); }

SqlValue& BatchInsert::NextValue() {
    if (filled_ == values_.size()) values_.emplace_back();
    return values_[filled_++];
}

BatchInsert& BatchInsert::Text(std::string_view text) {
    SqlValue& value = NextValue();
    if (auto* existing = std::get_if<std::string>(&value)) {
        existing->assign(text);
    } else {
        value.emplace<std::string>(text);
    }
    return *this;
}

BatchInsert& BatchInsert::Integer(int64_t number) {
    NextValue() = number;
    return *this;
}

BatchInsert& BatchInsert::OptionalText(const std::optional<std::string>& text) {
    if (text) return Text(*text);
    NextValue() = nullptr;
    return *this;
}

Status BatchInsert::EndRow() {
    assert(filled_ % columns_ == 0 && "a row needs a value for every column");
    if (filled_ < columns_ * rows_per_batch_) return Done{};
    if (full_batch_ == nullptr) {
        auto prepared = PrepareInsert(rows_per_batch_);
        if (!prepared) return prepared.errors();
        full_batch_ = prepared.value();
    }
    return WriteRows(full_batch_);
}

Status BatchInsert::WriteRows(sqlite3_stmt* statement) {
    for (size_t index = 0; index < filled_; ++index) {
        const int parameter = int(index) + 1;
        const SqlValue& value = values_[index];
        if (const auto* number = std::get_if<int64_t>(&value)) {
            sqlite3_bind_int64(statement, parameter, *number);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            sqlite3_bind_text(statement, parameter, text->data(), int(text->size()), SQLITE_STATIC);
        } else {
            sqlite3_bind_null(statement, parameter);
        }
    }
    filled_ = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
    }
    if (sqlite3_reset(statement) != SQLITE_OK) {
        return ValidationError{"", "storage", "Loading the demo data failed: " + database_.LastErrorMessage()};
    }
    return Done{};
}

Result<sqlite3_stmt*> BatchInsert::PrepareInsert(size_t rows) {
    std::string row = "(?";
    for (size_t column = 1; column < columns_; ++column) row += ", ?";
    row += ")";
    std::string sql = "INSERT OR FAIL INTO " + table_and_columns_ + " VALUES " + row;
    for (size_t index = 1; index < rows; ++index) sql.append(", ").append(row);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(database_.handle(), sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
        return ValidationError{"", "storage", "Loading the demo data failed: " + database_.LastErrorMessage()};
    }
    return statement;
}

Status BatchInsert::Flush() {
    if (filled_ == 0) return Done{};
    auto prepared = PrepareInsert(filled_ / columns_);
    if (!prepared) return prepared.errors();
    Status written = WriteRows(prepared.value());
    sqlite3_finalize(prepared.value());
    return written;
}

Status RunAndReset(Statement& statement) {
    Status status = statement.Run();
    statement.Reset();
    return status;
}

int64_t WorkingTime(Random& random, int64_t day) {
    return day * kMillisecondsPerDay + random.Between(8 * 60, 16 * 60 + 59) * 60'000 + random.Between(0, 59) * 1000;
}

std::string DayText(int64_t day) { return FormatIsoDate(DateFromDaysSinceEpoch(day)); }

}  // namespace roadbook::demo
