// The sync load tool: N simulated clients (the protocol over the native HTTP transport, each with its own
// client id, mutation ids and cursor) spread over in-process servers sharing one store, sending a paced
// mix of pushes and pulls. Prints JSON lines: throughput, push and pull latency percentiles, and the
// database time of pulling 1,000 changes.
//   sync_load [--database sqlite|postgresql|postgresql://...] [--servers N] [--clients N] [--seconds S]
//             [--organisations N] [--batch N] [--interval-ms MS] [--mix push:80,pull:20] [--preload-deals N]
// `--database postgresql` starts a throwaway cluster like the tests do; a URL uses an existing database
// (which should be empty). SQLite runs one server: it is the single-machine store.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "core/hybrid_logical_clock.h"
#include "httplib.h"
#include "platform/native/http_sync_transport.h"
#include "postgres_cluster.h"
#include "sync/protocol.h"
#include "sync/server/accounts.h"
#include "sync/server/credentials.h"
#include "sync/server/postgres_server_store.h"
#include "sync/server/routes.h"
#include "sync/server/sqlite_server_store.h"
#include "sync/server/sync_service.h"

namespace roadbook::bench {
namespace {

struct LoadOptions {
    std::string database = "sqlite";
    int servers = 2;
    int clients = 50;
    int seconds = 10;
    int organisations = 1;
    int batch = 25;
    int interval_ms = 250;  // each client starts an operation this often (sooner when it falls behind: never)
    int preload_deals = 20;  // per client, before the measured run
    int push_weight = 80;
    int pull_weight = 20;
};

constexpr const char* kPassword = "load test password";

// Every load client signs in from 127.0.0.1 within seconds: the sign-in limits per address would refuse them.
server::SyncSettings LoadSettings() {
    server::SyncSettings settings;
    settings.login.per_address_per_minute = 1'000'000;
    return settings;
}

// One roadbook server on 127.0.0.1 with its own store object (its own pool, as a separate process has).
struct LoadServer {
    std::unique_ptr<server::ServerStore> store;
    std::unique_ptr<server::SyncService> service;
    httplib::Server http;
    std::thread thread;
    int port = 0;

    LoadServer(std::unique_ptr<server::ServerStore> opened, const std::filesystem::path& web_root)
        : store(std::move(opened)), service(std::make_unique<server::SyncService>(*store, LoadSettings())) {
        http.new_task_queue = [] { return new httplib::ThreadPool(64); };
        server::InstallRoutes(http, {web_root, service.get(), server::HostAllowList::For("127.0.0.1", {})});
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
        http.wait_until_ready();
    }
    ~LoadServer() {
        service->notifier().StopAll();
        http.stop();
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

std::unique_ptr<server::ServerStore> OpenStore(const std::string& database, const std::filesystem::path& directory) {
    if (database == "sqlite") {
        auto store = server::SqliteServerStore::Open((directory / "server.sqlite").string());
        if (!store) throw std::runtime_error(store.first_error().message);
        return std::move(store).value();
    }
    auto store = server::PostgresServerStore::Open(database, server::PostgresStoreSettings{8});
    if (!store) throw std::runtime_error(store.first_error().message);
    return std::move(store).value();
}

std::string DealId(int64_t client, int64_t deal) {
    char id[64];
    std::snprintf(id, sizeof id, "0191%04llx-0000-7000-8000-%012llx", static_cast<unsigned long long>(client),
                  static_cast<unsigned long long>(deal));
    return id;
}

// One simulated device: its sign-in, mutation ids, clock and pull cursor.
struct LoadClient {
    int number = 0;
    std::string url;
    std::string token;
    std::string client_id;
    int64_t mutation_id = 0;
    int64_t wall_ms = 1790000000000;
    int64_t cursor = 0;
    int deals = 0;
    std::vector<double> push_ms, pull_ms;
    int64_t mutations = 0, rejected = 0, failures = 0;

    void AddDeal(sync::PushRequest& request) {
        const std::string node = "load" + std::to_string(number);
        const std::string deal = DealId(number, deals++);
        const std::vector<std::pair<std::string, std::string>> fields = {
            {"name", "Load deal " + deal}, {"pipeline_id", "00000000-0000-7000-8000-000000000001"},
            {"stage_id", "00000000-0000-7000-8000-000000000101"}, {"amount_minor", "100000"},
            {"currency_code", "EUR"}, {"expected_close_date", "2027-06-15"}, {"status", "open"}};
        for (const auto& [field, value] : fields) {
            request.mutations.push_back({++mutation_id, "opportunity", deal, field, value, std::nullopt,
                                         EncodeHybridTimestamp({++wall_ms, 0, node}), 1});
        }
    }

    // Pulls pages from the cursor until the server has no more; false when a request failed.
    bool PullAll(platform::HttpSyncTransport& transport) {
        while (true) {
            auto reply = transport.Send(
                {url, "POST", "/api/v1/sync/pull", sync::EncodePullRequest({client_id, cursor, 5000}), token});
            auto pulled = sync::DecodePullResponse(reply.body);
            if (reply.status != 200 || !pulled) {
                std::fprintf(stderr, "sync_load: a pull got %d: %s\n", reply.status, reply.body.substr(0, 200).c_str());
                return false;
            }
            cursor = pulled.value().cursor;
            if (!pulled.value().more) return true;
        }
    }

    // A batch of field changes on this client's own deals; every fifth batch starts a new deal.
    sync::PushRequest NextBatch(int size) {
        sync::PushRequest request{client_id, mutation_id, {}};
        const std::string node = "load" + std::to_string(number);
        if (deals == 0 || mutation_id % (int64_t(size) * 5) == 0) AddDeal(request);
        while (int(request.mutations.size()) < size) {
            const std::string deal = DealId(number, mutation_id % deals);
            const bool amount = mutation_id % 2 == 0;
            request.mutations.push_back({++mutation_id, "opportunity", deal, amount ? "amount_minor" : "name",
                                         amount ? std::to_string(1000 + mutation_id) : "Renamed " + std::to_string(mutation_id),
                                         std::nullopt, EncodeHybridTimestamp({++wall_ms, 0, node}), 1});
        }
        return request;
    }
};

void Latencies(const std::string& bench, const char* kind, const std::vector<double>& samples, const std::string& extra) {
    if (samples.empty()) return;
    Print(bench, (std::string(kind) + "_latency_p50").c_str(), Percentile(samples, 0.5), "ms", extra);
    Print(bench, (std::string(kind) + "_latency_p95").c_str(), Percentile(samples, 0.95), "ms", extra);
}

// The time Pull takes for a page of about 1,000 changes, called on the service (no HTTP): database time
// plus assembling the page.
void MeasurePull(server::SyncService& service, const std::string& token, const std::string& bench,
                 const std::string& extra) {
    auto principal = service.Authenticate("Bearer " + token, server::UnixMillisecondsNow());
    if (!std::holds_alternative<server::Principal>(principal)) return;
    std::vector<double> samples;
    size_t changes = 0;
    for (int round = 0; round < 40; ++round) {
        const auto start = Clock::now();
        auto pulled = service.Pull(std::get<server::Principal>(principal),
                                   sync::PullRequest{"client-load-puller-000001", 0, 1000});
        samples.push_back(Milliseconds(Clock::now() - start));
        if (auto* response = std::get_if<sync::PullResponse>(&pulled)) {
            changes = 0;
            for (const sync::RecordState& record : response->records) changes += record.fields.size();
        }
    }
    Print(bench, "pull_1000_p50", Percentile(samples, 0.5), "ms", extra + ",\"changes\":" + std::to_string(changes));
    Print(bench, "pull_1000_p95", Percentile(samples, 0.95), "ms",
          extra + ",\"changes\":" + std::to_string(changes) + ",\"target\":50");
}

void RunLoad(const LoadOptions& options) {
    const std::filesystem::path directory = std::filesystem::temp_directory_path() / "roadbook-sync-load";
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory / "web");
    const std::filesystem::path web_root = std::filesystem::canonical(directory / "web");
    std::string database = options.database;
    std::string store_name = "sqlite";
    if (database == "postgresql") database = testing::PostgresCluster::Shared().CreateDatabase();
    if (database != "sqlite") store_name = "postgresql";
    const int server_count = store_name == "sqlite" ? 1 : options.servers;

    std::vector<std::unique_ptr<LoadServer>> servers;
    for (int index = 0; index < server_count; ++index) {
        servers.push_back(std::make_unique<LoadServer>(OpenStore(database, directory), web_root));
    }
    // Organisations of reps in two teams; each client is its own rep (sign-ins are limited per email).
    server::Accounts accounts(*servers.front()->service);
    std::vector<LoadClient> clients(size_t(options.clients));
    for (int organisation = 0; organisation < options.organisations; ++organisation) {
        const std::string name = "Load" + std::to_string(organisation);
        (void)accounts.CreateOrganisation(name, "admin@" + name + ".test", "Admin", kPassword);
    }
    for (int number = 0; number < options.clients; ++number) {
        const std::string organisation = "Load" + std::to_string(number % options.organisations);
        const std::string email = "rep" + std::to_string(number) + "@" + organisation + ".test";
        (void)accounts.AddUser(organisation, email, "Rep " + std::to_string(number), "rep", number % 2 ? "East" : "West",
                               kPassword);
        LoadClient& client = clients[size_t(number)];
        client.number = number;
        client.url = servers[size_t(number % server_count)]->url();
        client.client_id = "client-load-" + std::to_string(100000 + number);
        platform::HttpSyncTransport transport;
        auto reply = transport.Send({client.url, "POST", "/api/v1/auth/login", sync::EncodeLoginRequest({email, kPassword}), ""});
        auto login = sync::DecodeLoginResponse(reply.body);
        if (!login) throw std::runtime_error("sign-in failed: " + reply.body);
        client.token = login.value().token;
    }

    // The organisation's existing deals, pushed before the measured run, and every client's first full
    // pull of them (not measured): the run measures a team at work, not devices signing in.
    std::vector<std::thread> loaders;
    std::atomic<int> preload_failures{0};
    for (LoadClient& client : clients) {
        loaders.emplace_back([&options, &client, &preload_failures] {
            // httplib listens with a backlog of 5: fifty connections at once would lose SYNs for seconds.
            std::this_thread::sleep_for(std::chrono::milliseconds(10 * client.number));
            platform::HttpSyncTransport transport;
            while (client.deals < options.preload_deals) {
                sync::PushRequest request{client.client_id, client.mutation_id, {}};
                for (int deal = 0; deal < 10 && client.deals < options.preload_deals; ++deal) client.AddDeal(request);
                auto reply = transport.Send({client.url, "POST", "/api/v1/sync/push", sync::EncodePushRequest(request), client.token});
                if (reply.status != 200) {
                    std::fprintf(stderr, "sync_load: a preload push got %d: %s\n", reply.status, reply.body.substr(0, 200).c_str());
                    ++preload_failures;
                    return;
                }
            }
        });
    }
    for (std::thread& loader : loaders) loader.join();
    loaders.clear();
    if (store_name == "postgresql") {
        // A live database's autovacuum refreshes the planner's statistics within a minute; a freshly loaded
        // one still believes its tables empty and picks nested loops over thousands of rows.
        testing::PostgresCluster::QueryText(database, "ANALYZE");
    }

    for (LoadClient& client : clients) {
        loaders.emplace_back([&client, &preload_failures] {
            std::this_thread::sleep_for(std::chrono::milliseconds(10 * client.number));
            platform::HttpSyncTransport transport;
            if (!client.PullAll(transport)) ++preload_failures;
        });
    }
    for (std::thread& loader : loaders) loader.join();
    if (preload_failures > 0) throw std::runtime_error("pushing the existing deals failed");

    const auto start = Clock::now();
    const auto deadline = start + std::chrono::seconds(options.seconds);
    std::vector<std::thread> threads;
    for (LoadClient& client : clients) {
        threads.emplace_back([&options, &client, deadline] {
            platform::HttpSyncTransport transport;
            std::mt19937 random(uint32_t(client.number));
            // Spread the first operations over one interval, so the clients do not start in lockstep.
            auto next = Clock::now() + std::chrono::milliseconds(random() % uint32_t(options.interval_ms));
            while (next < deadline && Clock::now() < deadline) {
                std::this_thread::sleep_until(next);
                next += std::chrono::milliseconds(options.interval_ms);
                const bool push = int(random() % uint32_t(options.push_weight + options.pull_weight)) < options.push_weight;
                const auto sent = Clock::now();
                if (push) {
                    sync::PushRequest request = client.NextBatch(options.batch);
                    auto reply = transport.Send({client.url, "POST", "/api/v1/sync/push", sync::EncodePushRequest(request), client.token});
                    client.push_ms.push_back(Milliseconds(Clock::now() - sent));
                    auto pushed = sync::DecodePushResponse(reply.body);
                    if (reply.status == 200 && pushed) {
                        for (const sync::MutationResult& result : pushed.value().results) {
                            if (result.outcome == sync::MutationOutcome::kApplied) ++client.mutations;
                            if (result.outcome == sync::MutationOutcome::kRejected) ++client.rejected;
                        }
                    } else {
                        ++client.failures;
                        client.mutation_id = request.previous_mutation_id;  // sent again as the next batch
                    }
                } else {
                    if (!client.PullAll(transport)) ++client.failures;
                    client.pull_ms.push_back(Milliseconds(Clock::now() - sent));
                }
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    const double seconds = Milliseconds(Clock::now() - start) / 1000.0;

    std::vector<double> push_ms, pull_ms;
    int64_t mutations = 0, rejected = 0, failures = 0;
    for (const LoadClient& client : clients) {
        rejected += client.rejected;
        push_ms.insert(push_ms.end(), client.push_ms.begin(), client.push_ms.end());
        pull_ms.insert(pull_ms.end(), client.pull_ms.begin(), client.pull_ms.end());
        mutations += client.mutations;
        failures += client.failures;
    }
    const std::string bench = "sync_load_" + store_name;
    const std::string extra = ",\"store\":\"" + store_name + "\",\"servers\":" + std::to_string(server_count) +
                              ",\"clients\":" + std::to_string(options.clients) + ",\"organisations\":" +
                              std::to_string(options.organisations) + ",\"batch\":" + std::to_string(options.batch) +
                              ",\"interval_ms\":" + std::to_string(options.interval_ms) +
                              ",\"preloaded_deals\":" + std::to_string(options.preload_deals * options.clients) + ",\"mix\":\"push:" +
                              std::to_string(options.push_weight) + ",pull:" + std::to_string(options.pull_weight) + "\"";
    Print(bench, "mutations_per_second", double(mutations) / seconds, "mutations/s",
          extra + ",\"pushes\":" + std::to_string(push_ms.size()) + ",\"pulls\":" + std::to_string(pull_ms.size()) +
              ",\"failures\":" + std::to_string(failures) + ",\"rejected\":" + std::to_string(rejected) + ",\"seconds\":" + std::to_string(seconds) +
              ",\"target\":3000");
    Latencies(bench, "push", push_ms, extra + ",\"target_p95\":100");
    Latencies(bench, "pull", pull_ms, extra);
    MeasurePull(*servers.back()->service, clients.front().token, bench, extra);
    servers.clear();
    std::filesystem::remove_all(directory);
}

int NumberFlag(const std::string& flag, const std::string& value) {
    char* end = nullptr;
    const long number = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || number < 1 || number > 100'000) {
        throw std::runtime_error(flag + " must be a whole number from 1 to 100000, got '" + value + "'");
    }
    return int(number);
}

LoadOptions ParseOptions(int argc, char** argv) {
    LoadOptions options;
    for (int index = 1; index < argc; ++index) {
        const std::string flag = argv[index];
        if (index + 1 >= argc) throw std::runtime_error(flag + " needs a value");
        const std::string value = argv[++index];
        if (flag == "--database") {
            if (value != "sqlite" && value != "postgresql" && !value.starts_with("postgresql://")) {
                throw std::runtime_error("--database must be sqlite, postgresql or a postgresql:// URL");
            }
            options.database = value;
        } else if (flag == "--servers") {
            options.servers = NumberFlag(flag, value);
        } else if (flag == "--clients") {
            options.clients = NumberFlag(flag, value);
        } else if (flag == "--seconds") {
            options.seconds = NumberFlag(flag, value);
        } else if (flag == "--organisations") {
            options.organisations = NumberFlag(flag, value);
        } else if (flag == "--batch") {
            options.batch = std::max(8, NumberFlag(flag, value));  // room for a new deal's seven fields
        } else if (flag == "--preload-deals") {
            options.preload_deals = NumberFlag(flag, value);
        } else if (flag == "--interval-ms") {
            options.interval_ms = NumberFlag(flag, value);
        } else if (flag == "--mix") {
            if (std::sscanf(value.c_str(), "push:%d,pull:%d", &options.push_weight, &options.pull_weight) != 2 ||
                options.push_weight < 0 || options.pull_weight < 0 || options.push_weight + options.pull_weight == 0) {
                throw std::runtime_error("--mix must look like push:80,pull:20");
            }
        } else {
            throw std::runtime_error("unknown flag " + flag);
        }
    }
    return options;
}

}  // namespace
}  // namespace roadbook::bench

int main(int argc, char** argv) {
    try {
        roadbook::server::InitialiseCredentials();
        roadbook::bench::RunLoad(roadbook::bench::ParseOptions(argc, argv));
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "sync_load: %s\n", error.what());
        return 1;
    }
}
