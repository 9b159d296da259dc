// The installed-app side of the platform (web/pwa.js): connection state, install offer and install action.
#pragma once

#include "app/app.h"

namespace roadbook::web {

// The platform's part of AppServices for installing the app from the browser's prompt.
void AddShellServices(AppServices& services);

}  // namespace roadbook::web
