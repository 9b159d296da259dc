// The deal detail's dialogs. Tags: dialog.log-activity, log.kind.<call|meeting|email|note>, log.subject,
// log.outcome, log.notes, log.cancel, log.next; dialog.postpone, postpone.until, postpone.until.<date>,
// postpone.reason, postpone.cancel, postpone.confirm; dialog.won, won.cancel, won.confirm; and the lost
// dialog's tags (dialog.lost, lost.reason.<id>, lost.note, lost.cancel, lost.confirm).
#include <imgui.h>

#include <string>

#include "ui/deal_detail_view.h"
#include "ui/dialog_frame.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/lost_reason_fields.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

struct LogKind {
    const char* kind;
    const char* label;
};
constexpr LogKind kLogKinds[] = {{"call", "Call"}, {"meeting", "Meeting"}, {"email", "Email"}, {"note", "Note"}};

void DrawLogDialog(const DealDetailModel& model, LogDialogState& log, UiCommands& commands, bool phone) {
    if (!BeginDialog("Log activity###log-activity", "dialog.log-activity", log.open, phone, 520.0f)) return;
    DialogTitle("Log activity", "What happened on " + model.name + "? The next step comes after.");
    const float full = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = (full - 3 * gap) / 4.0f;
    const Palette& palette = CurrentPalette();
    for (size_t index = 0; index < std::size(kLogKinds); ++index) {
        if (index > 0) ImGui::SameLine();
        const bool chosen = log.kind == kLogKinds[index].kind;
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, palette.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, palette.accent_text);
        }
        if (ImGui::Button((std::string(kLogKinds[index].label) + "##log-kind").c_str(), ImVec2(width, phone ? 44.0f : 0.0f))) {
            log.kind = kLogKinds[index].kind;
        }
        if (chosen) ImGui::PopStyleColor(2);
        TagLastItem(std::string("log.kind.") + kLogKinds[index].kind, kLogKinds[index].label);
    }
    FieldErrorMessage(ErrorFor(log.errors, "kind"));
    if (log.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        log.focus_first_field = false;
    }
    LabeledTextField("Subject", "log.subject", log.subject, "e.g. Discovery call with the buyer", log.errors, "subject", full);
    LabeledTextField("Outcome", "log.outcome", log.outcome, "e.g. They want a pilot in March", log.errors, "outcome", full);
    LabeledTextField("Notes (optional)", "log.notes", log.notes, "Anything worth remembering", log.errors, "notes", full);
    const DialogButtons pressed = DialogActions("log.cancel", "Next", "log.next");
    if (pressed.cancel) {
        log = LogDialogState{};
        ImGui::CloseCurrentPopup();
    } else if (pressed.confirm) {
        commands.log_next = true;
    }
    EndDialog();
}

void DrawPostponeDialog(const DealDetailModel& model, PostponeDialogState& dialog, UiCommands& commands, bool phone) {
    if (!BeginDialog("Postpone###postpone", "dialog.postpone", dialog.open, phone)) return;
    DialogTitle("Postpone " + model.name, "It leaves the forecast and wakes into its stage on the date.");
    LabeledTextField("Until", "postpone.until", dialog.until, "YYYY-MM-DD", dialog.errors, "postponed_until", 160,
                     ImGuiInputTextFlags_CharsNoBlank);
    for (const ChoiceModel& date : model.quick_due_dates) {
        SameLineIfFits(ButtonWidth(date.label.c_str()));  // the dialog is narrow: wrap rather than clip
        ImGui::PushID(date.id.c_str());
        if (SecondaryButton(date.label.c_str())) dialog.until = date.id;
        ImGui::PopID();
        TagLastItem("postpone.until." + date.id, date.label);
    }
    LabeledTextField("Why", "postpone.reason", dialog.reason, "e.g. Budget frozen until next quarter", dialog.errors,
                     "postponed_reason", -1);
    FieldErrorMessage(ErrorFor(dialog.errors, "status"));
    FieldErrorMessage(ErrorFor(dialog.errors, ""));
    const DialogButtons pressed = DialogActions("postpone.cancel", "Postpone", "postpone.confirm");
    if (pressed.cancel) {
        dialog = PostponeDialogState{};
        ImGui::CloseCurrentPopup();
    } else if (pressed.confirm) {
        commands.postpone = PostponeAnswer{model.id, dialog.until, dialog.reason};
    }
    EndDialog();
}

void DrawLostDialog(const DealDetailModel& model, LostDialogState& dialog, UiCommands& commands, bool phone) {
    const auto pressed = DrawLostQuestion("Mark as lost###deal-lost", "Why was it lost?",
                                          model.name + " leaves the pipeline; the reason feeds the win-loss report.",
                                          model.lost_reasons, dialog.open, dialog.reason_id, dialog.note, dialog.errors, phone);
    if (!pressed) return;
    if (pressed->cancel) dialog = LostDialogState{};
    if (pressed->confirm) commands.deal_lost = LostAnswer{model.id, dialog.reason_id, dialog.note};
}

void DrawWonDialog(const DealDetailModel& model, bool& open, UiCommands& commands, bool phone) {
    if (!BeginDialog("Mark as won###deal-won", "dialog.won", open, phone)) return;
    DialogTitle("Mark " + model.name + " as won?", model.saved.amount + " " + model.saved.currency +
                                                       " closes today and leaves the open pipeline.");
    const DialogButtons pressed = DialogActions("won.cancel", "Mark as won", "won.confirm");
    if (pressed.cancel) {
        open = false;
        ImGui::CloseCurrentPopup();
    } else if (pressed.confirm) {
        commands.deal_outcome = DealOutcomeRequest{model.id, DealOutcome::Won};
        open = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

}  // namespace

void DrawDealDialogs(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone) {
    if (!model.load_error.empty()) return;
    DrawLogDialog(model, state.log, commands, phone);
    DrawPostponeDialog(model, state.postpone, commands, phone);
    DrawLostDialog(model, state.lost, commands, phone);
    DrawWonDialog(model, state.confirm_won, commands, phone);
}

}  // namespace roadbook::ui
