// The pipeline board: a pipeline picker and filters over columns of deal cards, one column per open stage,
// with Won and Lost drop targets at the end; and the dialogs a drop on them opens.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawBoardScreen(const BoardModel& model, BoardState& state, UiCommands& commands, bool phone);
// "Why was it lost?" and "Mark as won?", opened by drops on the Lost and Won targets.
void DrawOutcomeDialogs(const BoardModel& model, BoardState& state, UiCommands& commands, bool phone);

// Whether the board needs frames without input: a dragged card held at an edge keeps scrolling.
bool BoardIsAnimating(const BoardState& state);

}  // namespace roadbook::ui
