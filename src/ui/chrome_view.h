// The app's frame around the screens: the side navigation (wide screens), the bottom navigation (phones)
// and each screen's header. Tags: nav.today, nav.board, nav.list, nav.settings, action.new-opportunity,
// action.toggle-theme.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

inline constexpr float kSidebarWidth = 232.0f;
inline constexpr float kBottomNavigationHeight = 64.0f;

void DrawSidebar(const ScreenState& state, const DeviceStorageModel& storage, const ShellModel& shell, const SyncModel* sync,
                 UiCommands& commands, const char* version);
// A window fixed to the bottom of the display, one equal-width button per screen.
void DrawBottomNavigation(const ScreenState& state, UiCommands& commands);

// A screen's title and one line under it; on the right the New opportunity button (wide screens) or the
// theme switch (phones, which have no sidebar to hold it).
void DrawScreenHeader(const char* title, const std::string& subtitle, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
