// The app's sync controller against a real server: only saved commits travel, a pause after commits, the
// chip's sentences, and the conflict inbox's two choices.
#include <catch2/catch.hpp>

#include "app/sync_controller.h"
#include "store/demo_data.h"
#include "sync/server/credentials.h"
#include "sync_test_support.h"

namespace roadbook::testing {
namespace {

// A controller on a device's database whose platform sends at once (the reply arrives synchronously).
struct ControlledDevice {
    // `before_sign_in` fills the device while it is on its own; `remove_demo` answers the demo question.
    ControlledDevice(Team& team, const std::string& name, const std::string& email,
                     const std::function<void(TestDevice&)>& before_sign_in = {}, bool remove_demo = false)
        : device(name, team.directory / (name + ".sqlite")),
          controller(device.database(), [this] { return now; }, [](int64_t) { return 60; },
                     [name] { return "client-" + name + "-controller"; }, [] { return 0.5; }) {
        REQUIRE(controller.Open());
        if (before_sign_in) before_sign_in(device);
        SyncPlatform platform;
        platform.default_server_url = team.server.url();
        platform.send = [this](const sync::OutgoingRequest& request, std::function<void(const sync::HttpReply&)> deliver) {
            ++requests;
            deliver(transport.Send(request));
        };
        platform.wake_after = [this](int64_t delay) { wakes.push_back(delay); };
        controller.SetPlatform(platform);
        ui::SyncFormState form;
        std::snprintf(form.server_url, sizeof form.server_url, "%s", team.server.url().c_str());
        std::snprintf(form.email, sizeof form.email, "%s", email.c_str());
        std::snprintf(form.password, sizeof form.password, "%s", team.organisation.password.c_str());
        ui::SyncCommands sign_in;
        sign_in.sign_in = true;
        sign_in.remove_demo = remove_demo;
        REQUIRE_FALSE(controller.Apply(sign_in, form, device.Context()));
        CHECK(form.password[0] == '\0');  // the password does not stay in memory
        Run();
        REQUIRE(controller.engine().signed_in());
    }
    void Run() {
        for (int tick = 0; tick < 50 && controller.Tick(); ++tick) {
        }
    }

    int64_t now = server::UnixMillisecondsNow();
    TestDevice device;
    SyncController controller;
    platform::HttpSyncTransport transport;
    int requests = 0;
    std::vector<int64_t> wakes;
};

std::string ServerName(Team& team, const std::string& id) {
    return team.server.QueryText("SELECT value FROM fields WHERE entity_id = '" + id + "' AND field = 'name'");
}

}  // namespace

TEST_CASE("the controller sends only commits saved on the device, after a short pause") {
    Team team;
    ControlledDevice phone(team, "phone", team.organisation.rep_a);
    CHECK(phone.controller.Model(false, false).chip_text.starts_with("Synced at "));
    phone.controller.TrackPersistence();

    const std::string deal = phone.device.CreateDeal("Saved later", 5000);
    phone.controller.OnLocalCommit();
    CHECK(phone.wakes.back() == SyncController::kCommitPauseMs);
    phone.now += SyncController::kCommitPauseMs;
    phone.Run();
    CHECK(ServerName(team, deal).empty());  // committed, but not yet in IndexedDB
    const ui::SyncModel waiting = phone.controller.Model(true, false);
    CHECK(waiting.pending > 0);
    CHECK(waiting.pending_lines.front().title == "Saved later");

    phone.controller.MarkAllPersisted();  // the save completed
    phone.Run();
    CHECK(ServerName(team, deal) == "Saved later");
    CHECK(phone.controller.Model(false, false).pending == 0);
    CHECK(phone.controller.Model(false, true).chip_text == "Offline");
}

TEST_CASE("the conflict inbox: keeping the losing value writes it again, keeping the winner just closes it") {
    Team team;
    ControlledDevice phone(team, "phone", team.organisation.rep_a);
    auto laptop = team.Device("laptop", team.organisation.manager);
    const std::string deal = phone.device.CreateDeal("Fourth Coffee", 100'000);
    phone.controller.RequestSync();
    phone.Run();
    REQUIRE_SYNCED(laptop);

    phone.device.clock_offset_ms = -5000;  // the phone's edit is clearly the earlier one, whatever the scheduler does
    phone.device.SetAmount(deal, 150'000);
    phone.controller.OnLocalCommit();
    const ui::RecordSyncModel& waiting = phone.controller.RecordState("opportunity", deal, false);
    CHECK(waiting.state == ui::RecordSyncState::Pending);
    CHECK(waiting.text == "1 change waiting to sync");
    CHECK(phone.controller.RecordState("opportunity", deal, true).text == "1 change will sync when back online");
    laptop->SetAmount(deal, 170'000);  // later: it wins
    REQUIRE_SYNCED(laptop);
    phone.controller.RequestSync();
    phone.Run();
    ui::SyncModel model = phone.controller.Model(true, false);
    REQUIRE(model.conflicts.size() == 1);
    CHECK(model.conflicts[0].field_label == "Amount");
    CHECK(model.conflicts[0].mine == "\u20ac1,500.00");
    CHECK(model.conflicts[0].theirs == "\u20ac1,700.00");
    CHECK(model.conflicts[0].theirs_by == "Mia Manager");
    CHECK_FALSE(model.conflicts[0].mine_won);
    CHECK(model.chip_text.ends_with("1 conflict"));
    CHECK(phone.device.Number("SELECT amount_minor FROM opportunities WHERE id = '" + deal + "'") == 170'000);
    const ui::RecordSyncModel& conflicted = phone.controller.RecordState("opportunity", deal, false);
    CHECK(conflicted.state == ui::RecordSyncState::Conflict);
    CHECK(conflicted.text == "Conflict on Amount: choose which value to keep in Settings");

    phone.device.clock_offset_ms = 0;  // the app's clock has seen the laptop's stamp by now (App::SyncTick)
    ui::SyncCommands keep_mine;
    keep_mine.keep_mine = model.conflicts[0].id;
    ui::SyncFormState form;
    REQUIRE_FALSE(phone.controller.Apply(keep_mine, form, phone.device.Context()));
    phone.controller.RequestSync();
    phone.Run();
    REQUIRE_SYNCED(laptop);
    CHECK(laptop->Number("SELECT amount_minor FROM opportunities WHERE id = '" + deal + "'") == 150'000);
    CHECK(phone.controller.Model(true, false).conflicts.empty());
    const ui::RecordSyncModel& settled = phone.controller.RecordState("opportunity", deal, false);
    CHECK(settled.state == ui::RecordSyncState::Synced);
    CHECK(settled.text.starts_with("In sync with "));
}

TEST_CASE("a change the server refused shows on its deal with the server's reason") {
    Team team;
    ControlledDevice phone(team, "phone", team.organisation.rep_a);
    const std::string deal = phone.device.CreateDeal("Refused amount", 50'000);
    phone.controller.MarkAllPersisted();
    phone.controller.RequestSync();
    phone.Run();
    // A value no rule allows, as a buggy or tampered device might write it.
    const std::string clock = phone.device.Context().next_clock();
    REQUIRE(phone.device.database().Execute(
        "INSERT INTO change_log (entity, entity_id, field, old_value, new_value, actor, at_ms, clock) VALUES ("
        "'opportunity', '" + deal + "', 'amount_minor', '50000', '-5', 'x', 0, '" + clock + "')", "test").ok());
    phone.controller.OnLocalCommit();
    phone.controller.MarkAllPersisted();
    phone.controller.RequestSync();
    phone.Run();
    const ui::RecordSyncModel& refused = phone.controller.RecordState("opportunity", deal, false);
    CHECK(refused.state == ui::RecordSyncState::Refused);
    CHECK_THAT(refused.text, Catch::StartsWith("In sync with ") && Catch::Contains("1 change refused: ") &&
                                 Catch::Contains("opportunity.amount_minor"));
    // Another deal is untouched by it.
    const std::string other = phone.device.CreateDeal("Fine amount", 10'000);
    phone.controller.OnLocalCommit();
    phone.controller.MarkAllPersisted();
    phone.controller.RequestSync();
    phone.Run();
    CHECK(phone.controller.RecordState("opportunity", other, false).state == ui::RecordSyncState::Synced);
}

TEST_CASE("signing in adopts the deals made on the device alone, and they reach the team as the rep's") {
    Team team;
    std::string deal;
    ControlledDevice phone(team, "phone", team.organisation.rep_a,
                           [&](TestDevice& device) { deal = device.CreateDeal("Made alone", 90'000); });
    const std::string rep = phone.controller.engine().identity().user_id;
    CHECK(phone.device.Text("SELECT owner_id FROM opportunities WHERE id = '" + deal + "'") == rep);
    CHECK(team.server.QueryText("SELECT value FROM fields WHERE entity_id = '" + deal + "' AND field = 'owner_id'") == rep);
    CHECK(phone.device.Number("SELECT count(*) FROM sync_rejections") == 0);
    auto colleague = team.Device("colleague", team.organisation.rep_b);
    REQUIRE_SYNCED(colleague);
    CHECK(colleague->Text("SELECT owner_id FROM opportunities WHERE id = '" + deal + "'") == rep);
}

TEST_CASE("the demo data is never uploaded: signing in asks, removes it, and pulls the organisation's deals") {
    Team team;
    auto colleague = team.Device("colleague", team.organisation.rep_b);
    const std::string shared = colleague->CreateDeal("The team's real deal", 40'000);
    REQUIRE_SYNCED(colleague);
    const auto load_demo = [](TestDevice& device) {
        DemoOptions options;
        options.opportunity_count = 30;
        REQUIRE(LoadDemoData(device.database(), options));
    };

    // Without the confirmation the sign-in is refused and the demo stays.
    TestDevice unsure("unsure", team.directory / "unsure.sqlite");
    load_demo(unsure);
    SyncController controller(unsure.database(), [] { return server::UnixMillisecondsNow(); }, [](int64_t) { return 0; },
                              [] { return std::string("client-unsure"); }, [] { return 0.5; });
    REQUIRE(controller.Open());
    CHECK(controller.Model(true, false).holds_demo_data);
    ui::SyncFormState form;
    ui::SyncCommands sign_in;
    sign_in.sign_in = true;
    const auto refused = controller.Apply(sign_in, form, unsure.Context());
    REQUIRE(refused);
    CHECK(refused->find("demo data") != std::string::npos);
    CHECK(unsure.Number("SELECT count(*) FROM opportunities") == 30);

    ControlledDevice phone(team, "phone", team.organisation.rep_a, load_demo, true);
    CHECK(phone.device.Number("SELECT count(*) FROM opportunities") == 1);
    CHECK(phone.device.Text("SELECT name FROM opportunities") == "The team's real deal");
    // The organisation's people, not the demo's.
    CHECK(std::to_string(phone.device.Number("SELECT count(*) FROM users")) ==
          team.server.QueryText("SELECT count(*) FROM records WHERE entity = 'user'"));
    CHECK(phone.device.Number("SELECT count(*) FROM stages") > 0);   // its pipeline arrived with them
    CHECK(team.server.QueryText("SELECT count(*) FROM records WHERE entity = 'opportunity'") == "1");
    CHECK(phone.device.Number("SELECT count(*) FROM sync_rejections") == 0);
    CHECK_FALSE(phone.controller.Model(true, false).holds_demo_data);
    // Work after the sign-in travels as usual, with mutation ids that continue past the demo's change log.
    const std::string fresh = phone.device.CreateDeal("After the demo", 1'000);
    phone.controller.OnLocalCommit();
    phone.controller.RequestSync();
    phone.Run();
    REQUIRE_SYNCED(colleague);
    CHECK(colleague->Text("SELECT name FROM opportunities WHERE id = '" + fresh + "'") == "After the demo");
    CHECK(colleague->Text("SELECT name FROM opportunities WHERE id = '" + shared + "'") == "The team's real deal");
}

}  // namespace roadbook::testing

namespace roadbook::testing {

TEST_CASE("a refused sign-in says why and leaves the device working on its own") {
    Team team;
    TestDevice device("phone", team.directory / "phone.sqlite");
    SyncController controller(device.database(), [] { return server::UnixMillisecondsNow(); }, [](int64_t) { return 0; },
                              [] { return std::string("client-phone-refused"); }, [] { return 0.5; });
    REQUIRE(controller.Open());
    platform::HttpSyncTransport transport;
    SyncPlatform platform;
    platform.send = [&](const sync::OutgoingRequest& request, std::function<void(const sync::HttpReply&)> deliver) {
        deliver(transport.Send(request));
    };
    controller.SetPlatform(platform);
    ui::SyncFormState form;
    std::snprintf(form.server_url, sizeof form.server_url, "%s/", team.server.url().c_str());
    std::snprintf(form.email, sizeof form.email, "%s", team.organisation.rep_a.c_str());
    std::snprintf(form.password, sizeof form.password, "not the password");
    ui::SyncCommands sign_in;
    sign_in.sign_in = true;
    REQUIRE_FALSE(controller.Apply(sign_in, form, device.Context()));
    for (int tick = 0; tick < 5; ++tick) controller.Tick();
    const ui::SyncModel model = controller.Model(true, false);
    CHECK_FALSE(model.signed_in);
    CHECK(model.chip_text == "On this device only");
    CHECK(model.error.find("The email or password is not right") != std::string::npos);
    CHECK(model.server_url == team.server.url());  // the trailing slash is gone
    CHECK(controller.RecordState("opportunity", "any-deal", false).state == ui::RecordSyncState::LocalOnly);

    std::snprintf(form.server_url, sizeof form.server_url, "http://127.0.0.1:1");
    std::snprintf(form.password, sizeof form.password, "%s", team.organisation.password.c_str());
    REQUIRE_FALSE(controller.Apply(sign_in, form, device.Context()));
    for (int tick = 0; tick < 5; ++tick) controller.Tick();
    CHECK(controller.Model(false, false).error == "Cannot reach http://127.0.0.1:1");
}

}  // namespace roadbook::testing
