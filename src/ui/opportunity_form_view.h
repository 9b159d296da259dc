// The "New opportunity" dialog: name, account, amount with currency, expected close date, with inline
// validation messages from the core.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// Draws the dialog while state.open; Save emits commands.save_new_opportunity with the draft.
// `compact` lays it out full-screen for phones.
void DrawOpportunityForm(OpportunityFormState& state, UiCommands& commands, bool compact);

}  // namespace roadbook::ui
