// The web platform's sync transport: fetch for requests, a streamed fetch for change events, and the
// timers and browser events that trigger rounds (roadbook_sync.js).
#pragma once

namespace roadbook {
class App;
}

namespace roadbook::web {

// Connects the app's sync to the browser. Only commits IndexedDB confirmed are pushed; when the browser
// gives no storage (memory only), every commit is, since the server is then the only safe copy.
void InstallSync(App& app);

}  // namespace roadbook::web
