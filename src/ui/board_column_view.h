// One column of the board (header with count and totals, then its cards, only the visible ones drawn)
// and the drag-and-drop payload its cards carry.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/card_drag_drop.h"
#include "ui/view_models.h"

namespace roadbook::ui {

inline constexpr const char* kCardPayload = "roadbook.card";

// What a dragged card carries: ids are UUID text, well under the sizes.
struct CardPayload {
    char opportunity_id[64] = {};
    char stage_id[64] = {};
};

inline constexpr float kCollapsedColumnWidth = 56.0f;

// Draws the column in a child window of `size` at the cursor (collapsed: a narrow strip with the count
// and the name written upwards). Returns the column's rectangle on screen, for the drop target.
ImRect DrawBoardColumn(const BoardColumnModel& column, BoardState& state, ImVec2 size);

}  // namespace roadbook::ui
