// Who may do what: sign-in, tokens that end, organisations that never see each other, teams that only
// write their own deals, and requests that are malformed, oversized or unsigned.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "sync/server/credentials.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

sync::ErrorBody ErrorOf(const sync::HttpReply& reply) {
    auto error = sync::DecodeErrorBody(reply.body);
    REQUIRE(error);
    return error.value();
}

sync::PushRequest OneChange(const std::string& client, const std::string& entity, const std::string& id,
                            const std::string& field, const std::string& value) {
    sync::PushRequest request{client, 0, {}};
    request.mutations.push_back({1, entity, id, field, value, std::nullopt,
                                 EncodeHybridTimestamp({server::UnixMillisecondsNow(), 0, "tester"}), 1});
    return request;
}

sync::PushResponse Pushed(const sync::HttpReply& reply) {
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    auto decoded = sync::DecodePushResponse(reply.body);
    REQUIRE(decoded);
    return decoded.value();
}

}  // namespace

TEST_CASE("sign-in refuses a wrong password and an unknown email alike, and limits attempts") {
    Team team;
    const std::string url = team.server.url();
    const sync::HttpReply wrong = Post(url, "/api/v1/auth/login", sync::EncodeLoginRequest({team.organisation.rep_a, "wrong password"}));
    const sync::HttpReply unknown = Post(url, "/api/v1/auth/login", sync::EncodeLoginRequest({"nobody@acme.test", "wrong password"}));
    CHECK(wrong.status == 401);
    CHECK(unknown.status == 401);
    CHECK(ErrorOf(wrong).message == ErrorOf(unknown).message);
    int refused = 0;
    for (int attempt = 0; attempt < 12; ++attempt) {
        const sync::HttpReply reply =
            Post(url, "/api/v1/auth/login", sync::EncodeLoginRequest({team.organisation.rep_b, "guess " + std::to_string(attempt)}));
        if (reply.status == 429) ++refused;
    }
    CHECK(refused >= 2);
    // Even the right password waits out the limit.
    CHECK(Post(url, "/api/v1/auth/login", sync::EncodeLoginRequest({team.organisation.rep_b, team.organisation.password})).status == 429);
}

TEST_CASE("signed-out, revoked and expired tokens get 401") {
    server::SyncSettings settings;
    settings.token_lifetime_ms = 400;
    Team team(settings);
    const std::string url = team.server.url();
    const std::string pull = sync::EncodePullRequest({"client-auth-0001", 0, 10});
    CHECK(Post(url, "/api/v1/sync/pull", pull).status == 401);
    CHECK(Post(url, "/api/v1/sync/pull", pull, "not-a-token").status == 401);

    const std::string token = SignInToken(url, team.organisation.rep_a, team.organisation.password);
    CHECK(Post(url, "/api/v1/sync/pull", pull, token).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const sync::HttpReply expired = Post(url, "/api/v1/sync/pull", pull, token);
    CHECK(expired.status == 401);
    CHECK(ErrorOf(expired).code == "unauthorised");

    server::SyncSettings lasting;
    Team second(lasting);
    const std::string revoked = SignInToken(second.server.url(), second.organisation.rep_a, second.organisation.password);
    CHECK(Post(second.server.url(), "/api/v1/sync/pull", pull, revoked).status == 200);
    REQUIRE(second.server.accounts().RevokeTokens(second.organisation.rep_a));
    CHECK(Post(second.server.url(), "/api/v1/sync/pull", pull, revoked).status == 401);

    const std::string signed_out = SignInToken(second.server.url(), second.organisation.rep_b, second.organisation.password);
    CHECK(Post(second.server.url(), "/api/v1/auth/logout", "{}", signed_out).status == 200);
    CHECK(Post(second.server.url(), "/api/v1/sync/pull", pull, signed_out).status == 401);
}

TEST_CASE("an organisation never reads or changes another's records, even knowing their ids") {
    Team team;
    TestOrganisation globex = CreateTestOrganisation(team.server.accounts(), "globex");
    auto acme_rep = team.Device("acme", team.organisation.rep_a);
    const std::string deal = acme_rep->CreateDeal("Acme secret deal", 999'900);
    REQUIRE_SYNCED(acme_rep);

    const std::string url = team.server.url();
    const std::string intruder = SignInToken(url, globex.admin, globex.password);
    // The same answer as for an id nobody uses: nothing tells the intruder the id exists elsewhere.
    const sync::PushResponse known = Pushed(Post(url, "/api/v1/sync/push",
                                                 sync::EncodePushRequest(OneChange("client-intruder-01", "opportunity", deal, "name", "Pwned")),
                                                 intruder));
    const sync::PushResponse unknown = Pushed(Post(
        url, "/api/v1/sync/push",
        sync::EncodePushRequest(OneChange("client-intruder-02", "opportunity", "0190aaaa-0000-7000-8000-000000000000", "name", "Pwned")),
        intruder));
    CHECK(known.results.at(0).outcome == unknown.results.at(0).outcome);
    CHECK(known.results.at(0).code == unknown.results.at(0).code);

    REQUIRE_SYNCED(acme_rep);
    CHECK(acme_rep->Text("SELECT name FROM opportunities WHERE id = '" + deal + "'") == "Acme secret deal");
    const sync::HttpReply pulled = Post(url, "/api/v1/sync/pull", sync::EncodePullRequest({"client-intruder-03", 0, 20000}), intruder);
    REQUIRE(pulled.status == 200);
    CHECK(pulled.body.find("Acme secret deal") == std::string::npos);
    CHECK(pulled.body.find("999900") == std::string::npos);
    CHECK(pulled.body.find(team.organisation.rep_a) == std::string::npos);
}

TEST_CASE("a rep cannot change another team's deal or the pipeline, and a manager's team scope holds") {
    Team team;
    auto manager = team.Device("manager", team.organisation.manager);
    const std::string deal = manager->CreateDeal("East only", 10'000);
    REQUIRE_SYNCED(manager);
    const std::string url = team.server.url();
    const std::string west = SignInToken(url, team.organisation.rep_west, team.organisation.password);

    const sync::PushResponse foreign = Pushed(Post(
        url, "/api/v1/sync/push", sync::EncodePushRequest(OneChange("client-west-0001", "opportunity", deal, "amount_minor", "1")), west));
    CHECK(foreign.results.at(0).outcome == sync::MutationOutcome::kRejected);
    CHECK(foreign.results.at(0).code == "forbidden");

    const sync::PushResponse stage = Pushed(Post(
        url, "/api/v1/sync/push",
        sync::EncodePushRequest(OneChange("client-west-0002", "stage", "00000000-0000-7000-8000-000000000101", "default_probability", "99")),
        west));
    CHECK(stage.results.at(0).code == "forbidden");
    const sync::PushResponse user = Pushed(Post(
        url, "/api/v1/sync/push", sync::EncodePushRequest(OneChange("client-west-0003", "user", manager->user_id(), "role", "admin")), west));
    CHECK(user.results.at(0).code == "forbidden");

    REQUIRE_SYNCED(manager);
    CHECK(manager->Number("SELECT amount_minor FROM opportunities WHERE id = '" + deal + "'") == 10'000);
    CHECK(manager->Number("SELECT default_probability FROM stages WHERE id = '00000000-0000-7000-8000-000000000101'") == 10);
    const sync::HttpReply west_pull = Post(url, "/api/v1/sync/pull", sync::EncodePullRequest({"client-west-0004", 0, 20000}), west);
    CHECK(west_pull.body.find("East only") == std::string::npos);
}

TEST_CASE("malformed, mistyped, unknown and oversized requests get 400 or 413 and change nothing") {
    Team team;
    auto rep = team.Device("rep", team.organisation.rep_a);
    const std::string deal = rep->CreateDeal("Unchanged", 10'000);
    REQUIRE_SYNCED(rep);
    const std::string url = team.server.url();
    const std::string token = SignInToken(url, team.organisation.rep_a, team.organisation.password);

    const sync::HttpReply not_json = Post(url, "/api/v1/sync/push", "{\"schemaVersion\": 1, ", token);
    CHECK(not_json.status == 400);
    CHECK(ErrorOf(not_json).message.find("JSON") != std::string::npos);

    const sync::HttpReply wrong_type = Post(url, "/api/v1/sync/push",
                                            R"({"schemaVersion":1,"clientId":42,"previousMutationId":0,"mutations":[]})", token);
    CHECK(wrong_type.status == 400);
    CHECK(ErrorOf(wrong_type).message.find("clientId") != std::string::npos);

    const sync::HttpReply unknown_field = Post(
        url, "/api/v1/sync/pull", R"({"schemaVersion":1,"clientId":"client-bad-00001","cursor":0,"sneaky":true})", token);
    CHECK(unknown_field.status == 400);
    CHECK(ErrorOf(unknown_field).message.find("sneaky") != std::string::npos);

    const sync::HttpReply old_version = Post(url, "/api/v1/sync/pull", R"({"schemaVersion":7,"clientId":"client-bad-00001","cursor":0})", token);
    CHECK(old_version.status == 400);
    CHECK(ErrorOf(old_version).message.find("schemaVersion") != std::string::npos);

    // One bad mutation makes the whole batch a 400: the good one before it is not applied either.
    sync::PushRequest mixed = OneChange("client-bad-00002", "opportunity", deal, "name", "Changed");
    std::string body = sync::EncodePushRequest(mixed);
    const std::string bad = R"(,{"id":2,"entity":"opportunity","entityId":")" + deal +
                            R"(","field":"name","value":7,"base":null,"clock":"x","generation":1}])";
    body.replace(body.rfind("]"), 1, bad);
    const sync::HttpReply partial = Post(url, "/api/v1/sync/push", body, token);
    CHECK(partial.status == 400);
    CHECK(ErrorOf(partial).message.find("mutations[1].value") != std::string::npos);

    sync::PushRequest huge{"client-bad-00003", 0, {}};
    for (int64_t id = 1; id <= int64_t(sync::kMaxMutationsPerPush) + 1; ++id) {
        huge.mutations.push_back({id, "opportunity", deal, "name", "Flood", std::nullopt, "000000000000001:00000:x", 1});
    }
    CHECK(Post(url, "/api/v1/sync/push", sync::EncodePushRequest(huge), token).status == 413);
    const sync::HttpReply too_big = Post(url, "/api/v1/sync/push", std::string(sync::kMaxBodyBytes + 10, ' '), token);
    CHECK(too_big.status == 413);

    REQUIRE_SYNCED(rep);
    CHECK(rep->Text("SELECT name FROM opportunities WHERE id = '" + deal + "'") == "Unchanged");
    CHECK(team.server.QueryText("SELECT count(*) FROM clients WHERE client_id LIKE 'client-bad-%'") == "0");
}

TEST_CASE("a pull stores nothing for a client id it does not know, and refused changes are pruned after a while") {
    Team team;
    const std::string url = team.server.url();
    const std::string token = SignInToken(url, team.organisation.rep_a, team.organisation.password);
    for (int index = 0; index < 5; ++index) {
        const std::string client = "client-peek-000" + std::to_string(index);
        REQUIRE(Post(url, "/api/v1/sync/pull", sync::EncodePullRequest({client, 0, 100}), token).status == 200);
    }
    CHECK(team.server.QueryText("SELECT count(*) FROM clients WHERE client_id LIKE 'client-peek-%'") == "0");
    const sync::PushResponse pushed = Pushed(Post(url, "/api/v1/sync/push",
                                                  sync::EncodePushRequest(OneChange("client-junk-0001", "stage",
                                                                                    server::NewRecordId(), "name", "X")),
                                                  token));
    REQUIRE(pushed.results.at(0).outcome == sync::MutationOutcome::kRejected);
    CHECK(team.server.QueryText("SELECT count(*) FROM rejections") == "1");
    auto pruned = team.server.service().store().PruneRejections(server::UnixMillisecondsNow() + 1);
    REQUIRE(pruned);
    CHECK(pruned.value() == 1);
    CHECK(team.server.QueryText("SELECT count(*) FROM rejections") == "0");
}

}  // namespace roadbook::testing
