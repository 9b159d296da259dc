// The App's handling of the deal detail's contacts: adding one (a refusal keeps the dialog open with the
// errors under their fields), a role changed in place (a refusal shows under that contact's row), making
// one primary (a deal field, so the change-log undo covers it) and removing one (the toast's Undo links
// the contact back with its role).
#include "app/app.h"
#include "core/text.h"

namespace roadbook {

std::string App::ContactName(const std::string& opportunity_id, const std::string& contact_id) {
    for (const ui::ContactRoleModel& row : workspace_.Deal(opportunity_id, data_version_).contacts) {
        if (row.id == contact_id) return row.name;
    }
    return "The contact";
}

void App::ApplyContactCommands(const ui::UiCommands& commands, double now_seconds) {
    ui::DealState& deal = screen_.deal;
    const auto toast = [&](std::string message, ui::ToastKind kind = ui::ToastKind::Success) {
        screen_.toast = ui::Toast{std::move(message), kind, now_seconds};
    };
    if (commands.add_contact) {
        auto added = workspace_.AddContact(*commands.add_contact);
        if (added) {
            Changed();
            const std::string role(Trim(commands.add_contact->role));
            toast(added.value() + " added to the deal" + (role.empty() ? "" : " as " + role));
            deal.add_contact = ui::AddContactDialogState{};
        } else {
            deal.add_contact.errors = added.errors();  // the dialog stays open with what was typed
        }
    }
    if (commands.change_contact_role) {
        const ui::ContactRoleChange& change = *commands.change_contact_role;
        const std::string name = ContactName(change.opportunity_id, change.contact_id);
        auto changed = workspace_.ChangeContactRole(change);
        if (changed) {
            Changed();
            if (deal.roles.error_contact_id == change.contact_id) deal.roles.errors.clear();
            const std::string role(Trim(change.role));
            toast(role.empty() ? name + " has no role on the deal now" : name + " is now " + role + " on the deal");
        } else {
            deal.roles.error_contact_id = change.contact_id;
            deal.roles.errors = changed.errors();  // the field keeps the text so the rep can shorten it
        }
    }
    if (commands.make_primary_contact) {
        const ui::DealContact& contact = *commands.make_primary_contact;
        const std::string name = ContactName(contact.opportunity_id, contact.contact_id);
        auto made = RunUndoable([&] { return workspace_.MakePrimaryContact(contact); },
                                name + " is now the primary contact", now_seconds);
        if (!made) toast(made.first_error().message, ui::ToastKind::Error);
    }
    if (commands.remove_contact) {
        auto removed = workspace_.RemoveContact(*commands.remove_contact);
        if (removed) {
            Changed();
            undo_.reset();
            undo_removal_ = removed.value();
            screen_.toast = ui::Toast{removed.value().contact_name + " removed from the deal", ui::ToastKind::Success,
                                      now_seconds, true};
        } else {
            toast(removed.first_error().message, ui::ToastKind::Error);
        }
    }
}

}  // namespace roadbook
