// The whole window for one frame: navigation (sidebar on wide screens, bottom bar on phones), the screen
// chosen in it (Today, the pipeline board, the opportunities list or Settings), the New opportunity dialog,
// the board's outcome dialogs, the next-step prompt and the toast.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// Width in CSS pixels below which the phone layout (one column, cards, bottom navigation, floating
// action) is used.
inline constexpr float kPhoneLayoutMaxWidth = 760.0f;

struct ScreenModel {
    const DeviceStorageModel* storage = nullptr;
    const ShellModel* shell = nullptr;
    double now_seconds = 0;  // for the toast's lifetime
    const char* version = "";
    ThemeChoice theme = ThemeChoice::System;
    const BoardModel* board = nullptr;  // set when the board is on show
    const TodayModel* today = nullptr;  // set when Today is on show
    const SyncModel* sync = nullptr;
    const DealListModel* list = nullptr;  // set when the deal list is on show
    const DealDetailModel* deal = nullptr;  // set when a deal's detail is on show
    const RecordSyncModel* deal_sync = nullptr;  // the shown deal's sync state
    const ContactPickerModel* contact_picker = nullptr;  // set while the deal's Add contact dialog is open
    const SearchModel* search = nullptr;    // set while the search is open
    const ForecastModel* forecast = nullptr;  // set when the forecast is on show
    const LeadsModel* leads = nullptr;        // set when the leads inbox is on show
    const ConfigurationModel* configuration = nullptr;  // set when Settings is on show
    bool can_configure = true;  // signed out, or an admin
};

void DrawScreen(const ScreenModel& model, ScreenState& state, UiCommands& commands);

// Whether the screen needs frames without input (an animation or a toast counting down).
bool ScreenIsAnimating(const ScreenState& state, double now_seconds);

}  // namespace roadbook::ui
