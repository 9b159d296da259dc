// Read models of the main screens: a pipeline's board, Today, the deal list and the forecast. Plain structs
// (no UI types) computed with the core rules (probability, forecast category, next activity, rot, needs
// attention, roll-up) from a few set-based queries; money totals are in the reporting currency.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar_date.h"
#include "core/deal_rules.h"
#include "core/money.h"
#include "core/next_step.h"
#include "core/pipeline.h"
#include "core/result.h"
#include "core/rotting.h"

namespace roadbook {

class Database;

// Whose deals a view shows: one owner's, one team's, or (both empty) everyone's.
struct ViewScope {
    std::string owner_id;
    std::string team_id;
};

// The device's today; instants (last touch, stage entered) become dates at this UTC offset.
struct ViewClock {
    CalendarDate today;
    int32_t utc_offset_minutes = 0;
};

// One deal as boards, lists and Today show it.
struct DealCard {
    std::string id;
    std::string name;
    std::string account_name;
    Money amount;  // in the deal's own currency
    CalendarDate expected_close_date;
    DealStatus status = DealStatus::Open;
    std::string stage_id;
    std::string stage_name;
    std::string owner_id;
    std::string owner_name;
    int32_t probability = 0;  // effective: the rep's override, else the stage's (won 100, lost 0)
    bool probability_overridden = false;
    ForecastCategory forecast_category = ForecastCategory::Pipeline;  // effective
    NextActivity next_activity;  // from the earliest scheduled activity
    RotState rot;                // never rotting while an activity is scheduled for today or later
    int64_t days_in_stage = 0;
    int64_t attention_score = 0;  // 0 for deals that are not open
    std::vector<std::string> attention_reasons;
};

// ---- Board ---------------------------------------------------------------------------------------------

enum class BoardOrder { ExpectedCloseDate, Attention };

struct BoardRequest {
    std::string pipeline_id;
    ViewScope scope;
    std::string text;  // every word must prefix-match the deal's name or needs, or its account's name
    BoardOrder order = BoardOrder::ExpectedCloseDate;
    ViewClock clock;
};

struct BoardColumn {
    std::string stage_id;
    std::string stage_name;
    int32_t probability = 0;  // the stage's default
    ForecastCategory forecast_category = ForecastCategory::Pipeline;
    int64_t deal_count = 0;
    int64_t total_minor = 0;     // the cards' amounts converted to the reporting currency, then added
    int64_t weighted_minor = 0;  // each converted amount weighted by the card's probability, then added
    std::vector<DealCard> cards;
};

struct PipelineBoard {
    std::string pipeline_id;
    std::string pipeline_name;
    std::string reporting_currency;
    std::vector<BoardColumn> columns;  // the open stages in order: won and lost deals are off the board
    int64_t deal_count = 0;
    int64_t total_minor = 0;
    int64_t weighted_minor = 0;
};

// ---- Today ---------------------------------------------------------------------------------------------

struct AgendaItem {
    std::string activity_id;
    std::string kind;  // "call", "meeting", "task", "email", "note"
    std::string subject;
    CalendarDate due_date;
    int64_t days_overdue = 0;  // 0 when due today
    std::string opportunity_id;  // empty for activities about a contact or lead only
    std::string opportunity_name;
    std::string account_name;
    std::string owner_name;
};

struct WakingDeal {
    std::string id;
    std::string name;
    std::string account_name;
    std::string stage_name;  // the stage it wakes into
    std::string owner_name;
    CalendarDate postponed_until;
    std::string postponed_reason;
};

struct TodayRequest {
    ViewScope scope;  // matched against the activity's owner and the deal's owner
    ViewClock clock;
    size_t attention_limit = 50;
};

struct TodayView {
    std::vector<AgendaItem> overdue;    // scheduled before today, oldest first
    std::vector<AgendaItem> due_today;
    std::vector<DealCard> needing_attention;  // open deals with a score, highest first, at most the limit
    int64_t needing_attention_count = 0;      // all open deals in scope with a score
    std::vector<WakingDeal> waking;           // postponed until today or earlier, earliest first
};

// ---- List ----------------------------------------------------------------------------------------------

enum class ListSort { Name, Amount, CloseDate, Stage, Owner, Attention };

inline constexpr int64_t kMaxListPageSize = 500;

struct ListRequest {
    ViewScope scope;
    std::string pipeline_id;  // empty: every pipeline
    std::string stage_id;
    std::optional<DealStatus> status;
    std::string close_month;        // "YYYY-MM": expected close date in that month; empty: any
    std::vector<std::string> tags;  // the deal has every one of them
    std::string text;               // every word prefix-matches the deal, its needs or its account (as the board)
    std::optional<int64_t> min_amount_minor;  // in the reporting currency, inclusive
    std::optional<int64_t> max_amount_minor;
    ListSort sort = ListSort::CloseDate;  // Amount compares in the reporting currency
    bool descending = false;              // Attention is always most urgent first
    int64_t limit = 50;                   // 1..kMaxListPageSize
    int64_t offset = 0;
    ViewClock clock;
};

struct DealListPage {
    std::vector<DealCard> rows;
    int64_t total_count = 0;  // rows matching the filters, on every page
};

// ---- Forecast ------------------------------------------------------------------------------------------

struct ForecastRequest {
    ViewScope scope;
    std::string pipeline_id;  // empty: every pipeline
    ViewClock clock;
};

struct ForecastBucket {
    bool overdue = false;     // open deals whose expected close date has passed
    CalendarDate month;       // first day of the month (unset for the overdue bucket)
    ForecastRollup rollup;    // pipeline, best case, commit, closed; weighted and unweighted
};

// Open deals by expected close month, won and lost deals by the month they closed, postponed and archived
// ones (omitted) by expected close month; deals outside the months are not counted.
struct ForecastView {
    std::string reporting_currency;
    std::vector<ForecastBucket> buckets;  // overdue, this month, then the next five months
    ForecastRollup total;                 // every bucket together
};

inline constexpr int kForecastMonths = 6;

// ---- The queries ---------------------------------------------------------------------------------------

// One per database connection, living as long as it. Between calls it keeps what cards refer to (stages,
// people, account names, rates), each deal's scheduled due dates, and how long deals usually stay in each
// stage (medians of the change log's completed stage visits); any write to the database (counted by
// SQLite, whichever code made it) reloads the first two and catches the durations up on the new log rows.
// Errors: "pipeline_id" not-found, "exchange_rate" missing-rate (a total is never a silent sum of
// currencies), "reporting_currency" required, "amount" overflow, and for lists "close_month" format,
// "limit" range, "offset" range, "max_amount_minor" range (below the minimum).
class ViewQueries {
public:
    explicit ViewQueries(Database& database);
    ~ViewQueries();
    ViewQueries(const ViewQueries&) = delete;
    ViewQueries& operator=(const ViewQueries&) = delete;

    Result<PipelineBoard> Board(const BoardRequest& request);
    Result<TodayView> Today(const TodayRequest& request);
    Result<DealListPage> List(const ListRequest& request);
    // The ids List would return for the same filters and order, from `offset`, at most `limit` of them (any
    // number: selecting a range or everything needs ids only). Attention order is scored in memory, so it
    // is refused here ("sort" unsupported).
    Result<std::vector<std::string>> ListIds(const ListRequest& request);
    // The open amounts among the deals the filters match, one total per currency, never added across
    // currencies; the currencies in code order.
    Result<std::vector<Money>> ListOpenTotals(const ListRequest& request);
    Result<ForecastView> Forecast(const ForecastRequest& request);

    // The usual days in a stage (UsualDaysInStage over its completed visits); nullopt with too few.
    Result<std::optional<int64_t>> UsualDaysInStage(const std::string& stage_id);

    struct State;  // caches; defined in view_query_support.h

private:
    std::unique_ptr<State> state_;
};

}  // namespace roadbook
