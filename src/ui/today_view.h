// The Today screen: overdue and due activities with one-tap complete, deals needing attention with their
// reasons, and postponed deals whose date has come.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawTodayScreen(const TodayModel& model, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
