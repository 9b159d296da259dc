// The opportunity list: a sortable table on wide screens, cards on phones, and a designed empty state.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawOpportunityTable(const OpportunityListModel& model, UiCommands& commands);
void DrawOpportunityCards(const OpportunityListModel& model);
// Shown instead of the list when there are no opportunities yet.
void DrawEmptyOpportunities(UiCommands& commands);

}  // namespace roadbook::ui
