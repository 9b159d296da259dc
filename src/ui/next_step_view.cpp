// The next-step prompt. Tags: dialog.next-step, next-step.outcome, next-step.schedule, next-step.none,
// next-step.kind.<call|meeting|task>, next-step.subject, next-step.due, next-step.due.<YYYY-MM-DD>,
// next-step.reason, next-step.cancel, next-step.save. Errors show under their fields (error.next_step,
// error.next_step.subject, error.next_step.due_date, error.outcome).
#include "ui/next_step_view.h"

#include <imgui.h>

#include <string>

#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

struct KindChoice {
    const char* kind;
    const char* icon;
    const char* label;
};
constexpr KindChoice kKinds[] = {
    {"call", icon::kPhone, "Call"}, {"meeting", icon::kUsers, "Meeting"}, {"task", icon::kCheckSquare, "Task"}};

// One segment of a segmented control: accent-filled when chosen.
bool Segment(const std::string& label, bool chosen, float width, float height) {
    const Palette& palette = CurrentPalette();
    if (chosen) {
        ImGui::PushStyleColor(ImGuiCol_Button, palette.accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette.accent);
        ImGui::PushStyleColor(ImGuiCol_Text, palette.accent_text);
        ImGui::PushStyleColor(ImGuiCol_Border, palette.accent);
    }
    const bool pressed = chosen ? ImGui::Button(label.c_str(), ImVec2(width, height))
                                : SecondaryButton(label.c_str(), ImVec2(width, height));
    if (chosen) ImGui::PopStyleColor(4);
    return pressed;
}

void StrongLabel(const char* text) {
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void DrawSchedule(const std::vector<ChoiceModel>& quick_due_dates, NextStepPromptState& state, bool phone) {
    const float full = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float height = phone ? 44.0f : 0.0f;
    StrongLabel("Kind");
    const float kind_width = (full - 2 * gap) / 3.0f;
    for (size_t index = 0; index < std::size(kKinds); ++index) {
        if (index > 0) ImGui::SameLine();
        const KindChoice& kind = kKinds[index];
        if (Segment(std::string(kind.icon) + "  " + kind.label + "##kind", state.kind == kind.kind, kind_width, height)) {
            state.kind = kind.kind;
        }
        TagLastItem(std::string("next-step.kind.") + kind.kind, kind.label);
    }
    FieldErrorMessage(ErrorFor(state.errors, "next_step.kind"));
    LabeledTextField("Subject", "next-step.subject", state.subject, "What will happen, e.g. Send the revised quote",
                     state.errors, "next_step.subject", full);
    StrongLabel("Due date");
    const ValidationError* due_error = ErrorFor(state.errors, "next_step.due_date");
    ImGui::SetNextItemWidth(phone ? full : 150.0f);
    if (due_error) ImGui::PushStyleColor(ImGuiCol_Border, CurrentPalette().danger);
    StringInput("##next-step-due", "YYYY-MM-DD", state.due_date, ImGuiInputTextFlags_CharsNoBlank);
    if (due_error) ImGui::PopStyleColor();
    TagLastItem("next-step.due");
    // Quick dates beside the field (under it on phones): most next steps are a day to a week out.
    for (size_t index = 0; index < quick_due_dates.size(); ++index) {
        const ChoiceModel& date = quick_due_dates[index];
        if (!phone || index > 0) ImGui::SameLine();
        ImGui::PushID(date.id.c_str());
        if (Segment(date.label, state.due_date == date.id, 0, height)) state.due_date = date.id;
        ImGui::PopID();
        TagLastItem("next-step.due." + date.id, date.label);
    }
    FieldErrorMessage(due_error);
}

}  // namespace

void DrawNextStepPrompt(const std::vector<ChoiceModel>& quick_due_dates, NextStepPromptState& state,
                        UiCommands& commands, bool phone) {
    if (!BeginDialog("Complete###next-step", "dialog.next-step", state.open, phone, 520.0f)) return;
    const bool has_deal = !state.opportunity_name.empty();
    DialogTitle(std::string(icon::kCheckCircle) + "  " + state.activity_subject,
                has_deal ? (state.log_opportunity_id.empty() ? "Done. " : "Logged. ") + std::string("What is the next step on ") +
                               state.opportunity_name + "?"
                         : "Done. What came of it?");
    const float full = ImGui::GetContentRegionAvail().x;
    if (state.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        state.focus_first_field = false;
    }
    LabeledTextField("Outcome (optional)", "next-step.outcome", state.outcome, "e.g. Agreed on a pilot", state.errors,
                     "outcome", full);
    if (has_deal) {
        ImGui::Dummy(ImVec2(0, 2));
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const float half = (full - gap) * 0.5f;
        const float height = phone ? 48.0f : 38.0f;
        if (Segment(std::string(icon::kCalendar) + "  Schedule next step##schedule", state.schedule, half, height)) {
            state.schedule = true;
        }
        TagLastItem("next-step.schedule");
        ImGui::SameLine();
        if (Segment(std::string(icon::kClose) + "  No next step##none", !state.schedule, half, height)) {
            state.schedule = false;
        }
        TagLastItem("next-step.none");
        if (state.schedule) {
            DrawSchedule(quick_due_dates, state, phone);
        } else {
            LabeledTextField("Why is there no next step?", "next-step.reason", state.reason,
                             "e.g. Waiting for their budget decision in May", state.errors, "next_step", full);
        }
        // The rule's own message (for example that a reason is required) when it is not under a field.
        if (state.schedule) FieldErrorMessage(ErrorFor(state.errors, "next_step"));
    }
    FieldErrorMessage(ErrorFor(state.errors, ""));
    FieldErrorMessage(ErrorFor(state.errors, "state"));
    FieldErrorMessage(ErrorFor(state.errors, "activity_id"));
    for (const char* field : {"kind", "subject", "notes", "opportunity_id"}) FieldErrorMessage(ErrorFor(state.errors, field));
    const DialogButtons pressed = DialogActions("next-step.cancel", "Save", "next-step.save");
    if (pressed.cancel) {
        state = NextStepPromptState{};
        ImGui::CloseCurrentPopup();
    } else if (pressed.confirm) {
        commands.complete_activity =
            NextStepAnswer{state.activity_id, state.outcome, has_deal, state.schedule, state.kind, state.subject,
                           state.due_date, state.reason, state.log_opportunity_id, state.log_kind, state.log_subject,
                           state.log_notes};
    }
    EndDialog();
}

}  // namespace roadbook::ui
