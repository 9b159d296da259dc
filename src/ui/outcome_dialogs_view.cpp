// The dialogs a drop on the board's outcome targets opens. Tags: dialog.lost, lost.reason.<id>, lost.note,
// lost.cancel, lost.confirm; dialog.won, won.cancel, won.confirm.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/board_view.h"
#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/lost_reason_fields.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

void DrawLostDialog(const BoardModel& model, LostDialogState& dialog, UiCommands& commands, bool phone) {
    const auto pressed = DrawLostQuestion("Mark as lost###lost", "Why was it lost?",
                                          dialog.opportunity_name + " leaves the pipeline; the reason feeds the win-loss report.",
                                          model.lost_reasons, dialog.open, dialog.reason_id, dialog.note, dialog.errors, phone);
    if (!pressed) return;
    if (pressed->cancel) dialog = LostDialogState{};
    if (pressed->confirm) commands.mark_lost = LostAnswer{dialog.opportunity_id, dialog.reason_id, dialog.note};
}

void DrawWonDialog(WonDialogState& dialog, UiCommands& commands, bool phone) {
    if (!BeginDialog("Mark as won###won", "dialog.won", dialog.open, phone)) return;
    DialogTitle("Mark " + dialog.opportunity_name + " as won?",
                dialog.amount_text + " closes today and leaves the open pipeline.");
    for (const ValidationError& error : dialog.errors) FieldErrorMessage(&error);
    const DialogButtons pressed = DialogActions("won.cancel", "Mark as won", "won.confirm");
    if (pressed.cancel) {
        dialog = WonDialogState{};
        ImGui::CloseCurrentPopup();
    } else if (pressed.confirm) {
        commands.mark_won = dialog.opportunity_id;
    }
    EndDialog();
}

}  // namespace

void DrawLostReasonFields(const std::vector<ChoiceModel>& reasons, std::string& reason_id, std::string& note,
                          const std::vector<ValidationError>& errors, bool phone) {
    const Palette& palette = CurrentPalette();
    for (const ChoiceModel& reason : reasons) {
        ImGui::PushID(reason.id.c_str());
        const bool chosen = reason_id == reason.id;
        const std::string label = std::string(chosen ? icon::kCheckCircle : icon::kCircleOutline) + "   " + reason.label;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
        if (ImGui::Selectable(label.c_str(), chosen, ImGuiSelectableFlags_None, ImVec2(0, phone ? 44.0f : 32.0f))) {
            reason_id = reason.id;
        }
        if (chosen) ImGui::PopStyleColor();
        TagLastItem("lost.reason." + reason.id, reason.label);
        ImGui::PopID();
    }
    if (reasons.empty()) MutedText("No lost reasons are set up; an admin adds them in the settings.");
    FieldErrorMessage(ErrorFor(errors, "lost_reason_id"));
    ImGui::Dummy(ImVec2(0, 4));
    LabeledTextField("Note (optional)", "lost.note", note, "What would have changed the outcome?", errors, "lost_note", -1);
    FieldErrorMessage(ErrorFor(errors, ""));
}

void DrawOutcomeDialogs(const BoardModel& model, BoardState& state, UiCommands& commands, bool phone) {
    DrawLostDialog(model, state.lost, commands, phone);
    DrawWonDialog(state.won, commands, phone);
}

std::optional<DialogButtons> DrawLostQuestion(const char* window, const std::string& title, const std::string& subtitle,
                                              const std::vector<ChoiceModel>& reasons, bool& open,
                                              std::string& reason_id, std::string& note,
                                              const std::vector<ValidationError>& errors, bool phone) {
    if (!BeginDialog(window, "dialog.lost", open, phone)) return std::nullopt;
    DialogTitle(title, subtitle);
    DrawLostReasonFields(reasons, reason_id, note, errors, phone);
    const DialogButtons pressed = DialogActions("lost.cancel", "Mark as lost", "lost.confirm");
    if (pressed.cancel) ImGui::CloseCurrentPopup();
    EndDialog();
    return pressed;
}

}  // namespace roadbook::ui
