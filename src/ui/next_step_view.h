// The prompt that completing an activity (or logging an interaction) opens: what came of it, then the
// next step (an activity with kind, subject and due date) or "no next step" with a reason, as the store's
// rule requires. `quick_due_dates` are offered beside the due date.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawNextStepPrompt(const std::vector<ChoiceModel>& quick_due_dates, NextStepPromptState& state,
                        UiCommands& commands, bool phone);

}  // namespace roadbook::ui
