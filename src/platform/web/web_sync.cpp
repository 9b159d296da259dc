// Sync requests from the app to fetch and back: each request gets an id; its reply comes back through
// roadbook_sync_reply on the main thread and goes to the engine.
#include "platform/web/web_sync.h"

#include <emscripten.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "platform/web/web_frame_loop.h"

extern "C" {
void roadbook_web_sync_install();
void roadbook_web_sync_send(int id, const char* base_url, const char* path, const char* body, const char* token);
void roadbook_web_sync_listen(const char* base_url, const char* token);
void roadbook_web_page_origin(char* out, int size);
void roadbook_web_sync_wake_after(double delay_ms);
}

namespace roadbook::web {
namespace {

struct PendingReplies {
    int next_id = 1;
    std::map<int, std::function<void(const sync::HttpReply&)>> waiting;
};

PendingReplies& Replies() {
    static PendingReplies replies;
    return replies;
}

void TickAndDraw() {
    App* app = CurrentApp();
    if (app == nullptr) return;
    if (app->device_storage().save_state == ui::SaveState::MemoryOnly) app->sync().MarkAllPersisted();
    if (app->SyncTick()) RequestFrames(1);
}

}  // namespace

void InstallSync(App& app) {
    char origin[512] = {};
    roadbook_web_page_origin(origin, sizeof origin);
    SyncPlatform platform;
    platform.default_server_url = origin;
    platform.send = [](const sync::OutgoingRequest& request, std::function<void(const sync::HttpReply&)> deliver) {
        const int id = Replies().next_id++;
        Replies().waiting.emplace(id, std::move(deliver));
        roadbook_web_sync_send(id, request.base_url.c_str(), request.path.c_str(), request.body.c_str(),
                               request.token.c_str());
    };
    platform.listen_for_changes = [](const std::string& base_url, const std::string& token) {
        roadbook_web_sync_listen(base_url.c_str(), token.c_str());
    };
    platform.wake_after = [](int64_t delay_ms) { roadbook_web_sync_wake_after(double(delay_ms)); };
    app.sync().TrackPersistence();
    app.sync().SetPlatform(std::move(platform));
    roadbook_web_sync_install();
    TickAndDraw();
}

}  // namespace roadbook::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void roadbook_sync_reply(int id, int status, const char* body) {
    auto& waiting = roadbook::web::Replies().waiting;
    auto found = waiting.find(id);
    if (found == waiting.end()) return;
    auto deliver = std::move(found->second);
    waiting.erase(found);
    deliver(roadbook::sync::HttpReply{status, body});
    roadbook::web::TickAndDraw();
    roadbook::web::RequestFrames(1);
}

// Something changed on the server, the tab came back or the network did: sync now.
EMSCRIPTEN_KEEPALIVE void roadbook_sync_poke() {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return;
    app->sync().RequestSync();
    roadbook::web::TickAndDraw();
}

EMSCRIPTEN_KEEPALIVE void roadbook_sync_tick() { roadbook::web::TickAndDraw(); }

EMSCRIPTEN_KEEPALIVE const char* roadbook_sync_state_json() {
    static std::string json;
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return "{}";
    roadbook::sync::SyncEngine& engine = app->sync().engine();
    const roadbook::sync::SyncStatus status = engine.CurrentStatus();
    json = nlohmann::json{{"phase", roadbook::sync::SyncPhaseName(status.phase)},
                          {"pending", status.pending},
                          {"conflicts", status.conflicts},
                          {"error", status.error},
                          {"cursor", engine.identity().cursor},
                          {"clientId", engine.identity().client_id},
                          {"userId", engine.identity().user_id},
                          {"lastSyncedAt", status.last_synced_at_ms}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return json.c_str();
}

}  // extern "C"
