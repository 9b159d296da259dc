// What the deal detail draws (fields, stage path, probability, forecast category, contacts, activity
// timeline, field history) and its UI state: the edit draft with its validation errors and the dialogs
// it opens (log activity, lost, postpone). Plain data, no Dear ImGui.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "ui/board_models.h"

namespace roadbook::ui {

struct StageStepModel {
    std::string id;
    std::string name;
    bool current = false;
    bool passed = false;  // before the current stage in the pipeline's order
};

struct ContactRoleModel {
    std::string id;
    std::string name;
    std::string role;    // "Decision maker"; empty when none was given
    std::string detail;  // job title, email or phone
    bool primary = false;
};

struct TimelineItemModel {
    std::string id;
    std::string kind;  // "call", "meeting", "task", "email", "note": picks the icon
    std::string subject;
    std::string detail;     // outcome and notes
    std::string when_text;  // "Done 12 Jun 2026", "Due 20 Jun 2026"
    bool done = false;
    bool overdue = false;
};

struct HistoryItemModel {
    std::string field;        // "Stage", "Amount", ...
    std::string change_text;  // "Qualification → Proposal"
    std::string when_text;    // "12 Jun 2026 14:05 · local"
};

// The fields as the rep edits them: text, parsed and checked by the store's rules on save.
struct DealDraft {
    std::string name;
    std::string amount;    // "12,500.00"
    std::string currency;  // ISO 4217
    std::string close_date;  // YYYY-MM-DD
    std::string owner_id;
    std::string priority;  // "0".."3"
    std::string source;
    std::string tags;  // comma separated
    std::string needs;
    friend bool operator==(const DealDraft&, const DealDraft&) = default;
};

struct DealDetailModel {
    std::string id;
    std::string name;
    std::string account_id;  // empty when none; a contact created from the detail joins it
    std::string account_name;
    std::string pipeline_name;
    bool open = true;
    std::string status_text;   // "Open", "Won on 12 Jun 2026", "Lost: Price", "Postponed until ..."
    std::vector<StageStepModel> stages;  // the pipeline's open stages in order
    DealDraft saved;           // the stored values, as the draft starts
    int32_t probability = 0;   // effective
    bool probability_overridden = false;
    int32_t stage_probability = 0;
    std::string forecast_category;  // stable name of the effective category
    std::string forecast_label;
    bool forecast_overridden = false;
    std::vector<ChoiceModel> forecast_categories;  // the categories a rep may pick for this deal
    std::vector<ChoiceModel> owners;
    std::vector<ChoiceModel> lost_reasons;
    std::vector<ChoiceModel> quick_due_dates;  // for the next-step prompt after logging
    std::string next_activity_text;
    std::vector<ContactRoleModel> contacts;
    std::vector<TimelineItemModel> timeline;  // scheduled first (soonest first), then done (newest first)
    std::vector<HistoryItemModel> history;    // newest first
    std::string load_error;
};

// Log a call, meeting, email or note that happened; the next-step prompt follows.
struct LogDialogState {
    bool open = false;
    bool focus_first_field = false;
    std::string kind = "call";
    std::string subject;
    std::string outcome;
    std::string notes;
    std::vector<ValidationError> errors;
};

struct PostponeDialogState {
    bool open = false;
    std::string until;  // YYYY-MM-DD
    std::string reason;
    std::vector<ValidationError> errors;
};

// The roles offered as one tap; any other text (at most the store's role length) is as good.
struct RoleSuggestion {
    const char* slug;  // the stable part of its tag
    const char* label;
};
inline constexpr RoleSuggestion kRoleSuggestions[] = {
    {"decision-maker", "Decision maker"}, {"champion", "Champion"}, {"economic-buyer", "Economic buyer"},
    {"influencer", "Influencer"}, {"technical-buyer", "Technical buyer"}, {"user", "User"},
};

// One match in the Add contact dialog: a contact of the deal's account (before anything is typed) or of
// the search; already on the deal ones are shown but cannot be chosen.
struct ContactChoiceModel {
    std::string id;
    std::string name;
    std::string detail;  // job title, account, email
    bool linked = false;
};

struct ContactPickerModel {
    std::string text;  // the search these choices are for
    std::vector<ContactChoiceModel> choices;
    bool from_account = false;  // nothing typed: the account's people
    std::string error;
};

// Add a contact to the deal: pick one (search as you type) or create one, and give the role.
struct AddContactDialogState {
    bool open = false;
    bool focus_first_field = false;
    std::string search;
    int highlighted = 0;       // the choice the arrow keys and Enter pick
    bool focus_role = false;   // a contact picked with Enter: typing goes on in the role
    std::string contact_id;    // the chosen contact; empty while none is chosen
    std::string contact_name;
    bool create_new = false;   // the new-contact fields replace the search
    std::string name, email, phone, job_title;
    std::string role;
    std::vector<ValidationError> errors;
};

// The contacts section's inline role fields: each linked contact's role as typed, what it started from
// (an untouched field follows new data), and the last refusal with whose row shows it.
struct ContactRolesState {
    std::map<std::string, std::string> typed;
    std::map<std::string, std::string> base;
    std::string error_contact_id;
    std::vector<ValidationError> errors;
};

struct DealState {
    std::string opportunity_id;  // the deal on show
    std::string draft_for;       // the deal `draft` was filled from; another id refills it
    DealDraft draft;
    DealDraft base;              // the stored values the draft started from: untouched drafts follow new data
    std::vector<ValidationError> errors;  // of the last save, under their fields
    std::string probability;  // as typed for an override
    LogDialogState log;
    LostDialogState lost;
    PostponeDialogState postpone;
    bool confirm_won = false;
    AddContactDialogState add_contact;
    ContactRolesState roles;
};

// What the Add contact dialog asks for: link `contact_id`, or (create_new) create the contact from the
// fields, in the deal's account, and link it.
struct ContactAddition {
    std::string opportunity_id;
    std::string contact_id;
    bool create_new = false;
    std::string name, email, phone, job_title;
    std::string role;
};

struct ContactRoleChange {
    std::string opportunity_id;
    std::string contact_id;
    std::string role;
};

// A contact of a deal: make primary, remove.
struct DealContact {
    std::string opportunity_id;
    std::string contact_id;
};

// What removing a contact took away, so the toast's Undo can put it back as it was.
struct ContactRemoval {
    std::string opportunity_id;
    std::string contact_id;
    std::string contact_name;
    std::string role;
    bool was_primary = false;
};

struct DealSave {
    std::string opportunity_id;
    DealDraft draft;
};

enum class DealOutcome { Won, Archive, Reopen };

struct DealOutcomeRequest {
    std::string opportunity_id;
    DealOutcome outcome = DealOutcome::Won;
};

struct PostponeAnswer {
    std::string opportunity_id;
    std::string until;
    std::string reason;
};

struct ProbabilityChange {
    std::string opportunity_id;
    std::string probability;  // as typed; empty resets to the stage's
};

struct ForecastChange {
    std::string opportunity_id;
    std::string category;  // stable name; empty follows the stage again
};

}  // namespace roadbook::ui
