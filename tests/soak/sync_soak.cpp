// The fault soak: devices work and sync for a fixed time through hostile loopback proxies while
// servers are killed with SIGKILL and started again and devices restart; then, on a calm network, every
// replica must equal the server, no acknowledged change may be missing, nothing may be duplicated, and no
// device may have read backwards. Seeded, bounded in time, loopback only. Prints one JSON line; exit 0 on
// a clean verdict.
//   sync_soak [--seconds N] [--seed N] [--clients N] [--servers N] [--database URL]
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "loopback_proxy.h"
#include "postgres_cluster.h"
#include "soak_checks.h"
#include "soak_servers.h"
#include "sync_test_support.h"
#include "web_root_support.h"

namespace roadbook::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct SoakOptions {
    int seconds = 90;
    uint64_t seed = 1;
    int clients = 4;
    int servers = 1;
    std::string database;  // empty: SQLite under a data directory
};

constexpr const char* kPassword = "soak test password";
constexpr ProxyFaults kHostile{0.03, 0.05, 0.05, 0.10, 400};

struct SoakClient {
    std::string name;
    std::string email;
    std::filesystem::path file;
    LoopbackProxy* proxy = nullptr;
    std::unique_ptr<TestDevice> device;
    std::mt19937_64 random;
    int64_t last_cursor = 0;
    int64_t non_monotonic = 0;
    int64_t operations = 0;
    int64_t syncs = 0;
    int64_t restarts = 0;
    std::vector<std::string> created;
    std::string failure;  // an exception that ended the client's work

    void SyncAndWatchCursor() {
        device->Sync({}, 40);
        ++syncs;
        const int64_t cursor = device->engine().identity().cursor;
        if (cursor < last_cursor) ++non_monotonic;
        last_cursor = std::max(last_cursor, cursor);
    }

    std::string RandomDeal() {
        const int64_t count = device->Number("SELECT count(*) FROM opportunities");
        if (count == 0) return {};
        return device->Text("SELECT id FROM opportunities ORDER BY id LIMIT 1 OFFSET " +
                            std::to_string(int64_t(random() % uint64_t(count))));
    }

    void Step() {
        const int draw = int(random() % 100);
        if (draw < 30) {
            created.push_back(device->CreateDeal(name + " deal " + std::to_string(operations), 1000 + int64_t(random() % 90'000)));
        } else if (draw < 65) {
            if (const std::string deal = RandomDeal(); !deal.empty()) device->SetAmount(deal, 100 + int64_t(random() % 900'000));
        } else if (draw < 85) {
            if (const std::string deal = RandomDeal(); !deal.empty()) {
                device->SetName(deal, name + " renamed " + std::to_string(operations));
            }
        } else if (draw < 87) {
            // The app closes and opens again: everything comes back from the file.
            device.reset();
            device = std::make_unique<TestDevice>(name, file);
            ++restarts;
        }
        ++operations;
        if (random() % 100 < 45) SyncAndWatchCursor();
    }
};

// Kills a random server now and then; with a cluster of its own (`database_restarts` set), every fourth
// time PostgreSQL itself goes down and comes back instead, under the servers' feet.
void RunChaos(SoakServers& servers, Clock::time_point deadline, uint64_t seed, std::atomic<int64_t>& kills,
              std::atomic<int64_t>* database_restarts) {
    std::mt19937_64 random(seed);
    while (Clock::now() + std::chrono::seconds(3) < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500 + random() % 4500));
        if (database_restarts && random() % 4 == 0) {
            PostgresCluster::Shared().Stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(random() % 1500));
            PostgresCluster::Shared().Start();
            ++*database_restarts;
            continue;
        }
        const int index = int(random() % uint64_t(servers.count()));
        servers.Kill(index);
        ++kills;
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 1200));
        servers.Start(index);
    }
}

int RunSoak(const SoakOptions& options) {
    const std::filesystem::path base = MakeTemporaryDirectory("roadbook-soak");
    std::filesystem::create_directories(base / "web");
    WriteFile(base / "web" / "index.html", "<!doctype html><title>Roadbook</title>");
    std::vector<std::string> store_arguments = {"--data-dir", (base / "data").string()};
    // "postgresql" alone: a throwaway cluster started here, as the sync tests do.
    if (options.database == "postgresql") store_arguments = {"--database", PostgresCluster::Shared().CreateDatabase()};
    else if (!options.database.empty()) store_arguments = {"--database", options.database};

    SoakServers servers(ROADBOOK_SERVER_BINARY, base / "web", store_arguments, options.servers);
    std::vector<SoakPerson> people;
    for (int index = 0; index < options.clients; ++index) {
        people.push_back({"person" + std::to_string(index) + "@soak.test", index == 0 ? "manager" : "rep"});
    }
    servers.CreateOrganisation(people, kPassword);
    for (int index = 0; index < servers.count(); ++index) servers.Start(index);

    std::vector<std::unique_ptr<LoopbackProxy>> proxies;
    for (int index = 0; index < servers.count(); ++index) {
        proxies.push_back(std::make_unique<LoopbackProxy>(servers.port(index), ProxyFaults{}, options.seed * 1000 + uint64_t(index)));
    }
    std::vector<SoakClient> clients(size_t(options.clients));
    for (int index = 0; index < options.clients; ++index) {
        SoakClient& client = clients[size_t(index)];
        client.name = "device" + std::to_string(index);
        client.email = people[size_t(index)].email;
        client.file = base / (client.name + ".sqlite");
        client.proxy = proxies[size_t(index % servers.count())].get();
        client.random.seed(options.seed * 7919 + uint64_t(index));
        client.device = std::make_unique<TestDevice>(client.name, client.file);
        client.device->SignIn(client.proxy->url(), client.email, kPassword);
        client.SyncAndWatchCursor();  // the organisation's people arrive: deals name their owner
    }
    // The sign-ins ran on a calm network so the run always starts; from here on the network is hostile.
    for (auto& proxy : proxies) proxy->SetFaults(kHostile);

    const auto started = Clock::now();
    const auto deadline = started + std::chrono::seconds(options.seconds);
    std::atomic<int64_t> kills{0};
    std::atomic<int64_t> database_restarts{0};
    const bool own_cluster = options.database == "postgresql";
    std::thread chaos([&] { RunChaos(servers, deadline, options.seed, kills, own_cluster ? &database_restarts : nullptr); });
    std::vector<std::thread> workers;
    for (SoakClient& client : clients) {
        workers.emplace_back([&client, deadline] {
            try {
                while (Clock::now() < deadline) {
                    client.Step();
                    std::this_thread::sleep_for(std::chrono::milliseconds(client.random() % 15));
                }
            } catch (const std::exception& error) {
                client.failure = error.what();
            }
        });
    }
    for (std::thread& worker : workers) worker.join();
    chaos.join();

    // Calm: every server up, no faults, and rounds until every device has sent everything and heard it all.
    for (auto& proxy : proxies) proxy->SetFaults({});
    for (int index = 0; index < servers.count(); ++index) {
        if (!servers.running(index)) servers.Start(index);
    }
    for (int round = 0; round < 30; ++round) {
        bool settled = true;
        for (SoakClient& client : clients) {
            client.SyncAndWatchCursor();
            const sync::SyncStatus status = client.device->engine().CurrentStatus();
            settled = settled && status.phase == sync::SyncPhase::kIdle && status.pending == 0;
        }
        if (settled) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    for (SoakClient& client : clients) client.SyncAndWatchCursor();  // everyone hears the last pushes

    TestDevice auditor("auditor", base / "auditor.sqlite");
    auditor.SignIn("http://127.0.0.1:" + std::to_string(servers.port(0)), "admin@soak.test", kPassword);
    auditor.Sync({}, 10'000);
    std::vector<TestDevice*> devices;
    std::set<std::string> created;
    int64_t operations = 0, syncs = 0, restarts = 0, non_monotonic = 0, failures = 0;
    for (SoakClient& client : clients) {
        devices.push_back(client.device.get());
        created.insert(client.created.begin(), client.created.end());
        operations += client.operations;
        syncs += client.syncs;
        restarts += client.restarts;
        non_monotonic += client.non_monotonic;
        if (!client.failure.empty()) {
            ++failures;
            std::cerr << client.name << " stopped: " << client.failure << "\n";
        }
    }
    const SoakVerdict verdict = CheckSoak(devices, auditor, created);
    ProxyCounters network;
    for (auto& proxy : proxies) {
        const ProxyCounters counted = proxy->counters();
        network.requests += counted.requests;
        network.dropped_requests += counted.dropped_requests;
        network.dropped_responses += counted.dropped_responses;
        network.duplicated += counted.duplicated;
        network.delayed += counted.delayed;
        network.upstream_failures += counted.upstream_failures;
    }
    const bool clean = verdict.divergent == 0 && verdict.lost == 0 && verdict.duplicated == 0 &&
                       verdict.unacknowledged == 0 && non_monotonic == 0 && failures == 0;
    std::printf(
        "{\"bench\": \"sync_soak\", \"store\": \"%s\", \"seconds\": %d, \"seed\": %llu, \"clients\": %d, \"servers\": %d, "
        "\"operations\": %lld, \"syncs\": %lld, \"server_kills\": %lld, \"database_restarts\": %lld, \"client_restarts\": %lld, \"requests\": %lld, "
        "\"dropped_requests\": %lld, \"dropped_responses\": %lld, \"duplicated_requests\": %lld, \"delayed\": %lld, "
        "\"server_down_replies\": %lld, \"deals\": %lld, \"lost\": %lld, \"divergent\": %lld, \"duplicated\": %lld, "
        "\"unacknowledged\": %lld, \"non_monotonic_reads\": %lld, \"client_failures\": %lld, \"clean\": %s}\n",
        options.database.empty() ? "sqlite" : "postgresql", options.seconds,
        static_cast<unsigned long long>(options.seed), options.clients, servers.count(), (long long)operations,
        (long long)syncs, (long long)kills.load(), (long long)database_restarts.load(), (long long)restarts, (long long)network.requests,
        (long long)network.dropped_requests, (long long)network.dropped_responses, (long long)network.duplicated,
        (long long)network.delayed, (long long)network.upstream_failures, (long long)verdict.deals_on_server,
        (long long)verdict.lost, (long long)verdict.divergent, (long long)verdict.duplicated,
        (long long)verdict.unacknowledged, (long long)non_monotonic, (long long)failures, clean ? "true" : "false");
    for (const std::string& problem : verdict.problems) std::cerr << "soak: " << problem << "\n";
    if (!clean) {
        std::cerr << "soak: kept " << base << " for a look\n";
        return 1;
    }
    std::error_code ignored;
    std::filesystem::remove_all(base, ignored);
    return 0;
}

}  // namespace
}  // namespace roadbook::testing

int main(int argc, char** argv) {
    roadbook::testing::SoakOptions options;
    for (int index = 1; index + 1 < argc; index += 2) {
        const std::string flag = argv[index];
        const std::string value = argv[index + 1];
        if (flag == "--seconds") options.seconds = std::stoi(value);
        else if (flag == "--seed") options.seed = std::stoull(value);
        else if (flag == "--clients") options.clients = std::stoi(value);
        else if (flag == "--servers") options.servers = std::stoi(value);
        else if (flag == "--database") options.database = value;
        else {
            std::cerr << "sync_soak: unknown option " << flag << "\n";
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    try {
        return roadbook::testing::RunSoak(options);
    } catch (const std::exception& error) {
        std::cerr << "sync_soak: " << error.what() << "\n";
        return 1;
    }
}
