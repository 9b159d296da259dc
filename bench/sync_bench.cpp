// Sync benchmarks (JSON lines). Natively: server push throughput with 20 concurrent clients against one
// client as the baseline, the initial sync of a 10k-deal organisation to a new device, and how long a
// change takes to show on another device (push, change event, pull). Natively and in WebAssembly: how fast
// a device applies pulled changes.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "core/hybrid_logical_clock.h"
#include "store/database.h"
#include "store/replica_store.h"

#ifndef __EMSCRIPTEN__
#include "httplib.h"
#include "platform/native/http_sync_transport.h"
#include "sync/client_engine.h"
#include "sync/protocol.h"
#include "sync/server/accounts.h"
#include "sync/server/routes.h"
#include "sync/server/sqlite_server_store.h"
#include "sync/server/sync_service.h"
#endif

namespace roadbook::bench {
namespace {

constexpr const char* kPipeline = "00000000-0000-7000-8000-000000000001";
constexpr const char* kStage = "00000000-0000-7000-8000-000000000101";

std::string DealId(int64_t client, int64_t deal) {
    char id[64];
    std::snprintf(id, sizeof id, "0190%04llx-0000-7000-8000-%012llx", static_cast<unsigned long long>(client),
                  static_cast<unsigned long long>(deal));
    return id;
}

std::string Stamp(int64_t wall_ms, const std::string& node) { return EncodeHybridTimestamp({wall_ms, 0, node}); }

// The fields a new deal carries, as text.
std::vector<std::pair<std::string, std::string>> DealFields(int64_t number) {
    return {{"name", "Benchmark deal " + std::to_string(number)},
            {"pipeline_id", kPipeline},
            {"stage_id", kStage},
            {"amount_minor", std::to_string(100'000 + number * 7 % 900'000)},
            {"currency_code", "EUR"},
            {"expected_close_date", "2027-0" + std::to_string(1 + number % 9) + "-15"},
            {"status", "open"},
            {"priority", std::to_string(number % 4)},
            {"source", "Benchmark"},
            {"needs", "Needs a fleet of delivery vans for the northern region"},
            {"stage_entered_at_ms", "1790000000000"},
            {"last_touch_at_ms", "1790000000000"},
            {"close_date_push_count", "0"}};
}

// Pull-apply: a page of `deals` new deals, applied to an empty device in one transaction.
void BenchApply(int64_t deals) {
    const std::string file = (std::filesystem::temp_directory_path() / "roadbook-sync-apply-bench.sqlite").string();
    std::filesystem::remove(file);
    auto database = Database::Open(file);
    if (!database) return;
    ReplicaStore replica(database.value());
    (void)replica.LoadIdentity([] { return std::string("client-apply-benchmark"); });
    std::vector<RemoteRecord> records;
    int64_t changes = 0;
    for (int64_t number = 0; number < deals; ++number) {
        RemoteRecord record{"opportunity", "opportunities", RecordShape::kRow, DealId(1, number), 1, false, {}};
        for (auto& [field, value] : DealFields(number)) {
            record.fields.push_back({field, value, Stamp(1790000000000 + number, "bench"), "user"});
            ++changes;
        }
        records.push_back(std::move(record));
    }
    const auto start = Clock::now();
    auto applied = replica.ApplyPulled(records, {}, 0, 1, 1790000000000);
    const double seconds = Milliseconds(Clock::now() - start) / 1000.0;
    if (!applied) {
        std::fprintf(stderr, "sync_bench: apply failed: %s\n", applied.first_error().message.c_str());
        return;
    }
    Print("sync_pull_apply", "changes_per_second", double(changes) / seconds, "changes/s",
          ",\"changes\":" + std::to_string(changes) + ",\"target\":" + (std::string(kPlatform) == "wasm" ? "10000" : "20000"));
    std::filesystem::remove(file);
}

#ifndef __EMSCRIPTEN__

// A server on 127.0.0.1 with a SQLite store in a fresh directory and one organisation.
struct BenchServer {
    std::filesystem::path directory = std::filesystem::temp_directory_path() / "roadbook-sync-bench";
    std::unique_ptr<server::SqliteServerStore> store;
    std::unique_ptr<server::SyncService> service;
    httplib::Server http;
    std::thread thread;
    int port = 0;
    std::string password = "benchmark password";

    BenchServer() {
        std::filesystem::remove_all(directory);
        std::filesystem::create_directories(directory / "web");
        store = std::move(server::SqliteServerStore::Open((directory / "server.sqlite").string())).value();
        service = std::make_unique<server::SyncService>(*store);
        server::Accounts accounts(*service);
        (void)accounts.CreateOrganisation("Bench", "admin@bench.test", "Admin", password);
        (void)accounts.AddUser("Bench", "rep@bench.test", "Rep", "rep", "Field", password);
        http.new_task_queue = [] { return new httplib::ThreadPool(32); };
        server::InstallRoutes(http, {std::filesystem::canonical(directory / "web"), service.get(),
                                     server::HostAllowList::For("127.0.0.1", {})});
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
        http.wait_until_ready();
    }
    ~BenchServer() {
        service->notifier().StopAll();
        http.stop();
        thread.join();
        std::filesystem::remove_all(directory);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    std::string Token(const std::string& email) {
        platform::HttpSyncTransport transport;
        auto reply = transport.Send({url(), "POST", "/api/v1/auth/login", sync::EncodeLoginRequest({email, password}), ""});
        return sync::DecodeLoginResponse(reply.body).value().token;
    }
};

// Pushes `batches` batches of `batch_size` field changes from each of `clients` concurrent clients;
// returns mutations per second and fills the per-push latencies.
double PushLoad(BenchServer& server, const std::string& token, int clients, int batches, int batch_size,
                std::vector<double>& latencies, int64_t client_offset) {
    std::vector<std::thread> threads;
    std::vector<std::vector<double>> per_client(static_cast<size_t>(clients));
    std::atomic<int64_t> failures{0};
    const auto start = Clock::now();
    for (int client = 0; client < clients; ++client) {
        threads.emplace_back([&, client] {
            platform::HttpSyncTransport transport;
            const std::string client_id = "client-bench-" + std::to_string(client_offset + client);
            const std::string node = "node" + std::to_string(client_offset + client);
            int64_t mutation_id = 0;
            int64_t wall = 1790000000000;
            const std::string deal = DealId(client_offset + client, 0);
            for (int batch = 0; batch < batches; ++batch) {
                sync::PushRequest request{client_id, mutation_id, {}};
                if (batch == 0) {
                    for (auto& [field, value] : DealFields(client)) {
                        request.mutations.push_back({++mutation_id, "opportunity", deal, field, value, std::nullopt, Stamp(++wall, node), 1});
                    }
                }
                while (int(request.mutations.size()) < batch_size) {
                    request.mutations.push_back({++mutation_id, "opportunity", deal, "amount_minor",
                                                 std::to_string(1000 + mutation_id), std::nullopt, Stamp(++wall, node), 1});
                }
                const auto sent = Clock::now();
                auto reply = transport.Send({server.url(), "POST", "/api/v1/sync/push", sync::EncodePushRequest(request), token});
                per_client[size_t(client)].push_back(Milliseconds(Clock::now() - sent));
                if (reply.status != 200) ++failures;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    const double seconds = Milliseconds(Clock::now() - start) / 1000.0;
    for (auto& samples : per_client) latencies.insert(latencies.end(), samples.begin(), samples.end());
    if (failures > 0) std::fprintf(stderr, "sync_bench: %lld pushes failed\n", static_cast<long long>(failures.load()));
    return double(clients) * batches * batch_size / seconds;
}

void BenchPushThroughput() {
    BenchServer server;
    const std::string token = server.Token("rep@bench.test");
    constexpr int kBatch = 200;
    std::vector<double> single_latencies;
    const double single = PushLoad(server, token, 1, 40, kBatch, single_latencies, 0);
    std::vector<double> latencies;
    const double concurrent = PushLoad(server, token, 20, 20, kBatch, latencies, 100);
    const std::string extra = ",\"clients\":20,\"batch\":" + std::to_string(kBatch) +
                              ",\"baseline_one_client\":" + std::to_string(single) +
                              ",\"ratio_to_baseline\":" + std::to_string(concurrent / single) + ",\"target\":5000";
    Print("sync_push_sqlite", "mutations_per_second", concurrent, "mutations/s", extra);
    Print("sync_push_sqlite", "push_latency_p50", Percentile(latencies, 0.5), "ms", ",\"clients\":20");
    Print("sync_push_sqlite", "push_latency_p95", Percentile(latencies, 0.95), "ms", ",\"clients\":20");
}

// A device: its own SQLite file, the engine and the HTTP transport; Sync() runs a whole round.
struct BenchDevice {
    std::string file;
    Database database;
    sync::SyncEngine engine;
    platform::HttpSyncTransport transport;
    BenchDevice(const std::string& name, const std::string& path)
        : file(path), database(std::move(Database::Open(path)).value()),
          engine(database, sync::EngineHooks{[] { return int64_t(1790000000000); },
                                             [name] { return "client-" + name + "-0000000000"; }, {}, {}}) {
        (void)engine.Open();
    }
    void Sync() {
        engine.RequestSync();
        while (auto request = engine.NextRequest()) engine.HandleReply(transport.Send(*request));
    }
};

void BenchInitialSync(int64_t deals) {
    BenchServer server;
    const std::string token = server.Token("admin@bench.test");
    platform::HttpSyncTransport transport;
    int64_t mutation_id = 0;
    for (int64_t first = 0; first < deals; first += 100) {
        sync::PushRequest request{"client-bench-loader", mutation_id, {}};
        for (int64_t number = first; number < std::min(deals, first + 100); ++number) {
            for (auto& [field, value] : DealFields(number)) {
                request.mutations.push_back({++mutation_id, "opportunity", DealId(7, number), field, value, std::nullopt,
                                             Stamp(1790000000000 + mutation_id, "loader"), 1});
            }
        }
        (void)transport.Send({server.url(), "POST", "/api/v1/sync/push", sync::EncodePushRequest(request), token});
    }
    const std::string path = (server.directory / "device.sqlite").string();
    BenchDevice device("fresh", path);
    device.engine.BeginSignIn(server.url(), "rep@bench.test", server.password);
    device.engine.HandleReply(device.transport.Send(*device.engine.NextRequest()));
    const auto start = Clock::now();
    device.Sync();
    const double seconds = Milliseconds(Clock::now() - start) / 1000.0;
    auto count = device.database.Prepare("SELECT count(*) FROM opportunities", "count");
    const int64_t received = count && count.value().Step() ? count.value().ColumnInt(0) : -1;
    Print("sync_initial", "seconds", seconds, "s",
          ",\"deals\":" + std::to_string(deals) + ",\"received\":" + std::to_string(received) +
              ",\"fields\":" + std::to_string(mutation_id) + ",\"target\":5");
}

// From a change committed on one device to the other device holding it: push, the change event, pull.
void BenchChangeVisible(int rounds) {
    BenchServer server;
    BenchDevice writer("writer", (server.directory / "writer.sqlite").string());
    BenchDevice reader("reader", (server.directory / "reader.sqlite").string());
    for (BenchDevice* device : {&writer, &reader}) {
        device->engine.BeginSignIn(server.url(), "rep@bench.test", server.password);
        device->engine.HandleReply(device->transport.Send(*device->engine.NextRequest()));
        device->Sync();
    }
    // The reader listens to the event stream and pulls on each change, as the web app does.
    std::atomic<int> events{0};
    std::atomic<bool> stop{false};
    const std::string token = reader.engine.identity().token;
    std::thread listener([&] {
        httplib::Client client(server.url());
        client.set_read_timeout(std::chrono::seconds(30));
        client.Get("/api/v1/sync/events", {{"Authorization", "Bearer " + token}},
                   [&](const char* data, size_t length) {
                       if (std::string(data, length).find("event: change") != std::string::npos) ++events;
                       return !stop.load();
                   });
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::vector<double> samples;
    for (int round = 0; round < rounds; ++round) {
        const std::string deal = DealId(9, round);
        const auto start = Clock::now();
        const int seen = events.load();
        auto statement = writer.database.Prepare(
            "INSERT INTO change_log (entity, entity_id, field, old_value, new_value, actor, at_ms, clock) VALUES "
            "('account', '" + deal + "', 'name', NULL, 'Account " + std::to_string(round) + "', 'w', 0, '" +
                Stamp(1790000000000 + round, "writer") + "')",
            "change");
        if (statement) (void)statement.value().Run();
        writer.Sync();
        while (events.load() == seen && Milliseconds(Clock::now() - start) < 5000) std::this_thread::yield();
        reader.Sync();
        samples.push_back(Milliseconds(Clock::now() - start));
    }
    stop = true;
    // One more change wakes the stream so the listener sees the stop flag.
    writer.Sync();
    server.service->notifier().StopAll();
    listener.join();
    Print("sync_change_visible", "p50", Percentile(samples, 0.5), "ms", ",\"rounds\":" + std::to_string(rounds));
    Print("sync_change_visible", "p95", Percentile(samples, 0.95), "ms", ",\"rounds\":" + std::to_string(rounds) + ",\"target\":500");
}

#endif

}  // namespace
}  // namespace roadbook::bench

int main() {
    using namespace roadbook::bench;
    BenchApply(2'000);
#ifndef __EMSCRIPTEN__
    BenchPushThroughput();
    BenchInitialSync(10'000);
    BenchChangeVisible(50);
#endif
    return 0;
}
