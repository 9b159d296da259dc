// The C side of web/storage.js: the mirror file it loads pages into and takes changed pages from, the
// commit listener that schedules saves, the save status shown by the app, backup and restore.
#include "platform/web/web_storage.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "platform/web/web_frame_loop.h"
#include "store/migrations.h"
#include "store/page_mirror.h"

extern "C" {
// roadbook_web.js
int roadbook_web_storage_install();
void roadbook_web_storage_schedule_save();
void roadbook_web_storage_download(const uint8_t* bytes, size_t size);
void roadbook_web_storage_choose_restore_file();
}

namespace roadbook::web {
namespace {

constexpr const char* kFileName = "roadbook";
constexpr int kCurrentFormatVersion = 1;  // web/storage.js FORMAT_VERSION
constexpr uint32_t kSqlitePageSize = 8192;

struct StorageState {
    std::shared_ptr<MirroredFile> file;
    std::optional<MirrorChanges> changes;  // taken by the save in flight
    std::vector<uint8_t> export_buffer;
};

StorageState& Storage() {
    static StorageState state;
    return state;
}

Status CheckIntegrity(Database& database, const std::string& when) {
    auto rows = database.QueryReadOnly("PRAGMA integrity_check");
    if (!rows) return rows.errors();
    const auto* verdict = rows.value().empty() ? nullptr : std::get_if<std::string>(&rows.value()[0].values[0]);
    if (verdict != nullptr && *verdict == "ok") return Done{};
    return ValidationError{"", "storage", "The data on this device failed its integrity check " + when + ": " +
                                              (verdict ? *verdict : std::string("no answer")) + "."};
}

}  // namespace

Result<Database> OpenDeviceDatabase() {
    if (auto registered = RegisterPageMirror(); !registered) return registered.errors();
    const int stored_format = roadbook_web_storage_install();  // calls roadbook_storage_begin_load first
    StorageState& storage = Storage();
    storage.file = FindMirroredFile(kFileName);
    if (!storage.file) {
        return ValidationError{"", "storage", "Roadbook's storage on this device did not start. Reload the page."};
    }

    OpenOptions options;
    // A stored record (the mirror's page) may hold several SQLite pages: large records load fast, while
    // 8 KiB SQLite pages keep each cache miss a small copy. Decided by bench/storage_bench.mjs.
    options.page_size = int(std::min<uint32_t>(storage.file->page_size(), kSqlitePageSize));
    options.journal_in_memory = true;
    options.schema_version = 0;  // migrate below, after looking at what is stored
    auto opened = Database::Open(MirroredDatabaseUri(kFileName), options);
    if (!opened) return opened.errors();
    Database database = std::move(opened).value();
    const int64_t stored_schema = database.SchemaVersion();
    const bool upgrading = stored_format != 0 && (stored_format != kCurrentFormatVersion || stored_schema < LatestSchemaVersion());
    if (upgrading) {
        if (auto checked = CheckIntegrity(database, "before the upgrade"); !checked) return checked.errors();
    }
    if (auto migrated = RunMigrations(database, LatestSchemaVersion()); !migrated) return migrated.errors();
    if (upgrading) {
        if (auto checked = CheckIntegrity(database, "after the upgrade"); !checked) return checked.errors();
    }
    storage.file->SetCommitListener([] { roadbook_web_storage_schedule_save(); });
    // The migrations of a new or upgraded database are commits too: save them now.
    if (storage.file->HasUnsavedChanges()) roadbook_web_storage_schedule_save();
    return database;
}

void AddStorageServices(AppServices& services) {
    services.download_backup = [] {
        App* app = CurrentApp();
        if (app == nullptr) return;
        auto file = app->ExportBackup();
        if (!file) {
            app->ShowMessage("The backup could not be made: " + file.first_error().message, true);
            return;
        }
        Storage().export_buffer = std::move(file).value();
        roadbook_web_storage_download(Storage().export_buffer.data(), Storage().export_buffer.size());
        Storage().export_buffer = {};
    };
    services.choose_backup_to_restore = [] { roadbook_web_storage_choose_restore_file(); };
}

}  // namespace roadbook::web

using roadbook::web::Storage;

extern "C" {

EMSCRIPTEN_KEEPALIVE void roadbook_storage_begin_load(int page_size) {
    roadbook::CreateMirroredFile(roadbook::web::kFileName, uint32_t(page_size));
}

EMSCRIPTEN_KEEPALIVE uint8_t* roadbook_storage_load_page(int page) {
    return roadbook::FindMirroredFile(roadbook::web::kFileName)->LoadPage(uint32_t(page));
}

EMSCRIPTEN_KEEPALIVE void roadbook_storage_finish_load(double size, double commit_id) {
    roadbook::FindMirroredFile(roadbook::web::kFileName)->FinishLoad(int64_t(size), uint64_t(commit_id));
}

EMSCRIPTEN_KEEPALIVE double roadbook_storage_commit_id() {
    return Storage().file ? double(Storage().file->commit_id()) : 0;
}

EMSCRIPTEN_KEEPALIVE int roadbook_storage_has_unsaved() {
    return Storage().file && Storage().file->HasUnsavedChanges() ? 1 : 0;
}

// 1 when there are changes to save (then read them with the functions below), else 0.
EMSCRIPTEN_KEEPALIVE int roadbook_storage_take_changes() {
    if (!Storage().file) return 0;
    Storage().changes = Storage().file->TakeChanges();
    return Storage().changes ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE double roadbook_storage_changes_commit_id() { return double(Storage().changes->commit_id); }
EMSCRIPTEN_KEEPALIVE int roadbook_storage_changes_page_count() { return int(Storage().changes->page_count); }
EMSCRIPTEN_KEEPALIVE int roadbook_storage_changes_count() { return int(Storage().changes->pages.size()); }
EMSCRIPTEN_KEEPALIVE const uint32_t* roadbook_storage_changes_pages() { return Storage().changes->pages.data(); }

EMSCRIPTEN_KEEPALIVE const uint8_t* roadbook_storage_page_pointer(int page) {
    return Storage().file->PageData(uint32_t(page));
}

EMSCRIPTEN_KEEPALIVE void roadbook_storage_confirm_saved() {
    Storage().file->ConfirmSaved();
    Storage().changes.reset();
    // Every commit so far is in IndexedDB: sync may push all of it.
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app != nullptr && !Storage().file->HasUnsavedChanges()) {
        app->sync().MarkAllPersisted();
        if (app->SyncTick()) roadbook::web::RequestFrames(1);
    }
}

EMSCRIPTEN_KEEPALIVE void roadbook_storage_return_unsaved() {
    Storage().file->ReturnUnsaved();
    Storage().changes.reset();
}

// state: 0 saved, 1 saving, 2 not saved (retrying), 3 memory only.
EMSCRIPTEN_KEEPALIVE void roadbook_storage_set_status(int state, const char* reason) {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return;
    roadbook::ui::DeviceStorageModel storage = app->device_storage();
    static constexpr roadbook::ui::SaveState kStates[] = {roadbook::ui::SaveState::Saved, roadbook::ui::SaveState::Saving,
                                                          roadbook::ui::SaveState::NotSaved,
                                                          roadbook::ui::SaveState::MemoryOnly};
    const roadbook::ui::SaveState save_state = kStates[std::clamp(state, 0, 3)];
    // Every save reports; only a change of what the indicator says is worth a frame.
    if (save_state == storage.save_state && storage.failure == reason) return;
    storage.save_state = save_state;
    storage.failure = reason;
    app->SetDeviceStorage(storage);
    roadbook::web::RequestFrames(1);
}

// persisted: -1 unknown, 0 best effort, 1 persistent; last_backup: Unix ms of the last backup download, or 0.
EMSCRIPTEN_KEEPALIVE void roadbook_storage_set_device_info(int persisted, double usage, double quota, double last_backup) {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return;
    roadbook::ui::DeviceStorageModel storage = app->device_storage();
    storage.persistence = persisted < 0 ? roadbook::ui::StoragePersistence::Unknown
                          : persisted == 0 ? roadbook::ui::StoragePersistence::BestEffort
                                           : roadbook::ui::StoragePersistence::Persistent;
    storage.usage_bytes = int64_t(usage);
    storage.quota_bytes = int64_t(quota);
    storage.last_backup_unix_ms = int64_t(last_backup);
    app->SetDeviceStorage(storage);
    roadbook::web::RequestFrames(1);
}

// The bytes of a chosen backup file: restores it, or shows why not. Returns 1 when restored (the page then
// saves and reloads), 0 when refused (nothing changed).
EMSCRIPTEN_KEEPALIVE int roadbook_storage_restore(const uint8_t* bytes, int size) {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return 0;
    auto restored = app->RestoreBackup(std::span<const uint8_t>(bytes, size_t(size)));
    if (!restored) {
        app->ShowMessage(restored.first_error().message, true);
        roadbook::web::RequestFrames(2);
        return 0;
    }
    app->ShowMessage("Backup restored", false);
    roadbook::web::RequestFrames(2);
    return 1;
}

}  // extern "C"
