// The App's handling of the deal list (selection, bulk stage, owner and lost) and of the toast's Undo.
// Bulk edits and outcomes are offered for undo; the undo is a new recorded change through the store.
#include "app/app.h"

namespace roadbook {
namespace {

std::string DealsText(int64_t count) { return std::to_string(count) + (count == 1 ? " deal" : " deals"); }

// "3 deals moved to Proposal" plus, when some were refused, how many and why the first one was.
std::string BulkMessage(const BulkOutcome& outcome, const std::string& what) {
    std::string message = DealsText(outcome.changed) + " " + what;
    if (outcome.skipped > 0) {
        message += "; " + DealsText(outcome.skipped) + " left as they were (" + outcome.first_refusal + ")";
    }
    return message;
}

std::string LabelOf(const std::vector<ui::ChoiceModel>& choices, const std::string& id) {
    for (const ui::ChoiceModel& choice : choices) {
        if (choice.id == id) return choice.label;
    }
    return id;
}

}  // namespace

Status App::RunUndoable(const std::function<Status()>& command, const std::string& message, double now_seconds) {
    auto before = workspace_.ChangePosition();
    if (!before) return before.errors();
    if (auto done = command(); !done) return done;
    Changed();
    auto after = workspace_.ChangePosition();
    // A command that changed nothing (the deal was already there) has nothing to undo.
    const bool undoable = after && after.value() > before.value();
    if (undoable) undo_ = UndoRange{before.value(), after.value()}; else undo_.reset();
    undo_removal_.reset();
    screen_.toast = ui::Toast{message, ui::ToastKind::Success, now_seconds, undoable};
    return Done{};
}

void App::ApplyListCommands(const ui::UiCommands& commands, double now_seconds) {
    ui::ListState& list = screen_.list;
    const auto error_toast = [&](const std::string& message) {
        screen_.toast = ui::Toast{message, ui::ToastKind::Error, now_seconds};
    };
    if (commands.select_row) {
        const ui::ListSelection& click = *commands.select_row;
        switch (click.kind) {
            case ui::SelectionKind::Only:
                list.selected = {click.id};
                list.anchor_index = click.index;
                break;
            case ui::SelectionKind::Toggle:
                if (!list.selected.erase(click.id)) list.selected.insert(click.id);
                list.anchor_index = click.index;
                break;
            case ui::SelectionKind::Range: {
                // From the anchor to the clicked row, in the list's order, whether or not those rows are loaded.
                auto ids = workspace_.ListIds(list, list.anchor_index < 0 ? click.index : list.anchor_index, click.index);
                if (!ids) {
                    error_toast(ids.first_error().message);
                    break;
                }
                list.selected.insert(ids.value().begin(), ids.value().end());
                if (list.anchor_index < 0) list.anchor_index = click.index;
                break;
            }
        }
    }
    if (commands.toggle_select_all) {
        const ui::DealListModel& model = workspace_.List(list, data_version_);
        if (int64_t(list.selected.size()) >= model.total_count) {
            list.selected.clear();
        } else if (auto ids = workspace_.AllListIds(list); ids) {
            list.selected = std::set<std::string>(ids.value().begin(), ids.value().end());
        } else {
            error_toast(ids.first_error().message);
        }
        list.anchor_index = -1;
    }
    if (commands.clear_selection) {
        list.selected.clear();
        list.anchor_index = -1;
    }
    const std::vector<std::string> selected(list.selected.begin(), list.selected.end());
    // Each bulk edit: one transaction, offered for undo; a failure says why in the toast.
    const auto bulk = [&](const std::function<Result<BulkOutcome>()>& edit, const std::string& what) {
        BulkOutcome outcome;
        auto status = RunUndoable(
            [&]() -> Status {
                auto done = edit();
                if (!done) return done.errors();
                outcome = done.value();
                return Done{};
            },
            "", now_seconds);
        if (status) {
            screen_.toast->message = BulkMessage(outcome, what);
            return std::vector<ValidationError>{};
        }
        return status.errors();
    };
    if (commands.bulk_stage && !selected.empty()) {
        const std::string stage = LabelOf(workspace_.List(list, data_version_).stages, *commands.bulk_stage);
        auto errors = bulk([&] { return workspace_.BulkMoveStage(selected, *commands.bulk_stage); }, "moved to " + stage);
        if (!errors.empty()) error_toast(errors.front().message);
    }
    if (commands.bulk_owner && !selected.empty()) {
        const std::string owner = LabelOf(workspace_.List(list, data_version_).owners, *commands.bulk_owner);
        auto errors = bulk([&] { return workspace_.BulkChangeOwner(selected, *commands.bulk_owner); }, "now owned by " + owner);
        if (!errors.empty()) error_toast(errors.front().message);
    }
    if (commands.bulk_lost) {
        auto errors = bulk([&] { return workspace_.BulkMarkLost(*commands.bulk_lost); }, "marked lost");
        if (errors.empty()) {
            list.lost = ui::BulkLostDialogState{};
        } else {
            list.lost.errors = std::move(errors);  // shown under their fields; the dialog stays open
        }
    }
    if (commands.undo && (undo_ || undo_removal_) && screen_.toast && screen_.toast->offers_undo) {
        Status undone = Done{};
        if (undo_) {
            auto reverted = workspace_.Undo(*undo_);
            if (!reverted) undone = reverted.errors();
        } else {
            undone = workspace_.RestoreContact(*undo_removal_);
        }
        undo_.reset();
        undo_removal_.reset();
        if (undone) {
            Changed();
            screen_.toast = ui::Toast{"Undone", ui::ToastKind::Success, now_seconds};
        } else {
            error_toast(undone.first_error().message);
        }
    }
}

}  // namespace roadbook
