// The deal list screen: filters, the bulk-action bar while deals are selected, and the deals themselves
// (a sortable table on wide screens, cards on phones), virtualised over every matching deal.
// Tags: list.filter, list.status, list.status.<status>, list.select-all, list.sort.<column>,
// list.row.<opportunity id> (label: the name), list.select.<opportunity id>, list.selection,
// list.clear-selection, list.bulk-stage, list.bulk-stage.<stage id>, list.bulk-owner,
// list.bulk-owner.<user id>, list.bulk-lost, list.empty; the bulk lost dialog uses the board's lost tags.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawListScreen(const DealListModel& model, ListState& state, UiCommands& commands, bool phone);
// "Why were they lost?" for the selected deals.
void DrawBulkLostDialog(const DealListModel& model, ListState& state, UiCommands& commands, bool phone);

// The filter row and, while deals are selected, the bulk actions (list_toolbar_view.cpp).
void DrawListFilters(ListState& state, bool phone);
void DrawBulkActions(const DealListModel& model, ListState& state, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
