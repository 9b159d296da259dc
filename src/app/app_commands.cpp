// The App's handling of what the board and Today ask for: stage moves and outcomes, completing an
// activity through the next-step prompt, waking postponed deals. Successes confirm with a toast; refusals
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
    if (commands.move_stage) {
        auto moved = workspace_.MoveStage(*commands.move_stage);
        if (moved) {
            Changed();
            toast("Moved to " + commands.move_stage->stage_name);
        } else {
            toast(FirstMessage(moved), ui::ToastKind::Error);
        }
    }
    if (commands.mark_won) {
        ui::WonDialogState& dialog = screen_.board.won;
        auto won = workspace_.MarkWon(*commands.mark_won);
        if (won) {
            Changed();
            toast(dialog.opportunity_name + " won");
            dialog = ui::WonDialogState{};
        } else {
            dialog.errors = won.errors();
        }
    }
    if (commands.mark_lost) {
        ui::LostDialogState& dialog = screen_.board.lost;
        auto lost = workspace_.MarkLost(*commands.mark_lost);
        if (lost) {
            Changed();
            toast(dialog.opportunity_name + " marked lost");
            dialog = ui::LostDialogState{};
        } else {
            dialog.errors = lost.errors();
        }
    }
    if (commands.open_next_step) {
        auto prompt = workspace_.PromptForCompletion(*commands.open_next_step);
        if (prompt) {
            screen_.next_step = std::move(prompt).value();
        } else {
            toast(prompt.first_error().message, ui::ToastKind::Error);
        }
    }
    if (commands.complete_activity) {
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
