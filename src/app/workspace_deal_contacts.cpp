// The deal detail's contacts: choosing one to add (the account's people, or search as you type), adding
// an existing or a new contact with a role, changing the role, making one primary, removing one and
// putting it back (the toast's Undo). Each command is one transaction with its change-log rows.
#include <algorithm>
#include <set>

#include "app/workspace.h"
#include "core/field_checks.h"
#include "core/lead.h"
#include "core/opportunity.h"
#include "core/text.h"
#include "store/command_support.h"
#include "store/opportunity_record.h"
#include "store/search.h"

namespace roadbook {
namespace {

constexpr int kChoicesShown = 8;

// "Buyer · Café Müller · mia@example.com": what tells two people of the same name apart.
std::string ChoiceDetail(const ContactRow& contact) {
    std::string detail;
    for (const std::string* part : {&contact.job_title, &contact.account_name, &contact.email}) {
        if (!part->empty()) detail += (detail.empty() ? "" : " · ") + *part;
    }
    return detail;
}

}  // namespace

const ui::ContactPickerModel& Workspace::ContactPicker(const std::string& opportunity_id, const std::string& text,
                                                       uint64_t data_version) {
    PickerKey key{data_version, opportunity_id, text};
    if (!picker_key_ || !(*picker_key_ == key)) {
        ReloadContactPicker(opportunity_id, text);
        picker_key_ = std::move(key);
    }
    return picker_;
}

void Workspace::ReloadContactPicker(const std::string& opportunity_id, const std::string& text) {
    picker_ = ui::ContactPickerModel{};
    picker_.text = text;
    auto deal = FindOpportunity(database_, opportunity_id);
    auto linked = contacts_.ContactsOfOpportunity(opportunity_id);
    if (!deal || !linked) {
        picker_.error = !deal ? deal.first_error().message : linked.first_error().message;
        return;
    }
    std::set<std::string> linked_ids;
    for (const OpportunityContactRow& row : linked.value()) linked_ids.insert(row.contact.id);
    std::vector<ContactRow> found;
    if (Trim(text).empty()) {
        if (deal.value().account_id.empty()) return;
        auto people = contacts_.ContactsOfAccount(deal.value().account_id, kChoicesShown);
        if (!people) {
            picker_.error = people.first_error().message;
            return;
        }
        picker_.from_account = true;
        found = std::move(people).value();
    } else {
        auto hits = SearchEntity(database_, text, "contact", kChoicesShown);
        if (!hits) {
            picker_.error = hits.first_error().message;
            return;
        }
        for (const SearchHit& hit : hits.value()) {
            auto contact = contacts_.FindContact(hit.entity_id);
            if (!contact) {
                picker_.error = contact.first_error().message;
                return;
            }
            found.push_back(std::move(contact).value());
        }
    }
    for (const ContactRow& contact : found) {
        picker_.choices.push_back({contact.id, contact.name, ChoiceDetail(contact), linked_ids.count(contact.id) > 0});
    }
}

Result<OpportunityContactRow> Workspace::LinkedContact(const std::string& opportunity_id, const std::string& contact_id) {
    auto linked = contacts_.ContactsOfOpportunity(opportunity_id);
    if (!linked) return linked.errors();
    for (OpportunityContactRow& row : linked.value()) {
        if (row.contact.id == contact_id) return std::move(row);
    }
    return ValidationError{"contact_id", "not-linked", "That contact is not on this deal any more."};
}

Result<std::string> Workspace::AddContact(const ui::ContactAddition& addition) {
    auto deal = FindOpportunity(database_, addition.opportunity_id);
    if (!deal) return deal.errors();
    // Every problem of the form at once: the role's rule here, the new contact's in the store's rules.
    std::vector<ValidationError> errors;
    ValidateText(addition.role, TextRule{"role", "Role", kMaxContactRoleCharacters, false}, errors);
    ContactDraft draft{addition.name, addition.email, addition.phone, addition.job_title, deal.value().account_id};
    std::string name;
    if (addition.create_new) {
        ValidateText(draft.name, TextRule{"name", "Name", kMaxNameCharacters, true}, errors);
        const std::string email = ValidateEmail(draft.email, "email", errors);
        ValidateText(draft.phone, TextRule{"phone", "Phone", kMaxPhoneCharacters, false}, errors);
        ValidateText(draft.job_title, TextRule{"job_title", "Job title", kMaxJobTitleCharacters, false}, errors);
        const bool email_valid = std::none_of(errors.begin(), errors.end(), [](const ValidationError& error) {
            return error.field == "email";
        });
        if (!email.empty() && email_valid) {
            // An email names one person: a second contact with it is a twin the rep did not mean to make.
            auto twin = contacts_.FindContactByEmail(email);
            if (!twin) return twin.errors();
            if (twin.value()) {
                errors.push_back({"email", "duplicate", twin.value()->name + " already has the email " + email +
                                                            "; search for them instead."});
            }
        }
        name = std::string(Trim(draft.name));
    } else if (addition.contact_id.empty()) {
        errors.push_back({"contact_id", "required", "Choose a contact, or create a new one."});
    } else {
        auto contact = contacts_.FindContact(addition.contact_id);
        if (!contact) return contact.errors();
        name = contact.value().name;
    }
    if (!errors.empty()) return errors;

    const WriteContext context = new_context_();
    auto status = InTransaction(database_, [&]() -> Status {
        std::string contact_id = addition.contact_id;
        if (addition.create_new) {
            auto created = contacts_.CreateContactWithinTransaction(draft, context);
            if (!created) return created.errors();
            contact_id = std::move(created).value();
        }
        auto linked = contacts_.LinkWithinTransaction(addition.opportunity_id, contact_id, addition.role, context);
        if (!linked && linked.first_error().rule == "already-linked") {
            return ValidationError{"contact_id", "already-linked",
                                   name + " is already on this deal; change the role in the list instead."};
        }
        return linked;
    });
    if (!status) return status.errors();
    return name;
}

Status Workspace::ChangeContactRole(const ui::ContactRoleChange& change) {
    return contacts_.ChangeRole(change.opportunity_id, change.contact_id, change.role, new_context_());
}

Status Workspace::MakePrimaryContact(const ui::DealContact& contact) {
    auto linked = LinkedContact(contact.opportunity_id, contact.contact_id);
    if (!linked) return linked.errors();
    if (linked.value().is_primary) return Done{};
    OpportunityEdit edit;
    edit.primary_contact_id = contact.contact_id;
    return opportunities_.Edit(contact.opportunity_id, edit, new_context_());
}

Result<ui::ContactRemoval> Workspace::RemoveContact(const ui::DealContact& contact) {
    auto linked = LinkedContact(contact.opportunity_id, contact.contact_id);
    if (!linked) return linked.errors();
    if (auto removed = contacts_.Unlink(contact.opportunity_id, contact.contact_id, new_context_()); !removed) {
        return removed.errors();
    }
    const OpportunityContactRow& row = linked.value();
    return ui::ContactRemoval{contact.opportunity_id, contact.contact_id, row.contact.name, row.role, row.is_primary};
}

Status Workspace::RestoreContact(const ui::ContactRemoval& removal) {
    const WriteContext context = new_context_();
    return InTransaction(database_, [&]() -> Status {
        auto linked = contacts_.LinkWithinTransaction(removal.opportunity_id, removal.contact_id, removal.role, context);
        if (!linked && linked.first_error().rule == "already-linked") {
            return ValidationError{"contact_id", "changed-since",
                                   removal.contact_name + " was added to the deal again since, so the undo was not applied."};
        }
        if (!linked) return linked;
        // Linking makes the contact primary when the deal has none; the undo puts back exactly what was.
        auto deal = FindOpportunity(database_, removal.opportunity_id);
        if (!deal) return deal.errors();
        // A primary contact is primary again unless someone else was made primary since (theirs stands).
        if (removal.was_primary || deal.value().primary_contact_id != removal.contact_id) return Done{};
        OpportunityEdit edit;
        edit.primary_contact_id = std::string();
        return opportunities_.Edit(removal.opportunity_id, edit, context);
    });
}

}  // namespace roadbook
