// The C side of web/pwa.js: the connection as /api/v1/health requests see it, the install offer, and the
// ARIA live region that announces saves, errors and sync state.
#include <emscripten.h>

#include <algorithm>
#include <functional>
#include <string>

#include "app/app.h"
#include "platform/web/web_frame_loop.h"
#include "platform/web/web_shell.h"

extern "C" {
void roadbook_web_install_app();  // roadbook_web.js
void roadbook_web_announce(const char* message);
}

namespace roadbook::web {

void AddShellServices(AppServices& services) {
    services.install_app = [] { roadbook_web_install_app(); };
    services.announce = [](const std::string& message) { roadbook_web_announce(message.c_str()); };
}

}  // namespace roadbook::web

namespace {

void UpdateShell(const std::function<void(roadbook::ui::ShellModel&)>& change) {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return;
    roadbook::ui::ShellModel shell = app->shell();
    change(shell);
    app->SetShell(shell);
    roadbook::web::RequestFrames(1);
}

}  // namespace

extern "C" {

// state: -1 unknown, 0 offline, 1 online.
EMSCRIPTEN_KEEPALIVE void roadbook_pwa_set_connection(int state) {
    UpdateShell([state](roadbook::ui::ShellModel& shell) {
        shell.connection = state < 0    ? roadbook::ui::Connection::Unknown
                           : state == 0 ? roadbook::ui::Connection::Offline
                                        : roadbook::ui::Connection::Online;
    });
}

// offer: 0 none, 1 the browser's prompt, 2 the iOS Share hint.
EMSCRIPTEN_KEEPALIVE void roadbook_pwa_set_install(int offer) {
    UpdateShell([offer](roadbook::ui::ShellModel& shell) {
        static constexpr roadbook::ui::InstallOffer kOffers[] = {
            roadbook::ui::InstallOffer::None, roadbook::ui::InstallOffer::Prompt, roadbook::ui::InstallOffer::IosHint};
        shell.install = kOffers[std::clamp(offer, 0, 2)];
    });
}

}  // extern "C"
