// The first screen's data path, natively: creating an opportunity through the store (account lookup,
// insert, change log, search index, one transaction) against a bare INSERT of the same row in the same
// run, and reading the list back. Prints one JSON object per measurement.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/opportunity_store.h"
#include "bench_support.h"

using namespace roadbook;
using namespace roadbook::bench;

namespace {

Database OpenMemory() {
    auto opened = Database::Open(":memory:");
    if (!opened) {
        std::fprintf(stderr, "store_bench: %s\n", opened.first_error().message.c_str());
        std::exit(1);
    }
    return std::move(opened).value();
}

ValidOpportunity Sample(int index) {
    ValidOpportunity opportunity;
    opportunity.name = "Opportunity " + std::to_string(index);
    opportunity.account_name = "Account " + std::to_string(index % 300);
    opportunity.amount = Money{int64_t(index) * 1000, "EUR"};
    opportunity.expected_close_date = CalendarDate{2027, 1 + index % 12, 1 + index % 28};
    return opportunity;
}

}  // namespace

// The default pipeline and its first stage, created by migration 2.
constexpr const char* kDefaultPipeline = "00000000-0000-7000-8000-000000000001";
constexpr const char* kFirstStage = "00000000-0000-7000-8000-000000000101";

int main() {
    constexpr int kRows = 10000;
    int counter = 0;
    WriteContext context;
    context.actor = "bench";
    context.now_unix_ms = 1'800'000'000'000;
    context.new_id = [&counter] { return "id-" + std::to_string(++counter); };

    // Baseline: the same row with a bare INSERT, one transaction each, no account, no change log.
    Database baseline_database = OpenMemory();
    std::vector<double> baseline;
    for (int index = 0; index < kRows; ++index) {
        const ValidOpportunity row = Sample(index);
        const auto started = Clock::now();
        Transaction transaction(baseline_database);
        auto insert = baseline_database.PrepareCached(
            "INSERT INTO opportunities (id, name, pipeline_id, stage_id, amount_minor, currency_code, "
            "expected_close_date, stage_entered_at_ms, last_touch_at_ms, created_at_ms, updated_at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, 1, 1)", "bench insert");
        insert.value()->Bind(1, context.new_id()).Bind(2, row.name).Bind(3, kDefaultPipeline).Bind(4, kFirstStage)
            .Bind(5, row.amount.minor_units).Bind(6, row.amount.currency_code)
            .Bind(7, FormatIsoDate(row.expected_close_date));
        if (!insert.value()->Run() || !transaction.Commit()) {
            std::fprintf(stderr, "store_bench: the baseline insert failed: %s\n", baseline_database.LastErrorMessage().c_str());
            return 1;
        }
        baseline.push_back(Microseconds(Clock::now() - started));
    }

    Database database = OpenMemory();
    OpportunityStore store(database);
    std::vector<double> create;
    for (int index = 0; index < kRows; ++index) {
        const ValidOpportunity row = Sample(index);
        const auto started = Clock::now();
        if (!store.Create(row, context)) return 1;
        create.push_back(Microseconds(Clock::now() - started));
    }
    const double create_p50 = Percentile(create, 0.5);
    const double baseline_p50 = Percentile(baseline, 0.5);
    char ratio[64];
    std::snprintf(ratio, sizeof ratio, ",\"baseline_us\":%.3f,\"ratio\":%.2f", baseline_p50, create_p50 / baseline_p50);
    Print("store.create-opportunity", "p50", create_p50, "us", ratio);
    Print("store.create-opportunity", "p95", Percentile(create, 0.95), "us");

    std::vector<double> list;
    for (int repeat = 0; repeat < 20; ++repeat) {
        const auto started = Clock::now();
        auto rows = store.List(OpportunityOrder::CloseDateAscending);
        if (!rows || rows.value().size() != size_t(kRows)) return 1;
        list.push_back(Microseconds(Clock::now() - started) / 1000.0);
    }
    Print("store.list-opportunities-10k", "p50", Percentile(list, 0.5), "ms");
    return 0;
}
