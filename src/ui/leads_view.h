// The leads inbox: a status filter and New lead above the list; the chosen lead beside it (below it on
// phones) with its qualification checklist and the moves it allows: start working, qualify, disqualify
// with a reason, back to working, and convert into a deal (the dialog says what it links or creates).
// Tags: nav.leads, leads.filter, leads.filter.<active|new|working|qualified|disqualified|converted>,
// action.new-lead, leads.row.<lead id>, leads.empty, leads.error, lead.title, lead.status, lead.back,
// lead.check.<budget|authority|need|timing>, lead.work, lead.qualify, lead.disqualify, lead.reopen,
// lead.convert, lead.open-deal; dialogs in lead_dialogs_view.cpp.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

void DrawLeadsScreen(const LeadsModel& model, LeadsState& state, UiCommands& commands, bool phone);
// New lead, disqualify and convert (lead_dialogs_view.cpp). Tags: dialog.new-lead, new-lead.name,
// new-lead.company, new-lead.email, new-lead.phone, new-lead.source, new-lead.save; dialog.disqualify,
// disqualify.reason, disqualify.confirm; dialog.convert, convert.account, convert.contact, convert.name,
// convert.amount, convert.currency, convert.close-date, convert.pipeline.<pipeline id>, convert.confirm;
// dialog.cancel in each.
void DrawLeadDialogs(const LeadsModel& model, LeadsState& state, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
