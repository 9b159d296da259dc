// The leads inbox's dialogs: a new lead, disqualifying with a reason, and converting into a deal with what
// it will link or create said before anything is written.
#include <imgui.h>

#include <string>

#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/leads_view.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

void CloseWhenCancelled(const DialogButtons& pressed, bool& open) {
    if (!pressed.cancel) return;
    open = false;
    ImGui::CloseCurrentPopup();
}

void DrawNewLead(NewLeadDialogState& dialog, UiCommands& commands, bool phone) {
    if (!BeginDialog("New lead###new-lead", "dialog.new-lead", dialog.open, phone)) return;
    DialogTitle("New lead", "Someone who might buy: qualify them, then convert them into a deal.");
    const auto& errors = dialog.errors;
    LabeledTextField("Name", "new-lead.name", dialog.name, "Ana Ruiz", errors, "name");
    LabeledTextField("Company", "new-lead.company", dialog.company, "Müller Logistik", errors, "company");
    LabeledTextField("Email", "new-lead.email", dialog.email, "ana@example.com", errors, "email");
    LabeledTextField("Phone", "new-lead.phone", dialog.phone, "+49 30 1234567", errors, "phone");
    LabeledTextField("Source", "new-lead.source", dialog.source, "Trade fair, website, referral", errors, "source");
    FieldErrorMessage(ErrorFor(errors, ""));
    const DialogButtons pressed = DialogActions("dialog.cancel", "Add lead", "new-lead.save");
    CloseWhenCancelled(pressed, dialog.open);
    if (pressed.confirm) commands.leads.create = true;
    EndDialog();
}

void DrawDisqualify(const LeadDetailModel& lead, DisqualifyDialogState& dialog, UiCommands& commands, bool phone) {
    if (!BeginDialog("Disqualify###disqualify", "dialog.disqualify", dialog.open, phone)) return;
    DialogTitle("Disqualify " + lead.name + "?", "The lead leaves the inbox; the reason stays with it.");
    LabeledTextField("Reason", "disqualify.reason", dialog.reason, "No budget this year", dialog.errors,
                     "disqualify_reason");
    FieldErrorMessage(ErrorFor(dialog.errors, ""));
    const DialogButtons pressed = DialogActions("dialog.cancel", "Disqualify", "disqualify.confirm");
    CloseWhenCancelled(pressed, dialog.open);
    if (pressed.confirm) commands.leads.disqualify = true;
    EndDialog();
}

void DrawConvert(const LeadsModel& model, const LeadDetailModel& lead, ConvertDialogState& dialog, UiCommands& commands,
                 bool phone) {
    if (dialog.open && dialog.lead_id != lead.id) {
        // Filled once per lead, from what the preview suggests.
        dialog.lead_id = lead.id;
        dialog.deal_name = lead.default_deal_name;
        dialog.currency = model.reporting_currency;
        dialog.close_date = model.default_close_date;
        dialog.pipeline_id = model.pipelines.empty() ? std::string() : model.pipelines.front().id;
    }
    if (!BeginDialog("Convert###convert", "dialog.convert", dialog.open, phone, 520.0f)) return;
    DialogTitle("Convert " + lead.name + " into a deal", "A first follow-up task is scheduled in two days.");
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_Text, palette.text_muted);
    ImGui::TextWrapped("%s  %s", icon::kBuilding, lead.account_text.c_str());
    TagLastItem("convert.account", lead.account_text);
    ImGui::TextWrapped("%s  %s", icon::kUser, lead.contact_text.c_str());
    TagLastItem("convert.contact", lead.contact_text);
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 4));
    const auto& errors = dialog.errors;
    LabeledTextField("Deal name", "convert.name", dialog.deal_name, "Müller Logistik deal", errors, "opportunity_name");
    const float half = phone ? -1.0f : (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::BeginGroup();
    LabeledTextField("Amount", "convert.amount", dialog.amount, "12,500.00", errors, "amount", half);
    ImGui::EndGroup();
    if (!phone) ImGui::SameLine();
    ImGui::BeginGroup();
    LabeledTextField("Currency", "convert.currency", dialog.currency, "EUR", errors, "currency", half);
    ImGui::EndGroup();
    LabeledTextField("Expected close date", "convert.close-date", dialog.close_date, "YYYY-MM-DD", errors,
                     "expected_close_date");
    if (model.pipelines.size() > 1) {
        MutedText("Pipeline");
        for (const ChoiceModel& pipeline : model.pipelines) {
            if (ImGui::RadioButton((pipeline.label + "##convert.pipeline." + pipeline.id).c_str(),
                                   dialog.pipeline_id == pipeline.id)) {
                dialog.pipeline_id = pipeline.id;
            }
            TagLastItem("convert.pipeline." + pipeline.id, pipeline.label);
            ImGui::SameLine(0, 16);
        }
        ImGui::NewLine();
    }
    FieldErrorMessage(ErrorFor(errors, "pipeline_id"));
    FieldErrorMessage(ErrorFor(errors, "status"));
    FieldErrorMessage(ErrorFor(errors, ""));
    const DialogButtons pressed = DialogActions("dialog.cancel", "Convert", "convert.confirm");
    CloseWhenCancelled(pressed, dialog.open);
    if (pressed.confirm) commands.leads.convert = true;
    EndDialog();
}

}  // namespace

void DrawLeadDialogs(const LeadsModel& model, LeadsState& state, UiCommands& commands, bool phone) {
    DrawNewLead(state.new_lead, commands, phone);
    if (!model.detail) return;
    DrawDisqualify(*model.detail, state.disqualify, commands, phone);
    DrawConvert(model, *model.detail, state.convert, commands, phone);
}

}  // namespace roadbook::ui
