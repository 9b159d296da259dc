// Several roadbook servers sharing one PostgreSQL database (the tests' own cluster): devices spread over
// them converge while pulls run beside pushes, one client's batches sent to two servers at once are applied
// once, an event on one server reaches a stream on another, and a database restart is a 503 outage that
// ends without restarting any server.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/hybrid_logical_clock.h"
#include "postgres_cluster.h"
#include "sync/server/credentials.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

// Servers on one fresh database, the first of which made the organisation.
struct SharedDatabase {
    explicit SharedDatabase(int server_count) : url(PostgresCluster::Shared().CreateDatabase()) {
        for (int index = 0; index < server_count; ++index) {
            servers.push_back(std::make_unique<InProcessServer>(server::SyncSettings{}, url));
        }
        organisation = CreateTestOrganisation(servers.front()->accounts(), "acme");
    }
    ~SharedDatabase() {
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    }
    std::unique_ptr<TestDevice> Device(const std::string& name, const std::string& email, InProcessServer& server) {
        auto device = std::make_unique<TestDevice>(name, directory / (name + ".sqlite"));
        device->SignIn(server.url(), email, organisation.password);
        if (device->Sync() != sync::SyncPhase::kIdle) {
            throw std::runtime_error("first sync failed: " + device->engine().CurrentStatus().error);
        }
        return device;
    }

    std::string url;
    std::vector<std::unique_ptr<InProcessServer>> servers;
    TestOrganisation organisation;
    std::filesystem::path directory = MakeTemporaryDirectory("roadbook-several");
};

std::string Deals(TestDevice& device) {
    return device.Text("SELECT group_concat(id || '=' || name || '/' || amount_minor, ',') FROM "
                       "(SELECT * FROM opportunities ORDER BY id)");
}

// An event stream (GET /api/v1/sync/events) read on its own thread, keeping everything it received.
class EventStream {
public:
    EventStream(int port, const std::string& token) : client_("127.0.0.1", port) {
        client_.set_read_timeout(std::chrono::seconds(30));
        thread_ = std::thread([this, token] {
            (void)client_.Get("/api/v1/sync/events", httplib::Headers{{"Authorization", "Bearer " + token}},
                              [this](const char* data, size_t length) {
                                  std::lock_guard lock(mutex_);
                                  received_.append(data, length);
                                  arrived_.notify_all();
                                  return !stop_;
                              });
        });
    }
    ~EventStream() {
        stop_ = true;
        client_.stop();
        thread_.join();
    }
    // Waits until the stream holds `text` after position `from`; returns where it starts (or npos).
    size_t WaitFor(const std::string& text, size_t from = 0, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        size_t found = std::string::npos;
        arrived_.wait_for(lock, timeout, [&] { return (found = received_.find(text, from)) != std::string::npos; });
        return found;
    }
    std::string received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

private:
    httplib::Client client_;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::string received_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace

TEST_CASE("devices spread over three servers on one database converge, pulling while others push",
          "[several-servers]") {
    SharedDatabase shared(3);
    auto manager = shared.Device("manager", shared.organisation.manager, *shared.servers[0]);
    auto rep_a = shared.Device("rep-a", shared.organisation.rep_a, *shared.servers[1]);
    auto rep_b = shared.Device("rep-b", shared.organisation.rep_b, *shared.servers[2]);
    for (TestDevice* device : {manager.get(), rep_a.get(), rep_b.get()}) REQUIRE_SYNCED(device);

    // Two reps push through different servers while the manager pulls again and again through a third. A
    // version handed out before an earlier one commits would move the manager's cursor past a change it
    // never saw, and the final sync would not bring it back.
    std::atomic<bool> writing{true};
    std::atomic<int> failures{0};
    const auto write = [&](TestDevice& device, const std::string& prefix) {
        for (int round = 0; round < 12; ++round) {
            for (int index = 0; index < 5; ++index) device.CreateDeal(prefix + std::to_string(round * 5 + index), 1000 + index);
            if (device.Sync() != sync::SyncPhase::kIdle) ++failures;
        }
    };
    std::thread writer_a([&] { write(*rep_a, "East A "); });
    std::thread writer_b([&] { write(*rep_b, "East B "); });
    std::thread reader([&] {
        while (writing) {
            if (manager->Sync() != sync::SyncPhase::kIdle) ++failures;
        }
    });
    writer_a.join();
    writer_b.join();
    writing = false;
    reader.join();
    CHECK(failures == 0);

    for (TestDevice* device : {rep_a.get(), rep_b.get(), manager.get(), rep_a.get()}) REQUIRE_SYNCED(device);
    CHECK(manager->Number("SELECT count(*) FROM opportunities WHERE name LIKE 'East %'") == 120);
    CHECK(Deals(*manager) == Deals(*rep_a));
    CHECK(Deals(*manager) == Deals(*rep_b));
    CHECK(shared.servers[2]->QueryText("SELECT count(*) FROM records WHERE entity = 'opportunity'") == "120");
}

TEST_CASE("one client's batches pushed to two servers at once are applied once each, in order", "[several-servers]") {
    SharedDatabase shared(2);
    auto rep = shared.Device("rep", shared.organisation.rep_a, *shared.servers[0]);
    const std::string deal = rep->CreateDeal("Twin pushes", 10'000);
    REQUIRE_SYNCED(rep);
    const std::string token = SignInToken(shared.servers[0]->url(), shared.organisation.rep_a, shared.organisation.password);

    const int64_t version_before = std::stoll(shared.servers[0]->QueryText("SELECT version FROM organisations"));
    constexpr int kBatches = 20;
    constexpr int kBatchSize = 10;
    int applied = 0;
    int duplicates = 0;
    for (int batch = 0; batch < kBatches; ++batch) {
        sync::PushRequest request{"client-twin-000000000001", int64_t(batch * kBatchSize), {}};
        for (int64_t id = batch * kBatchSize + 1; id <= (batch + 1) * kBatchSize; ++id) {
            request.mutations.push_back({id, "opportunity", deal, "name", "Name " + std::to_string(id), std::nullopt,
                                         EncodeHybridTimestamp({server::UnixMillisecondsNow() + id, 0, "twin"}), 1});
        }
        const std::string body = sync::EncodePushRequest(request);
        sync::HttpReply replies[2];
        std::thread pushers[2];
        for (int index = 0; index < 2; ++index) {
            pushers[index] = std::thread([&, index] {
                replies[index] = Post(shared.servers[size_t(index)]->url(), "/api/v1/sync/push", body, token);
            });
        }
        for (std::thread& pusher : pushers) pusher.join();
        for (const sync::HttpReply& reply : replies) {
            INFO(reply.body);
            REQUIRE(reply.status == 200);
        }
        auto first = sync::DecodePushResponse(replies[0].body);
        auto second = sync::DecodePushResponse(replies[1].body);
        REQUIRE(first);
        REQUIRE(second);
        REQUIRE(first.value().results.size() == size_t(kBatchSize));
        REQUIRE(second.value().results.size() == size_t(kBatchSize));
        for (size_t index = 0; index < size_t(kBatchSize); ++index) {
            const auto one = first.value().results[index].outcome;
            const auto other = second.value().results[index].outcome;
            // Exactly one server applied each mutation; the other saw it as a duplicate.
            CHECK(((one == sync::MutationOutcome::kApplied && other == sync::MutationOutcome::kDuplicate) ||
                   (one == sync::MutationOutcome::kDuplicate && other == sync::MutationOutcome::kApplied)));
            applied += int(one == sync::MutationOutcome::kApplied) + int(other == sync::MutationOutcome::kApplied);
            duplicates += int(one == sync::MutationOutcome::kDuplicate) + int(other == sync::MutationOutcome::kDuplicate);
        }
    }
    CHECK(applied == kBatches * kBatchSize);
    CHECK(duplicates == kBatches * kBatchSize);
    const std::string last = std::to_string(kBatches * kBatchSize);
    CHECK(shared.servers[1]->QueryText("SELECT last_mutation_id FROM clients WHERE client_id = 'client-twin-000000000001'") ==
          last);
    CHECK(shared.servers[1]->QueryText("SELECT value FROM fields WHERE entity_id = '" + deal + "' AND field = 'name'") ==
          "Name " + last);
    // One version per batch: the server that came second applied nothing and took no version.
    CHECK(std::stoll(shared.servers[0]->QueryText("SELECT version FROM organisations")) == version_before + kBatches);
}

TEST_CASE("a change pushed through one server reaches an event stream on another", "[several-servers]") {
    SharedDatabase shared(2);
    auto rep = shared.Device("rep", shared.organisation.rep_a, *shared.servers[0]);
    REQUIRE_SYNCED(rep);
    const std::string token = SignInToken(shared.servers[1]->url(), shared.organisation.manager, shared.organisation.password);
    EventStream stream(shared.servers[1]->port(), token);
    REQUIRE(stream.WaitFor("event: ready") != std::string::npos);
    const int64_t before = std::stoll(shared.servers[0]->QueryText("SELECT version FROM organisations"));
    const size_t from = stream.received().size();

    rep->CreateDeal("Heard elsewhere", 5'000);
    REQUIRE_SYNCED(rep);
    const int64_t after = std::stoll(shared.servers[0]->QueryText("SELECT version FROM organisations"));
    REQUIRE(after > before);
    INFO(stream.received());
    CHECK(stream.WaitFor("\"version\":" + std::to_string(after), from) != std::string::npos);
}

TEST_CASE("a database restart fails requests with 503 until it is back, then sync resumes without a server restart",
          "[several-servers]") {
    SharedDatabase shared(2);
    auto rep = shared.Device("rep", shared.organisation.rep_a, *shared.servers[0]);
    REQUIRE_SYNCED(rep);
    const std::string token = SignInToken(shared.servers[1]->url(), shared.organisation.manager, shared.organisation.password);
    EventStream stream(shared.servers[1]->port(), token);
    REQUIRE(stream.WaitFor("event: ready") != std::string::npos);

    PostgresCluster::Shared().Stop();
    const std::string deal = rep->CreateDeal("Written during the outage", 7'000);
    CHECK(rep->Sync() == sync::SyncPhase::kWaitingToRetry);
    const sync::HttpReply down = Post(shared.servers[0]->url(), "/api/v1/sync/pull",
                                      sync::EncodePullRequest({"client-outage-0001", 0, 100}), token);
    CHECK(down.status == 503);

    PostgresCluster::Shared().Start();
    const size_t from = stream.received().size();
    REQUIRE_SYNCED(rep);
    CHECK(shared.servers[1]->QueryText("SELECT value FROM fields WHERE entity_id = '" + deal + "' AND field = 'name'") ==
          "Written during the outage");
    // The other server's listener reconnected and its stream heard of the change made after the restart.
    const std::string version = shared.servers[0]->QueryText("SELECT version FROM organisations");
    CHECK(stream.WaitFor("\"version\":" + version, from) != std::string::npos);
    const sync::HttpReply up = Post(shared.servers[1]->url(), "/api/v1/sync/pull",
                                    sync::EncodePullRequest({"client-outage-0002", 0, 100}), token);
    CHECK(up.status == 200);
}

}  // namespace roadbook::testing
