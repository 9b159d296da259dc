// What the views draw and what they ask for. Views are functions of (view model, UI state) that emit
// commands; they never touch the store (the layers are in docs/ARCHITECTURE.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/opportunity.h"
#include "core/result.h"
#include "ui/board_models.h"
#include "ui/configuration_models.h"
#include "ui/sync_models.h"
#include "ui/deal_models.h"
#include "ui/forecast_models.h"
#include "ui/lead_models.h"
#include "ui/list_models.h"
#include "ui/search_models.h"
#include "ui/today_models.h"

namespace roadbook::ui {

enum class ToastKind { Success, Error };

struct Toast {
    std::string message;
    ToastKind kind = ToastKind::Success;
    double shown_at_seconds = 0;
    bool offers_undo = false;  // an "Undo" button, for a few seconds longer than a plain message
};

// The New opportunity form: the draft as typed, and what validation said about it.
struct OpportunityFormState {
    bool open = false;
    bool focus_first_field = false;
    OpportunityDraft draft;
    std::vector<ValidationError> errors;
    std::string currency_filter;  // typed into the currency picker
};

// Whether this device holds every commit (the platform's save to durable storage) and how much room it has.
enum class SaveState { Saved, Saving, NotSaved, MemoryOnly };
enum class StoragePersistence { Unknown, BestEffort, Persistent };

struct DeviceStorageModel {
    SaveState save_state = SaveState::Saved;
    std::string failure;  // why the last save failed (NotSaved) or why nothing is stored (MemoryOnly)
    StoragePersistence persistence = StoragePersistence::Unknown;
    int64_t usage_bytes = 0;  // the browser's estimate for this site; 0 when unknown
    int64_t quota_bytes = 0;
    bool can_back_up = false;  // the platform can download a backup and open one to restore
    int64_t last_backup_unix_ms = 0;  // 0: never downloaded a backup on this device
};

// The installed-app side: the connection as real requests see it, and whether the app can be installed.
enum class Connection { Unknown, Offline, Online };
enum class InstallOffer { None, Prompt, IosHint };  // IosHint: Safari's Share, Add to Home Screen

struct ShellModel {
    Connection connection = Connection::Unknown;
    InstallOffer install = InstallOffer::None;
};

// The theme the rep chose; System follows the device's light or dark setting.
enum class ThemeChoice { System, Light, Dark };

// The screens the navigation reaches, in navigation order, then a deal's detail (opened from them).
enum class Screen { Today, Board, Opportunities, Leads, Forecast, Settings, Deal };

struct ScreenState {
    Screen screen = Screen::Opportunities;
    OpportunityFormState form;
    BoardState board;
    ListState list;
    LeadsState leads;
    DealState deal;
    Screen deal_back = Screen::Opportunities;  // where the deal detail's Back returns
    SearchState search;
    NextStepPromptState next_step;
    std::optional<Toast> toast;
    bool confirm_restore = false;  // the "replace everything with a backup?" question is showing
    SyncFormState sync_form;
    ConfigurationState configuration;
    bool confirm_load_demo = false;  // the "replace everything with the demo data?" question is showing
};

// Requests from one frame of views, carried out by the app after the frame is built.
struct UiCommands {
    bool open_new_opportunity = false;
    std::optional<OpportunityDraft> save_new_opportunity;
    bool toggle_theme = false;
    std::optional<Screen> show_screen;
    bool download_backup = false;
    bool restore_backup = false;  // confirmed: choose the file
    bool install_app = false;
    std::optional<StageMove> move_stage;
    std::optional<std::string> mark_won;  // an opportunity id, confirmed
    std::optional<LostAnswer> mark_lost;
    std::optional<std::string> open_next_step;  // an activity id: complete it, asking for the next step
    std::optional<NextStepAnswer> complete_activity;
    bool wake_postponed = false;  // bring the postponed deals whose date has come back into the pipeline
    SyncCommands sync;
    std::optional<ListSelection> select_row;
    bool toggle_select_all = false;  // select every listed deal, or clear when all are selected
    bool clear_selection = false;
    std::optional<std::string> bulk_stage;  // a stage id, for every selected deal
    std::optional<std::string> bulk_owner;  // a user id
    std::optional<BulkLostAnswer> bulk_lost;
    bool undo = false;                 // the toast's Undo
    std::optional<std::string> open_deal;  // an opportunity id: show its detail
    bool close_deal = false;               // the detail's Back
    std::optional<DealSave> save_deal;
    std::optional<ProbabilityChange> set_probability;
    std::optional<ForecastChange> set_forecast;
    std::optional<DealOutcomeRequest> deal_outcome;
    std::optional<PostponeAnswer> postpone;
    std::optional<LostAnswer> deal_lost;
    bool log_next = false;  // the log dialog's Next: on to the next-step prompt
    std::optional<ContactAddition> add_contact;
    std::optional<ContactRoleChange> change_contact_role;
    std::optional<DealContact> make_primary_contact;
    std::optional<DealContact> remove_contact;
    bool open_search = false;
    std::optional<ThemeChoice> set_theme;
    bool load_demo = false;  // confirmed: replace everything with the 10k-deal demo
    std::optional<SearchChoice> search_choice;
    std::optional<ForecastRedate> redate;  // a deal dropped on another month of the forecast
    LeadCommands leads;
    ConfigurationCommands configuration;
};

}  // namespace roadbook::ui
