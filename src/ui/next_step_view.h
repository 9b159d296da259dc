// The prompt that completing an activity opens: what came of it, then the next step (an activity with
// kind, subject and due date) or "no next step" with a reason, as the store's rule requires.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawNextStepPrompt(const TodayModel& model, NextStepPromptState& state, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
