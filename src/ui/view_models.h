// What the views draw and what they ask for. Views are functions of (view model, UI state) that emit
// commands; they never touch the store (DESIGN.md §2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/opportunity.h"
#include "core/result.h"

namespace roadbook::ui {

struct OpportunityRowModel {
    std::string id;
    std::string name;
    std::string account_name;
    std::string amount_text;      // "€12,500.00"
    std::string close_date_text;  // "31 Mar 2027"
    bool close_date_passed = false;
};

enum class ListOrder { NewestFirst, CloseDate, Amount, Name };

struct OpportunityListModel {
    std::vector<OpportunityRowModel> rows;
    std::vector<std::string> open_totals;  // one entry per currency: "€12,500.00"; never summed across
    std::string load_error;                // shown instead of the list when reading failed
    ListOrder order = ListOrder::CloseDate;  // what needs attention first: the nearest close dates
};

enum class ToastKind { Success, Error };

struct Toast {
    std::string message;
    ToastKind kind = ToastKind::Success;
    double shown_at_seconds = 0;
};

// The New opportunity form: the draft as typed, and what validation said about it.
struct OpportunityFormState {
    bool open = false;
    bool focus_first_field = false;
    OpportunityDraft draft;
    std::vector<ValidationError> errors;
    std::string currency_filter;  // typed into the currency picker
};

struct ScreenState {
    OpportunityFormState form;
    std::optional<Toast> toast;
};

// Requests from one frame of views, carried out by the app after the frame is built.
struct UiCommands {
    bool open_new_opportunity = false;
    std::optional<OpportunityDraft> save_new_opportunity;
    std::optional<ListOrder> change_order;
    bool toggle_theme = false;
};

}  // namespace roadbook::ui
