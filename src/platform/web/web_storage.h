// The app's database on this device: the page mirror loaded from IndexedDB by web/storage.js before the
// app starts, a save scheduled after every commit, and the status, backup and restore calls between them.
#pragma once

#include <memory>
#include <string>

#include "app/app.h"

namespace roadbook::web {

// Opens the database from the pages web/storage.js loaded (a new one when there were none), migrating it
// and checking its integrity after a format or schema upgrade. On failure the error says why, and the
// stored pages are untouched (the page offers to download them).
Result<Database> OpenDeviceDatabase();

// The platform's part of AppServices: backup download and restore through the browser.
void AddStorageServices(AppServices& services);

}  // namespace roadbook::web
