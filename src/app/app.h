// The application: owns the database and the UI state, builds each frame's views from view models and
// carries out the commands they emit. Knows nothing of the browser: the platform injects the clock and
// randomness and calls Frame() between Dear ImGui's NewFrame() and Render().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

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
};

class App {
public:
    // Opens (and migrates) the database at `database_path`; ":memory:" keeps it in memory.
    static Result<std::unique_ptr<App>> Create(AppServices services, const std::string& database_path);

    // Draws one frame of views and applies their commands. `now_seconds` is a monotonic clock.
    void Frame(double now_seconds);
    // True while the next frame would differ without any input (data changed, an animation or a toast
    // counting down), so the platform keeps drawing; false lets an idle tab draw nothing.
    bool WantsAnotherFrame(double now_seconds) const;

    void SetTheme(ui::ThemeMode mode);
    ui::ThemeMode theme() const { return theme_; }

    // The test hook's query(sql): a read-only statement on the local database.
    Result<std::vector<SqlRow>> QueryReadOnly(const std::string& sql) { return database_.QueryReadOnly(sql); }

    // Increases with every committed change; the persistence layer will compare it with what it saved.
    uint64_t data_version() const { return data_version_; }

private:
    App(AppServices services, Database database);
    void ReloadList();
    void OpenNewOpportunityForm();
    void SaveNewOpportunity(const OpportunityDraft& draft, double now_seconds);
    WriteContext NewWriteContext();
    CalendarDate Today();

    AppServices services_;
    Database database_;
    OpportunityStore opportunities_;
    UuidV7Generator ids_;
    HybridLogicalClock clock_;  // stamps every change for sync; the node id is random per device
    ui::ThemeMode theme_ = ui::ThemeMode::Light;
    ui::ScreenState screen_;
    ui::OpportunityListModel list_;
    bool list_stale_ = true;
    std::string last_currency_ = "EUR";
    uint64_t data_version_ = 0;
};

}  // namespace roadbook
