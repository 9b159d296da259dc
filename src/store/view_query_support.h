// Internals shared by the view queries: the configuration they read (stages, people, exchange rates), each
// deal's scheduled due dates, turning a card row into a DealCard with the core rules, filters as SQL, and
// the usual time in each stage learnt from the change log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/attention.h"
#include "core/exchange_rate.h"
#include "store/database.h"
#include "store/view_queries.h"

namespace roadbook::views {

// Small maps keyed by ids that look up with a string_view straight from a result row (no temporary
// string). Only for small maps: libstdc++ treats a custom hash as cheap and stops caching hash codes,
// which makes lookups in large tables slower than std::hash<std::string>'s; those use IdIndex.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

// A map from ids to a text and a small value, built once and then only read: open addressing over one
// array of slots that hold the hash, the value and where the id and text sit in one arena. A board looks
// up two of these per card, in no useful order, so each lookup is cache misses: in std::unordered_map three
// or four (bucket, node, key bytes, value bytes); here one for an absent id (the slot) and two for a
// present one (the slot, then the id's bytes to confirm it).
template <typename Value>
class IdIndex {
public:
    struct Found {
        std::string_view text;
        Value value;
    };

    // Adds an entry; ids are unique (a later duplicate is ignored).
    void Add(std::string_view id, std::string_view text, Value value) {
        if (Find(id)) return;
        if ((size_ + 1) * 2 > slots_.size()) Grow();
        Place(Slot{std::hash<std::string_view>{}(id), uint32_t(arena_.size()), uint32_t(id.size()),
                   uint32_t(text.size()), value});
        arena_.append(id).append(text);
        ++size_;
    }

    std::optional<Found> Find(std::string_view id) const {
        if (slots_.empty()) return std::nullopt;
        const size_t hash = std::hash<std::string_view>{}(id);
        for (size_t index = hash & (slots_.size() - 1);; index = (index + 1) & (slots_.size() - 1)) {
            const Slot& slot = slots_[index];
            if (slot.offset == kEmpty) return std::nullopt;
            if (slot.hash != hash || std::string_view(arena_).substr(slot.offset, slot.id_length) != id) continue;
            return Found{std::string_view(arena_).substr(slot.offset + slot.id_length, slot.text_length), slot.value};
        }
    }

    size_t size() const { return size_; }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Slot {
        size_t hash = 0;
        uint32_t offset = kEmpty;  // the id's first byte in the arena, the text right after it; kEmpty: free
        uint32_t id_length = 0;
        uint32_t text_length = 0;
        Value value{};
    };

    void Place(const Slot& entry) {
        size_t index = entry.hash & (slots_.size() - 1);
        while (slots_[index].offset != kEmpty) index = (index + 1) & (slots_.size() - 1);
        slots_[index] = entry;
    }

    // Doubles the table (a power of two, at most half full) and places every entry again.
    void Grow() {
        std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 64 : slots_.size() * 2));
        for (const Slot& entry : old) {
            if (entry.offset != kEmpty) Place(entry);
        }
    }

    std::string arena_;
    std::vector<Slot> slots_;
    size_t size_ = 0;
};

struct NoValue {};

struct StageInfo {
    StageRules rules;
    std::string pipeline_id;
    int32_t position = 0;
};

// What cards refer to by id: stages, people, account names, and the exchange rates. Looking names up here
// instead of joining accounts in SQL halves the board's query time (a join is two B-tree seeks per card).
struct Catalogue {
    TextMap<StageInfo> stages;
    TextMap<std::string> user_names;
    IdIndex<NoValue> account_names;  // thousands
    ExchangeRateTable rates;

    const StageInfo* FindStage(std::string_view id) const;
    std::string UserName(std::string_view id) const;
    std::string AccountName(std::string_view id) const;
};

Result<Catalogue> LoadCatalogue(Database& database);

// The earliest and latest due date of a deal's scheduled activities: the earliest is the next activity,
// the latest says whether anything is scheduled for today or later (rotting is suspended then).
struct ScheduledDates {
    CalendarDate first;
    CalendarDate last;
};
using ScheduledDatesByDeal = IdIndex<ScheduledDates>;

// One pass over the scheduled activities (a covering index), not a query per card.
Result<ScheduledDatesByDeal> LoadScheduledDates(Database& database);

// Every card query selects these columns, in this order, from `o` (opportunities); CardReader reads them.
inline constexpr std::string_view kCardSelect =
    "SELECT o.id, o.name, coalesce(o.account_id, ''), o.amount_minor, o.currency_code, o.expected_close_date,"
    " o.status, o.pipeline_id, o.stage_id, coalesce(o.owner_id, ''), o.probability_override,"
    " o.forecast_category_override, o.stage_entered_at_ms, o.last_touch_at_ms, o.close_date_push_count,"
    " o.no_next_step_reason FROM opportunities o";
// The same for open deals only (the caller's WHERE must say o.status = 'open'): every column is in the
// partial index opportunities_open_cards (migration 3), so the rows come from it without table lookups.
// Named, because without statistics the planner prefers the (status, ...) indexes and a lookup per row.
inline constexpr std::string_view kOpenCardSelect =
    "SELECT o.id, o.name, coalesce(o.account_id, ''), o.amount_minor, o.currency_code, o.expected_close_date,"
    " o.status, o.pipeline_id, o.stage_id, coalesce(o.owner_id, ''), o.probability_override,"
    " o.forecast_category_override, o.stage_entered_at_ms, o.last_touch_at_ms, o.close_date_push_count,"
    " o.no_next_step_reason FROM opportunities o INDEXED BY opportunities_open_cards";

// How long deals usually stay in each stage: medians of completed visits (a stage_id change-log row to the
// deal's next one). Kept up to date incrementally: a call reads only change-log rows newer than the last.
class StageDurations {
public:
    Status Refresh(Database& database);
    std::optional<int64_t> UsualDays(std::string_view stage_id) const;

private:
    void AddVisit(const std::string& stage_id, int64_t entered_ms, int64_t left_ms);
    // The row at `sequence` as text, to notice a log that was replaced (a demo load restarts it at 1).
    Result<std::string> Fingerprint(Database& database, int64_t sequence);
    int64_t through_sequence_ = 0;  // change-log rows up to this sequence are counted
    std::string through_fingerprint_;
    TextMap<std::vector<int64_t>> samples_;  // stage id -> days of completed visits
    TextMap<std::optional<int64_t>> usual_;
};

// Cards from kCardSelect rows, with next activity, rot and attention assessed by the core rules. Filled in
// place (a card is a dozen strings: moving 10k of them around shows), and the last stage is remembered
// because board rows come stage by stage.
class CardReader {
public:
    CardReader(const ViewQueries::State& state, const ViewClock& clock);
    Status Read(const Statement& row, DealCard& card);

private:
    const StageInfo* Stage(std::string_view id);
    const ViewQueries::State& state_;
    const ViewClock& clock_;
    const StageInfo* last_stage_ = nullptr;
    std::optional<int64_t> last_usual_days_;
    AttentionFacts facts_;  // reused: its vector and string keep their buffers from card to card
};

inline constexpr int kCardStageColumn = 8;

// Orders cards as the core's attention order (SortByAttention): score, then close date, then id.
void SortCardsByAttention(std::vector<DealCard>& cards);

// WHERE conditions and their parameters, built from filters; column names come from code only.
class SqlFilter {
public:
    // Appends "AND (condition)"; `values` fill the condition's ? in order.
    SqlFilter& Add(std::string_view condition, std::vector<SqlValue> values = {});
    // The deal `o` belongs to the scope's owner or team.
    SqlFilter& AddScope(const ViewScope& scope, std::string_view owner_column = "o.owner_id");
    // Every word prefix-matches the deal's name or needs or its account's name (the search index).
    SqlFilter& AddText(std::string_view text);

    const std::string& sql() const { return sql_; }
    // Binds the parameters starting at `first_index`; returns the next free index.
    int Bind(Statement& statement, int first_index) const;

private:
    std::string sql_;
    std::vector<SqlValue> values_;
};

// A failed step as a storage error naming the operation.
ValidationError StorageError(const Statement& statement, std::string_view operation);

}  // namespace roadbook::views

namespace roadbook {

// What the views read besides the deals themselves, kept between calls while the database is unchanged:
// sqlite3_total_changes64 counts every row this connection writes (rolled back or not) and data_version
// moves when another connection commits, so equal numbers mean equal data.
struct ViewQueries::State {
    explicit State(Database& connection) : database(connection) {}
    // Reloads the catalogue and the scheduled dates and catches the stage durations up, if anything changed.
    Status Refresh();

    Database& database;
    int64_t total_changes = -1;
    int64_t data_version = -1;
    views::Catalogue catalogue;
    views::ScheduledDatesByDeal scheduled;
    views::StageDurations durations;
};

}  // namespace roadbook
