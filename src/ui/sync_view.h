// Sync on screen: the status chip (sidebar and phone header) and the Settings section with sign-in, the
// pending changes, the conflict inbox and what others changed while this device was away.
// Tags: sync.status, sync.now, sync.server-url, sync.email, sync.password, sync.sign-in, sync.sign-out,
// sync.error, sync.pending, sync.away, conflict.row, conflict.keep-mine, conflict.keep-theirs.
#pragma once

#include "ui/sync_models.h"

namespace roadbook::ui {

// One line with an icon, tagged "sync.status"; the label carries the whole sentence.
void DrawSyncChip(const SyncModel& sync);

void DrawSyncSettings(const SyncModel& sync, SyncFormState& form, SyncCommands& commands, bool phone);

}  // namespace roadbook::ui
