// The deal detail: every field editable with its validation message under it, the stage path, probability
// with its override, forecast category, outcomes, contacts, the activity timeline and the field history.
// Tags: opp.back, opp.title, opp.status, opp.stage.<stage id>, opp.name, opp.amount, opp.currency,
// opp.close-date, opp.owner, opp.owner.<user id>, opp.priority, opp.source, opp.tags, opp.needs, opp.save,
// opp.revert, opp.probability, opp.probability-set, opp.probability-reset, opp.probability-overridden,
// opp.forecast, opp.forecast.<category>, opp.forecast.stage, opp.mark-won, opp.mark-lost, opp.postpone,
// opp.archive, opp.reopen, opp.log-activity, opp.activity.<activity id>, opp.history.<n>, opp.next-activity,
// opp.sync-state, opp.sync-resolve; contacts: opp.add-contact, opp.contact.<contact id> (the name) with .primary,
// .role, .role-suggestions, .role.<suggestion>, .make-primary, .remove; dialogs in deal_dialogs_view.cpp and
// add_contact_dialog_view.cpp.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// Opens the Log activity dialog fresh, its first field focused (the button and the L shortcut).
void OpenLogDialog(DealState& state);
void DrawDealScreen(const DealDetailModel& model, const RecordSyncModel* sync, DealState& state, UiCommands& commands,
                    bool phone);
// Contacts, timeline and history (deal_sections_view.cpp).
void DrawDealSections(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone);
// The contacts with their roles, each editable in place (deal_contacts_view.cpp).
void DrawDealContacts(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone);
// Add contact (add_contact_dialog_view.cpp); `picker` holds the choices for the text typed, when open.
void DrawAddContactDialog(const DealDetailModel& model, const ContactPickerModel* picker, AddContactDialogState& dialog,
                          UiCommands& commands, bool phone);
// Log activity, lost, postpone and won (deal_dialogs_view.cpp).
void DrawDealDialogs(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone);

}  // namespace roadbook::ui
