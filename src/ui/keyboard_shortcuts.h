// Desktop keyboard shortcuts, active when no text field has the keyboard and no dialog is open: "/" or
// Ctrl+K (Cmd+K) searches, N starts a new opportunity, L logs an activity on the open deal, 1 to 6 go to
// Today, Pipeline, Opportunities, Leads, Forecast and Settings, and Escape leaves a deal for where it was
// opened from. Tab, Shift+Tab, the arrows, Space and Enter move and press through Dear ImGui's navigation.
#pragma once

#include <string>
#include <vector>

#include "ui/view_models.h"

namespace roadbook::ui {

struct ShortcutHelp {
    std::string keys;
    std::string action;
};

void HandleKeyboardShortcuts(ScreenState& state, UiCommands& commands, bool phone);
// What the shortcuts are, for the list in Settings and for tooltips.
const std::vector<ShortcutHelp>& KeyboardShortcutHelp();

}  // namespace roadbook::ui
