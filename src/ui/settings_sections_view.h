// Settings beyond this device's storage: the theme (light, dark or following the system), loading the
// demo data (replacing everything on the device, after a confirmation), the keyboard shortcuts (desktop)
// and the version. Tags: settings.theme.light, settings.theme.dark, settings.theme.system,
// settings.load-demo, dialog.load-demo, dialog.confirm, dialog.cancel, settings.shortcut.<n>,
// settings.version.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawAppearanceSection(ThemeChoice theme, UiCommands& commands, bool phone);
void DrawDemoSection(ScreenState& state, UiCommands& commands, bool phone);
void DrawShortcutsSection();
void DrawVersion(const char* version);

}  // namespace roadbook::ui
