// The App's handling of what the board and Today ask for: stage moves and outcomes (offered for undo),
// completing an activity through the next-step prompt, waking postponed deals. Successes confirm with a toast; refusals
// keep the dialog open with the store's errors under their fields.
#include "app/app.h"

namespace roadbook {
namespace {

std::string FirstMessage(const Status& status) { return status ? std::string() : status.first_error().message; }

}  // namespace

void App::ApplyWorkspaceCommands(const ui::UiCommands& commands, double now_seconds) {
    const auto toast = [&](std::string message, ui::ToastKind kind = ui::ToastKind::Success) {
        screen_.toast = ui::Toast{std::move(message), kind, now_seconds};
    };
    // Stage moves and outcomes are offered for undo in their toast.
    if (commands.move_stage) {
        auto moved = RunUndoable([&] { return workspace_.MoveStage(*commands.move_stage); },
                                 "Moved to " + commands.move_stage->stage_name, now_seconds);
        if (!moved) toast(FirstMessage(moved), ui::ToastKind::Error);
    }
    if (commands.redate) {
        auto moved = RunUndoable([&] { return workspace_.Redate(*commands.redate); },
                                 commands.redate->deal_name + " now closes in " + commands.redate->month_title, now_seconds);
        if (!moved) toast(FirstMessage(moved), ui::ToastKind::Error);
    }
    if (commands.mark_won) {
        ui::WonDialogState& dialog = screen_.board.won;
        auto won = RunUndoable([&] { return workspace_.MarkWon(*commands.mark_won); }, dialog.opportunity_name + " won",
                               now_seconds);
        if (won) dialog = ui::WonDialogState{}; else dialog.errors = won.errors();
    }
    if (commands.mark_lost) {
        ui::LostDialogState& dialog = screen_.board.lost;
        auto lost = RunUndoable([&] { return workspace_.MarkLost(*commands.mark_lost); },
                                dialog.opportunity_name + " marked lost", now_seconds);
        if (lost) dialog = ui::LostDialogState{}; else dialog.errors = lost.errors();
    }
    if (commands.open_next_step) {
        auto prompt = workspace_.PromptForCompletion(*commands.open_next_step);
        if (prompt) {
            screen_.next_step = std::move(prompt).value();
        } else {
            toast(prompt.first_error().message, ui::ToastKind::Error);
        }
    }
    if (commands.complete_activity && !commands.complete_activity->log_opportunity_id.empty()) {
        // The prompt followed logging an interaction on the deal detail: log it with its next step.
        auto logged = workspace_.LogInteraction(*commands.complete_activity);
        if (logged) {
            Changed();
            const bool scheduled = commands.complete_activity->has_deal && commands.complete_activity->schedule;
            toast(scheduled ? "Logged; next step scheduled" : "Logged");
            screen_.next_step = ui::NextStepPromptState{};
        } else {
            screen_.next_step.errors = logged.errors();
        }
    } else if (commands.complete_activity) {
        auto completed = workspace_.CompleteActivity(*commands.complete_activity);
        if (completed) {
            Changed();
            const bool scheduled = commands.complete_activity->has_deal && commands.complete_activity->schedule;
            toast(scheduled ? "Done; next step scheduled" : "Done");
            screen_.next_step = ui::NextStepPromptState{};
        } else {
            screen_.next_step.errors = completed.errors();
        }
    }
    if (commands.wake_postponed) {
        auto woken = workspace_.WakePostponed();
        if (woken) {
            Changed();
            toast(std::to_string(woken.value()) + (woken.value() == 1 ? " deal is" : " deals are") +
                  " back in the pipeline");
        } else {
            toast(woken.first_error().message, ui::ToastKind::Error);
        }
    }
}

}  // namespace roadbook
