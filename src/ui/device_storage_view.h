// What this device holds: the save indicator ("Saved on this device", "Saving...", "Not saved on this
// device: <reason>, retrying") and the Settings screen's device section (persistence, usage, backup).
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// One line with an icon, tagged "storage.status"; the label carries the whole sentence.
void DrawSaveStatus(const DeviceStorageModel& storage);
// One line, tagged "connection.status": "Online" or "Offline: everything keeps working on this device".
void DrawConnectionStatus(const ShellModel& shell);

// The Settings screen: this device's storage, backups and installing the app. Tags:
// settings.storage-persistence, settings.storage-usage, settings.storage-warning, settings.download-backup,
// settings.restore-backup, settings.restore-confirm, settings.restore-cancel, action.install, settings.install-hint.
void DrawSettingsScreen(const DeviceStorageModel& storage, const ShellModel& shell, ScreenState& state,
                        UiCommands& commands, bool phone);

// "12.4 MB", "980 kB", "2.1 GB": sizes as people read them.
std::string FormatBytes(int64_t bytes);

}  // namespace roadbook::ui
