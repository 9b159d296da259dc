// What the leads inbox draws (status filters, the list, the chosen lead with its checklist, what converting
// it would link or create) and its UI state: the filter, the chosen lead and the dialogs (new lead,
// disqualify, convert). Plain data, no Dear ImGui.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ui/board_models.h"

namespace roadbook::ui {

struct LeadRowModel {
    std::string id;
    std::string name;
    std::string company;
    std::string status;        // stable name: "new", "working", ...
    std::string status_label;  // "New", "Working", ...
    std::string detail;        // "Trade fair · 2 of 4 checked"
};

struct LeadCheckModel {
    std::string item;   // "budget", "authority", "need", "timing"
    std::string label;  // "Budget"
    bool checked = false;
};

struct LeadDetailModel {
    std::string id;
    std::string name;
    std::string company;
    std::string contact_line;  // "ana@example.com · +34 600 000 000"
    std::string source;
    std::string status;        // stable name
    std::string status_label;
    std::string disqualify_reason;
    std::string converted_opportunity_id;
    std::vector<LeadCheckModel> checklist;
    bool can_work = false;        // new: "Start working"
    bool can_qualify = false;     // new or working, every item checked
    bool can_disqualify = false;  // not converted, not disqualified
    bool can_reopen = false;      // disqualified: back to working
    bool can_convert = false;     // working or qualified
    // What converting would do, read before anything is written.
    std::string account_text;  // "Creates the account Acme" / "Links the account Acme"
    std::string contact_text;  // "Links the contact Ana Ruiz (same email)"
    std::string default_deal_name;
};

struct LeadsModel {
    std::vector<ChoiceModel> filters;  // id: "active", "new", ...; label with its count
    std::vector<LeadRowModel> rows;
    int64_t active_count = 0;               // new, working and qualified
    std::optional<LeadDetailModel> detail;  // the chosen lead
    std::vector<ChoiceModel> pipelines;
    std::string reporting_currency;
    std::string default_close_date;  // a month from today, for the conversion form
    std::string load_error;
};

struct NewLeadDialogState {
    bool open = false;
    std::string name, company, email, phone, source;
    std::vector<ValidationError> errors;
};

struct DisqualifyDialogState {
    bool open = false;
    std::string reason;
    std::vector<ValidationError> errors;
};

struct ConvertDialogState {
    bool open = false;
    std::string lead_id;  // the lead the fields were filled for
    std::string deal_name, amount, currency, close_date, pipeline_id;
    std::vector<ValidationError> errors;
};

struct LeadsState {
    std::string filter = "active";
    std::string selected_id;
    NewLeadDialogState new_lead;
    DisqualifyDialogState disqualify;
    ConvertDialogState convert;
};

struct LeadCheckChange {
    std::string lead_id;
    std::string item;
    bool checked = false;
};

struct LeadStatusChange {
    std::string lead_id;
    std::string status;  // "working", "qualified"
};

struct LeadCommands {
    bool create = false;  // from the new-lead dialog's fields
    std::optional<LeadCheckChange> check;
    std::optional<LeadStatusChange> move;
    bool disqualify = false;  // the chosen lead, with the dialog's reason
    bool convert = false;     // the chosen lead, with the dialog's fields
};

}  // namespace roadbook::ui
