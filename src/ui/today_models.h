// What the Today screen draws (the agenda, deals needing attention, postponed deals coming back) and the
// next-step prompt that completing an activity opens. Plain data, no Dear ImGui.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "ui/board_models.h"

namespace roadbook::ui {

struct AgendaItemModel {
    std::string activity_id;
    std::string kind;  // "call", "meeting", "task", "email", "note": picks the icon
    std::string subject;
    std::string context_text;  // "Deal name · Account"; empty for an activity on no deal
    std::string due_text;      // "3 days overdue", "Today"
    bool overdue = false;
    std::string opportunity_name;
};

struct AttentionDealModel {
    std::string id;
    std::string name;
    std::string account_name;
    std::string stage_name;
    std::string owner_name;
    std::string amount_text;
    std::vector<std::string> reasons;  // "no next step", "rotting 12 days"; biggest first
    int64_t score = 0;
};

struct WakingDealModel {
    std::string id;
    std::string name;
    std::string account_name;
    std::string stage_name;
    std::string postponed_text;  // "Postponed until 12 Jun 2026: budget freeze"
};

struct TodayModel {
    std::string date_text;  // "Monday 15 June 2026"
    std::vector<AgendaItemModel> overdue;
    std::vector<AgendaItemModel> due_today;
    std::vector<AttentionDealModel> attention;
    int64_t attention_count = 0;  // all deals needing attention, shown or not
    std::vector<WakingDealModel> waking;
    std::vector<ChoiceModel> quick_due_dates;  // id "YYYY-MM-DD", label "Tomorrow"
    std::string load_error;
};

// The prompt after "complete": what came of the activity, then the next step or why there is none.
struct NextStepPromptState {
    bool open = false;
    bool focus_first_field = false;
    std::string activity_id;
    std::string activity_subject;
    std::string opportunity_name;  // empty: the activity is on no deal, so no next step is asked for
    std::string outcome;
    bool schedule = true;  // false: "no next step" with a reason
    std::string kind = "call";
    std::string subject;
    std::string due_date;  // as typed, "YYYY-MM-DD"
    std::string reason;
    std::vector<ValidationError> errors;
    // Set when the prompt follows logging an interaction on this deal (not completing an activity): the
    // interaction is written together with the next step.
    std::string log_opportunity_id;
    std::string log_kind;
    std::string log_subject;
    std::string log_notes;
};

struct NextStepAnswer {
    std::string activity_id;
    std::string outcome;
    bool has_deal = true;
    bool schedule = true;
    std::string kind;
    std::string subject;
    std::string due_date;
    std::string reason;
    std::string log_opportunity_id;  // as in the prompt: logging an interaction rather than completing
    std::string log_kind;
    std::string log_subject;
    std::string log_notes;
};

}  // namespace roadbook::ui
