// What the deal list draws (a window of rows out of every matching deal, totals, bulk-action choices) and
// its UI state: filters, sort, what is on screen, the selection and the bulk lost dialog. Plain data.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "ui/board_models.h"

namespace roadbook::ui {

// Columns of the table; the sortable ones sort in the store (SQL), so a sort costs one page.
enum class ListColumn { Name, Account, Stage, Owner, Amount, CloseDate, NextActivity };
enum class ListStatusFilter { Open, Won, Lost, Postponed, Archived, All };

struct DealRowModel {
    std::string id;
    std::string name;
    std::string account_name;
    std::string stage_name;
    std::string owner_name;
    std::string amount_text;      // in the deal's own currency
    std::string close_date_text;  // "31 Mar 2027"
    bool close_date_passed = false;
    ActivityDue next_activity = ActivityDue::None;
    std::string next_activity_text;
    std::string status_text;  // "Won", "Lost", ... for deals that are not open; empty when open
};

struct DealListModel {
    int64_t total_count = 0;  // every deal the filters match
    int64_t first_index = 0;  // the position of rows[0] among them
    std::vector<DealRowModel> rows;  // a window around what is on screen, not every deal
    std::vector<std::string> open_totals;  // one per currency: "€12,500.00"; never summed across currencies
    std::vector<ChoiceModel> stages;        // open stages for the bulk stage change, "Pipeline · Stage"
    std::vector<ChoiceModel> owners;
    std::vector<ChoiceModel> lost_reasons;
    std::string load_error;

    // The row at `index` of the whole list, or nullptr while it is outside the loaded window.
    const DealRowModel* Row(int64_t index) const {
        if (index < first_index || index >= first_index + int64_t(rows.size())) return nullptr;
        return &rows[size_t(index - first_index)];
    }
};

// The bulk "mark as lost" question: a reason from the admin's list for every selected deal.
struct BulkLostDialogState {
    bool open = false;
    std::vector<std::string> opportunity_ids;
    std::string reason_id;
    std::string note;
    std::vector<ValidationError> errors;
};

struct ListState {
    std::string text;  // every word prefix-matches the deal, its needs or its account
    ListStatusFilter status = ListStatusFilter::Open;
    ListColumn sort = ListColumn::CloseDate;  // what needs attention first: the nearest close dates
    bool descending = false;
    // Rows on screen in the last frame (the view writes them); the window of loaded rows follows them.
    int64_t visible_first = 0;
    int64_t visible_last = 0;
    bool missing_rows = false;  // the last frame showed rows outside the loaded window: draw again
    std::set<std::string> selected;  // opportunity ids
    int64_t anchor_index = -1;       // where a Shift+click range starts
    BulkLostDialogState lost;
};

// A click on a row: on its own (select only it), with Ctrl/Cmd (toggle it) or with Shift (the range from
// the anchor).
enum class SelectionKind { Only, Toggle, Range };

struct ListSelection {
    SelectionKind kind = SelectionKind::Only;
    int64_t index = 0;
    std::string id;
};

struct BulkLostAnswer {
    std::vector<std::string> opportunity_ids;
    std::string reason_id;
    std::string note;
};

}  // namespace roadbook::ui
