// The authorisation matrix, table-driven against a real server on 127.0.0.1: role (rep, manager, admin) x
// action (pull, push create/update/delete) x entity (deals, accounts, activities, pipeline config, lost
// reasons, users, teams) x scope (own team, other team, organisation-wide) x organisation (own, other). Each
// cell states the exact outcome; another organisation's record must get the same answer as an id nobody
// uses, and a refused change must leave the record as it was.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sync/record_catalogue.h"
#include "sync/server/credentials.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

struct Account {
    std::string token;
    std::string user_id;
};

Account SignIn(const std::string& url, const std::string& email, const std::string& password) {
    const sync::HttpReply reply = Post(url, "/api/v1/auth/login", sync::EncodeLoginRequest({email, password}));
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    auto decoded = sync::DecodeLoginResponse(reply.body);
    REQUIRE(decoded);
    return {decoded.value().token, decoded.value().user.id};
}

int next_client = 0;

// Every change gets a later clock than the one before, so no cell loses to its fixture on a same-millisecond tie.
std::string NextClock() {
    static int64_t last_ms = 0;
    last_ms = std::max(last_ms + 1, server::UnixMillisecondsNow());
    return EncodeHybridTimestamp({last_ms, 0, "matrix"});
}

// Pushes one change under a new client id; returns the outcome name, or the rejection code.
std::string PushOne(const std::string& url, const Account& who, const std::string& entity, const std::string& id,
                    const std::string& field, const std::string& value) {
    sync::PushRequest request{"client-matrix-" + std::to_string(++next_client), 0, {}};
    request.mutations.push_back({1, entity, id, field, value, std::nullopt, NextClock(), 1});
    const sync::HttpReply reply = Post(url, "/api/v1/sync/push", sync::EncodePushRequest(request), who.token);
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    auto decoded = sync::DecodePushResponse(reply.body);
    REQUIRE(decoded);
    REQUIRE(decoded.value().results.size() == 1);
    const sync::MutationResult& result = decoded.value().results[0];
    if (result.outcome == sync::MutationOutcome::kRejected) return result.code;
    return std::string(sync::MutationOutcomeName(result.outcome));
}

// Every record the account receives, as "entity/id" -> field -> value ("<deleted>" for a tombstone).
std::map<std::string, std::map<std::string, std::string>> PullAll(const std::string& url, const Account& who) {
    const sync::HttpReply reply = Post(url, "/api/v1/sync/pull",
                                       sync::EncodePullRequest({"client-matrix-" + std::to_string(++next_client), 0, 20'000}),
                                       who.token);
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    auto decoded = sync::DecodePullResponse(reply.body);
    REQUIRE(decoded);
    REQUIRE_FALSE(decoded.value().more);
    std::map<std::string, std::map<std::string, std::string>> records;
    for (const sync::RecordState& record : decoded.value().records) {
        auto& fields = records[record.entity + "/" + record.entity_id];
        if (record.deleted) fields["_deleted"] = "1";
        for (const sync::FieldState& field : record.fields) fields[field.field] = field.value.value_or("<null>");
    }
    return records;
}

enum class Scope { kOwnTeam, kOtherTeam, kOrganisation, kOtherOrganisation };
enum class Action { kCreate, kUpdate, kDelete };

const char* ScopeName(Scope scope) {
    switch (scope) {
    case Scope::kOwnTeam: return "own team";
    case Scope::kOtherTeam: return "other team";
    case Scope::kOrganisation: return "organisation-wide";
    case Scope::kOtherOrganisation: return "other organisation";
    }
    return "?";
}
const char* ActionName(Action action) {
    switch (action) {
    case Action::kCreate: return "create";
    case Action::kUpdate: return "update";
    case Action::kDelete: return "delete";
    }
    return "?";
}

// One cell: what `role` gets for `action` on `entity` in `scope`.
struct Cell {
    std::string role;
    std::string entity;
    Action action;
    Scope scope;
    std::string expected;  // outcome name or rejection code
};

// The field a cell's update writes, and the one every fixture record has.
std::string NameField(const std::string& entity) {
    if (entity == "activity") return "subject";
    if (entity == "lost_reason") return "label";
    return "name";
}

class Matrix {
public:
    Matrix() : globex_(CreateTestOrganisation(team_.server.accounts(), "globex")) {
        url_ = team_.server.url();
        const TestOrganisation& acme = team_.organisation;
        accounts_["rep"] = SignIn(url_, acme.rep_a, acme.password);
        accounts_["manager"] = SignIn(url_, acme.manager, acme.password);
        accounts_["admin"] = SignIn(url_, acme.admin, acme.password);
        east_writer_ = SignIn(url_, acme.rep_b, acme.password);
        west_writer_ = SignIn(url_, acme.rep_west, acme.password);
        acme_admin_ = accounts_["admin"];
        globex_rep_ = SignIn(url_, globex_.rep_a, globex_.password);
        globex_admin_ = SignIn(url_, globex_.admin, globex_.password);
    }

    const std::string& url() const { return url_; }
    Account& actor(const std::string& role) { return accounts_.at(role); }
    const Account& west_writer() const { return west_writer_; }
    const Account& east_writer() const { return east_writer_; }
    const Account& acme_admin() const { return acme_admin_; }
    const Account& globex_admin() const { return globex_admin_; }

    // A record the cell acts on, written by someone entitled to it in its scope. For an activity, its deal.
    std::string Fixture(const std::string& entity, Scope scope) {
        const bool config = entity == "stage" || entity == "pipeline" || entity == "lost_reason";
        const Account& writer = scope == Scope::kOtherOrganisation ? (config ? globex_admin_ : globex_rep_)
                                : config                           ? acme_admin_
                                : scope == Scope::kOtherTeam       ? west_writer_
                                                                   : east_writer_;
        if (entity == "user") return scope == Scope::kOtherOrganisation ? globex_rep_.user_id : west_writer_.user_id;
        if (entity == "team") return "team-matrix-" + std::to_string(++next_client);  // none can be written anyway
        if (entity == "activity") {
            const std::string deal = Fixture("opportunity", scope);
            const std::string id = server::NewRecordId();
            REQUIRE(PushOne(url_, writer, "activity", id, "opportunity_id", deal) == "applied");
            REQUIRE(PushOne(url_, writer, "activity", id, "subject", "Fixture") == "applied");
            return id;
        }
        const std::string id = server::NewRecordId();
        REQUIRE(PushOne(url_, writer, entity, id, NameField(entity), "Fixture") == "applied");
        return id;
    }

    // The deal an activity create points at, in the cell's scope.
    std::string ParentDeal(Scope scope) { return Fixture("opportunity", scope); }

private:
    Team team_;
    TestOrganisation globex_;
    std::string url_;
    std::map<std::string, Account> accounts_;
    Account east_writer_, west_writer_, acme_admin_, globex_rep_, globex_admin_;
};

}  // namespace

TEST_CASE("authorisation matrix: every role, action, entity and scope gets exactly its outcome") {
    Matrix matrix;
    const std::vector<std::string> roles{"rep", "manager", "admin"};
    std::vector<Cell> cells;
    const auto add = [&](const std::string& entity, Action action, Scope scope, const std::string& rep,
                         const std::string& manager, const std::string& admin) {
        cells.push_back({"rep", entity, action, scope, rep});
        cells.push_back({"manager", entity, action, scope, manager});
        cells.push_back({"admin", entity, action, scope, admin});
    };
    for (Action action : {Action::kUpdate, Action::kDelete}) {
        // Another organisation's id is an id nobody here uses: an update makes a new record in the writer's
        // own organisation, and a delete of a record that does not exist is refused as missing.
        const std::string elsewhere = action == Action::kUpdate ? "applied" : "missing";
        // Deals belong to their owner's team: only that team (and admins) may change them.
        add("opportunity", action, Scope::kOwnTeam, "applied", "applied", "applied");
        add("opportunity", action, Scope::kOtherTeam, "forbidden", "forbidden", "applied");
        add("opportunity", action, Scope::kOtherOrganisation, elsewhere, elsewhere, elsewhere);
        // Activities follow their deal.
        add("activity", action, Scope::kOwnTeam, "applied", "applied", "applied");
        add("activity", action, Scope::kOtherTeam, "forbidden", "forbidden", "applied");
        add("activity", action, Scope::kOtherOrganisation, elsewhere, elsewhere, elsewhere);
        // Accounts are the organisation's: everyone in it may change them.
        add("account", action, Scope::kOrganisation, "applied", "applied", "applied");
        add("account", action, Scope::kOtherOrganisation, elsewhere, elsewhere, elsewhere);
        // Pipeline configuration and lost reasons: admins only.
        for (const char* config : {"pipeline", "stage", "lost_reason"}) {
            add(config, action, Scope::kOrganisation, "forbidden", "forbidden", "applied");
            add(config, action, Scope::kOtherOrganisation, "forbidden", "forbidden", elsewhere);
        }
        // Users and teams are managed on the server only, even by admins.
        for (const char* account : {"user", "team"}) {
            add(account, action, Scope::kOrganisation, "forbidden", "forbidden", "forbidden");
            add(account, action, Scope::kOtherOrganisation, "forbidden", "forbidden", "forbidden");
        }
    }
    // Creating: a deal may be made for anyone (reassignment out of scope is allowed); an activity joins its
    // deal, and a deal the writer may not read is answered as one that does not exist.
    add("opportunity", Action::kCreate, Scope::kOwnTeam, "applied", "applied", "applied");
    add("opportunity", Action::kCreate, Scope::kOtherTeam, "applied", "applied", "applied");
    add("activity", Action::kCreate, Scope::kOwnTeam, "applied", "applied", "applied");
    add("activity", Action::kCreate, Scope::kOtherTeam, "missing-reference", "missing-reference", "applied");
    add("activity", Action::kCreate, Scope::kOtherOrganisation, "missing-reference", "missing-reference",
        "missing-reference");
    add("account", Action::kCreate, Scope::kOrganisation, "applied", "applied", "applied");
    for (const char* config : {"pipeline", "stage", "lost_reason"}) {
        add(config, Action::kCreate, Scope::kOrganisation, "forbidden", "forbidden", "applied");
    }
    add("user", Action::kCreate, Scope::kOrganisation, "forbidden", "forbidden", "forbidden");

    for (const Cell& cell : cells) {
        const std::string where = cell.role + " " + ActionName(cell.action) + " " + cell.entity + " (" +
                                  ScopeName(cell.scope) + ")";
        INFO(where);
        Account& actor = matrix.actor(cell.role);
        const std::string field = cell.action == Action::kDelete ? std::string(sync::kDeletedField) : NameField(cell.entity);
        const std::string value = cell.action == Action::kDelete ? "1" : "Changed by " + cell.role;
        if (cell.action == Action::kCreate) {
            const std::string id = server::NewRecordId();
            std::string got;
            if (cell.entity == "activity") {
                const std::string deal = matrix.ParentDeal(cell.scope);
                got = PushOne(matrix.url(), actor, "activity", id, "opportunity_id", deal);
            } else if (cell.entity == "opportunity") {
                const Account& owner = cell.scope == Scope::kOtherTeam ? matrix.west_writer() : matrix.east_writer();
                got = PushOne(matrix.url(), actor, "opportunity", id, "owner_id", owner.user_id);
            } else {
                got = PushOne(matrix.url(), actor, cell.entity, id, field, value);
            }
            CHECK(got == cell.expected);
            continue;
        }
        const std::string target = matrix.Fixture(cell.entity, cell.scope);
        const auto before = PullAll(matrix.url(), cell.scope == Scope::kOtherOrganisation ? matrix.globex_admin()
                                                                                        : matrix.acme_admin());
        const std::string got = PushOne(matrix.url(), actor, cell.entity, target, field, value);
        CHECK(got == cell.expected);
        if (cell.scope == Scope::kOtherOrganisation) {
            // Indistinguishable from an id nobody uses, and the other organisation's record is untouched.
            CHECK(PushOne(matrix.url(), actor, cell.entity, server::NewRecordId(), field, value) == got);
            CHECK(PullAll(matrix.url(), matrix.globex_admin()) == before);
        } else if (got != "applied") {
            CHECK(PullAll(matrix.url(), matrix.acme_admin()) == before);
        } else if (cell.entity != "user" && cell.entity != "team") {
            CHECK(PullAll(matrix.url(), matrix.acme_admin())[cell.entity + "/" + target][field] == value);
        }
    }
}

TEST_CASE("authorisation matrix: pull receives the own team's and the organisation's records, never others'") {
    Matrix matrix;
    const std::string east_deal = matrix.Fixture("opportunity", Scope::kOwnTeam);
    const std::string west_deal = matrix.Fixture("opportunity", Scope::kOtherTeam);
    const std::string east_activity = matrix.Fixture("activity", Scope::kOwnTeam);
    const std::string west_activity = matrix.Fixture("activity", Scope::kOtherTeam);
    const std::string account = matrix.Fixture("account", Scope::kOrganisation);
    const std::string globex_deal = matrix.Fixture("opportunity", Scope::kOtherOrganisation);
    const std::string globex_stage = matrix.Fixture("stage", Scope::kOtherOrganisation);

    struct Expectation {
        std::string role;
        bool west;  // receives the other team's deal and activity
    };
    for (const Expectation& expectation : {Expectation{"rep", false}, Expectation{"manager", false},
                                           Expectation{"admin", true}}) {
        INFO(expectation.role);
        const auto records = PullAll(matrix.url(), matrix.actor(expectation.role));
        CHECK(records.contains("opportunity/" + east_deal));
        CHECK(records.contains("activity/" + east_activity));
        CHECK(records.contains("account/" + account));
        CHECK(records.contains("opportunity/" + west_deal) == expectation.west);
        CHECK(records.contains("activity/" + west_activity) == expectation.west);
        CHECK_FALSE(records.contains("opportunity/" + globex_deal));
        CHECK_FALSE(records.contains("stage/" + globex_stage));
        for (const auto& [key, fields] : records) {
            CHECK(key.find("globex") == std::string::npos);
            for (const auto& [name, value] : fields) CHECK(value.find("globex") == std::string::npos);
        }
    }
}

// Pushes `mutations` (field, value) on one record in one batch; returns each outcome name or rejection code.
std::vector<std::string> PushBatch(const std::string& url, const Account& who, const std::string& entity,
                                   const std::string& id, const std::vector<std::pair<std::string, std::string>>& changes) {
    sync::PushRequest request{"client-matrix-" + std::to_string(++next_client), 0, {}};
    int64_t mutation_id = 0;
    for (const auto& [field, value] : changes) {
        request.mutations.push_back({++mutation_id, entity, id, field, value, std::nullopt, NextClock(), 1});
    }
    const sync::HttpReply reply = Post(url, "/api/v1/sync/push", sync::EncodePushRequest(request), who.token);
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    auto decoded = sync::DecodePushResponse(reply.body);
    REQUIRE(decoded);
    REQUIRE(decoded.value().conflicts.empty());
    std::vector<std::string> outcomes;
    for (const sync::MutationResult& result : decoded.value().results) {
        outcomes.push_back(result.outcome == sync::MutationOutcome::kRejected ? result.code
                                                                              : std::string(sync::MutationOutcomeName(result.outcome)));
    }
    return outcomes;
}

TEST_CASE("authorisation matrix: a deal whose owner is in no team is that owner's, not the organisation's") {
    Matrix matrix;
    const std::string deal = server::NewRecordId();
    CHECK(PushBatch(matrix.url(), matrix.acme_admin(), "opportunity", deal,
                    {{"owner_id", matrix.acme_admin().user_id}, {"name", "The admin's own deal"}}) ==
          std::vector<std::string>{"applied", "applied"});
    for (const char* role : {"rep", "manager"}) {
        INFO(role);
        CHECK_FALSE(PullAll(matrix.url(), matrix.actor(role)).contains("opportunity/" + deal));
        CHECK(PushOne(matrix.url(), matrix.actor(role), "opportunity", deal, "name", "Taken") == "forbidden");
    }
    CHECK(PullAll(matrix.url(), matrix.acme_admin())["opportunity/" + deal]["name"] == "The admin's own deal");
}

TEST_CASE("authorisation matrix: a deal handed to another team is that team's, and its creator keeps no rights") {
    Matrix matrix;
    const Account& east = matrix.actor("rep");
    const std::string deal = server::NewRecordId();
    CHECK(PushBatch(matrix.url(), east, "opportunity", deal, {{"name", "Handed over"}, {"amount_minor", "5000"}}) ==
          std::vector<std::string>{"applied", "applied"});
    CHECK(PushOne(matrix.url(), east, "opportunity", deal, "owner_id", matrix.west_writer().user_id) == "applied");
    CHECK(PushOne(matrix.url(), matrix.west_writer(), "opportunity", deal, "needs", "West's private notes") == "applied");
    CHECK(PushOne(matrix.url(), matrix.west_writer(), "opportunity", deal, "amount_minor", "777777") == "applied");
    // Taking it back, or a deliberately old change that would lose and echo West's value in a conflict: refused.
    CHECK(PushOne(matrix.url(), east, "opportunity", deal, "owner_id", east.user_id) == "forbidden");
    sync::PushRequest losing{"client-matrix-" + std::to_string(++next_client), 0, {}};
    losing.mutations.push_back({1, "opportunity", deal, "amount_minor", "1", std::string("5000"),
                                EncodeHybridTimestamp({1, 0, "matrix"}), 1});
    const sync::HttpReply reply = Post(matrix.url(), "/api/v1/sync/push", sync::EncodePushRequest(losing), east.token);
    REQUIRE(reply.status == 200);
    CHECK(reply.body.find("777777") == std::string::npos);  // no conflict carries West's value back
    const auto east_view = PullAll(matrix.url(), east);
    CHECK_FALSE(east_view.contains("opportunity/" + deal));
    CHECK(PullAll(matrix.url(), matrix.west_writer())["opportunity/" + deal]["needs"] == "West's private notes");
    // Made for another team in one batch, the new deal still gets every field its creator sent.
    const std::string gift = server::NewRecordId();
    CHECK(PushBatch(matrix.url(), east, "opportunity", gift,
                    {{"owner_id", matrix.west_writer().user_id}, {"name", "Made for West"}, {"amount_minor", "5000"}}) ==
          std::vector<std::string>{"applied", "applied", "applied"});
    CHECK(PullAll(matrix.url(), matrix.west_writer())["opportunity/" + gift]["amount_minor"] == "5000");
}

TEST_CASE("authorisation matrix: another team's deal is answered as one that does not exist") {
    Matrix matrix;
    const std::string east_deal = matrix.Fixture("opportunity", Scope::kOwnTeam);
    const Account& west = matrix.west_writer();
    const auto message = [&](const std::string& entity, const std::string& field, const std::string& target) {
        sync::PushRequest request{"client-matrix-" + std::to_string(++next_client), 0, {}};
        request.mutations.push_back({1, entity, server::NewRecordId(), field, target, std::nullopt, NextClock(), 1});
        const sync::HttpReply reply = Post(matrix.url(), "/api/v1/sync/push", sync::EncodePushRequest(request), west.token);
        auto decoded = sync::DecodePushResponse(reply.body);
        REQUIRE(decoded);
        const sync::MutationResult& result = decoded.value().results.at(0);
        std::string text = result.code + ": " + result.message;
        text.replace(text.find(target), target.size(), "<id>");
        return text;
    };
    const std::string nobody = server::NewRecordId();
    CHECK(message("lead", "converted_opportunity_id", east_deal) == message("lead", "converted_opportunity_id", nobody));
    CHECK(message("activity", "opportunity_id", east_deal) == message("activity", "opportunity_id", nobody));
    CHECK(message("activity", "opportunity_id", east_deal).starts_with("missing-reference"));
}

TEST_CASE("authorisation matrix: a contact link can be made only for its own deal, and not deleted before it exists") {
    Matrix matrix;
    const std::string east_deal = matrix.Fixture("opportunity", Scope::kOwnTeam);
    const std::string contact = matrix.Fixture("contact", Scope::kOrganisation);
    const std::string link = east_deal + ":" + contact;
    const Account& west = matrix.west_writer();
    // West cannot squat East's link, nor delete it before East makes it.
    CHECK(PushOne(matrix.url(), west, "opportunity_contact", link, "role", "Squatter") == "missing-reference");
    CHECK(PushOne(matrix.url(), west, "opportunity_contact", link, std::string(sync::kDeletedField), "1") == "missing");
    CHECK(PushOne(matrix.url(), matrix.east_writer(), "opportunity_contact", link, "contact_id",
                  server::NewRecordId()) == "format");
    CHECK(PushBatch(matrix.url(), matrix.east_writer(), "opportunity_contact", link,
                    {{"opportunity_id", east_deal}, {"contact_id", contact}, {"role", "Champion"}}) ==
          std::vector<std::string>{"applied", "applied", "applied"});
    CHECK(PullAll(matrix.url(), matrix.east_writer())["opportunity_contact/" + link]["role"] == "Champion");
    CHECK_FALSE(PullAll(matrix.url(), west).contains("opportunity_contact/" + link));
}

}  // namespace roadbook::testing
