// Global search: a box over the screen (full screen on phones) with results as you type across deals,
// accounts and contacts; arrows move the highlight, Enter opens, Escape closes. Opened with "/" or Ctrl+K
// (Cmd+K) on desktop (keyboard_shortcuts.h) and the search button (action.search) anywhere. Tags:
// dialog.search, search.input, search.result.<entity>.<id> (label: the title), search.empty, search.close.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawSearch(const SearchModel& model, SearchState& state, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
