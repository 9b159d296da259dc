// Seeded random histories: 3 to 5 devices of one team edit the same deals while their network drops,
// duplicates and delays requests and replies, and some stay offline for a while. At the end every
// replica must equal the server.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

using Snapshot = std::map<std::string, std::string>;  // deal id -> "name|amount|owner|close date"

Snapshot DeviceDeals(TestDevice& device) {
    Snapshot deals;
    auto statement = device.database().Prepare(
        "SELECT id, name || '|' || amount_minor || '|' || coalesce(owner_id, '') || '|' || expected_close_date "
        "FROM opportunities",
        "snapshot");
    REQUIRE(statement);
    while (statement.value().Step()) deals[statement.value().ColumnText(0)] = statement.value().ColumnText(1);
    return deals;
}

Snapshot ServerDeals(InProcessServer& server) {
    // One row per deal with its four fields, read from the server's own file.
    const std::string count = server.QueryText("SELECT count(*) FROM records WHERE entity = 'opportunity' AND deleted = 0");
    Snapshot deals;
    for (int64_t index = 0; index < std::stoll(count); ++index) {
        const std::string id = server.QueryText(
            "SELECT entity_id FROM records WHERE entity = 'opportunity' AND deleted = 0 ORDER BY entity_id LIMIT 1 OFFSET " +
            std::to_string(index));
        const auto field = [&](const std::string& name) {
            const std::string value = server.QueryText("SELECT value FROM fields WHERE entity = 'opportunity' AND entity_id = '" +
                                                       id + "' AND field = '" + name + "'");
            return value == "NULL" ? std::string() : value;
        };
        deals[id] = field("name") + "|" + field("amount_minor") + "|" + field("owner_id") + "|" + field("expected_close_date");
    }
    return deals;
}

void RunHistory(uint64_t seed) {
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    const auto pick = [&](int64_t below) { return int64_t(random() % uint64_t(below)); };
    Team team;
    const std::vector<std::string> people = {team.organisation.manager, team.organisation.rep_a, team.organisation.rep_b};
    std::vector<std::unique_ptr<TestDevice>> devices;
    const int device_count = 3 + int(pick(3));
    for (int index = 0; index < device_count; ++index) {
        devices.push_back(team.Device("device" + std::to_string(index), people[size_t(index) % people.size()],
                                      pick(2) ? pick(120'000) : -pick(120'000)));
    }
    std::vector<std::string> owners;
    for (auto& device : devices) owners.push_back(device->user_id());
    std::vector<std::string> deals;
    std::vector<int> offline_until(size_t(device_count), 0);

    for (int step = 0; step < 60; ++step) {
        TestDevice& device = *devices[size_t(pick(device_count))];
        const int operation = int(pick(10));
        if (deals.empty() || operation < 2) {
            deals.push_back(device.CreateDeal("Deal " + std::to_string(step), 1000 * (1 + pick(900))));
            continue;  // a deal created on a device exists only there until that device syncs
        }
        const std::string& deal = deals[size_t(pick(int64_t(deals.size())))];
        if (device.Number("SELECT count(*) FROM opportunities WHERE id = '" + deal + "'") == 0) continue;
        if (operation < 5) device.SetAmount(deal, 1000 * (1 + pick(900)));
        else if (operation < 7) device.SetName(deal, "Deal renamed at " + std::to_string(step));
        else if (operation < 8) device.SetOwner(deal, owners[size_t(pick(int64_t(owners.size())))]);

        const size_t syncing = size_t(pick(device_count));
        if (offline_until[syncing] > step) continue;
        if (pick(8) == 0) {
            offline_until[syncing] = step + 1 + int(pick(10));  // a partition: this device is away for a while
            continue;
        }
        const auto network = [&](const sync::OutgoingRequest&) {
            switch (pick(10)) {
            case 0: return Delivery::kDropRequest;
            case 1: return Delivery::kDropReply;
            case 2: return Delivery::kDuplicateRequest;
            case 3: return Delivery::kServiceUnavailable;
            default: return Delivery::kDeliver;
            }
        };
        (void)devices[syncing]->Sync(network);
    }
    // The network heals: two clean rounds each, so everyone sees everyone's last pushes.
    for (int round = 0; round < 2; ++round) {
        for (auto& device : devices) REQUIRE_SYNCED(device);
    }
    const Snapshot server = ServerDeals(team.server);
    for (auto& device : devices) {
        CHECK(DeviceDeals(*device) == server);
        CHECK(device->engine().CurrentStatus().pending == 0);
    }
    CHECK(int64_t(server.size()) == int64_t(deals.size()));
}

}  // namespace

TEST_CASE("seeded random histories with a faulty network converge on every replica") {
    for (uint64_t seed : {11u, 23u, 42u, 97u, 1234u}) RunHistory(seed);
}

}  // namespace roadbook::testing
