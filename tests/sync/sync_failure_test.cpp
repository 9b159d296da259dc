// What the network and devices do wrong: lost replies, gaps, rejected changes, a busy server, a device
// restored from an old copy, a commit lost before it reached the disk, and clocks a day off.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/hybrid_logical_clock.h"
#include "sync/server/credentials.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

std::string Select(const std::string& column, const std::string& id) {
    return "SELECT " + column + " FROM opportunities WHERE id = '" + id + "'";
}

std::string ServerField(Team& team, const std::string& id, const std::string& field) {
    return team.server.QueryText("SELECT value FROM fields WHERE entity_id = '" + id + "' AND field = '" + field + "'");
}

int64_t HighestLocal(TestDevice& device) {
    return device.Number("SELECT coalesce(max(sequence), 0) FROM change_log WHERE origin = 'local'");
}

}  // namespace

TEST_CASE("a push whose reply was lost is sent again and skipped as a duplicate") {
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    const std::string deal = phone->CreateDeal("Fabrikam", 100'000);
    phone->SetAmount(deal, 120'000);
    int pushes = 0;
    const auto lose_first_push_reply = [&](const sync::OutgoingRequest& request) {
        if (request.path == "/api/v1/sync/push" && pushes++ == 0) return Delivery::kDropReply;
        return Delivery::kDeliver;
    };
    CHECK(phone->Sync(lose_first_push_reply) == sync::SyncPhase::kWaitingToRetry);
    CHECK(ServerField(team, deal, "amount_minor") == "120000");  // the server did apply it
    REQUIRE_SYNCED(phone);
    CHECK(pushes == 1);
    CHECK(phone->engine().CurrentStatus().pending == 0);
    CHECK(team.server.QueryText("SELECT count(*) FROM conflicts") == "0");
    CHECK(team.server.QueryText("SELECT count(*) FROM rejections") == "0");
    CHECK(team.server.QueryText("SELECT last_mutation_id FROM clients WHERE client_id = '" +
                                phone->engine().identity().client_id + "'") == std::to_string(HighestLocal(*phone)));
}

TEST_CASE("a gap is refused with 409 and the device replays from the server's position") {
    Team team;
    const std::filesystem::path file = team.directory / "phone.sqlite";
    std::string deal;
    {
        auto phone = team.Device("phone", team.organisation.rep_a);
        deal = phone->CreateDeal("Tailspin Toys", 300'000);
        REQUIRE_SYNCED(phone);
        phone->SetAmount(deal, 310'000);
        phone->SetName(deal, "Tailspin Toys GmbH");
        const auto drop_pushes = [](const sync::OutgoingRequest& request) {
            return request.path == "/api/v1/sync/push" ? Delivery::kDropRequest : Delivery::kDeliver;
        };
        CHECK(phone->Sync(drop_pushes) == sync::SyncPhase::kWaitingToRetry);
        // The device wrongly believes both edits arrived (as after a server restored from a backup).
        REQUIRE(phone->database().Execute("UPDATE sync_state SET acknowledged_sequence = (SELECT max(sequence) FROM "
                                          "change_log WHERE origin = 'local')", "test").ok());
    }
    TestDevice phone("phone", file);
    phone.SetAmount(deal, 330'000);
    REQUIRE_SYNCED((&phone));
    CHECK(ServerField(team, deal, "name") == "Tailspin Toys GmbH");
    CHECK(ServerField(team, deal, "amount_minor") == "330000");
    CHECK(phone.engine().CurrentStatus().pending == 0);
}

TEST_CASE("a rejected change in the middle of a batch is recorded and the rest goes through") {
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    const std::string deal = phone->CreateDeal("Wingtip", 50'000);
    REQUIRE_SYNCED(phone);
    phone->SetName(deal, "Wingtip Partners");
    // A change no rule allows, as a buggy or tampered device might write it.
    WriteContext context = phone->Context();
    const std::string clock = context.next_clock();
    REQUIRE(phone->database().Execute(
        "INSERT INTO change_log (entity, entity_id, field, old_value, new_value, actor, at_ms, clock) VALUES ("
        "'opportunity', '" + deal + "', 'amount_minor', '50000', '-5', 'x', 0, '" + clock + "')", "test").ok());
    phone->SetAmount(deal, 75'000);
    REQUIRE_SYNCED(phone);
    CHECK(ServerField(team, deal, "name") == "Wingtip Partners");
    CHECK(ServerField(team, deal, "amount_minor") == "75000");
    CHECK(phone->Text("SELECT code FROM sync_rejections") == "range");
    CHECK(phone->Text("SELECT message FROM sync_rejections").find("opportunity.amount_minor") != std::string::npos);
    CHECK(team.server.QueryText("SELECT count(*) FROM rejections") == "1");
    CHECK(phone->engine().CurrentStatus().pending == 0);
}

TEST_CASE("a busy server (503) is retried after a backoff") {
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    const std::string deal = phone->CreateDeal("Proseware", 10'000);
    const auto busy = [](const sync::OutgoingRequest&) { return Delivery::kServiceUnavailable; };
    CHECK(phone->Sync(busy) == sync::SyncPhase::kWaitingToRetry);
    const sync::SyncStatus waiting = phone->engine().CurrentStatus();
    CHECK(waiting.retry_at_ms >= phone->now_ms() + 400);
    CHECK(waiting.retry_at_ms <= phone->now_ms() + 1600);
    CHECK_FALSE(phone->engine().Due(phone->now_ms()));
    CHECK(phone->engine().Due(waiting.retry_at_ms));
    CHECK(waiting.pending > 0);
    REQUIRE_SYNCED(phone);
    CHECK(ServerField(team, deal, "name") == "Proseware");
}

TEST_CASE("the server's storage failing while it checks who is asking is a retry, not a sign-out") {
    // Found by the PostgreSQL soak: a database restart between reading the token and reading its user
    // answered 401, and the device stayed signed out with thousands of changes waiting.
    Team team;
    auto phone = team.Device("phone", team.organisation.rep_a);
    const std::string deal = phone->CreateDeal("Litware", 40'000);
    team.server.QueryText("ALTER TABLE user_teams RENAME TO user_teams_away");
    CHECK(phone->Sync() == sync::SyncPhase::kWaitingToRetry);
    CHECK(phone->engine().signed_in());
    CHECK(phone->engine().CurrentStatus().pending > 0);
    team.server.QueryText("ALTER TABLE user_teams_away RENAME TO user_teams");
    REQUIRE_SYNCED(phone);
    CHECK(phone->engine().CurrentStatus().pending == 0);
    CHECK(ServerField(team, deal, "name") == "Litware");
}

TEST_CASE("an ended sign-in signs the device out, keeps its work, and says why after a restart") {
    Team team;
    const std::filesystem::path file = team.directory / "phone.sqlite";
    std::string deal;
    {
        auto phone = team.Device("phone", team.organisation.rep_a);
        deal = phone->CreateDeal("Northwind", 25'000);
        team.server.QueryText("UPDATE tokens SET revoked = 1");
        CHECK(phone->Sync() == sync::SyncPhase::kSignedOut);
        CHECK_THAT(phone->engine().CurrentStatus().error, Catch::Contains("Your sign-in has ended"));
    }
    TestDevice reopened("phone", file);
    CHECK(reopened.engine().CurrentPhase() == sync::SyncPhase::kSignedOut);
    CHECK_THAT(reopened.engine().CurrentStatus().error, Catch::Contains("sign in again"));
    CHECK(reopened.engine().CurrentStatus().pending > 0);
    reopened.SignIn(team.server.url(), team.organisation.rep_a, team.organisation.password);
    REQUIRE_SYNCED((&reopened));
    CHECK(reopened.engine().CurrentStatus().pending == 0);
    CHECK(ServerField(team, deal, "name") == "Northwind");
}

TEST_CASE("a device restored from an old copy continues as a new client and loses nothing") {
    Team team;
    const std::filesystem::path file = team.directory / "phone.sqlite";
    const std::filesystem::path copy = team.directory / "phone-copy.sqlite";
    std::string deal;
    std::string first_client;
    {
        auto phone = team.Device("phone", team.organisation.rep_a);
        deal = phone->CreateDeal("Litware", 80'000);
        REQUIRE_SYNCED(phone);
        first_client = phone->engine().identity().client_id;
        std::filesystem::copy_file(file, copy);
        phone->SetAmount(deal, 111'000);
        REQUIRE_SYNCED(phone);
    }
    std::filesystem::copy_file(copy, file, std::filesystem::copy_options::overwrite_existing);
    TestDevice phone("phone", file);
    phone.SetName(deal, "Litware after restore");  // reuses the sequence of the lost amount change
    REQUIRE_SYNCED((&phone));
    CHECK(phone.engine().identity().client_id != first_client);
    CHECK(ServerField(team, deal, "name") == "Litware after restore");
    CHECK(ServerField(team, deal, "amount_minor") == "111000");
    CHECK(phone.Number(Select("amount_minor", deal)) == 111'000);  // the device gets its lost edit back
}

TEST_CASE("a commit that never reached the disk is never pushed, and its id is not reused on the server") {
    Team team;
    const std::filesystem::path file = team.directory / "phone.sqlite";
    const std::filesystem::path on_disk = team.directory / "phone-on-disk.sqlite";
    std::string deal;
    {
        auto phone = team.Device("phone", team.organisation.rep_a);
        deal = phone->CreateDeal("Adatum", 90'000);
        REQUIRE_SYNCED(phone);
        std::filesystem::copy_file(file, on_disk);  // what survives the crash
        phone->persisted_up_to = HighestLocal(*phone);
        phone->SetAmount(deal, 99'000);  // committed in memory only
        REQUIRE_SYNCED(phone);
        CHECK(ServerField(team, deal, "amount_minor") == "90000");
        CHECK(phone->engine().CurrentStatus().pending == 1);
    }
    std::filesystem::copy_file(on_disk, file, std::filesystem::copy_options::overwrite_existing);
    TestDevice phone("phone", file);
    phone.SetName(deal, "Adatum Corp");
    REQUIRE_SYNCED((&phone));
    CHECK(ServerField(team, deal, "name") == "Adatum Corp");
    CHECK(ServerField(team, deal, "amount_minor") == "90000");
    CHECK(team.server.QueryText("SELECT count(*) FROM rejections") == "0");
}

TEST_CASE("clocks a day ahead and a day behind: clamped, one winner, and clocks never go back") {
    constexpr int64_t kDay = 24LL * 3600 * 1000;
    Team team;
    const std::filesystem::path laptop_file = team.directory / "laptop.sqlite";
    auto phone = team.Device("phone", team.organisation.rep_a, kDay);
    std::string deal;
    {
        auto laptop = team.Device("laptop", team.organisation.manager, -kDay);
        deal = laptop->CreateDeal("Coho Winery", 200'000);
        REQUIRE_SYNCED(laptop);
        REQUIRE_SYNCED(phone);
        phone->SetAmount(deal, 300'000);
        REQUIRE_SYNCED(phone);
        auto stored = ParseHybridTimestamp(
            team.server.QueryText("SELECT clock FROM fields WHERE entity_id = '" + deal + "' AND field = 'amount_minor'"));
        REQUIRE(stored);
        CHECK(stored.value().wall_ms <= server::UnixMillisecondsNow() + 60'000);  // pulled back from a day ahead

        REQUIRE_SYNCED(laptop);  // the laptop sees the phone's stamp and moves its clock past it
        laptop->SetAmount(deal, 400'000);
        REQUIRE_SYNCED(laptop);
        REQUIRE_SYNCED(phone);
        CHECK(phone->Number(Select("amount_minor", deal)) == 400'000);
        CHECK(laptop->Number(Select("amount_minor", deal)) == 400'000);
    }
    TestDevice laptop("laptop", laptop_file, -kDay);
    const std::string before = laptop.Text("SELECT max(clock) FROM change_log WHERE origin = 'local'");
    laptop.SetName(deal, "Coho Winery Estates");
    const std::string after = laptop.Text("SELECT clock FROM change_log WHERE origin = 'local' ORDER BY sequence DESC LIMIT 1");
    CHECK(after > before);
}

TEST_CASE("a delete against a concurrent update, a restore, and an update at a stale generation") {
    Team team;
    auto laptop = team.Device("laptop", team.organisation.manager);
    auto rep = team.Device("rep", team.organisation.rep_a);
    const std::string deal = laptop->CreateDeal("Alpine Ski House", 400'000);
    REQUIRE_SYNCED(laptop);
    REQUIRE_SYNCED(rep);
    const std::string admin = SignInToken(team.server.url(), team.organisation.admin, team.organisation.password);
    const auto push = [&](const std::string& client, int64_t id, const std::string& field, const std::string& value,
                          int64_t generation) {
        sync::PushRequest request{client, id - 1, {}};
        request.mutations.push_back({id, "opportunity", deal, field, value, std::nullopt,
                                     EncodeHybridTimestamp({server::UnixMillisecondsNow(), 0, "admin"}), generation});
        const sync::HttpReply reply = Post(team.server.url(), "/api/v1/sync/push", sync::EncodePushRequest(request), admin);
        REQUIRE(reply.status == 200);
        auto decoded = sync::DecodePushResponse(reply.body);
        REQUIRE(decoded);
        return decoded.value().results.at(0);
    };

    CHECK(push("client-admin-console", 1, "_deleted", "1", 1).outcome == sync::MutationOutcome::kApplied);
    rep->SetAmount(deal, 450'000);  // made before the rep heard of the delete
    REQUIRE_SYNCED(rep);
    CHECK(rep->Number("SELECT count(*) FROM opportunities WHERE id = '" + deal + "'") == 0);
    CHECK(ServerField(team, deal, "amount_minor") == "450000");  // kept under the tombstone

    CHECK(push("client-admin-console", 2, "_deleted", "0", 1).outcome == sync::MutationOutcome::kApplied);
    REQUIRE_SYNCED(rep);
    REQUIRE_SYNCED(laptop);
    for (TestDevice* device : {rep.get(), laptop.get()}) {
        CHECK(device->Number(Select("amount_minor", deal)) == 450'000);
        CHECK(device->Text(Select("name", deal)) == "Alpine Ski House");
        CHECK(device->Number("SELECT generation FROM sync_generations WHERE entity_id = '" + deal + "'") == 2);
    }
    const sync::MutationResult stale = push("client-admin-console", 3, "amount_minor", "1", 1);
    CHECK(stale.outcome == sync::MutationOutcome::kRejected);
    CHECK(stale.code == "stale-generation");
    CHECK(ServerField(team, deal, "amount_minor") == "450000");
}

}  // namespace roadbook::testing

namespace roadbook::testing {

TEST_CASE("a device older than the tombstone retention pulls everything again and drops what was deleted") {
    server::SyncSettings settings;
    settings.tombstone_retention_ms = 0;
    Team team(settings);
    auto laptop = team.Device("laptop", team.organisation.manager);
    auto rep = team.Device("rep", team.organisation.rep_a);
    const std::string kept = laptop->CreateDeal("Kept", 1000);
    const std::string deleted = laptop->CreateDeal("Deleted while away", 2000);
    REQUIRE_SYNCED(laptop);
    REQUIRE_SYNCED(rep);
    const std::string mine = rep->CreateDeal("Not yet sent", 3000);  // must survive the reset

    const std::string admin = SignInToken(team.server.url(), team.organisation.admin, team.organisation.password);
    sync::PushRequest request{"client-admin-console", 0, {}};
    request.mutations.push_back({1, "opportunity", deleted, "_deleted", "1", std::nullopt,
                                 EncodeHybridTimestamp({server::UnixMillisecondsNow(), 0, "admin"}), 1});
    REQUIRE(Post(team.server.url(), "/api/v1/sync/push", sync::EncodePushRequest(request), admin).status == 200);
    laptop->SetName(kept, "Kept and renamed");
    REQUIRE_SYNCED(laptop);
    auto collected = team.server.service().CollectTombstones(server::UnixMillisecondsNow() + 1);
    REQUIRE(collected);
    CHECK(collected.value() == 1);

    const sync::HttpReply stale = Post(team.server.url(), "/api/v1/sync/pull",
                                       sync::EncodePullRequest({rep->engine().identity().client_id, 1, 100}),
                                       SignInToken(team.server.url(), team.organisation.rep_a, team.organisation.password));
    CHECK(stale.status == 410);
    REQUIRE_SYNCED(rep);
    CHECK(rep->Number("SELECT count(*) FROM opportunities WHERE id = '" + deleted + "'") == 0);
    CHECK(rep->Text("SELECT name FROM opportunities WHERE id = '" + kept + "'") == "Kept and renamed");
    CHECK(rep->Text("SELECT name FROM opportunities WHERE id = '" + mine + "'") == "Not yet sent");
    CHECK(team.server.QueryText("SELECT value FROM fields WHERE entity_id = '" + mine + "' AND field = 'name'") == "Not yet sent");
    CHECK(rep->Number("SELECT count(*) FROM sync_generations WHERE seen = 0") == 0);
}

}  // namespace roadbook::testing
