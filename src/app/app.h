// The application: owns the database and the UI state, builds each frame's views from view models and
// carries out the commands they emit. Knows nothing of the browser: the platform injects the clock and
// randomness and calls Frame() between Dear ImGui's NewFrame() and Render().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/sync_controller.h"
#include "app/workspace.h"
#include "core/result.h"
#include "core/hybrid_logical_clock.h"
#include "core/uuid.h"
#include "store/database.h"
#include "store/opportunity_store.h"
#include "ui/theme.h"
#include "ui/view_models.h"

namespace roadbook {

struct AppServices {
    std::function<int64_t()> now_unix_ms;
    std::function<int32_t(int64_t unix_ms)> utc_offset_minutes;  // the device's offset at that instant
    std::function<void(uint8_t* bytes, size_t count)> random_bytes;
    // Optional: a platform that can hand files to the person sets these. The backup is a download of
    // ExportBackup(); the restore lets the person pick a file and hands its bytes to RestoreBackup().
    std::function<void()> download_backup;
    std::function<void()> choose_backup_to_restore;
    std::function<void()> install_app;  // the browser's install prompt, when it offered one
    // Says a status message to screen readers (the page's ARIA live region): saves, errors, sync state.
    std::function<void(const std::string& message)> announce;
};

class App {
public:
    // Opens (and migrates) the database at `database_path`; ":memory:" keeps it in memory.
    static Result<std::unique_ptr<App>> Create(AppServices services, const std::string& database_path);
    // Runs on an open (and migrated) database, for example one the platform loaded from device storage.
    static std::unique_ptr<App> Create(AppServices services, Database database);

    // Draws one frame of views and applies their commands. `now_seconds` is a monotonic clock.
    void Frame(double now_seconds);
    // True while the next frame would differ without any input (data changed, an animation or a toast
    // counting down), so the platform keeps drawing; false lets an idle tab draw nothing.
    bool WantsAnotherFrame(double now_seconds) const;

    // What a launch asked for (the manifest's shortcuts): action "new-opportunity" opens the New opportunity
    // form; screen "settings" or "opportunities" shows that screen. Unknown names are ignored.
    void OpenOnLaunch(const std::string& action, const std::string& screen);

    // The device's own light or dark setting (the platform reads prefers-color-scheme); shown while the
    // rep's choice is "like the system".
    void SetTheme(ui::ThemeMode mode);
    ui::ThemeMode theme() const { return theme_; }

    // The test hook's query(sql): a read-only statement on the local database.
    Result<std::vector<SqlRow>> QueryReadOnly(const std::string& sql) { return database_.QueryReadOnly(sql); }
    // Test and benchmark hooks: statements that change data as one commit, outside the commands (for storage
    // tests), and the seeded demo organisation with `opportunity_count` deals, refused unless the database
    // holds no opportunities (the demo replaces all local data).
    Status ExecuteForTest(const std::string& sql);
    Status LoadDemo(int64_t opportunity_count);
    // Settings' "Load demo data": the same demo, replacing whatever the device holds (asked first in the UI).
    Status ReplaceWithDemo(int64_t opportunity_count);

    // What the platform says about saving to this device; shown in the sidebar and in Settings.
    void SetDeviceStorage(const ui::DeviceStorageModel& storage);
    const ui::DeviceStorageModel& device_storage() const { return storage_; }
    // The connection and the install offer, as the platform sees them.
    void SetShell(const ui::ShellModel& shell);
    const ui::ShellModel& shell() const { return shell_; }

    // The database as a SQLite file, and replacing everything with such a file (checked first; a wrong
    // file changes nothing and the error says why). The platform reloads after a successful restore.
    Result<std::vector<uint8_t>> ExportBackup();
    Status RestoreBackup(std::span<const uint8_t> file);
    // A message for the person, shown as a toast (the platform's own outcomes, e.g. a refused backup).
    void ShowMessage(const std::string& message, bool is_error);

    // Sync: the platform sets the transport and reports persistence; SyncTick runs from the frame loop and
    // the platform's timers. True when a frame should be drawn.
    SyncController& sync() { return *sync_; }
    bool SyncTick();

private:
    App(AppServices services, Database database);
    void OpenNewOpportunityForm();
    void SaveNewOpportunity(const OpportunityDraft& draft, double now_seconds);
    // Carries out the board's and Today's requests; a refused one keeps its dialog open with the errors.
    void ApplyWorkspaceCommands(const ui::UiCommands& commands, double now_seconds);
    // The deal detail's requests (app_deal_commands.cpp).
    // The leads inbox's commands (app_lead_commands.cpp).
    // New toasts and changes of the sync state, for screen readers.
    void Announce(const ui::SyncModel& sync);
    void ApplyLeadCommands(const ui::LeadCommands& commands, double now_seconds);
    // The Settings editors' commands (app_configuration_commands.cpp).
    void ApplyConfigurationCommands(const ui::ConfigurationCommands& commands, double now_seconds);
    void ApplyDealCommands(const ui::UiCommands& commands, double now_seconds);
    // The deal detail's contacts: add, role, primary, remove with Undo (app_contact_commands.cpp).
    void ApplyContactCommands(const ui::UiCommands& commands, double now_seconds);
    std::string ContactName(const std::string& opportunity_id, const std::string& contact_id);  // as the detail shows it
    void OpenDeal(const std::string& opportunity_id);
    // The list's selection, bulk edits and the toast's Undo (app_list_commands.cpp).
    void ApplyListCommands(const ui::UiCommands& commands, double now_seconds);
    // Runs a command that the toast then offers to undo: the change-log positions around it bound exactly
    // what Undo puts back. Returns the command's status; on success the toast says `message` with Undo.
    Status RunUndoable(const std::function<Status()>& command, const std::string& message, double now_seconds);
    void Changed();  // after every committed change: views read the data again
    ViewClock Clock();
    WriteContext NewWriteContext();
    CalendarDate Today();

    AppServices services_;
    Database database_;
    OpportunityStore opportunities_;
    Workspace workspace_;
    UuidV7Generator ids_;
    HybridLogicalClock clock_;  // stamps every change for sync; continues from the newest stamp after a restart
    std::unique_ptr<SyncController> sync_;
    std::string remote_clock_seen_;
    bool sync_needs_frame_ = false;
    void ApplyThemeChoice();
    ui::ThemeMode theme_ = ui::ThemeMode::Light;         // the theme on screen
    ui::ThemeMode system_theme_ = ui::ThemeMode::Light;  // the device's
    ui::ThemeChoice theme_choice_ = ui::ThemeChoice::System;
    int demo_load_countdown_ = 0;  // frames until the confirmed demo load runs (its "Loading" toast shows first)
    ui::ScreenState screen_;
    // What the screen state looked like before a frame's views and commands ran (the parts the views read
    // before drawing: the screen, the list's query and selection, which dialogs are open); a difference
    // asks for a frame.
    struct ScreenFingerprint {
        ui::Screen screen;
        std::string deal_id;
        std::string search_text;
        std::string contact_search;  // the Add contact dialog's: its choices follow in the next frame
        std::string text;
        ui::ListStatusFilter status;
        ui::ListColumn sort;
        bool descending;
        size_t selected;
        int64_t anchor_index;
        std::vector<bool> dialogs_open;
        friend bool operator==(const ScreenFingerprint&, const ScreenFingerprint&) = default;
    };
    static ScreenFingerprint FingerprintOf(const ui::ScreenState& state);
    bool redraw_ = false;
    double announced_toast_at_ = -1;  // the toast the live region last said
    ui::SyncChipState announced_chip_ = ui::SyncChipState::LocalOnly;
    std::optional<UndoRange> undo_;  // what the toast's Undo puts back, while the toast offers it
    // A contact taken off a deal: the toast's Undo links it back (the change-log undo covers deal fields only).
    std::optional<ui::ContactRemoval> undo_removal_;
    std::string last_currency_ = "EUR";
    ui::DeviceStorageModel storage_;
    ui::ShellModel shell_;
    double last_frame_seconds_ = 0;
    uint64_t data_version_ = 0;        // counts committed changes; the board and Today re-read when it moves
    uint64_t drawn_data_version_ = 0;  // the data version the last frame showed
};

}  // namespace roadbook
