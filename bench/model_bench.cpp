// The opportunity model at scale: generating the 100k demo organisation, the board of its largest pipeline,
// Today, a list page, the forecast, prefix search, and one field edit through RecordedWriter against a bare
// UPDATE of the same field in the same run. The screens are measured on the database reopened from a file
// (how the app finds it) and, for comparison, in the process that generated it. Prints one JSON object per
// measurement. Optional argument: the number of opportunities (default 100000), for quick runs. With
// ROADBOOK_BENCH_KEEP_DATABASE set, the generated database stays in the temp directory for profiling.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/demo_data.h"
#include "store/recorded_writer.h"
#include "store/search.h"
#include "store/view_queries.h"
#include "bench_support.h"

using namespace roadbook;
using namespace roadbook::bench;

namespace {

std::string Target(double target, const char* unit) {
    char text[64];
    std::snprintf(text, sizeof text, ",\"target\":%g,\"target_unit\":\"%s\"", target, unit);
    return text;
}

[[noreturn]] void Fail(const std::string& what, const std::vector<ValidationError>& errors) {
    std::fprintf(stderr, "model_bench: %s: %s\n", what.c_str(), errors.empty() ? "" : errors.front().message.c_str());
    std::exit(1);
}

template <typename Value>
Value Check(Result<Value> result, const std::string& what) {
    if (!result) Fail(what, result.errors());
    return std::move(result).value();
}

std::string QueryText(Database& database, const std::string& sql) {
    auto rows = Check(database.QueryReadOnly(sql), sql);
    if (rows.empty()) Fail(sql, {});
    return std::get<std::string>(rows[0].values[0]);
}

// Runs `work` `repeats` times and prints p50 and p95 in milliseconds.
void Measure(const std::string& bench, int repeats, const std::function<void()>& work, const std::string& extra) {
    std::vector<double> times;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        const auto started = Clock::now();
        work();
        times.push_back(Milliseconds(Clock::now() - started));
    }
    Print(bench, "p50", Percentile(times, 0.5), "ms", extra);
    Print(bench, "p95", Percentile(times, 0.95), "ms", extra);
}

// One field edit: RecordedWriter reads the old value, updates, and logs the change; the baseline is a
// bare UPDATE of the same field. Both inside a transaction each, on the same deals, in memory (as in the
// app, where a commit does not wait for a disk).
void MeasureFieldEdit(Database& database, const std::string& size, const std::string& actor) {
    const auto ids = Check(database.QueryReadOnly("SELECT id FROM opportunities ORDER BY id LIMIT 2000"), "ids");
    WriteContext context;
    context.actor = actor;
    context.now_unix_ms = 1'781'546'400'000;
    std::vector<double> recorded, bare;
    for (int round = 0; round < 2; ++round) {
        for (size_t index = 0; index < ids.size(); ++index) {
            const std::string id = std::get<std::string>(ids[index].values[0]);
            const int64_t amount = 1'000'000 + int64_t(index) * 100 + round;
            auto started = Clock::now();
            {
                Transaction transaction(database);
                auto update = Check(database.PrepareCached("UPDATE opportunities SET amount_minor = ? WHERE id = ?",
                                                           "bare update"), "bare update");
                update->Bind(1, amount).Bind(2, id);
                if (!update->Run() || !transaction.Commit()) Fail("bare update", {});
            }
            bare.push_back(Milliseconds(Clock::now() - started) * 1000.0);
            started = Clock::now();
            {
                Transaction transaction(database);
                RecordedWriter writer(database, context);
                auto changed = writer.Update("opportunities", "opportunity", id, {{"amount_minor", amount + 7}});
                if (!changed || changed.value() != 1 || !transaction.Commit()) Fail("recorded update", {});
            }
            recorded.push_back(Milliseconds(Clock::now() - started) * 1000.0);
        }
    }
    const double recorded_p50 = Percentile(recorded, 0.5);
    const double bare_p50 = Percentile(bare, 0.5);
    char ratio[96];
    std::snprintf(ratio, sizeof ratio, ",\"baseline_us\":%.3f,\"ratio\":%.2f,\"target_ratio\":3", bare_p50,
                  recorded_p50 / bare_p50);
    Print("model.edit-field-recorded-" + size, "p50", recorded_p50, "us", Target(100, "us") + ratio);
}

struct Subjects {
    std::string pipeline;  // the one with the most open deals
    std::string rep;       // the rep with the most open deals
    ViewClock clock;
};

// The screens' queries. `label` tells the runs apart: "" on a database opened from its file, as the app
// finds it, and "-after-generate" in the process that just generated it (its pages scattered in memory).
void MeasureViews(Database& database, const std::string& size, const Subjects& subjects, const std::string& label) {
    ViewQueries views(database);
    BoardRequest board;
    board.pipeline_id = subjects.pipeline;
    board.clock = subjects.clock;
    const auto cold_started = Clock::now();  // the first call also learns the stages' usual durations
    const PipelineBoard first = Check(views.Board(board), "board");
    Print("model.board-" + size + label + "-cold", "first", Milliseconds(Clock::now() - cold_started), "ms",
          ",\"cards\":" + std::to_string(first.deal_count));
    Measure("model.board-" + size + label, 50, [&] { Check(views.Board(board), "board"); },
            Target(20, "ms") + ",\"cards\":" + std::to_string(first.deal_count));

    TodayRequest today;
    today.clock = subjects.clock;
    today.scope.owner_id = subjects.rep;
    const TodayView agenda = Check(views.Today(today), "today");
    Measure("model.today-" + size + label + "-rep", 50, [&] { Check(views.Today(today), "today"); },
            Target(20, "ms") + ",\"overdue\":" + std::to_string(agenda.overdue.size()) + ",\"due_today\":" +
                std::to_string(agenda.due_today.size()) + ",\"needing_attention\":" +
                std::to_string(agenda.needing_attention_count));
    if (!label.empty()) return;

    // After an edit the caches of names and scheduled dates are rebuilt: the board a rep sees after moving
    // a card. The edit itself is not timed.
    const auto ids = Check(database.QueryReadOnly("SELECT id FROM opportunities WHERE status = 'open' LIMIT 20"), "ids");
    WriteContext context;
    context.actor = subjects.rep;
    context.now_unix_ms = 1'781'546'400'000;
    size_t next = 0;
    std::vector<double> after_edit;
    for (int repeat = 0; repeat < 10; ++repeat) {
        {
            Transaction transaction(database);
            RecordedWriter writer(database, context);
            const std::string id = std::get<std::string>(ids[next++ % ids.size()].values[0]);
            if (!writer.Update("opportunities", "opportunity", id, {{"amount_minor", int64_t(12'300 + repeat)}}) ||
                !transaction.Commit()) {
                Fail("edit", {});
            }
        }
        const auto started = Clock::now();
        Check(views.Board(board), "board");
        after_edit.push_back(Milliseconds(Clock::now() - started));
    }
    Print("model.board-" + size + "-after-edit", "p50", Percentile(after_edit, 0.5), "ms");
    board.order = BoardOrder::Attention;
    Measure("model.board-" + size + "-by-attention", 10, [&] { Check(views.Board(board), "board"); }, "");
    board.order = BoardOrder::ExpectedCloseDate;
    board.text = "mull";
    Measure("model.board-" + size + "-text-filter", 10, [&] { Check(views.Board(board), "board"); }, "");
    today.scope = {};
    Measure("model.today-" + size + "-everyone", 10, [&] { Check(views.Today(today), "today"); }, "");

    ListRequest list;
    list.clock = subjects.clock;
    list.status = DealStatus::Open;
    list.sort = ListSort::Amount;
    list.descending = true;
    Measure("model.list-" + size + "-open-by-amount", 10, [&] { Check(views.List(list), "list"); }, "");
    ForecastRequest forecast;
    forecast.clock = subjects.clock;
    Measure("model.forecast-" + size, 10, [&] { Check(views.Forecast(forecast), "forecast"); }, "");

    const std::vector<std::string> prefixes = {"mu", "mull", "caf", "łód", "ørs", "ελλ", "cel", "sao", "fleet", "renew"};
    std::vector<double> searches;
    for (int repeat = 0; repeat < 5; ++repeat) {
        for (const std::string& prefix : prefixes) {
            const auto started = Clock::now();
            Check(Search(database, prefix, 20), "search");
            searches.push_back(Milliseconds(Clock::now() - started));
        }
    }
    Print("model.search-prefix-" + size, "p95", Percentile(searches, 0.95), "ms", Target(5, "ms"));
}

}  // namespace

int main(int argc, char** argv) {
    const int64_t count = argc > 1 ? std::atoll(argv[1]) : 100'000;
    const std::string size = std::to_string(count / 1000) + "k";
    const std::string path = (std::filesystem::temp_directory_path() / "roadbook-model-bench.db").string();
    std::filesystem::remove(path);
    Subjects subjects;
    {
        Database database = Check(Database::Open(":memory:"), "opening");
        DemoOptions options;
        options.opportunity_count = count;
        options.seed = 1;
        const auto generate_started = Clock::now();
        if (auto loaded = LoadDemoData(database, options); !loaded) Fail("generating", loaded.errors());
        const double generate_seconds = Milliseconds(Clock::now() - generate_started) / 1000.0;
        const LocalDataCounts counts = Check(CountLocalData(database), "counting");
        Print("model.generate-" + size, "seconds", generate_seconds, "s",
              Target(10, "s") + ",\"opportunities\":" + std::to_string(counts.opportunities) + ",\"activities\":" +
                  std::to_string(counts.activities) + ",\"change_log_rows\":" +
                  std::to_string(counts.change_log_rows));
        subjects.clock = ViewClock{options.today, 0};
        subjects.pipeline = QueryText(database, "SELECT pipeline_id FROM opportunities WHERE status = 'open'"
                                                " GROUP BY pipeline_id ORDER BY count(*) DESC LIMIT 1");
        subjects.rep = QueryText(database, "SELECT owner_id FROM opportunities WHERE status = 'open'"
                                           " GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1");
        MeasureViews(database, size, subjects, "-after-generate");
        MeasureFieldEdit(database, size, subjects.rep);
        if (auto saved = database.Execute("VACUUM INTO '" + path + "'", "saving"); !saved) Fail("saving", saved.errors());
    }
    {
        Database database = Check(Database::Open(path), "reopening");
        // Every page stays cached once read, like the app's in-memory database.
        if (auto cached = database.Execute("PRAGMA cache_size = -4000000", "cache"); !cached) Fail("cache", cached.errors());
        MeasureViews(database, size, subjects, "");
    }
    if (!std::getenv("ROADBOOK_BENCH_KEEP_DATABASE")) std::filesystem::remove(path);  // kept for profiling
    return 0;
}
