// What this device holds: the save indicator ("Saved on this device", "Saving...", "Not saved on this
// device: <reason>, retrying") and the Settings screen's device section (persistence, usage, backup).
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// One line with an icon, tagged "storage.status"; the label carries the whole sentence.
void DrawSaveStatus(const DeviceStorageModel& storage);

// The Settings screen: this device's storage and backups. Tags: settings.storage-persistence,
// settings.storage-usage, settings.download-backup, settings.restore-backup, settings.restore-confirm,
// settings.restore-cancel.
void DrawSettingsScreen(const DeviceStorageModel& storage, ScreenState& state, UiCommands& commands, bool phone);

// "12.4 MB", "980 kB", "2.1 GB": sizes as people read them.
std::string FormatBytes(int64_t bytes);

}  // namespace roadbook::ui
