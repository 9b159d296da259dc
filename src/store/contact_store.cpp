// ContactStore's commands: accounts, contacts and the contacts of a deal. Each public command is one
// transaction: rows and their change-log rows commit together, and any refusal returns before Commit(), so
// nothing is written. The queries are in contact_store_queries.cpp.
#include "store/contact_store.h"

#include <cassert>
#include <functional>

#include "core/field_checks.h"
#include "core/lead.h"
#include "core/opportunity.h"
#include "store/command_support.h"
#include "store/database.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

std::string ValidateAccountName(const std::string& name, std::vector<ValidationError>& errors) {
    return ValidateText(name, TextRule{"name", "Account name", kMaxNameCharacters, true}, errors);
}

std::string ValidateRole(const std::string& role, std::vector<ValidationError>& errors) {
    return ValidateText(role, TextRule{"role", "Role", kMaxContactRoleCharacters, false}, errors);
}

// The contact fields as stored, or every broken rule.
Result<std::vector<FieldValue>> ContactFields(Database& database, const ContactDraft& draft) {
    std::vector<ValidationError> errors;
    std::string name = ValidateText(draft.name, TextRule{"name", "Name", kMaxNameCharacters, true}, errors);
    std::string email = ValidateEmail(draft.email, "email", errors);
    std::string phone = ValidateText(draft.phone, TextRule{"phone", "Phone", kMaxPhoneCharacters, false}, errors);
    std::string job_title =
        ValidateText(draft.job_title, TextRule{"job_title", "Job title", kMaxJobTitleCharacters, false}, errors);
    if (!draft.account_id.empty()) {
        auto exists = RowExists(database, "SELECT 1 FROM accounts WHERE id = ?", draft.account_id);
        if (!exists) return exists.errors();
        if (!exists.value()) errors.push_back(NotFound("account_id", "account", draft.account_id));
    }
    if (!errors.empty()) return errors;
    return std::vector<FieldValue>{
        {"name", std::move(name)},
        {"email", std::move(email)},
        {"phone", std::move(phone)},
        {"job_title", std::move(job_title)},
        {"account_id", draft.account_id.empty() ? SqlValue(nullptr) : SqlValue(draft.account_id)}};
}

// The change-log identity of a link row, which has no id of its own.
std::string LinkId(const std::string& opportunity_id, const std::string& contact_id) {
    return opportunity_id + ":" + contact_id;
}

// The role of the contact on the deal; nullopt when not linked.
Result<std::optional<std::string>> LinkedRole(Database& database, const std::string& opportunity_id,
                                              const std::string& contact_id) {
    auto statement =
        database.PrepareCached("SELECT role FROM opportunity_contacts WHERE opportunity_id = ? AND contact_id = ?",
                               "Reading the contact role");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, opportunity_id).Bind(2, contact_id);
    if (read.Step()) {
        std::string role = read.ColumnText(0);
        read.Reset();
        return std::optional<std::string>(std::move(role));
    }
    if (!read.error().empty()) return StorageError(read);
    return std::optional<std::string>();
}

Status RequireLink(Database& database, const std::string& opportunity_id, const std::string& contact_id) {
    auto role = LinkedRole(database, opportunity_id, contact_id);
    if (!role) return role.errors();
    if (!role.value()) {
        return ValidationError{"contact_id", "not-linked", "That contact is not on this opportunity."};
    }
    return Done{};
}

}  // namespace

Result<AccountCreation> ContactStore::CreateAccount(const std::string& name, const WriteContext& context) {
    AccountCreation creation;
    auto status = InTransaction(database_, [&]() -> Status {
        auto created = CreateAccountWithinTransaction(name, context);
        if (!created) return created.errors();
        creation = std::move(created).value();
        return Done{};
    });
    if (!status) return status.errors();
    return creation;
}

Result<AccountCreation> ContactStore::CreateAccountWithinTransaction(const std::string& name,
                                                                     const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    std::vector<ValidationError> errors;
    const std::string trimmed = ValidateAccountName(name, errors);
    if (!errors.empty()) return errors;
    auto existing = FindAccountByName(trimmed);
    if (!existing) return existing.errors();
    if (existing.value()) return AccountCreation{existing.value()->id, false};

    const std::string id = context.new_id();
    RecordedWriter writer(database_, context);
    auto inserted = writer.Insert("accounts", "account", id,
                                  {{"name", trimmed},
                                   {"created_at_ms", context.now_unix_ms},
                                   {"updated_at_ms", context.now_unix_ms}});
    if (!inserted) return inserted.errors();
    return AccountCreation{id, true};
}

Status ContactStore::RenameAccount(const std::string& account_id, const std::string& name,
                                   const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        std::vector<ValidationError> errors;
        const std::string trimmed = ValidateAccountName(name, errors);
        if (!errors.empty()) return errors;
        auto exists = RowExists(database_, "SELECT 1 FROM accounts WHERE id = ?", account_id);
        if (!exists) return exists.errors();
        if (!exists.value()) return NotFound("account_id", "account", account_id);
        auto twin = FindAccountByName(trimmed);
        if (!twin) return twin.errors();
        if (twin.value() && twin.value()->id != account_id) {
            return ValidationError{"name", "duplicate",
                                   "Another account is already called " + twin.value()->name + "."};
        }
        RecordedWriter writer(database_, context);
        auto updated = writer.Update("accounts", "account", account_id, {{"name", trimmed}});
        if (!updated) return updated.errors();
        return Done{};
    });
}

Result<std::string> ContactStore::CreateContact(const ContactDraft& draft, const WriteContext& context) {
    std::string id;
    auto status = InTransaction(database_, [&]() -> Status {
        auto created = CreateContactWithinTransaction(draft, context);
        if (!created) return created.errors();
        id = std::move(created).value();
        return Done{};
    });
    if (!status) return status.errors();
    return id;
}

Result<std::string> ContactStore::CreateContactWithinTransaction(const ContactDraft& draft,
                                                                 const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    auto fields = ContactFields(database_, draft);
    if (!fields) return fields.errors();
    fields.value().push_back({"created_at_ms", context.now_unix_ms});
    fields.value().push_back({"updated_at_ms", context.now_unix_ms});
    const std::string id = context.new_id();
    RecordedWriter writer(database_, context);
    if (auto inserted = writer.Insert("contacts", "contact", id, fields.value()); !inserted) return inserted.errors();
    return id;
}

Status ContactStore::EditContact(const std::string& contact_id, const ContactDraft& draft,
                                 const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto exists = RowExists(database_, "SELECT 1 FROM contacts WHERE id = ?", contact_id);
        if (!exists) return exists.errors();
        if (!exists.value()) return NotFound("contact_id", "contact", contact_id);
        auto fields = ContactFields(database_, draft);
        if (!fields) return fields.errors();
        RecordedWriter writer(database_, context);
        auto updated = writer.Update("contacts", "contact", contact_id, fields.value());
        if (!updated) return updated.errors();
        return Done{};
    });
}

Status ContactStore::LinkToOpportunity(const std::string& opportunity_id, const std::string& contact_id,
                                       const std::string& role, const WriteContext& context) {
    return InTransaction(database_, [&] { return LinkWithinTransaction(opportunity_id, contact_id, role, context); });
}

Status ContactStore::LinkWithinTransaction(const std::string& opportunity_id, const std::string& contact_id,
                                           const std::string& role, const WriteContext& context) {
    std::vector<ValidationError> errors;
    const std::string trimmed_role = ValidateRole(role, errors);
    auto primary = database_.PrepareCached("SELECT coalesce(primary_contact_id, '') FROM opportunities WHERE id = ?",
                                           "Reading the opportunity");
    if (!primary) return primary.errors();
    primary.value()->Bind(1, opportunity_id);
    const bool deal_found = primary.value()->Step();
    if (!deal_found && !primary.value()->error().empty()) return StorageError(*primary.value());
    const std::string primary_contact_id = deal_found ? primary.value()->ColumnText(0) : std::string();
    primary.value()->Reset();
    if (!deal_found) errors.push_back(NotFound("opportunity_id", "opportunity", opportunity_id));
    auto contact_found = RowExists(database_, "SELECT 1 FROM contacts WHERE id = ?", contact_id);
    if (!contact_found) return contact_found.errors();
    if (!contact_found.value()) errors.push_back(NotFound("contact_id", "contact", contact_id));
    if (!errors.empty()) return errors;

    auto current = LinkedRole(database_, opportunity_id, contact_id);
    if (!current) return current.errors();
    if (current.value()) {
        return ValidationError{"contact_id", "already-linked", "That contact is already on this opportunity."};
    }
    auto insert = database_.PrepareCached(
        "INSERT INTO opportunity_contacts (opportunity_id, contact_id, role) VALUES (?, ?, ?)", "Linking the contact");
    if (!insert) return insert.errors();
    insert.value()->Bind(1, opportunity_id).Bind(2, contact_id).Bind(3, trimmed_role);
    if (auto inserted = insert.value()->Run(); !inserted) return inserted;

    // The link has no id: its history is keyed "opportunity:contact". A link removed earlier carries a
    // tombstone; relinking lifts it so a field-by-field merge does not keep the link deleted.
    RecordedWriter writer(database_, context);
    const std::string link_id = LinkId(opportunity_id, contact_id);
    const auto record = [&](std::string_view field, const std::string& value) {
        return writer.Record("opportunity_contact", link_id, field, std::nullopt, value);
    };
    if (auto recorded = record("opportunity_id", opportunity_id); !recorded) return recorded;
    if (auto recorded = record("contact_id", contact_id); !recorded) return recorded;
    if (auto recorded = record("role", trimmed_role); !recorded) return recorded;
    auto tombstone = database_.PrepareCached(
        "SELECT new_value FROM change_log WHERE entity = 'opportunity_contact' AND entity_id = ? AND field = 'deleted' "
        "ORDER BY sequence DESC LIMIT 1", "Reading the link history");
    if (!tombstone) return tombstone.errors();
    tombstone.value()->Bind(1, link_id);
    const bool was_deleted = tombstone.value()->Step() && tombstone.value()->ColumnText(0) == "1";
    if (!tombstone.value()->error().empty()) return StorageError(*tombstone.value());
    tombstone.value()->Reset();
    if (was_deleted) {
        if (auto recorded = writer.Record("opportunity_contact", link_id, "deleted", "1", "0"); !recorded)
            return recorded;
    }

    if (primary_contact_id.empty()) {
        auto updated =
            writer.Update("opportunities", "opportunity", opportunity_id, {{"primary_contact_id", contact_id}});
        if (!updated) return updated.errors();
    }
    return Done{};
}

Status ContactStore::ChangeRole(const std::string& opportunity_id, const std::string& contact_id,
                                const std::string& role, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        std::vector<ValidationError> errors;
        const std::string trimmed_role = ValidateRole(role, errors);
        if (!errors.empty()) return errors;
        auto current = LinkedRole(database_, opportunity_id, contact_id);
        if (!current) return current.errors();
        if (!current.value()) {
            return ValidationError{"contact_id", "not-linked", "That contact is not on this opportunity."};
        }
        if (*current.value() == trimmed_role) return Done{};
        auto update = database_.PrepareCached(
            "UPDATE opportunity_contacts SET role = ? WHERE opportunity_id = ? AND contact_id = ?",
            "Changing the role");
        if (!update) return update.errors();
        update.value()->Bind(1, trimmed_role).Bind(2, opportunity_id).Bind(3, contact_id);
        if (auto updated = update.value()->Run(); !updated) return updated;
        RecordedWriter writer(database_, context);
        return writer.Record("opportunity_contact", LinkId(opportunity_id, contact_id), "role", *current.value(),
                             trimmed_role);
    });
}

Status ContactStore::Unlink(const std::string& opportunity_id, const std::string& contact_id,
                            const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        if (auto linked = RequireLink(database_, opportunity_id, contact_id); !linked) return linked;
        auto remove = database_.PrepareCached(
            "DELETE FROM opportunity_contacts WHERE opportunity_id = ? AND contact_id = ?", "Unlinking the contact");
        if (!remove) return remove.errors();
        remove.value()->Bind(1, opportunity_id).Bind(2, contact_id);
        if (auto removed = remove.value()->Run(); !removed) return removed;
        RecordedWriter writer(database_, context);
        if (auto recorded = writer.Record("opportunity_contact", LinkId(opportunity_id, contact_id), "deleted",
                                          std::nullopt, "1");
            !recorded) {
            return recorded;
        }
        auto primary = RowExists(database_, "SELECT 1 FROM opportunities WHERE id = ?1 AND primary_contact_id = ?2",
                              opportunity_id, contact_id);
        if (!primary) return primary.errors();
        if (primary.value()) {
            auto cleared =
                writer.Update("opportunities", "opportunity", opportunity_id, {{"primary_contact_id", nullptr}});
            if (!cleared) return cleared.errors();
        }
        return Done{};
    });
}

}  // namespace roadbook
