// Internals of the demo data generator: a seeded random source that is identical on every platform, and
// a writer that inserts rows and change-log rows through statements prepared once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar_date.h"
#include "core/result.h"
#include "store/database.h"

namespace roadbook::demo {

inline constexpr int64_t kMillisecondsPerDay = 86'400'000;

// SplitMix64: tiny, fast and fully specified, so a seed means the same data natively and in wasm (the
// standard distributions are implementation-defined, hence unused).
class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t Next();
    // Uniform in [low, high]; low <= high.
    int64_t Between(int64_t low, int64_t high);
    // True with `percent` % chance.
    bool Percent(int64_t percent) { return Between(0, 99) < percent; }
    template <typename Item>
    const Item& Pick(std::span<const Item> items) {
        return items[size_t(Between(0, int64_t(items.size()) - 1))];
    }
    // An index drawn with the given relative weights.
    size_t Weighted(std::span<const int> weights);

private:
    uint64_t state_;
};

// A stage as the deal timelines need it.
struct Stage {
    std::string id;
    int32_t probability = 0;
    std::string_view forecast_category;
    int32_t usual_days = 0;  // how long deals typically stay; the timelines scatter around it
    bool is_won = false;
    bool is_lost = false;
};

struct Pipeline {
    std::string id;
    std::vector<Stage> stages;  // open stages first, then won, then lost
    int open_stage_count = 0;
    int won_index = 0;
    int lost_index = 0;
};

struct Account {
    std::string id;
    std::string name;
    std::vector<std::string> contact_ids;
    std::vector<std::string> contact_names;
};

// What the configuration step made and the deal step uses.
struct Organisation {
    int64_t today_day = 0;   // days since the epoch
    int64_t now_ms = 0;      // today at 18:00 UTC: every generated instant is at or before it
    std::string manager_id;
    std::vector<std::string> rep_ids;
    std::vector<Pipeline> pipelines;
    std::vector<std::string> lost_reason_ids;
    std::vector<std::string_view> currencies;  // reporting currency first
    std::vector<Account> accounts;
};

// Rows gathered and written many at a time with one multi-row INSERT: one statement per batch instead of
// one per row. That matters twice: statement start-up is most of a one-row insert, and FTS5 flushes its
// pending index data whenever a statement that fires a search trigger starts. OR FAIL spares statements
// without triggers a statement journal; a failure still stops the load, whose transaction rolls back.
class BatchInsert {
public:
    // `table_and_columns` is schema text such as "accounts (id, name)", never user input.
    BatchInsert(Database& database, std::string table_and_columns, int columns, int rows_per_batch);
    ~BatchInsert();
    BatchInsert(const BatchInsert&) = delete;
    BatchInsert& operator=(const BatchInsert&) = delete;

    // The next value of the current row, in column order.
    BatchInsert& Text(std::string_view text);
    BatchInsert& Integer(int64_t number);
    BatchInsert& OptionalText(const std::optional<std::string>& text);
    // Completes the row (every column must have a value); writes the batch when it is full.
    Status EndRow();
    // Writes the rows gathered so far.
    Status Flush();

private:
    SqlValue& NextValue();
    Result<sqlite3_stmt*> PrepareInsert(size_t rows);
    // Binds the gathered values without copying them (they stay put until the statement has run), runs it.
    Status WriteRows(sqlite3_stmt* statement);

    Database& database_;
    std::string table_and_columns_;
    size_t columns_;
    size_t rows_per_batch_;
    std::vector<SqlValue> values_;  // pending rows, value by value; strings keep their buffers for reuse
    size_t filled_ = 0;             // values pending
    sqlite3_stmt* full_batch_ = nullptr;  // prepared on first use, finalized with the batch
};

class Writer {
public:
    Writer(Database& database, Random& random);

    // A UUIDv7 for a record created at `at_ms`, random bits from the seeded source.
    std::string NewId(int64_t at_ms);

    // A statement prepared once for the whole load; reset and ready to bind.
    Result<Statement*> Prepare(std::string_view sql);

    // One change-log row, stamped with a hybrid logical clock at `at_ms` from node "demo".
    Status Change(std::string_view entity, std::string_view entity_id, std::string_view field,
                  const std::optional<std::string>& old_value, const std::optional<std::string>& new_value,
                  std::string_view actor, int64_t at_ms);
    // The creation rows of a record: one per (field, value) with no old value.
    Status Created(std::string_view entity, std::string_view entity_id,
                   std::span<const std::pair<std::string_view, std::string>> fields, std::string_view actor,
                   int64_t at_ms);
    // Writes the change-log rows still gathered.
    Status Flush() { return changes_.Flush(); }

    Random& random() { return random_; }
    Database& database() { return database_; }

private:
    Database& database_;
    Random& random_;
    BatchInsert changes_;
};

// Runs a statement to completion and resets it for the next use.
Status RunAndReset(Statement& statement);

// A time during the working day (08:00 to 16:59 UTC) on `day`.
int64_t WorkingTime(Random& random, int64_t day);

std::string DayText(int64_t day);

// Writes the opportunities with their activities, opportunity contacts, converted leads and change log.
Status WriteDeals(Writer& writer, const Organisation& organisation, int64_t opportunity_count);

}  // namespace roadbook::demo
