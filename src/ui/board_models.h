// What the pipeline board draws (columns, cards, filter choices) and its UI state: the chosen pipeline,
// filters, collapsed columns and the outcome dialogs a drop opens. Plain data, no Dear ImGui.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace roadbook::ui {

// Pipedrive's card icon: red overdue, green today, grey future, yellow when nothing is scheduled.
enum class ActivityDue { None, Overdue, Today, Future };

struct BoardCardModel {
    std::string id;
    std::string name;
    std::string account_name;
    std::string amount_text;      // in the deal's own currency: "€12,500.00"
    std::string close_date_text;  // "31 Mar 2027"
    bool close_date_passed = false;
    std::string owner_name;
    ActivityDue next_activity = ActivityDue::None;
    std::string next_activity_text;  // "Overdue 3 days", "Due today", "In 5 days", "No activity"
    int64_t rot_days = 0;            // days past the stage's limit; 0 when not rotting
};

struct BoardColumnModel {
    std::string stage_id;
    std::string name;
    int32_t probability = 0;
    int64_t deal_count = 0;
    std::string total_text;     // in the reporting currency
    std::string weighted_text;  // the same, weighted by each deal's probability
    std::vector<BoardCardModel> cards;
};

// An entry of a picker: a pipeline, an owner, a team, a lost reason, a quick due date.
struct ChoiceModel {
    std::string id;
    std::string label;
};

struct BoardModel {
    std::vector<ChoiceModel> pipelines;
    std::string pipeline_id;  // the pipeline shown
    std::vector<ChoiceModel> owners;
    std::vector<ChoiceModel> teams;
    std::vector<ChoiceModel> lost_reasons;  // active ones, in the admin's order
    std::vector<BoardColumnModel> columns;  // the open stages in order
    int64_t deal_count = 0;
    std::string total_text;
    std::string weighted_text;
    bool filtered = false;   // a filter is narrowing the cards
    std::string load_error;  // shown instead of the columns when the board could not be read
};

// Asked for by a drop on the Lost target; confirmed with a reason from the admin's list.
struct LostDialogState {
    bool open = false;
    std::string opportunity_id;
    std::string opportunity_name;
    std::string reason_id;
    std::string note;
    std::vector<ValidationError> errors;
};

// Asked for by a drop on the Won target.
struct WonDialogState {
    bool open = false;
    std::string opportunity_id;
    std::string opportunity_name;
    std::string amount_text;
    std::vector<ValidationError> errors;
};

struct BoardState {
    std::string pipeline_id;  // empty: the first pipeline
    std::string owner_id;     // empty: every owner
    std::string team_id;      // empty: every team
    std::string text;         // every word prefix-matches the deal, its needs or its account
    std::set<std::string> collapsed_stage_ids;
    bool touch_scrolling = false;  // a finger moved before holding long enough to drag: it scrolls
    bool touch_scrolls_sideways = false;  // ... along the axis it first moved on
    bool edge_scrolling = false;   // a carried card rests at an edge, which keeps scrolling the board
    LostDialogState lost;
    WonDialogState won;
    std::string opened_card_id;  // a card clicked (not dragged) in this frame: its deal opens
};

struct StageMove {
    std::string opportunity_id;
    std::string stage_id;
    std::string stage_name;  // for the confirmation toast
};

struct LostAnswer {
    std::string opportunity_id;
    std::string reason_id;
    std::string note;
};

}  // namespace roadbook::ui
