// The App's handling of the leads inbox: new leads, checklist ticks, status moves, disqualifying and
// converting. Successes confirm with a toast; refusals keep the dialog open with the errors under their fields.
#include "app/app.h"

namespace roadbook {

void App::ApplyLeadCommands(const ui::LeadCommands& commands, double now_seconds) {
    ui::LeadsState& leads = screen_.leads;
    const auto toast = [&](std::string message, ui::ToastKind kind = ui::ToastKind::Success) {
        screen_.toast = ui::Toast{std::move(message), kind, now_seconds};
    };
    if (commands.create) {
        auto created = workspace_.CreateLead(leads.new_lead);
        if (created) {
            Changed();
            toast(leads.new_lead.name + " added to the leads");
            leads.selected_id = created.value();
            leads.filter = "active";
            leads.new_lead = ui::NewLeadDialogState{};
        } else {
            leads.new_lead.errors = created.errors();
        }
    }
    if (commands.check) {
        if (auto done = workspace_.SetLeadCheck(*commands.check); done) {
            Changed();
        } else {
            toast(done.first_error().message, ui::ToastKind::Error);
        }
    }
    if (commands.move) {
        if (auto done = workspace_.MoveLead(*commands.move); done) {
            Changed();
            toast(commands.move->status == "qualified" ? "Qualified" : "Working on it");
        } else {
            toast(done.first_error().message, ui::ToastKind::Error);
        }
    }
    if (commands.disqualify) {
        if (auto done = workspace_.DisqualifyLead(leads.selected_id, leads.disqualify.reason); done) {
            Changed();
            toast("Disqualified");
            leads.disqualify = ui::DisqualifyDialogState{};
        } else {
            leads.disqualify.errors = done.errors();
        }
    }
    if (commands.convert) {
        auto converted = workspace_.ConvertLead(leads.selected_id, leads.convert);
        if (converted) {
            Changed();
            toast("Converted: the deal and its first follow-up are in the pipeline");
            leads.convert = ui::ConvertDialogState{};
            OpenDeal(converted.value().opportunity_id);
        } else {
            leads.convert.errors = converted.errors();
        }
    }
}

}  // namespace roadbook
