// Demo data: a seeded, realistic organisation (two pipelines, a manager and six reps in two teams,
// accounts, contacts, leads, 18 months of deals and activities in three currencies, with their change log)
// for demos, screenshots, tests and benchmarks.
#pragma once

#include <cstdint>

#include "core/calendar_date.h"
#include "core/result.h"

namespace roadbook {

class Database;

inline constexpr int64_t kMaxDemoOpportunities = 1'000'000;

struct DemoOptions {
    int64_t opportunity_count = 1'000;  // 1'000, 10'000 and 100'000 are the sizes we measure; 1..1'000'000
    uint64_t seed = 1;
    // The demo's "today": history runs 18 months back from it, scheduled activities a few weeks ahead.
    // Content depends only on (opportunity_count, seed, today), never on the clock or the platform.
    CalendarDate today{2026, 6, 15};
};

// Replaces ALL local data with the demo organisation, in one transaction (on failure nothing changes):
// organisation, teams, users, pipelines, stages, lost reasons, exchange rates, accounts, contacts, leads,
// opportunities, their contacts, activities, the search index and the change log (whose sequence restarts
// at 1) are emptied and refilled. Tables other migrations add are left alone; so is the sync state, so do
// not load a demo into a database that syncs. Rows are written directly, in batches (not through commands),
// with foreign keys unchecked during the load and switched back on after it (the rows are consistent by
// construction). Every record gets creation rows in the change log for the fields that identify and place
// it (a deal: name, account, contact, pipeline, stage, owner, amount, currency, close date, status, needs;
// source, priority and tags are on the row only), then every stage move, close-date push, override and
// outcome at the time it happened, so history, stage history and time in stage have data. The same options
// give byte-identical content, natively and in wasm. Options out of range: "opportunity_count" "range".
Status LoadDemoData(Database& database, const DemoOptions& options);

// Deletes every record, the search index and the change log (its numbering continues), inside the
// caller's transaction.
Status ClearLocalData(Database& database);

// How much local data there is: what a demo load made, or what a rep has.
struct LocalDataCounts {
    int64_t teams = 0;
    int64_t users = 0;
    int64_t pipelines = 0;
    int64_t stages = 0;
    int64_t lost_reasons = 0;
    int64_t exchange_rates = 0;
    int64_t accounts = 0;
    int64_t contacts = 0;
    int64_t leads = 0;
    int64_t opportunities = 0;
    int64_t open = 0;
    int64_t won = 0;
    int64_t lost = 0;
    int64_t postponed = 0;
    int64_t archived = 0;
    int64_t activities = 0;
    int64_t scheduled_activities = 0;
    int64_t change_log_rows = 0;

    friend bool operator==(const LocalDataCounts&, const LocalDataCounts&) = default;
};

Result<LocalDataCounts> CountLocalData(Database& database);

}  // namespace roadbook
